"""``python -m quotetrack``: the command line."""

from quotetrack.cli import cli

if __name__ == "__main__":
    cli(prog_name="quotetrack")
