"""Hostile and careless input (issue 10): each bad input is one clear line, the rest is stored.

Every test makes its own input: JSONL lines that break the JSON reader,
articles over the size limit, duplicate ids, special files in folders,
control characters in texts and file names, and racing first ingests.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc

import pytest

from quotetrack.library import sources, store

from clitools import REPO, SEED, run  # tests/ is on the path

PSAKI = "“If we assess that further response is warranted, we will act,” Jen Psaki said."
PRICE = "“No comment,” Ned Price said."


def errors(result):
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def warnings(result):
    return [line for line in result.stderr.splitlines() if line.startswith("Warning:")]


def stored(db):
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, text FROM articles ORDER BY rowid"))
    finally:
        conn.close()


def jsonl(*objs):
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs)


# -- 1. one bad JSONL line is one error line ----------------------------------------

NESTED = '{"id": "d", "text": "x", "m": ' + "[" * 100_000 + "]" * 100_000 + "}"
BIG_INT = '{"id": "i", "text": "x", "n": ' + "9" * 5000 + "}"
SURROGATE = '{"id": "s", "text": "\\ud800 said nothing"}'
BAD_LINES = [
    "line 1: not valid JSON (nested too deeply)",
    "line 2: not valid JSON (a number of more than 4300 digits)",
    'line 3: not valid text (a lone surrogate \\ud800 in "text")',
]


@pytest.fixture
def bad_jsonl(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(jsonl(NESTED, BIG_INT, SURROGATE, {"id": "ok", "text": PSAKI}), encoding="utf-8")
    return path


def test_bad_json_lines_are_one_error_each_in_ingest(db, bad_jsonl):
    result = run(db, "ingest", str(bad_jsonl), "--workers", "1")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert errors(result) == ["Error: %s %s" % (bad_jsonl, e) for e in BAD_LINES]
    assert list(stored(db)) == ["ok"]


def test_bad_json_lines_are_one_error_each_from_standard_input(db, bad_jsonl):
    result = run(db, "ingest", "-", input=bad_jsonl.read_bytes())
    assert result.exit_code == 1
    assert errors(result) == ["Error: <stdin> %s" % e for e in BAD_LINES]
    assert list(stored(db)) == ["ok"]


def test_bad_json_lines_are_one_error_each_in_extract(db, bad_jsonl):
    result = run(db, "extract", str(bad_jsonl), "--nl")
    assert result.exit_code == 1
    assert errors(result) == ["Error: %s %s" % (bad_jsonl, e) for e in BAD_LINES]
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]


def test_a_json_syntax_error_names_its_column_once(db, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x", "text": "abc\n', encoding="utf-8")
    result = run(db, "ingest", str(path))
    assert errors(result) == [
        "Error: %s line 1: not valid JSON (Unterminated string starting at: column 21)" % path]


# -- 2. an article over the size limit is refused, and is never read whole ------------

def test_an_article_over_the_limit_is_refused_and_the_rest_stored(db, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(PSAKI + " More words." * 200, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(PSAKI, encoding="utf-8")
    lines = tmp_path / "a.jsonl"
    lines.write_text(jsonl({"id": "long", "text": PSAKI * 30}, {"id": "short", "text": PRICE}),
                     encoding="utf-8")
    result = run(db, "ingest", str(big), str(small), str(lines), "--max-size", "1K")
    assert result.exit_code == 1
    assert errors(result) == [
        "Error: %s: larger than the 1 KB limit of an article (--max-size)" % big,
        "Error: %s line 1: larger than the 1 KB limit of an article (--max-size)" % lines]
    assert list(stored(db)) == [str(small), "short"]
    piped = run(db, "ingest", "-", "--max-size", "1K", input=PSAKI * 30)
    assert errors(piped) == ["Error: <stdin>: larger than the 1 KB limit of an article (--max-size)"]


def test_the_limit_comes_from_the_environment_and_holds_in_extract(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text(PSAKI * 20, encoding="utf-8")
    monkeypatch.setenv("QUOTETRACK_MAX_SIZE", "1500")
    result = run(str(tmp_path / "x.db"), "extract", str(big))
    assert result.exit_code == 1
    assert errors(result) == [
        "Error: %s: larger than the 1,500 byte limit of an article (--max-size)" % big]
    bad = run(str(tmp_path / "x.db"), "extract", str(big), "--max-size", "lots")
    assert bad.exit_code == 2 and "lots" in bad.stderr


def test_the_default_limit_is_5_mb(db, tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.truncate(50_000_000)  # sparse: costs no disk
    result = run(db, "ingest", str(huge), str(SEED))
    assert errors(result) == ["Error: %s: larger than the 5 MB limit of an article (--max-size)" % huge]
    assert list(stored(db)) == [str(SEED)]


def test_a_huge_one_line_jsonl_file_is_read_in_bounded_memory(tmp_path):
    path = tmp_path / "one-line.jsonl"
    with open(path, "wb") as fh:
        fh.write(b'{"id": "x", "text": "')
        fh.truncate(60_000_000)
        fh.seek(0, 2)
        fh.write(b'"}\n' + json.dumps({"id": "y", "text": PRICE}).encode() + b"\n")
    tracemalloc.start()
    try:
        items = list(sources.read_inputs([str(path)]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [i.message for i in items if isinstance(i, sources.Notice)] == [
        "%s line 1: larger than the 5 MB limit of an article (--max-size)" % path]
    assert [i.record.id for i in items if isinstance(i, sources.Doc)] == ["y"]
    assert peak < 15_000_000


# -- 4. duplicate ids: the last one in a file wins, with a warning, and re-runs are stable ---

def test_the_last_of_duplicate_ids_in_a_file_wins_and_reruns_change_nothing(db, tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text(jsonl({"id": "x", "text": PSAKI}, {"id": "y", "text": PRICE},
                          {"id": "x", "text": PRICE + " Again."}), encoding="utf-8")
    first = run(db, "ingest", str(path))
    assert first.exit_code == 0
    assert warnings(first) == [
        'Warning: %s line 1: id "x" comes again on line 3; the last one is stored' % path]
    assert stored(db) == {"y": PRICE, "x": PRICE + " Again."}
    for _ in range(2):
        again = run(db, "ingest", str(path))
        assert "0 new, 0 changed, 2 unchanged" in again.stderr
        assert stored(db) == {"y": PRICE, "x": PRICE + " Again."}


def test_duplicate_ids_across_inputs_keep_the_later_one_on_every_run(db, tmp_path):
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    one.write_text(jsonl({"id": "x", "text": PSAKI}), encoding="utf-8")
    two.write_text(jsonl({"id": "x", "text": PRICE}), encoding="utf-8")
    for _ in range(3):
        result = run(db, "ingest", str(one), str(two))
        assert warnings(result) == [
            'Warning: %s line 1: id "x" was also read from %s line 1; this later one is stored'
            % (two, one)]
        assert stored(db) == {"x": PRICE}


# -- 7. racing first ingests into a new library ------------------------------------------

def test_a_first_ingest_meeting_another_creating_the_library_waits_and_succeeds(db, monkeypatch):
    real = store.open_db
    calls = []

    def racing(path, create=True):
        calls.append(path)
        if len(calls) == 1:
            # what the losing process sees: the other one made the file and holds its lock
            real(path, create=True).close()
            raise store.StoreError("cannot create the library at %s: database is locked" % path)
        return real(path, create)

    monkeypatch.setattr(store, "open_db", racing)
    result = run(db, "ingest", str(SEED))
    assert result.exit_code == 0, result.stderr
    assert len(calls) == 2 and list(stored(db)) == [str(SEED)]


def test_an_old_file_that_is_no_library_is_refused_at_once(db):
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE other (x)")
    conn.close()
    os.utime(db, (time.time() - 3600, time.time() - 3600))
    started = time.monotonic()
    result = run(db, "ingest", str(SEED))
    assert result.exit_code == 1
    assert errors(result) == ["Error: %s is a SQLite file but not a quotetrack library" % db]
    assert time.monotonic() - started < 1  # no waiting for a creator that is not there


# -- 10. special files ---------------------------------------------------------------------

def test_special_files_in_a_folder_are_skipped_with_a_line_each(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "a.txt")
    os.symlink("/dev/zero", folder / "b.txt")
    (folder / "c.txt").write_text(PSAKI, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "quotetrack", "--db", db, "ingest", str(folder)],
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert proc.returncode == 1
    assert [line for line in proc.stderr.splitlines() if line.startswith("Error:")] == [
        "Error: %s: not a regular file (a FIFO), skipped" % (folder / "a.txt"),
        "Error: %s: not a regular file (a character device), skipped" % (folder / "b.txt")]
    assert list(stored(db)) == [str(folder / "c.txt")]


def test_special_files_are_skipped_by_extract_too(db, tmp_path):
    os.mkfifo(tmp_path / "a.txt")
    result = run(db, "extract", str(tmp_path))
    assert result.exit_code == 1
    assert errors(result) == ["Error: %s: not a regular file (a FIFO), skipped" % (tmp_path / "a.txt")]


# -- 11. small ones ------------------------------------------------------------------------

def test_sigterm_stops_a_multi_worker_ingest_without_tracebacks(db, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "many.jsonl"
    path.write_text(jsonl(*({"id": "a%d" % i, "text": text + " " * i} for i in range(2000))),
                    encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "quotetrack", "--db", db, "ingest", str(path),
                             "--workers", "2"], stderr=subprocess.PIPE, text=True, cwd=REPO)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if len(stored(db)) >= 5:
                break
        except sqlite3.Error:  # not created yet
            pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert err.strip().splitlines()[-1].startswith("Error: terminated; what was stored is kept")
    assert proc.returncode == 143


def test_tables_show_control_characters_instead_of_sending_them(db, tmp_path):
    path = tmp_path / "evil.jsonl"
    evil = "“We will \x1b]0;pwned\x07act \x1b[31mnow\x9b,” Jen Psaki said."
    path.write_text(jsonl({"id": "e", "text": evil, "title": "T\x1b[2Jitle"}), encoding="utf-8")
    assert run(db, "ingest", str(path)).exit_code == 0
    for command in (["quotes", "-t"], ["articles", "-t"], ["search", "we will act now", "-t"]):
        out = run(db, *command).stdout
        assert not any(c in out for c in "\x1b\x07\x9b"), command
        assert "␛" in out, command
    assert "We will ␛]0;pwned␇act ␛[31mnow\\x9b," in run(db, "quotes", "-t").stdout


def test_a_file_name_with_a_newline_gives_one_error_line(db, tmp_path):
    path = tmp_path / "a\nError: forged.txt"
    path.write_bytes(b"")
    result = run(db, "ingest", str(path))
    assert result.exit_code == 1
    assert errors(result) == ["Error: %s: empty file" % str(path).replace("\n", "␊")]
    assert len(result.stderr.strip().splitlines()) == 2  # the error and the summary


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_read(db, tmp_path, codec):
    path = tmp_path / "wide.txt"
    data = PSAKI.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    result = run(db, "ingest", str(path))
    assert result.exit_code == 0, result.stderr
    assert stored(db) == {str(path): PSAKI}
    assert run(db, "extract", str(path)).exit_code == 0


def test_a_nul_character_is_refused_in_jsonl_as_in_text_files(db, tmp_path):
    path = tmp_path / "nul.jsonl"
    path.write_text(jsonl({"id": "n", "text": "a\0b " + PSAKI}, {"id": "ok", "text": PRICE}),
                    encoding="utf-8")
    result = run(db, "ingest", str(path))
    assert result.exit_code == 1
    assert errors(result) == ["Error: %s line 1 (id n): a NUL character in the text" % path]
    assert list(stored(db)) == ["ok"]


def test_an_id_of_blanks_is_refused(db, tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_text(jsonl({"id": "  \t", "text": PSAKI}, {"id": "ok", "text": PRICE}), encoding="utf-8")
    result = run(db, "ingest", str(path))
    assert result.exit_code == 1
    assert errors(result) == ['Error: %s line 1: missing, blank or non-string "id"' % path]
    assert list(stored(db)) == ["ok"]


@pytest.mark.parametrize("query", ['"', "***", "-"])
def test_a_search_with_no_words_is_blamed_on_the_search_not_the_library(db, query):
    assert run(db, "ingest", str(SEED)).exit_code == 0
    result = run(db, "quotes", "--search", query)
    assert result.exit_code == 2
    assert errors(result) == ["Error: Invalid value for '--search' / '-q': %r has no words to search for"
                              % query]
    assert db not in result.stderr


def test_a_search_with_fts_syntax_is_searched_as_words(db):
    assert run(db, "ingest", str(SEED)).exit_code == 0
    result = run(db, "quotes", "--search", 'path OR "diplomacy (')
    assert result.exit_code == 0, result.stderr


def test_a_very_long_about_phrase_is_refused_at_once(db):
    assert run(db, "ingest", str(SEED)).exit_code == 0
    result = run(db, "compare", "#1", "#2", "--about", "response " * 12_000)
    assert result.exit_code == 2
    assert "at most 1,000 characters" in errors(result)[0]


def test_the_compare_library_caps_a_long_about_phrase():
    from quotetrack.search import compare

    long = "response to the attack " * 5000
    assert len(compare.about_phrase(long)) <= compare.MAX_ABOUT
    assert compare.about_phrase(long).startswith("response to the attack")
    assert compare.about_phrase("short phrase") == "short phrase"
