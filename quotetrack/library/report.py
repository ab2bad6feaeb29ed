"""A report to hand a colleague: statements grouped by speaker, each with its source and a citation.

``report_rows`` reads the statements from the library; ``markdown`` and
``html`` are pure functions from those rows to text. Everything that comes
from the data (quotes, names, titles, urls) is escaped for the format, so an
article holding ``<script>`` or ``**`` shows those characters; a link is
made only of an http(s) url. The HTML is one self-contained file: inline
CSS, no scripts, fonts or images fetched from anywhere.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass
from typing import Iterable

import sqlite_utils

from quotetrack.library.queries import date_filters

COLUMNS = ("id", "kind", "text", "speaker_id", "speaker", "role", "publisher", "published", "title", "url",
           "article")


@dataclass(frozen=True)
class Group:
    """One speaker's statements in a report: name, the role most given, the rows."""

    speaker: str
    role: str | None
    rows: tuple[dict, ...]


def report_rows(db: sqlite_utils.Database, speaker_ids: Iterable[int] | None = None,
                quote_ids: Iterable[int] | None = None, since: str | None = None,
                until: str | None = None) -> list[dict]:
    """The statements to report: of ``speaker_ids`` (all with a speaker when None), among
    ``quote_ids`` when given (e.g. a search's hits), in the date range (inclusive); by speaker
    (most quoted first), then date (undated last) and position. Statements of speech of every
    kind (quotations and reported speech: ``kind``), not of attitude."""
    where, params = ["q.speaker_id IS NOT NULL", "q.cue_type = 'speech'"], []
    if speaker_ids is not None:
        ids = list(speaker_ids)
        where.append("q.speaker_id IN (%s)" % ",".join("?" * len(ids)) if ids else "0")
        params += ids
    if quote_ids is not None:
        ids = list(quote_ids)
        where.append("q.id IN (%s)" % ",".join("?" * len(ids)) if ids else "0")
        params += ids
    date_filters(where, params, since, until)
    sql = ("SELECT q.id, q.kind, q.text, q.speaker_id, s.name, q.roles, s.roles, a.publisher, a.published, "
           "a.title, a.url, a.id FROM quotes q JOIN articles a ON a.id = q.article_id "
           "JOIN speakers s ON s.id = q.speaker_id WHERE " + " AND ".join(where)
           + " ORDER BY s.quotes DESC, s.name, s.id, a.published IS NULL, a.published, a.rowid, "
             "q.start, q.id")
    out = []
    for qid, kind, text, sid, name, q_roles, s_roles, publisher, published, title, url, aid in db.execute(
            sql, params):
        # the role this article gave, else the one the speaker is mostly given
        roles = _roles(q_roles) or _roles(s_roles)
        out.append(dict(zip(COLUMNS, (qid, kind, text, sid, name, roles[0] if roles else None, publisher,
                                      published, title, url, aid))))
    return out


def _roles(value: str | None) -> list[str]:
    """A JSON list of roles as a list (empty when missing or malformed)."""
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return [r for r in data if isinstance(r, str)] if isinstance(data, list) else []


def groups(rows: Iterable[dict]) -> list[Group]:
    """The rows grouped by speaker, in the order the speakers first come."""
    by_speaker: dict[int, list[dict]] = {}
    for row in rows:
        by_speaker.setdefault(row["speaker_id"], []).append(row)
    out = []
    for members in by_speaker.values():
        roles = [r["role"] for r in members if r["role"]]
        role = max(set(roles), key=lambda r: (roles.count(r), -roles.index(r))) if roles else None
        out.append(Group(members[0]["speaker"], role, tuple(members)))
    return out


def citation(row: dict) -> str:
    """A statement with its citation, as the browser copies it:
    “…” — Name, Role. Publisher, “Title”, date. URL (reported speech without quotation marks:
    the words are the article's, not the speaker's)"""
    who = row["speaker"] or "unknown speaker"
    if row.get("role"):
        who += ", " + row["role"]
    source = [p for p in (row.get("publisher"), "“%s”" % row["title"] if row.get("title") else None,
                          row.get("published")) if p]
    quoted = row.get("kind", "direct") == "direct"
    text = ("“%s” — %s" if quoted else "%s — %s") % (" ".join(row["text"].split()), who)
    if source:
        text += ". " + ", ".join(source)
    if row.get("url"):
        text += ". " + row["url"]
    return text


def _heading(title: str, rows: list[dict], scope: str | None) -> tuple[str, str]:
    """The report's title and the line under it (how many statements, of whom, which filters)."""
    speakers = len({r["speaker_id"] for r in rows})
    line = "%d statement%s by %d speaker%s" % (len(rows), "" if len(rows) == 1 else "s", speakers,
                                              "" if speakers == 1 else "s")
    return title, line + ("; " + scope if scope else "")


# -- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#|!~])")


def _md(text: str | None) -> str:
    """Data as Markdown text: special characters escaped, whitespace (newlines too) as one space,
    so a quote cannot open a heading, a link or raw HTML."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def markdown(rows: list[dict], title: str = "Statements", scope: str | None = None) -> str:
    """The report as Markdown: a section a speaker, each statement a block quote with its source
    and citation."""
    head, line = _heading(title, rows, scope)
    out = ["# " + _md(head), "", _md(line), ""]
    for group in groups(rows):
        out += ["## " + _md(group.speaker) + (" — " + _md(group.role) if group.role else ""), ""]
        for row in group.rows:
            out.append("> " + _md(row["text"]))
            out.append("")
            source = [_md(row["role"]) if row["role"] else None, _md(row["publisher"]) or None,
                      _md(row["published"]) or "undated",
                      "*%s*" % _md(row["title"]) if row["title"] else None]
            out.append("— " + ", ".join(p for p in [_md(row["speaker"])] + source if p))
            if _is_link(row["url"]):
                out.append("<%s>" % row["url"].replace(">", "%3E").replace(" ", "%20"))
            out += ["", "Citation: " + _md(citation(row)), ""]
    if not rows:
        out += ["No statements matched.", ""]
    return "\n".join(out)


# -- HTML -------------------------------------------------------------------------------------

_CSS = """
body { font: 17px/1.55 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fafaf7;
       max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; }
h1 { font: 600 1.9rem/1.2 system-ui, sans-serif; margin: 0 0 .3rem; }
.scope { color: #6b6b70; font: .95rem system-ui, sans-serif; margin: 0 0 2rem; }
h2 { font: 600 1.3rem system-ui, sans-serif; border-bottom: 2px solid #d8d4c8; padding-bottom: .3rem;
     margin: 2.4rem 0 1rem; }
h2 .role { font-weight: 400; color: #6b6b70; font-size: 1rem; }
article { margin: 0 0 1.6rem; }
blockquote { margin: 0; padding: .2rem 0 .2rem 1rem; border-left: 4px solid #b5651d; font-size: 1.1rem; }
.source { font: .9rem system-ui, sans-serif; color: #44444a; margin: .4rem 0 0 1.25rem; }
.source a { color: #1a5fb4; overflow-wrap: anywhere; }
.cite { font: .82rem ui-monospace, Menlo, Consolas, monospace; color: #55555a; background: #f0eee6;
        margin: .45rem 0 0 1.25rem; padding: .35rem .6rem; border-radius: 4px; overflow-wrap: anywhere; }
.empty { color: #6b6b70; font-style: italic; }
@media print { body { background: white; margin: 0 auto; } .cite { background: none; } }
"""


def _h(text: str | None) -> str:
    """Data as HTML text, quotes escaped too (it may land in an attribute)."""
    return html_lib.escape(text or "", quote=True)


def _is_link(url: str | None) -> bool:
    """Whether a url may become a link: http(s) only, never javascript: or data:."""
    return bool(url) and re.match(r"https?://[^\s]+$", url.strip(), re.I) is not None


def html(rows: list[dict], title: str = "Statements", scope: str | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS, no external assets)."""
    head, line = _heading(title, rows, scope)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>%s</title>" % _h(head), "<style>%s</style>" % _CSS, "</head>", "<body>",
           "<h1>%s</h1>" % _h(head), '<p class="scope">%s</p>' % _h(line)]
    for group in groups(rows):
        role = ' <span class="role">%s</span>' % _h(group.role) if group.role else ""
        out.append("<section>")
        out.append("<h2>%s%s</h2>" % (_h(group.speaker), role))
        for row in group.rows:
            source = [_h(row["speaker"])]
            source += [_h(p) for p in (row["role"], row["publisher"]) if p]
            source.append(_h(row["published"]) if row["published"] else "undated")
            if row["title"]:
                title_html = "<cite>%s</cite>" % _h(row["title"])
                source.append('<a href="%s">%s</a>' % (_h(row["url"].strip()), title_html)
                              if _is_link(row["url"]) else title_html)
            elif _is_link(row["url"]):
                source.append('<a href="%s">%s</a>' % (_h(row["url"].strip()), _h(row["url"])))
            out += ["<article>", "<blockquote>%s</blockquote>" % _h(" ".join(row["text"].split())),
                    '<p class="source">— %s</p>' % ", ".join(source),
                    '<p class="cite">%s</p>' % _h(citation(row)), "</article>"]
        out.append("</section>")
    if not rows:
        out.append('<p class="empty">No statements matched.</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
