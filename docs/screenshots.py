#!/usr/bin/env python3
"""Make the README's screenshots of the browser: the main screen, the compare screen and the
timeline.

Usage:
    python3 docs/screenshots.py [LIBRARY.db]

Without a library, one is built in /tmp from ../shared/data/polnear-train.jsonl
(or the seed article when that is missing). The app runs headless at 140x45;
each screen is saved as SVG by Textual and turned into PNG by rsvg-convert
(Debian's librsvg2-bin), next to this file.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

TRAIN = REPO.parent / "shared" / "data" / "polnear-train.jsonl"
PHRASE = "jobs"  # the compare screen's phrase filter


def build(path: Path) -> None:
    """A library from the train articles (or the seed article)."""
    from quotetrack.library import ingest, store
    from quotetrack.tui.welcome_screen import seed_path

    if path.exists():
        return
    db = store.open_db(path)
    ingest.ingest(db, [str(TRAIN) if TRAIN.exists() else seed_path()], workers=ingest.default_workers())
    db.close()


async def shoot(path: Path) -> None:
    """Save the main, compare and timeline screens."""
    from quotetrack.tui import make_app
    from quotetrack.tui.compare_screen import CompareScreen

    app = make_app(path)
    async with app.run_test(size=(140, 45)) as pilot:
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
        main = app.screen
        main.query_one("#statements").focus()
        await pilot.press("down", "down")
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        app.save_screenshot("main.svg", path=str(HERE))
        left, right = app.officials[0], app.officials[1]
        app.push_screen(CompareScreen(left.id, right.id))
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
        app.screen.query_one("#phrase").value = PHRASE
        await pilot.pause(0.5)
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
        app.save_screenshot("compare.svg", path=str(HERE))
        # the timeline of the same two officials, by month, a busy month chosen
        app.screen.query_one("#phrase").value = ""
        await pilot.press("t")
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
        timeline = app.screen
        counts = [sum(s.counts[i] for s in timeline.timeline.series) for i in range(len(timeline.timeline.starts))]
        timeline.choose(counts.index(max(counts)))
        timeline.query_one("#period-statements").focus()
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
        app.save_screenshot("timeline.svg", path=str(HERE))
    for name in ("main", "compare", "timeline"):
        subprocess.run(["rsvg-convert", str(HERE / (name + ".svg")), "-o", str(HERE / (name + ".png"))],
                       check=True)
        (HERE / (name + ".svg")).unlink()
        print(HERE / (name + ".png"))


def main() -> int:
    """Build (or take) the library, shoot."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/quotetrack-screenshots.db")
    build(path)
    asyncio.run(shoot(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
