"""A timeline drawn as a chart on a plotext figure: the browser's (textual-plotext) or the terminal's.

``draw(figure, timeline, selected, width)`` only calls plotext's figure
methods, so the browser's ``PlotextPlot.plt`` and a plain
``plotext`` figure (``quotetrack timeline --chart``) draw the same chart;
the caller sets the size and theme and builds it. Bars while each period
gets a few columns of the width, lines beyond that (years of weeks); a
second official is drawn in a second fill (and colour), so the chart reads
without colour too; the selected period is marked by a vertical line.
"""

from __future__ import annotations

from quotetrack.library.timeline import Timeline

MARKERS = ("sd", "▒")       # bar fills, one an official: distinct in black and white
LINE_MARKERS = ("braille", "hd")  # fine dots, half blocks: the lines tell apart without colour
COLOURS = ("blue+", "orange+")
MARK = "red"                # the selected period's line
TICK_ROOM = 6               # columns between two x-axis labels (plotext drops labels that crowd)
BAR_COLUMNS = 3             # columns each bar needs; fewer and the periods are drawn as lines


def draw(fig, tl: Timeline, selected: int | None = None, width: int = 80, height: int = 20) -> None:
    """Draw ``tl`` on plotext figure ``fig`` (its data cleared first), ``selected`` marked;
    ``width`` and ``height`` (the figure's size in cells) decide how many ticks fit."""
    fig.clear_data()
    n = len(tl.starts)
    if not n or not tl.series:
        fig.title("No dated statements")
        return
    xs = list(range(n))
    series = tl.series[:len(MARKERS)]
    if n * len(series) * BAR_COLUMNS <= width:
        if len(series) == 1:
            fig.bar(xs, list(series[0].counts), label=series[0].speaker, marker=MARKERS[0],
                    color=COLOURS[0])
        else:
            fig.multiple_bar(xs, [list(s.counts) for s in series], labels=[s.speaker for s in series],
                             marker=list(MARKERS[:len(series)]), color=list(COLOURS[:len(series)]))
    else:
        for s, marker, colour in zip(series, LINE_MARKERS, COLOURS):
            fig.plot(xs, list(s.counts), label=s.speaker, marker=marker, color=colour)
    ticks = x_ticks(n, width // (len(tl.labels[0]) + TICK_ROOM))
    fig.xticks(ticks, [tl.labels[i] for i in ticks])
    top = max((c for s in series for c in s.counts), default=0)
    fig.yticks(y_ticks(top, max(2, (height - 3) // 2)))
    if selected is not None and 0 <= selected < n:
        fig.vline(selected, MARK)


def x_ticks(n: int, room: int) -> list[int]:
    """The periods to label on the x axis: evenly spaced, at most ``room`` (at least two), the first
    and last among them."""
    room = max(2, room)
    if n <= room:
        return list(range(n))
    step = -(-(n - 1) // (room - 1))
    ticks = list(range(0, n, step))
    if ticks[-1] != n - 1:
        if n - 1 - ticks[-1] <= step / 2:
            ticks[-1] = n - 1  # the last period always named, its neighbour tick dropped
        else:
            ticks.append(n - 1)
    return ticks


def y_ticks(top: int, most: int = 6) -> list[int]:
    """Whole-number y ticks from 0 to at least ``top`` (counts have no halves), at most ``most``
    (two or more)."""
    step = max(1, -(-top // max(1, most - 1)))
    return list(range(0, max(top, 1) + step, step))
