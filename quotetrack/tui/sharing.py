"""A report of the view on screen, as ``quotetrack report`` writes it (Markdown or one HTML page).

``ShareActions`` is mixed into the app; the palette calls ``report``. Each
screen that can be reported has ``report_source()``: a title, the speaker
ids and the quote ids it shows (None: all of those speakers' statements).
The rows and the rendering are ``quotetrack.library.report``'s, so the file
is the same one the CLI would write for that selection.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual import work

from quotetrack.library import report as reporting
from quotetrack.tui import messages


class ShareActions:
    """The app's report action (the app provides ``screen``, ``library`` and ``export_dir``)."""

    def report(self, fmt: str) -> None:
        """Write a report (``fmt`` "md" or "html") of the view on screen to the export folder."""
        source = getattr(self.screen, "report_source", None)
        found = source() if source else None
        if found is None:
            self.notify("There are no statements to report here.", severity="warning")
            return
        title, speaker_ids, quote_ids = found
        slug = re.sub(r"[^\w]+", "-", title).strip("-").lower() or "statements"
        path = self.export_dir / ("quotetrack-report-%s.%s" % (slug[:60], fmt))
        self.write_report(path, fmt, title, speaker_ids, quote_ids)

    @work(thread=True, group="report")
    def write_report(self, path: Path, fmt: str, title: str, speaker_ids: list[int] | None,
                     quote_ids: list[int] | None) -> None:
        """Read the statements and write the report."""
        try:
            with self.library.connection() as db:
                rows = reporting.report_rows(db, speaker_ids, quote_ids)
            render = reporting.html if fmt == "html" else reporting.markdown
            path.write_text(render(rows, title, None), encoding="utf-8")
        except OSError as exc:
            self.post_message(messages.Failed("cannot write %s: %s" % (path, exc.strerror or exc)))
            return
        self.post_message(messages.Reported(str(path), len(rows), len({r["speaker_id"] for r in rows})))

    def on_reported(self, message: messages.Reported) -> None:
        """Say where the report is."""
        self.notify("Wrote a report of %d statements by %d officials to %s"
                    % (message.statements, message.speakers, message.path), markup=False)
