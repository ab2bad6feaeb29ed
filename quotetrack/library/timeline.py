"""Officials' statements over time: how many each week or month, for the timeline chart and command.

A statement (``statements.key``: one reported by several articles counts
once) falls in the period of its first dated report. Weeks run Monday to
Sunday and are named by their Monday ("2016-02-29"), months by year and
month ("2016-03"). The periods run from the first statement of any of the
officials to the last of any, the empty ones included, so two officials
share one axis and a quiet month shows as a gap, not as nothing.
Statements whose articles have no date are counted apart (``undated``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

import sqlite_utils

from quotetrack.library import statements
from quotetrack.library.statements import Filters

BY = ("week", "month")
COLUMNS = ("period", "from", "until", "speaker", "speaker_id", "statements")


class BadPeriod(ValueError):
    """A period other than week or month (one-line message)."""


def period_start(day: date, by: str) -> date:
    """The first day of the week (a Monday) or month holding ``day``."""
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise BadPeriod("a timeline is by week or month, not %r" % by)


def next_start(start: date, by: str) -> date:
    """The first day of the period after the one starting on ``start``."""
    if by == "week":
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def label(start: date, by: str) -> str:
    """A period's name: "2016-03" for a month, its Monday "2016-02-29" for a week."""
    return start.isoformat()[:7] if by == "month" else start.isoformat()


@dataclass(frozen=True)
class Series:
    """One official's counts, one a period of the timeline, and the statements without a date."""

    speaker_id: int
    speaker: str
    counts: tuple[int, ...]
    undated: int = 0

    @property
    def total(self) -> int:
        """The dated statements counted."""
        return sum(self.counts)


@dataclass(frozen=True)
class Timeline:
    """Periods (their first days, in order) and each official's counts over them."""

    by: str
    starts: tuple[date, ...]
    series: tuple[Series, ...]

    @property
    def labels(self) -> list[str]:
        """The periods' names."""
        return [label(s, self.by) for s in self.starts]

    def bounds(self, index: int) -> tuple[str, str]:
        """(first day, first day of the next period) of period ``index``, as ISO dates."""
        start = self.starts[index]
        return start.isoformat(), next_start(start, self.by).isoformat()

    def latest(self) -> int | None:
        """The index of the last period with a statement, or None when there is none."""
        return next((i for i in range(len(self.starts) - 1, -1, -1)
                     if any(s.counts[i] for s in self.series)), None)

    def rows(self) -> list[dict]:
        """One row a period and official: period, from, until (inclusive), speaker, speaker_id,
        statements; the periods in order, the officials as given within each."""
        out = []
        for i, start in enumerate(self.starts):
            last = (next_start(start, self.by) - timedelta(days=1)).isoformat()
            for s in self.series:
                out.append({"period": label(start, self.by), "from": start.isoformat(), "until": last,
                            "speaker": s.speaker, "speaker_id": s.speaker_id, "statements": s.counts[i]})
        return out


class First(NamedTuple):
    """A statement by its first report: the speaker, the day (None when undated), the quote that
    shows it, and how many articles report it. (A tuple: a speaker may have thousands.)"""

    speaker_id: int
    day: date | None
    quote_id: int
    reports: int


def first_reports(db: sqlite_utils.Database, speaker_ids: list[int], filters: Filters = Filters(),
                  quote_ids: list[int] | None = None) -> list[First]:
    """Every statement of ``speaker_ids`` by its first report, as ``filters`` (and ``quote_ids``,
    when given) keep them; the newest first, the undated last, the articles of one day in the
    order stored.

    What a timeline counts, whatever the period: the browser reads this once
    and counts it by week or month, and lists a period's statements from it.
    """
    conn = statements.connection(db)
    where, params = ["q.speaker_id IN (SELECT value FROM json_each(?))"], [statements.json_ids(speaker_ids)]
    filters.where(where, params)
    if quote_ids is not None:
        where.append("q.id IN (SELECT value FROM json_each(?))")
        params.append(statements.json_ids(quote_ids))
    # the bare columns come from the row of the group's one min(): its first report
    sql = ("SELECT q.speaker_id, " + statements.FIRST + " AS first, q.id, "
           "count(DISTINCT q.article_id) FROM quotes q JOIN articles a ON a.id = q.article_id "
           "WHERE " + " AND ".join(where) + " GROUP BY q.speaker_id, " + statements.KEY + " "
           + statements.ORDER)
    days: dict[str, date | None] = {}
    out = []
    for sid, first, qid, reports in conn.execute(sql, params):
        text = first[:10]
        if text not in days:
            try:
                days[text] = date.fromisoformat(text)
            except ValueError:  # "~" (no date) or a date the source wrote wrongly
                days[text] = None
        out.append(First(sid, days[text], qid, reports))
    return out


def count(firsts: list[First], speakers: list[tuple[int, str]], by: str = "month") -> Timeline:
    """The timeline of ``speakers`` ((id, name) pairs) from their statements' first reports."""
    if by not in BY:
        raise BadPeriod("a timeline is by week or month, not %r" % by)
    ids = [sid for sid, _ in speakers]
    by_period: dict[int, dict[date, int]] = {sid: {} for sid in ids}
    undated = dict.fromkeys(ids, 0)
    for f in firsts:
        if f.speaker_id not in by_period:
            continue
        if f.day is None:
            undated[f.speaker_id] += 1
            continue
        start = period_start(f.day, by)
        by_period[f.speaker_id][start] = by_period[f.speaker_id].get(start, 0) + 1
    found = [d for counts in by_period.values() for d in counts]
    starts = []
    if found:
        start, last = min(found), max(found)
        while start <= last:
            starts.append(start)
            start = next_start(start, by)
    series = tuple(Series(sid, name, tuple(by_period[sid].get(s, 0) for s in starts), undated[sid])
                   for sid, name in speakers)
    return Timeline(by, tuple(starts), series)


def in_period(firsts: list[First], tl: Timeline, index: int) -> list[First]:
    """The statements first reported in period ``index`` of ``tl``, newest first."""
    start = tl.starts[index]
    end = next_start(start, tl.by)
    return [f for f in firsts if f.day is not None and start <= f.day < end]


def timeline(db: sqlite_utils.Database, speakers: list[tuple[int, str]], by: str = "month",
             filters: Filters = Filters(), quote_ids: list[int] | None = None) -> Timeline:
    """The timeline of ``speakers`` ((id, name) pairs, as ``resolve_speaker`` gives them) by
    ``by`` (week or month), their statements narrowed by ``filters`` and, when given, to
    ``quote_ids`` (a search's hits: ``--about``)."""
    if by not in BY:
        raise BadPeriod("a timeline is by week or month, not %r" % by)
    return count(first_reports(db, [sid for sid, _ in speakers], filters, quote_ids), speakers, by)
