"""The quotetrack command line, through click's CliRunner."""

import json

import click
import pytest
from click.testing import CliRunner

from quotetrack.cli import cli

ARTICLE = (
    "US-Iran tensions soar over Iraq attack\n\n"
    "President Joe Biden said US officials are investigating the incident. "
    "“We’re identifying whose responsible and we’ll make judgments at that point,” "
    "Biden told reporters before a meeting with lawmakers in the Oval Office.\n"
)
QUOTE = "We’re identifying whose responsible and we’ll make judgments at that point,"


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def error_lines(result):
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "biden.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_gives_json_array_with_true_offsets(article):
    result = run("extract", str(article))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    obj = data[0]
    assert obj["id"] == str(article)
    assert obj["text"] == ARTICLE
    assert QUOTE in [q["text"] for q in obj["quotes"]]
    for q in obj["quotes"]:
        assert obj["text"][q["start"]:q["end"]] == q["text"]


def test_extract_nl_gives_one_line_per_article(tmp_path, article):
    other = tmp_path / "sub" / "second.md"
    other.parent.mkdir()
    other.write_text("No quotes here.\n", encoding="utf-8")
    result = run("extract", str(tmp_path), "--nl")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == [str(article), str(other)]  # directories are read in sorted order


def test_extract_of_nothing_readable_is_an_empty_array(tmp_path):
    result = run("extract", str(tmp_path))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_extract_reads_jsonl_input(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a1", "text": ARTICLE, "publisher": "x"}, {"id": "a2", "text": "Nothing said."}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    result = run("extract", str(path), "--nl")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a1", "a2"]
    assert set(out[0]) == {"id", "text", "quotes"}
    assert QUOTE in [q["text"] for q in out[0]["quotes"]]
    assert out[1]["quotes"] == []


def test_missing_path_is_one_line_error_and_the_rest_still_runs(tmp_path, article):
    missing = tmp_path / "missing.txt"
    result = run("extract", str(missing), str(article), "--nl")
    assert result.exit_code != 0
    errors = error_lines(result)
    assert len(errors) == 1 and str(missing) in errors[0]
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [str(article)]


def test_malformed_jsonl_line_is_named_and_other_lines_and_files_run(tmp_path, article):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok1", "text": "Fine."}\n{"id": "broken", \n'
                    '{"id": "ok2", "text": "Also fine."}\n', encoding="utf-8")
    result = run("extract", str(path), str(article))
    assert result.exit_code != 0
    errors = error_lines(result)
    assert len(errors) == 1
    assert str(path) in errors[0] and "line 2" in errors[0]
    assert [o["id"] for o in json.loads(result.stdout)] == ["ok1", "ok2", str(article)]


def test_binary_file_is_an_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    result = run("extract", str(path))
    assert result.exit_code != 0
    assert str(path) in error_lines(result)[0]


def test_cp1252_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("He said \u201cno comment\u201d today.".encode("cp1252"))
    result = run("extract", str(path), "--nl")
    assert result.exit_code == 0
    assert "cp1252" in result.stderr and str(path) in result.stderr
    assert json.loads(result.stdout)["text"] == "He said \u201cno comment\u201d today."


def _commands():
    ctx = click.Context(cli)
    return [name for name in cli.list_commands(ctx)]


@pytest.mark.parametrize("name", [None] + _commands())
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help_with_an_example(name, flag):
    result = run(*([name] if name else []), flag)
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def test_bare_quotetrack_opens_the_browser_and_help_prints_help(monkeypatch, tmp_path):
    import quotetrack.tui

    opened = []
    monkeypatch.setattr(quotetrack.tui, "make_app", lambda path: type("App", (), {
        "run": lambda self: opened.append(path)})())
    monkeypatch.setenv("QUOTETRACK_DB", str(tmp_path / "library.db"))
    result = run()
    assert result.exit_code == 0 and opened == [str(tmp_path / "library.db")]
    result = run("help")
    assert result.exit_code == 0
    assert "extract" in result.stdout and "eval" in result.stdout


def test_unknown_command_is_an_error():
    result = run("extrct", "x.txt")
    assert result.exit_code == 2
    assert "No such command 'extrct'" in result.stderr


def test_eval_prints_the_score_table(tmp_path):
    start = ARTICLE.index(QUOTE)
    gold = {"id": "g1", "text": ARTICLE, "quotes": [
        {"start": start, "end": start + len(QUOTE), "text": QUOTE, "speaker": "Joe Biden"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("eval", str(path), "--errors", "2")
    assert result.exit_code == 0, result.output
    rows = {line.split("  ")[0] for line in result.stdout.splitlines()}
    assert "quotes" in rows
    assert "end-to-end (headline)" in rows
    assert "articles: 1 gold, 1 with predictions" in result.stdout
    assert "== missed quotes" in result.stdout


def test_eval_json(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "g1", "text": "Nothing.", "quotes": []}) + "\n")
    result = run("eval", str(path), "--json")
    assert result.exit_code == 0
    res = json.loads(result.stdout)
    assert res["quotes"]["gold"] == 0 and res["articles"]["gold"] == 1


def test_eval_malformed_gold_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "g1", "text": "x", "quotes": []}\n{"id": "g2", "quotes": []}\n')
    result = run("eval", str(path))
    assert result.exit_code == 2
    errors = error_lines(result)
    assert len(errors) == 1 and str(path) in errors[0] and "line 2" in errors[0]


def test_check_is_a_command_of_quotetrack_and_finds_damage(tmp_path):
    import clitools

    db = str(tmp_path / "lib.db")
    assert clitools.run(db, "ingest", str(clitools.SEED), "--silent").exit_code == 0
    sound = CliRunner().invoke(cli, ["--db", db, "check"])
    assert sound.exit_code == 0 and "is sound" in sound.output
    with open(db, "r+b") as fh:  # overwrite bytes in the middle of the file
        fh.seek(4096 * 2)
        fh.write(b"\xff" * 3000)
    damaged = CliRunner().invoke(cli, ["--db", db, "check"])
    assert damaged.exit_code == 1
    assert "damaged" in damaged.output and "Traceback" not in damaged.output


def test_quotes_take_publisher_and_min_length(tmp_path):
    import clitools

    db = str(tmp_path / "lib.db")
    lines = [{"id": "w1", "publisher": "Wire", "published": "2021-03-02",
              "text": "“We will take action at a time of our choosing,” Antony Blinken said. "
                      "“Yes,” Blinken said."},
             {"id": "p1", "publisher": "Post", "published": "2021-02-01",
              "text": "“The path of diplomacy is open to Iran today,” Antony Blinken said."}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert clitools.run(db, "ingest", str(src), "--silent").exit_code == 0
    wire = json.loads(clitools.run(db, "quotes", "--publisher", "wire").stdout)
    assert {q["article"] for q in wire} == {"w1"} and {q["publisher"] for q in wire} == {"Wire"}
    long = json.loads(clitools.run(db, "quotes", "--min-length", "10").stdout)
    assert long and "Yes," not in [q["text"] for q in long]
    both = json.loads(clitools.run(db, "quotes", "--min-length", "10", "--since", "2021-03-01",
                                   "--publisher", "Wire").stdout)
    assert [q["article"] for q in both] == ["w1"] and len(both) == 1
    assert json.loads(clitools.run(db, "quotes", "--publisher", "Nobody").stdout) == []
    reassign = clitools.run(db, "quotes", "reassign", str(long[0]["id"]), "--none")
    assert reassign.exit_code == 0
