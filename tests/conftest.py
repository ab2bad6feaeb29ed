"""Fixtures shared by the library tests."""

import pytest

from quotetrack.library import locations


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A fresh library path; $QUOTETRACK_DB unset so only --db chooses it."""
    monkeypatch.delenv(locations.ENV_VAR, raising=False)
    return str(tmp_path / "library.db")
