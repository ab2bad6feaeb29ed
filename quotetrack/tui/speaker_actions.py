"""Speakers managed where they are seen: merge, rename, "not a speaker" and undo, for the app.

``SpeakerActions`` is mixed into the app: the main screen's keys and the
command palette call its methods with the selected official. Each asks what
it needs (the official to merge into, the new name), then stores the
correction in a worker through ``quotetrack.library.corrections``, exactly
as the CLI does, and the officials list is read again at once.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

from textual import work

from quotetrack.library import corrections, queries, store
from quotetrack.tui import messages
from quotetrack.tui.data import Official

# a change stored in a worker: it returns what to tell the user and the official to select
Change = Callable[[object], tuple[str, int | None]]


class SpeakerActions:
    """The app's speaker corrections (the app provides ``library``, ``main_screen`` and ``notify``)."""

    def merge_official(self, official: Official | None) -> None:
        """Ask which official ``official`` is, then merge it into that one (who keeps its id)."""
        from quotetrack.tui.picker import OfficialPicker, Pick

        if official is None:
            return

        def chosen(pick: Pick | None) -> None:
            if pick is not None and pick.speaker_id is not None:
                def change(db):
                    target, _merged = corrections.merge(db, [official.id], pick.speaker_id)
                    return ("Merged %s into %s (ctrl+z to undo)" % (official.name, target),
                            pick.speaker_id)
                self.store_speakers(change)

        self.push_screen(OfficialPicker("Merge %s into… (pick the official who stays)" % official.name,
                                        exclude=official.id), chosen)

    def rename_official(self, official: Official | None) -> None:
        """Ask for a new name for ``official``, then store the rename."""
        from quotetrack.tui.corrections_screen import RenameScreen

        if official is None:
            return

        def named(new: str | None) -> None:
            if new:
                def change(db):
                    old, name = corrections.rename(db, official.id, new)
                    return "Renamed %s to %s (ctrl+z to undo)" % (old, name), official.id
                self.store_speakers(change)

        self.push_screen(RenameScreen(official.name), named)

    def hide_official(self, official: Official | None) -> None:
        """Store that ``official`` is no speaker: the name and its statements leave the lists."""
        if official is None:
            return
        main = self.main_screen()
        after = main.neighbour_of(official.id) if main is not None else None

        def change(db):
            name, count = corrections.hide(db, official.id)
            return ("%s is not a speaker: %d statements hidden (ctrl+z to undo)" % (name, count), after)
        self.store_speakers(change)

    def show_corrections(self) -> None:
        """The stored corrections, to undo one."""
        from quotetrack.tui.corrections_screen import CorrectionsScreen

        if not isinstance(self.screen, CorrectionsScreen):
            self.push_screen(CorrectionsScreen())

    def undo_correction(self, entry: int) -> None:
        """Undo the stored correction ``entry``."""
        def change(db):
            row = corrections.undo(db, entry)
            what = "%s → %s" % (row["from"], row["to"]) if row["to"] else row["from"]
            return "Undid the %s of %s" % (row["correction"], what), None
        self.store_speakers(change)

    @work(thread=True, exclusive=True, group="correct")
    def store_speakers(self, change: Change) -> None:
        """Store a speaker correction on this thread's connection; report by message."""
        done = self.stored_correction(change)
        if done is not None:
            text, select = done
            self.post_message(messages.SpeakersChanged(text, select))

    def stored_correction(self, change: Callable):
        """``change(db)`` on this thread's connection, or None after a Failed message
        saying why the correction could not be stored."""
        try:
            with self.library.connection() as db:
                return change(db)
        except (queries.NotFound, corrections.CorrectionError, store.StoreError) as exc:
            self.post_message(messages.Failed(str(exc.args[0] if exc.args else exc)))
        except sqlite3.Error as exc:
            self.post_message(messages.Failed("the correction could not be stored: %s" % exc))
        return None

    def on_speakers_changed(self, message: messages.SpeakersChanged) -> None:
        """Say what changed and read the lists again, the given official selected."""
        self.notify(message.text, markup=False)
        self.watcher.changed()  # this change is read now: the library watch need not read it again
        main = self.main_screen()
        if main is not None:
            main.reload(select=message.speaker_id)
        if hasattr(self.screen, "reload") and self.screen is not main:
            self.screen.reload()
