"""The library: a lasting SQLite file of articles, speakers and their statements.

Sits on the engine and on nothing above it. ``articles`` and ``sources``
read inputs (text, Markdown, HTML, JSONL, folders, stdin), ``web`` pages and
feeds by URL; ``ingest`` extracts them in worker processes and writes
through ``store``; ``speakers`` groups names across articles into people;
``corrections`` keeps the user's merges, renames, "not a speaker" and
reassignments, each undoable, and ``speaker_ids`` keeps ids with their names
through them; ``queries`` serves the listing commands,
``report`` the reports and ``datasette_metadata`` datasette's metadata;
``locations`` says where the library file lives.
"""
