"""How well speakers are grouped across articles, on all of PolNeAR (train + dev).

    python3 bench/speakers.py [--db PATH] [--keep] [--json]

Ingests ../shared/data/polnear-{train,dev}.jsonl into a fresh library
(``quotetrack ingest --workers 2``; ``--db PATH`` measures an existing
library instead) and prints:

(a) **lone surnames split from their person**: the share of attributed
    quotes whose speaker is shown under one word (a person) while another
    speaker's full name ends with that word ("Trump" beside "Donald
    Trump"). Target: at most 1 %.
(b) **names that are no speaker**: the share of attributed quotes whose
    speaker name fails one of these stated tests:
    - it starts with a preposition, determiner, conjunction, pronoun or
      sentence adverb ("Mostly for Trump", "on Twitter", "As for Ban",
      "Another");
    - it has no capitalised word at all;
    - it is a place: a country or US state (the small gazetteer below);
    - it is one word that the articles write in lower case more often than
      capitalised, i.e. a common English word ("Transcript"), unless a
      speaker's full name ends with it (a surname such as "Trump").
    Target: at most 0.5 % (mostly the engine's to fix).
(c) the 20 most quoted speakers with their aliases, to eyeball the grouping.

The ingest time is printed too. Figures are of the engine as it stands, so
they move when the engine does.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
INPUTS = [DATA / "polnear-train.jsonl", DATA / "polnear-dev.jsonl"]

FUNCTION_WORDS = frozenset("""
    a an the this that these those another other some any every each either neither both all
    no none few many much more most several such
    about above across after against along amid among around as at before behind below beneath
    beside between beyond by despite down during except for from in inside into like near of off
    on onto out outside over past per since than through throughout to toward towards under
    unlike until up upon versus via with within without
    and but or nor so yet if when while because although though unless whether where whereas
    i me my we us our you your he him his she her they them their it its who whom whose which what
    mostly mainly also only just even still perhaps maybe meanwhile however instead then there
    here now later earlier yes not
""".split())
COUNTRIES = """
    Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh
    Belarus Belgium Bolivia Bosnia Brazil Britain Bulgaria Cambodia Cameroon Canada Chile China
    Colombia Congo Croatia Cuba Cyprus Czech Denmark Ecuador Egypt England Estonia Ethiopia
    Finland France Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary Iceland India
    Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Korea Kosovo
    Kuwait Laos Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali Mexico Moldova Mongolia
    Morocco Myanmar Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palestine
    Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Scotland Senegal
    Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan
    Tajikistan Tanzania Thailand Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan Venezuela
    Vietnam Wales Yemen Zambia Zimbabwe America Europe Africa Asia
""".split()
STATES = """
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
    Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming
""".split() + ["New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
               "North Dakota", "Rhode Island", "South Carolina", "South Dakota", "West Virginia",
               "United States", "United Kingdom", "Saudi Arabia", "South Africa", "North Korea",
               "South Korea", "New Zealand", "Sri Lanka", "United Arab Emirates"]
PLACES = frozenset(p.casefold() for p in COUNTRIES + STATES)
_WORD = re.compile(r"[A-Za-z][\w'’\-]*")


def ingest(db: Path) -> float:
    """Ingest all PolNeAR texts into ``db`` with two workers; the seconds it took."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "quotetrack", "--db", str(db), "ingest",
                    *map(str, INPUTS), "--workers", "2", "--silent"], check=True, cwd=REPO)
    return time.perf_counter() - start


def word_cases(conn: sqlite3.Connection) -> tuple[Counter, Counter]:
    """How often each word (case-folded) appears in the articles in lower case, and capitalised."""
    lower, upper = Counter(), Counter()
    for (text,) in conn.execute("SELECT text FROM articles"):
        for w in _WORD.findall(text):
            (upper if w[0].isupper() else lower)[w.casefold()] += 1
    return lower, upper


def no_speaker_reason(name: str, kind: str, surnames: set[str], lower: Counter,
                      upper: Counter) -> str | None:
    """Why a speaker name is no speaker (see the module docstring), or None when it may be one."""
    words = _WORD.findall(name)
    if not words:
        return "no word"
    if words[0].casefold() in FUNCTION_WORDS:
        return "starts with a function word"
    if not any(w[0].isupper() for w in words):
        return "no capitalised word"
    folded = " ".join(w.casefold() for w in words)
    if folded in PLACES or (folded.startswith("the ") and folded[4:] in PLACES):
        return "place"
    if len(words) == 1:
        w = folded
        if w not in surnames and lower[w] > upper[w]:
            return "common word"
    return None


def measure(db: Path) -> dict:
    """The figures (a), (b) and (c) of the library at ``db``."""
    conn = sqlite3.connect(db)
    speakers = conn.execute("SELECT id, name, kind, quotes FROM speakers ORDER BY quotes DESC, name"
                            ).fetchall()
    attributed = sum(s[3] for s in speakers)
    people = [s for s in speakers if s[2] == "person"]
    # words that begin or end a full name are names ("Trump", "Ban" of Ban Ki-moon)
    surnames = {w.casefold() for s in people if len(s[1].split()) >= 2
                for w in (s[1].split()[0], s[1].split()[-1])}
    lower, upper = word_cases(conn)
    bad = []
    for sid, name, kind, quotes in speakers:
        reason = no_speaker_reason(name, kind, surnames, lower, upper)
        if reason:
            bad.append((name, quotes, reason))
    no_speaker = {name for name, _q, _r in bad}
    # (a) counts a one-word speaker beside a person's full name, not beside "on Twitter"
    full_by_last: dict[str, list[str]] = {}
    for s in people:
        if len(s[1].split()) >= 2 and s[1] not in no_speaker:
            full_by_last.setdefault(s[1].split()[-1].casefold(), []).append(s[1])
    split = [(s[1], s[3], full_by_last[s[1].casefold()][:3]) for s in people
             if len(s[1].split()) == 1 and s[1].casefold() in full_by_last]
    aliases: dict[int, list[str]] = {}
    for sid, alias in conn.execute("SELECT speaker_id, alias FROM aliases ORDER BY quotes DESC, alias"):
        aliases.setdefault(sid, []).append(alias)
    weak = conn.execute("SELECT count(*) FROM quotes WHERE speaker_link IS NOT NULL").fetchone()[0] \
        if "speaker_link" in {r[1] for r in conn.execute("PRAGMA table_info(quotes)")} else 0
    top = [{"name": s[1], "quotes": s[3], "aliases": aliases.get(s[0], [])} for s in speakers[:20]]
    conn.close()
    return {
        "attributed_quotes": attributed, "speakers": len(speakers),
        "lone_surname_split": sum(q for _n, q, _f in split) / attributed if attributed else 0.0,
        "lone_surname_split_speakers": sorted(split, key=lambda x: -x[1]),
        "no_speaker": sum(q for _n, q, _r in bad) / attributed if attributed else 0.0,
        "no_speaker_names": sorted(bad, key=lambda x: -x[1]),
        "weak_links": weak, "top": top,
    }


def main() -> None:
    """Ingest (or open) the library and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="measure this library instead of a fresh ingest")
    parser.add_argument("--keep", action="store_true", help="keep the fresh library and print its path")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    seconds = None
    if args.db is None:
        folder = Path(tempfile.mkdtemp(prefix="quotetrack-speakers-"))
        db = folder / "library.db"
        seconds = ingest(db)
    else:
        db = args.db
    result = measure(db)
    result["ingest_seconds"] = seconds
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    if seconds is not None:
        print("ingested %s in %.1f s%s" % (", ".join(p.name for p in INPUTS), seconds,
                                         " (kept: %s)" % db if args.keep else ""))
    print("%d attributed quotes, %d speakers, %d quotes on a weak (dominant-person) link"
          % (result["attributed_quotes"], result["speakers"], result["weak_links"]))
    print("(a) lone surnames split from their person: %.2f %%  (target <= 1 %%)"
          % (100 * result["lone_surname_split"]))
    for name, quotes, fulls in result["lone_surname_split_speakers"][:10]:
        print("      %-20s %4d   beside %s" % (name, quotes, ", ".join(fulls)))
    print("(b) names that are no speaker: %.2f %%  (target <= 0.5 %%)" % (100 * result["no_speaker"]))
    for name, quotes, reason in result["no_speaker_names"][:15]:
        print("      %-30s %4d   %s" % (name, quotes, reason))
    print("(c) top 20 speakers and their aliases:")
    for s in result["top"]:
        print("    %4d  %s: %s" % (s["quotes"], s["name"], "; ".join(s["aliases"][:8])
                                  + (" …" if len(s["aliases"]) > 8 else "")))
    if args.db is None and not args.keep:
        for p in db.parent.iterdir():
            p.unlink()
        db.parent.rmdir()


if __name__ == "__main__":
    main()
