"""Issue 12, item 9: paper cuts of the listing commands, and the README's examples run on the seed."""

import csv
import io
import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli

import clitools  # tests/ is on the path

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def seed_db(tmp_path, monkeypatch):
    """A library holding the seed article, the default for commands without --db."""
    path = str(tmp_path / "seed.db")
    assert clitools.run(path, "ingest", str(clitools.SEED), "--silent").exit_code == 0
    monkeypatch.setenv("QUOTETRACK_DB", path)
    return path


@pytest.mark.parametrize("command", [["quotes"], ["speakers"], ["articles"], ["export"],
                                     ["search", "diplomacy"], ["compare", "a", "b"],
                                     ["report", "--format", "md", "-o", "-"]])
def test_a_read_command_on_a_mistyped_db_says_so_and_creates_nothing(tmp_path, command):
    path = tmp_path / "typo" / "librray.db"
    result = CliRunner().invoke(cli, ["--db", str(path), *command])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no library at %s" % path)
    assert "Traceback" not in result.output
    assert not path.parent.exists()


@pytest.mark.parametrize("command,header", [
    (["quotes", "--search", "zebra"], ["id", "text", "speaker", "article"]),
    (["articles", "--since", "2099-01-01"], ["id", "title", "publisher", "published"]),
    (["speakers", "--limit", "0"], ["id", "name", "kind", "quotes", "aliases", "roles"]),
])
def test_empty_results_print_the_header(seed_db, command, header):
    for flag, delimiter in (("--csv", ","), ("--tsv", "\t")):
        result = clitools.run(seed_db, *command, flag)
        assert result.exit_code == 0, result.output
        rows = list(csv.reader(io.StringIO(result.stdout), delimiter=delimiter))
        assert len(rows) == 1 and rows[0][:len(header)] == header
    table = clitools.run(seed_db, *command, "-t")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert len(lines) == 2 and lines[0].split()[:len(header)] == header and set(lines[1]) <= {"-", " "}
    assert json.loads(clitools.run(seed_db, *command).stdout) == []


def test_speakers_table_cuts_aliases_and_takes_a_limit(seed_db):
    full = json.loads(clitools.run(seed_db, "speakers").stdout)
    blinken = next(s for s in full if s["name"] == "Antony Blinken")
    assert len(blinken["aliases"]) == 4  # JSON keeps every alias
    table = clitools.run(seed_db, "speakers", "-t").stdout.splitlines()
    row = next(line for line in table if "Antony Blinken" in line)
    assert "(+1)" in row and "Secretary of State Antony Blinken" not in row
    assert max(len(line) for line in table) < 160  # with the counts by kind
    limited = clitools.run(seed_db, "speakers", "--limit", "2", "-t").stdout.splitlines()
    assert len(limited) == 4 and "Antony Blinken" in limited[2]
    assert [s["name"] for s in json.loads(clitools.run(seed_db, "speakers", "--limit", "1").stdout)] \
        == ["Antony Blinken"]


def _readme_examples(section: str) -> list[str]:
    """The quotetrack command lines of the first sh block under a README heading."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    part = text[text.index("## " + section):]
    block = re.search(r"```sh\n(.*?)```", part, re.S).group(1)
    commands = []
    for line in block.splitlines():
        line = line.split("  #")[0]
        for command in line.split("&&"):
            command = command.split(">")[0].strip()
            if command.startswith("quotetrack "):
                commands.append(command)
    return commands


@pytest.mark.parametrize("section", ["Store", "Search and compare"])
def test_readme_examples_run_as_written_on_the_seed(tmp_path, monkeypatch, section):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("QUOTETRACK_DB", str(tmp_path / "readme.db"))
    examples = _readme_examples(section)
    assert examples
    if section != "Store":
        assert clitools.run(str(tmp_path / "readme.db"), "ingest", "seeds/", "--silent").exit_code == 0
    for command in examples:
        args = [a.replace("/tmp/x.db", str(tmp_path / "x.db")) for a in shlex.split(command)[1:]]
        if "--workers" in args:  # the whole training set is a slow test; the seed says as much
            args = [a for a in args if not a.endswith(".jsonl")]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, (command, result.output)
        if "ingest" not in args:
            assert result.stdout.strip() not in ("", "[]"), command
