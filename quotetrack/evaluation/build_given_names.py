"""Build the engine's table of given names and their usual gender (``engine/given_names.txt``).

    python3 -m pip install -e '.[dev]'
    python3 -m quotetrack.evaluation.build_given_names [--out FILE]

The source is the name data of nomquamgender (Ian Van Buskirk, MIT licence;
a dev extra, never a runtime dependency): for each given name, how many
sources and how many people carry it and the share of them that are women.
A name is kept when it is plain letters, at least ``MIN_PEOPLE`` people in at
least ``MIN_SOURCES`` sources carry it, and it is nearly always one gender
(a share of women at most ``MAX_SHARE`` or at least ``1 - MAX_SHARE``), so
that "Jean" or "Kim" stay unknown. The same data give the same file byte for
byte (sorted, no dates).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

MIN_SOURCES = 5
MIN_PEOPLE = 100
MAX_SHARE = 0.05
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "engine" / "given_names.txt"
_PLAIN = re.compile(r"[a-z]{2,}")


def given_names(name_data: dict) -> list[tuple[str, str]]:
    """(name, "male" | "female") for every name the thresholds keep, sorted."""
    out = []
    for name, row in name_data.items():
        sources, people, share = row[0], row[1], row[2]
        if not _PLAIN.fullmatch(name) or sources < MIN_SOURCES or people < MIN_PEOPLE:
            continue
        if share <= MAX_SHARE:
            out.append((name, "male"))
        elif share >= 1 - MAX_SHARE:
            out.append((name, "female"))
    return sorted(out)


def table_text(pairs: list[tuple[str, str]]) -> str:
    """The file's text: a header saying where it comes from, then one "name m|f" a line."""
    head = ("# Given names and their usual gender, from nomquamgender's name data\n"
            "# (Ian Van Buskirk, MIT licence); made by python3 -m quotetrack.evaluation.build_given_names\n"
            "# kept: >= %d sources, >= %d people, share of women <= %.2f or >= %.2f\n"
            % (MIN_SOURCES, MIN_PEOPLE, MAX_SHARE, 1 - MAX_SHARE))
    return head + "".join("%s %s\n" % (n, g[0]) for n, g in pairs)


def main(argv: list[str] | None = None) -> int:
    """Read nomquamgender's data and write the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        print("build_given_names: needs nomquamgender (python3 -m pip install -e '.[dev]')", file=sys.stderr)
        return 2
    # read the data file without importing the package (which loads pandas)
    path = Path(list(spec.submodule_search_locations)[0]) / "name_data.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    pairs = given_names(data)
    Path(args.out).write_text(table_text(pairs), encoding="utf-8")
    print("wrote %s: %d names" % (args.out, len(pairs)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
