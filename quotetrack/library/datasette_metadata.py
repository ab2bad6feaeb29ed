"""A datasette metadata file for a library: labels, facets and sort orders that make its
tables readable in datasette (``datasette library.db -m metadata.json``).

Datasette names a foreign key's row by the target table's ``label_column``;
left to guess, it takes an article's ``title``, which many articles lack, so
quote rows showed "None". ``articles.label`` is the title, else the id. The
facets are the ones a reporter filters by: speaker, publisher, the
statement's kind (direct, mixed, indirect), its cue type (speech or
attitude) and the speaker's kind (person or organisation). The
same JSON is datasette 1.0's configuration (``-c``), where these keys moved.
"""

from __future__ import annotations

from pathlib import Path

# tables datasette need not list: the store's bookkeeping
HIDDEN = ("name_counts", "name_roles", "name_corrections", "quote_corrections", "correction_log")


def metadata(db_path: str | Path) -> dict:
    """The metadata dict for the library file at ``db_path`` (datasette names a database by
    its file name without the extension)."""
    tables = {
        "statements": {
            "description": "Every statement (kind: direct quotations, mixed and indirect reported "
                           "speech; cue_type: speech, or an attitude such as believes or wants) with "
                           "its speaker, the speaker's kind, the outlet and date (statements of "
                           "names corrected as no speaker left out).",
            "facets": ["speaker", "publisher", "kind", "cue_type", "speaker_kind"],
            "sort_desc": "published",
            "fts_table": "quotes_fts", "fts_pk": "id",
        },
        "quotes": {
            "description": "Statements as the engine found them, speakers as corrected.",
            "facets": ["speaker_id", "kind", "cue_type", "speaker_kind"],
            "label_column": "text",
        },
        "articles": {"label_column": "label", "facets": ["publisher"], "sort_desc": "published"},
        "speakers": {"label_column": "name", "facets": ["kind"], "sort_desc": "quotes"},
        "aliases": {"facets": ["speaker_id"]},
        "roles": {"facets": ["role"]},
    }
    tables.update({name: {"hidden": True} for name in HIDDEN})
    return {
        "title": "quotetrack library",
        "description": "Quotations from news articles and who said them, made by quotetrack.",
        "databases": {Path(db_path).stem: {"tables": tables}},
    }
