"""Output flags shared by the listing commands, with sqlite-utils' names and layouts.

``@output_options`` adds ``--nl``, ``--csv``, ``--tsv`` and ``-t/--table``
and hands the command one ``fmt`` argument; ``emit(rows, fmt)`` writes the
rows: a JSON array by default (one object a line, as sqlite-utils prints
it), newline-delimited JSON, CSV, TSV or a plain-text table.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from typing import Callable, Iterable

import click

FORMATS = ("nl", "csv", "tsv", "table")


def output_options(command: Callable) -> Callable:
    """Add the output flags to a click command; it receives ``fmt`` ("json", "nl", "csv", ...)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        chosen = [f for f in FORMATS if kwargs.pop(f, False)]
        if len(chosen) > 1:
            raise click.UsageError("choose one output format, not %s"
                                   % " and ".join("--" + f for f in chosen))
        return command(*args, fmt=chosen[0] if chosen else "json", **kwargs)

    for option in reversed([
        click.option("--nl", is_flag=True, help="Output newline-delimited JSON."),
        click.option("--csv", is_flag=True, help="Output CSV."),
        click.option("--tsv", is_flag=True, help="Output TSV."),
        click.option("-t", "--table", is_flag=True, help="Output as a plain-text table."),
    ]):
        wrapper = option(wrapper)
    return wrapper


_PICTURES = {c: chr(0x2400 + c) for c in range(0x20)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({c: "\\x%02x" % c for c in range(0x80, 0xA0)})
_PICTURES_BUT_NEWLINE = {c: p for c, p in _PICTURES.items() if c != 0x0A}


def write_text(output: str, text: str) -> None:
    """Write ``text`` to the file ``output`` ("-": standard output), or fail with a clear error."""
    try:
        with click.open_file(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise click.ClickException("cannot write %s: %s" % (output, exc.strerror or exc)) from None


def visible(text: str, newlines: bool = False) -> str:
    """``text`` with its control characters shown, never sent: ESC as ␛, a newline as ␊ (kept
    when ``newlines``), C1 controls as \\x9b. Article texts and file names are data, and a
    raw escape sequence would restyle the terminal or retitle it."""
    return text.translate(_PICTURES_BUT_NEWLINE if newlines else _PICTURES)


TABLE_LIST_ITEMS = 3   # items of a list shown in a table cell, then "(+N)"
TABLE_CELL = 60        # characters of a list cell in a table: a speaker's aliases run to hundreds


def emit(rows: Iterable[dict], fmt: str = "json", styled: bool = False,
         columns: Iterable[str] | None = None) -> None:
    """Write ``rows`` to standard output in ``fmt``; streams except for ``table``.

    ``columns`` (else ``rows.columns`` when the rows carry it) names the
    header written by CSV, TSV and tables when there are no rows, as
    sqlite-utils does. A table shows control characters as ``visible`` does,
    unless ``styled`` (the caller made its cells visible and added styles of
    its own), and cuts list cells (aliases, roles) to a few items so it
    stays readable; the other formats keep every item.
    """
    if columns is None:
        columns = getattr(rows, "columns", None)
    columns = list(columns) if columns is not None else None
    if fmt == "json":
        first = True
        for row in rows:
            click.echo(("[" if first else ",\n ") + json.dumps(row, ensure_ascii=False), nl=False)
            first = False
        click.echo("[]" if first else "]")
    elif fmt == "nl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt in ("csv", "tsv"):
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(row),
                                        dialect="excel-tab" if fmt == "tsv" else "excel")
                writer.writeheader()
            writer.writerow({k: _flat(v) for k, v in row.items()})
        if writer is None and columns:
            csv.writer(sys.stdout, dialect="excel-tab" if fmt == "tsv" else "excel").writerow(columns)
    elif fmt == "table":
        import tabulate

        rows = [{_cell(k, styled): _cell(_flat(_short(v)), styled) for k, v in row.items()}
                for row in rows]
        if rows:
            click.echo(tabulate.tabulate(rows, headers="keys", tablefmt="simple"))
        elif columns:
            click.echo(tabulate.tabulate([], headers=[_cell(c, styled) for c in columns],
                                         tablefmt="simple"))
    else:
        raise ValueError("unknown output format %r" % fmt)


def _short(value):
    """A list cut for a table cell: its first items, within TABLE_CELL characters, then "(+N)"."""
    if not isinstance(value, (list, tuple)) or len(value) <= 1:
        return value
    kept, size = [], 0
    for item in value[:TABLE_LIST_ITEMS]:
        item = str(item)
        if kept and size + len(item) + 2 > TABLE_CELL:
            break
        kept.append(item)
        size += len(item) + 2
    if len(kept) < len(value):
        kept.append("(+%d)" % (len(value) - len(kept)))
    return kept


def _cell(value, styled: bool):
    """A table cell with its control characters shown (newlines kept: tabulate lays them out)."""
    return visible(value, newlines=True) if isinstance(value, str) and not styled else value


def _flat(value):
    """A cell for CSV, TSV and tables: lists joined with "; ", None as empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value
