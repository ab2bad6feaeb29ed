"""Measuring quotetrack: ``scoring`` (a port of shared/tools/score.py, behind
``quotetrack eval``) and ``typo_queries`` (the queries the search test and
bench type). Not a stage of the engine; nothing in the engine imports it."""
