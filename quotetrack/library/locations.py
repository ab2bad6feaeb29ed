"""Where the library lives: ``--db``, else ``QUOTETRACK_DB``, else a per-user default.

Resolved when a command runs, never at import time, so tests and scripts can
point the commands at any file by option or environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "QUOTETRACK_DB"
APP_NAME = "quotetrack"
DB_NAME = "quotetrack.db"


def default_db_path() -> Path:
    """The per-user default library file (e.g. ~/.local/share/quotetrack/quotetrack.db)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DB_NAME


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The library file to use: ``explicit`` (from --db), else $QUOTETRACK_DB, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()
