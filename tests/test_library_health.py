"""The library file under stress: created by two processes at once, damaged, read-only.

Commands run through CliRunner on real files; each test names the issue item it shows.
"""

import json
import os
import sqlite3
import threading

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli

from clitools import SEED, run  # tests/ is on the path


def test_a_first_ingest_waits_for_another_one_creating_the_file(db):
    # item 7: another process holds the new file's write lock while it creates the library
    import quotetrack.library.ingest  # noqa: F401 (loaded now, so the command opens the file at once)

    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(2.0, lambda: other.execute("COMMIT"))
    release.start()
    result = run(db, "ingest", "--silent", str(SEED))
    release.join()
    other.close()
    assert result.exit_code == 0, result.output
    assert len(json.loads(run(db, "speakers").stdout)) == 5  # four quoted, the Pentagon reported


# -- item 8: a damaged library ------------------------------------------------

DEV = SEED.parents[2] / "shared" / "data" / "polnear-dev.jsonl"


def check_group():
    """The quotetrack CLI with the check command registered (as cli/main.py registers it)."""
    from quotetrack.cli import library_commands

    if "check" not in cli.commands:
        library_commands.register(cli)
    return cli


def damaged(path, tmp_path):
    """A library of many pages with bytes overwritten in the middle of the file."""
    source = DEV if DEV.exists() else None
    if source is None:
        # no shared data beside the repository: enough articles of our own to fill pages
        source = tmp_path / "many.jsonl"
        source.write_text("".join(json.dumps({"id": "a%d" % i, "text": "“We act now %d,” Antony "
                                              "Blinken said. " % i * 40}) + "\n" for i in range(300)))
    assert run(path, "ingest", "--silent", str(source)).exit_code == 0
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.seek(size // 2)
        f.write(b"\xde\xad\xbe\xef" * 4096)
    return path


@pytest.mark.parametrize("args", [
    ["export"], ["ingest", "--silent", str(SEED)], ["speakers"], ["search", "diplomacy"],
    ["speakers", "merge", "Blinken", "Biden"], ["quotes"], ["articles"],
])
def test_a_damaged_library_is_named_in_one_line_by_every_command(db, tmp_path, args):
    damaged(db, tmp_path)
    before = open(db, "rb").read()
    result = CliRunner().invoke(cli, ["--db", db, *args])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and "damaged" in lines[0], result.output
    assert open(db, "rb").read() == before  # nothing written to it


def test_check_reads_the_whole_file(db, tmp_path):
    group = check_group()
    assert run(db, "ingest", "--silent", str(SEED)).exit_code == 0
    sound = CliRunner().invoke(group, ["--db", db, "check"])
    assert sound.exit_code == 0 and sound.output.strip() == "%s is sound" % db
    damaged(db, tmp_path)
    bad = CliRunner().invoke(group, ["--db", db, "check"])
    assert bad.exit_code == 1
    lines = bad.output.strip().splitlines()
    assert len(lines) == 1 and "is damaged" in lines[0], bad.output


# -- item 9: a library this user may only read -----------------------------------


def as_reader(tmp_path, *args):
    """quotetrack ARGS... in a process that file permissions bind (root without
    CAP_DAC_OVERRIDE): the exit status and its output."""
    import shutil
    import subprocess
    import sys

    prefix = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: permissions cannot be shown")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    env = {**os.environ, "PYTHONPATH": str(SEED.parents[1])}
    env.pop("QUOTETRACK_DB", None)
    done = subprocess.run(prefix + [sys.executable, "-m", "quotetrack", *args], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_a_read_only_library_is_read_and_writes_say_they_need_write_access(tmp_path, locked):
    folder = tmp_path / "lib"
    folder.mkdir()
    db = str(folder / "library.db")
    assert run(db, "ingest", "--silent", str(SEED)).exit_code == 0
    os.chmod(db, 0o444)
    if locked == "folder":
        os.chmod(folder, 0o555)
    try:
        before = open(db, "rb").read()
        for args in (["speakers"], ["quotes"], ["export"], ["search", "diplomacy"]):
            code, out, err = as_reader(tmp_path, "--db", db, *args)
            assert code == 0 and out.strip() and not err.strip(), (args, code, err)
        assert len(json.loads(as_reader(tmp_path, "--db", db, "speakers")[1])) == 5
        new = tmp_path / "new.txt"
        new.write_text("“We will act,” Antony Blinken said.")
        for args in (["ingest", "--silent", str(new)], ["speakers", "rename", "Ned Price", "N. Price"]):
            code, out, err = as_reader(tmp_path, "--db", db, *args)
            lines = err.strip().splitlines()
            assert code == 1 and len(lines) == 1 and "write access" in lines[0], (args, err)
        assert open(db, "rb").read() == before
    finally:
        os.chmod(folder, 0o755)
        os.chmod(db, 0o644)
