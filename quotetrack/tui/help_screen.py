"""The help screen (F1 or ?): what each screen does and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# quotetrack

Browse, search and compare what officials said, quote by quote.

## Main screen
| Key | |
|---|---|
| type on the officials list, `ctrl+f` | filter the officials (fuzzy, names and roles); `Esc` clears |
| `↑` `↓` `Enter`, `Tab`, `h` `l` | move; go from the officials to their statements and back |
| `/` | search every statement as you type (typos are fine); `Enter` opens the best hit |
| `c` | compare the selected official with another (these letter keys act from the statements list and the detail; on the officials list letters filter) |
| `t` | the official's timeline: statements by week or month, as a chart |
| `f` | filter the statements: date range, publisher, minimum length (`ctrl+l` clears) |
| `a` | the whole article, every statement coloured by speaker (`n`/`p`: next/previous statement) |
| `F4` | show quotations only, reported speech only, every kind with attitudes (believes, wants), then every kind again (on every screen) |
| `r` | correct the statement's speaker: pick an official, or type a new name and `ctrl+n` |
| `y` | copy the statement with its citation |
| `F3` | merge the selected official into another: pick the one who stays (it keeps its id) |
| `F2` | rename the selected official |
| `Delete` | the selected name is not a speaker: it and its statements leave the lists |
| `ctrl+z` | the stored corrections, newest first: `Enter` or `u` undoes the highlighted one |
| `ctrl+p` | command palette: jump to an official, compare with…, the timeline, filters, export the list as CSV or JSON, a report of it as HTML or Markdown, the corrections above, theme |
| `F5` `ctrl+r` | read the library again (done by itself when another process changes it) |
| `F1` `?` | this help |
| `ctrl+q` | quit |

`j` `k` move in the statement, hit and pair lists; `g` `G` go to the top and bottom.

A statement reported by several articles is listed once, with "+N articles".
Quotations are shown in quotation marks, reported speech without them; the
officials' D·M·I column counts their direct, mixed and indirect statements.

## Compare screen
`[` and `]` choose the officials on the left and right, `s` swaps them, `ctrl+f`
filters by a phrase, `f` by dates, publisher and length (fragments under 20
characters are left out until you change it), `t` sets both on one timeline,
`Enter` opens a statement.

## Timeline
The chart counts statements by month (`w`: by week), each in the period of its
first report. `←` `→` on the chart, or `p` `n`, or a click choose the period
whose statements are listed under it; `+` sets another official on the same
chart, `-` takes it off; `ctrl+f` narrows to a phrase (as search finds it), `f`
to dates, publisher and length; `Enter` opens a statement.

## Corrections
A correction is stored in the library and holds on every later ingest of the
same article (`quotetrack quotes reassign`, `speakers merge`, `speakers rename` and
`speakers hide` do the same from the shell). Any of them can be undone (`ctrl+z`, or
`quotetrack corrections undo ID`): the library is then as if it had never been made.

## The library
The browser reads the file given by `--db`, else `$QUOTETRACK_DB`, else the
default library. Fill it with `quotetrack ingest PATH...`.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and what they do."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close-help", tooltip="Close the help"),
        Binding("f1", "dismiss", "Close", show=False, id="close-help-f1"),
        Binding("question_mark", "dismiss", "Close", show=False, id="close-help-q"),
    ]

    def compose(self) -> ComposeResult:
        """The help text."""
        with VerticalScroll(id="help"):
            yield Markdown(HELP)

    def action_dismiss(self) -> None:
        """Close."""
        self.dismiss(None)
