"""The command palette's domain actions: jump to an official, compare, timeline, filters, export,
search, refresh, help.

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
        jumps = [i for i, c in enumerate(commands) if c[0].startswith("Jump to ")]
        fixed = commands[:jumps[0]] if jumps else commands
        for name, callback, help_text in fixed + [commands[i] for i in jumps[:10]]:
            yield DiscoveryHit(Text(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed."""
        matcher = self.matcher(query)
        for name, callback, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
