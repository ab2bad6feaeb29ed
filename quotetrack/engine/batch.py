"""The engine over a table of articles: a batch in, a table of statements out.

This is what other engines call (a Dask task, Spark's ``mapInArrow``, Ray's
``map_batches``): ``extract_batch`` takes an Arrow table or record batch, a
pandas DataFrame or a list of dicts with ``id`` and ``text`` columns
(``title``, ``url``, ``publisher``, ``published`` may be there and are left
alone) and returns one row a statement, in the same kind of table. It is
the engine applied row by row, nothing more: the same article gives the
same statements wherever it runs. An article's rows are its quotations as
``extract`` gives them (``kind`` "direct"), then its reported statements
(``kind`` "mixed" or "indirect", as ``extract_statements`` gives them), the
article read once (``reported.quotations_and_reported``): what a library
stores of it, so that a dataset loads without extracting again.

Nothing outside ``quotetrack.engine`` is imported, and pyarrow (or pandas)
only when a table of that kind is given, so the engine still imports on a
base install.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from quotetrack.engine.extract import extract
from quotetrack.engine.model import Quote, Span
from quotetrack.engine.reported import Statement, cue_type, quotations_and_reported

# One row a statement. ``kind`` says how it was reported: "direct" (a quotation,
# between quotation marks), "mixed" (a reported clause holding a quotation) or
# "indirect" (reported speech without marks). ``cue_type`` is "speech" or
# "attitude" (the engine's ``cue_type``, for quotations too). ``fragments`` are a
# reported statement's content pieces as [start, end] pairs, one pair unless the
# content is split around its cue; kept as a list of int64 pairs (a nested list
# Parquet stores natively, which DuckDB or Spark read as it is, where a JSON string
# would need parsing), always given for a reported statement so it reads back
# exactly, and null on a quotation, which is one span (start, end). ``closed``
# (the quotation's closing mark was found) is null on a reported statement.
STATEMENT_COLUMNS = (
    "article_id", "start", "end", "text", "speaker", "speaker_kind", "roles",
    "mention", "mention_start", "mention_end", "cue", "cue_start", "cue_end",
    "confidence", "method", "closed", "kind", "fragments", "cue_type",
)
KINDS = ("direct", "mixed", "indirect")
# pyarrow type names of the columns above (``statements_schema`` builds the schema)
_TYPES = {
    "article_id": "string", "start": "int64", "end": "int64", "text": "string",
    "speaker": "string", "speaker_kind": "string", "roles": "list<string>", "mention": "string",
    "mention_start": "int64", "mention_end": "int64", "cue": "string", "cue_start": "int64",
    "cue_end": "int64", "confidence": "float64", "method": "string", "closed": "bool",
    "kind": "string", "fragments": "list<list<int64>>", "cue_type": "string",
}


class BatchError(ValueError):
    """A table the batch function cannot read, or an article the engine failed on (one line)."""


def statement_rows(article_id: str, statements: Iterable[Quote | Statement]) -> list[dict[str, Any]]:
    """The statement rows of one article's quotations (Quotes, "direct") and reported
    statements (Statements), in ``STATEMENT_COLUMNS`` order."""
    rows = []
    for q in statements:
        m, c = q.mention, q.cue
        row = {
            "article_id": article_id, "start": q.start, "end": q.end, "text": q.text,
            "speaker": q.speaker, "speaker_kind": q.speaker_kind, "roles": list(q.roles),
            "mention": m.text if m else None, "mention_start": m.start if m else None,
            "mention_end": m.end if m else None,
            "cue": c.text if c else None, "cue_start": c.start if c else None,
            "cue_end": c.end if c else None,
            "confidence": q.confidence, "method": q.method,
        }
        if isinstance(q, Statement):
            row.update(closed=None, kind=q.kind, fragments=[list(f) for f in q.fragments],
                       cue_type=q.cue_type)
        else:
            row.update(closed=q.closed, kind="direct", fragments=None,
                       cue_type=cue_type(c.text if c else None))
        rows.append(row)
    return rows


def quote_of_row(row: Mapping[str, Any]) -> Quote:
    """The ``Quote`` a direct statement row was made from (``statement_rows`` read back)."""
    return statement_of_row(dict(row, kind="direct"))  # type: ignore[return-value]


def statement_of_row(row: Mapping[str, Any]) -> Quote | Statement:
    """What a statement row was made from: a ``Quote`` for a direct row (or a row of a table
    without ``kind``), else the reported ``Statement``. ValueError for a row that is
    neither (an unknown kind, a reported row without its fragments)."""
    return next(statements_of_columns({name: [value] for name, value in row.items()}))


def statements_of_columns(columns: Mapping[str, list]) -> Iterator[Quote | Statement]:
    """``statement_of_row`` for each row of a table given as columns (name -> list of values,
    as Arrow's ``to_pydict`` gives them), in order; a column left out reads as nulls.

    Loading a dataset reads every statement this way, without a dict a row
    (``to_pylist``): reading polnear-train's parts took 0.15 s of CPU so, 0.19-0.21 s
    a dict a row. A null ``closed`` reads as True, a null ``cue_type`` as "speech".
    """
    n = len(columns["start"])
    nulls = [None] * n

    def col(name: str) -> list:
        return columns.get(name, nulls)

    spans = {}
    for name in ("mention", "cue"):
        spans[name] = [None if t is None or a is None or b is None else Span(int(a), int(b), t)
                       for t, a, b in zip(col(name), col(name + "_start"), col(name + "_end"))]
    for (start, end, text, speaker, speaker_kind, roles, mention, cue, confidence, method, closed,
         kind, fragments, ctype) in zip(
            columns["start"], columns["end"], columns["text"], col("speaker"), col("speaker_kind"),
            col("roles"), spans["mention"], spans["cue"], col("confidence"), col("method"),
            col("closed"), col("kind"), col("fragments"), col("cue_type")):
        if kind is None or kind == "direct":
            yield Quote(int(start), int(end), text, speaker, mention, cue, float(confidence or 0.0),
                        method or "none", True if closed is None else bool(closed), speaker_kind,
                        tuple(roles or ()))
            continue
        if kind not in KINDS:
            raise ValueError("a statement row of unknown kind %r" % kind)
        if not fragments or any(f is None or len(f) != 2 for f in fragments):
            raise ValueError("a statement row of kind %r without its fragments" % kind)
        yield Statement(kind, int(start), int(end), text, tuple((int(a), int(b)) for a, b in fragments),
                        speaker, mention, cue, ctype or "speech", float(confidence or 0.0),
                        method or "none", speaker_kind, tuple(roles or ()))


def article_statements(text: str, reported: bool = True) -> tuple[Quote | Statement, ...]:
    """One article's statements as the rows hold them: its quotations, then (``reported``)
    its mixed and indirect statements."""
    if not reported:
        return tuple(extract(text))
    quotes, found = quotations_and_reported(text)
    return quotes + found


def extract_article(article_id: str, text: str, reported: bool = True
                    ) -> tuple[list[dict[str, Any]], str | None]:
    """One article's statement rows (its quotations, then its reported statements unless not
    ``reported``), and None; or no rows and the error the engine raised."""
    try:
        return statement_rows(article_id, article_statements(text, reported)), None
    except Exception as exc:  # one article the engine chokes on must not end a batch
        return [], "%s: %s" % (type(exc).__name__, exc)


def extract_rows(articles: Iterable[Mapping[str, Any]], errors: str = "raise",
                 reported: bool = True) -> Iterator[dict]:
    """Statement rows for dict-like articles (``id``, ``text``), in article order: each
    article's quotations, then its reported statements (only the quotations when not
    ``reported``).

    ``errors="raise"`` raises BatchError for an article without a string id
    and text or one the engine fails on; ``"skip"`` leaves it out.
    """
    if errors not in ("raise", "skip"):
        raise ValueError('errors must be "raise" or "skip"')
    for n, article in enumerate(articles):
        aid, text = article.get("id"), article.get("text")
        if not isinstance(aid, str) or not isinstance(text, str):
            if errors == "raise":
                raise BatchError("row %d: id and text must be strings" % n)
            continue
        rows, error = extract_article(aid, text, reported)
        if error is not None and errors == "raise":
            raise BatchError("article %s: extraction failed (%s)" % (aid, error))
        yield from rows


def statements_schema():
    """The Arrow schema of the statements table (needs pyarrow)."""
    import pyarrow as pa

    simple = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
              "list<string>": pa.list_(pa.string()),
              "list<list<int64>>": pa.list_(pa.list_(pa.int64()))}
    return pa.schema([(c, simple[_TYPES[c]]) for c in STATEMENT_COLUMNS])


def statements_table(rows: list[dict[str, Any]]):
    """An Arrow table of statement rows, with the statements schema even when empty."""
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=statements_schema())


def extract_batch(table, errors: str = "raise", reported: bool = True):
    """The statements of a table of articles, as the same kind of table.

    ``table``: a pyarrow Table or RecordBatch (a Table comes back), a pandas
    DataFrame (a DataFrame comes back) or a list of dicts (a list of dicts
    comes back). It needs ``id`` and ``text`` columns; other columns are
    ignored. Rows come in article order; an article's quotations first (the
    rows of kind "direct", as before reported speech was kept), then its
    reported statements in text order; ``reported=False`` gives the
    quotations only.
    """
    kind = type(table).__module__.split(".")[0]
    if isinstance(table, list):
        return list(extract_rows(table, errors, reported))
    if kind == "pandas":
        import pyarrow as pa

        arrow = pa.Table.from_pandas(table, preserve_index=False)
        return extract_batch(arrow, errors, reported).to_pandas()
    if kind != "pyarrow":
        raise BatchError("expected a pyarrow Table or RecordBatch, a pandas DataFrame or a list "
                         "of dicts, got %s" % type(table).__name__)
    missing = [c for c in ("id", "text") if c not in table.schema.names]
    if missing:
        raise BatchError("the articles table has no %s column" % " or ".join(missing))
    ids, texts = table.column("id").to_pylist(), table.column("text").to_pylist()
    rows = list(extract_rows(({"id": i, "text": t} for i, t in zip(ids, texts)), errors, reported))
    return statements_table(rows)
