"""Running the quotetrack CLI from tests (shared by the store and ingest tests)."""

from pathlib import Path

from click.testing import CliRunner

from quotetrack.cli import cli

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_7d63752a5a5a4f90.txt"


def run(db, *args, input=None):
    """quotetrack --db DB ARGS..., through CliRunner."""
    return CliRunner().invoke(cli, ["--db", db, *args], input=input, catch_exceptions=False)
