"""The library: a lasting SQLite file of articles, speakers and their statements.

Sits on the engine and on nothing above it. ``articles`` and ``sources``
read inputs (text, Markdown, HTML, JSONL, folders, stdin); ``ingest``
extracts them in worker processes and writes through ``store``; ``speakers``
groups names across articles into people; ``corrections`` keeps the user's
merges, renames and reassignments; ``queries`` serves the listing commands;
``locations`` says where the library file lives.
"""
