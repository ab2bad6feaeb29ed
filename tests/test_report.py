"""quotetrack report (issue 12, item 7): statements by speaker with sources and citations."""

import html.parser
import json

import pytest

from quotetrack.engine.model import Quote
from quotetrack.library import report, store
from quotetrack.library.store import ArticleRecord

import clitools  # tests/ is on the path

HOSTILE = "<script>alert(1)</script> **bold** [x](javascript:alert(2))"


@pytest.fixture
def lib(tmp_path):
    """Two officials in two articles, one with a hostile title and url."""
    path = str(tmp_path / "lib.db")
    db = store.open_db(path)
    for aid, speaker, quote, meta in (
            ("a1", "Ann Smith", "New sanctions on Russian banks will stop the money",
             dict(title="Sanctions bite", publisher="Wire", published="2022-03-01",
                  url="https://example.org/a1")),
            ("a2", "Bob Jones", HOSTILE,
             dict(title="<b>Loud</b> & clear", publisher="Post", published="2022-04-01",
                  url="javascript:alert(3)"))):
        text = "“%s,” %s said.\n" % (quote, speaker)
        store.write_article(db, ArticleRecord(aid, text, **meta),
                            [Quote(1, 1 + len(quote), quote, speaker=speaker, speaker_kind="person")])
    db.close()
    return path


class Collect(html.parser.HTMLParser):
    """Tags, attributes and text of an HTML page."""

    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_self_contained_grouped_and_escaped(lib, tmp_path):
    out = tmp_path / "r.html"
    result = clitools.run(lib, "report", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parsed = Collect()
    parsed.feed(page)
    tags = [t for t, _ in parsed.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "style" in tags
    assert tags.count("h2") == 2 and tags.count("blockquote") == 2
    hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
    assert hrefs == ["https://example.org/a1"]  # the javascript: url is no link
    text = "".join(parsed.text)
    assert HOSTILE in text and "<b>Loud</b> & clear" in text
    assert "“New sanctions on Russian banks will stop the money” — Ann Smith. Wire, “Sanctions bite”, " \
           "2022-03-01. https://example.org/a1" in text
    assert "http://" not in page.replace("https://example.org/a1", "")


def test_markdown_report_filters_by_speaker_and_date(lib, tmp_path):
    result = clitools.run(lib, "report", "--speaker", "smith", "--format", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "## Ann Smith" in result.stdout and "Bob Jones" not in result.stdout
    assert "Citation: “New sanctions" in result.stdout and "<https://example.org/a1>" in result.stdout
    later = clitools.run(lib, "report", "--since", "2022-03-15", "--format", "md", "-o", "-").stdout
    assert "## Bob Jones" in later and "Ann Smith" not in later
    assert "\\<script\\>" in later and "<script>" not in later  # no raw HTML in Markdown
    both = clitools.run(lib, "report", "--speaker", "smith", "--speaker", "jones", "--format", "md",
                        "-o", "-").stdout
    assert both.index("## ") < both.index("## Bob Jones")


def test_about_goes_through_search(lib):
    result = clitools.run(lib, "report", "--about", "sanctions on russian banks", "--format", "md", "-o", "-")
    assert result.exit_code == 0
    assert "Ann Smith" in result.stdout and "Bob Jones" not in result.stdout


def test_report_errors_are_one_line(lib, tmp_path):
    bad = clitools.run(lib, "report", "--speaker", "Zbigniew", "--format", "md", "-o", "-")
    assert bad.exit_code == 1 and bad.output.startswith("Error: no speaker named like")
    nowhere = clitools.run(lib, "report", "--format", "html", "-o", str(tmp_path / "no" / "r.html"))
    assert nowhere.exit_code == 1 and nowhere.output.startswith("Error: cannot write")
    missing = clitools.run(lib, "report", "-o", "-")
    assert missing.exit_code == 2 and "--format" in missing.output


def test_report_on_the_seed(tmp_path):
    path = str(tmp_path / "seed.db")
    clitools.run(path, "ingest", str(clitools.SEED), "--silent")
    rows = report.report_rows(store.open_db(path))
    assert [g.speaker for g in report.groups(rows)][0] == "Antony Blinken"
    assert report.groups(rows)[0].role == "Secretary of State"
    md = report.markdown(rows)
    assert md.count("Citation: ") == len(rows) and "## Antony Blinken — Secretary of State" in md
    json.dumps(rows)
