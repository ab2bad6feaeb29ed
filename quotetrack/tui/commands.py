"""The command palette's domain actions: jump to an official, compare, timeline, filters, export,
report, search, refresh, help, and the selected official's corrections (merge, rename, not a
speaker, undo).

The theme is Textual's own palette entry ("Theme"), next to these.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

MAX_OFFICIALS = 2000  # the most quoted ones are offered; the filter on the main screen finds any


class QuotetrackCommands(Provider):
    """Commands on the library's officials and the list on screen."""

    def commands(self) -> list[tuple[str, object, str]]:
        """(name, callback, help) for every command on offer now."""
        app = self.app
        current = app.current_official()
        out = [
            ("Search all statements", app.action_search, "Find a phrase in what every official said (/)"),
            ("Export the current list as CSV", partial(app.export, "csv"),
             "Write the list on screen to a CSV file in the current folder"),
            ("Export the current list as JSON", partial(app.export, "json"),
             "Write the list on screen to a JSON file in the current folder"),
            ("Compare with…", partial(app.compare_with, current),
             "Compare %s with another official" % current.name if current else "Compare two officials"),
            ("Help", app.action_help, "Keys and screens (F1)"),
            ("Refresh", app.action_refresh,
             "Read the library again (done by itself when another process changes it) (F5)"),
            ("Report on the current list as HTML", partial(app.report, "html"),
             "One self-contained page with citations, as quotetrack report writes it, in the current folder"),
            ("Report on the current list as Markdown", partial(app.report, "md"),
             "The statements with citations as Markdown, as quotetrack report writes it"),
            ("Undo a correction…", app.show_corrections,
             "The stored corrections (merges, renames, not a speaker, reassignments): undo any (ctrl+z)"),
        ]
        if current is not None:
            out[4:4] = [
                ("Timeline of %s" % current.name, partial(app.open_timeline, [current.id]),
                 "Statements over time, by week or month, as a chart (t)"),
            ]
        # the screen the palette was opened on, when its list can be filtered
        if hasattr(self.screen, "action_filters"):
            out.insert(4, ("Filter statements…", self.screen.action_filters,
                           "Only statements of a date range, a publisher, a minimum length (f)"))
        if current is not None:
            out += [
                ("Merge %s into…" % current.name, partial(app.merge_official, current),
                 "Pick the official %s is; that one keeps its id (F3)" % current.name),
                ("Rename %s…" % current.name, partial(app.rename_official, current),
                 "Give the official another name, kept by later ingests (F2)"),
                ("%s is not a speaker" % current.name, partial(app.hide_official, current),
                 "Hide the name and its statements from the lists (Delete)"),
            ]
        for o in list(app.officials)[:MAX_OFFICIALS]:
            role = " (%s)" % o.role if o.role else ""
            out.append(("Jump to %s" % o.name, partial(app.jump_to_official, o.id),
                        "%s%s: %d statements" % (o.name, role, o.quotes)))
            if current is not None and o.id != current.id:
                out.append(("Compare %s with %s" % (current.name, o.name),
                            partial(app.compare_pair, current.id, o.id),
                            "Their statements side by side, paired by subject"))
        return out

    async def discover(self) -> Hits:
        """The commands shown before anything is typed (officials: the ten most quoted)."""
        commands = self.commands()
        jumps = [c for c in commands if c[0].startswith("Jump to ")][:10]
        # the domain actions, not the list of "Compare A with B" pairs
        fixed = [c for c in commands
                 if not c[0].startswith(("Jump to ", "Compare ")) or c[0] == "Compare with…"]
        for name, callback, help_text in fixed + jumps:
            yield DiscoveryHit(Text(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed."""
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
