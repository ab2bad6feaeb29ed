"""quotetrack.scoring: hand-made cases, and agreement with shared/tools/score.py."""

import functools
import importlib.util
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import quotetrack
from quotetrack.cli import cli
from quotetrack.engine.model import Quote
from quotetrack.evaluation import scoring

SHARED = Path(__file__).parents[1] / ".." / "shared"
SCORE_PY = SHARED / "tools" / "score.py"
DEV = SHARED / "data" / "polnear-dev.jsonl"
SEED_GOLD = SHARED / "data" / "seed-gold.jsonl"

needs_shared = pytest.mark.skipif(not (SCORE_PY.exists() and DEV.exists()),
                                  reason="../shared (score.py and gold data) is not beside the repo")


def q(start, end, speaker="X", judged=True, text=None):
    """A cleaned quote as read_jsonl makes it (trimmed span = raw span unless text is given)."""
    ts, te = scoring.trim_span(text, start, end) if text is not None else (start, end)
    return {"start": start, "end": end, "ts": ts, "te": te, "speaker": speaker, "judged": judged}


# --------------------------------------------------------------------------
# Names


@pytest.mark.parametrize("a, b", [
    ("Joe Biden", "Biden"),
    ("President Joe Biden", "Mr. Biden"),
    ("Biden's", "Joe Biden"),
    ("the Pentagon", "Pentagon"),
    ("White House Spokesperson Jen Psaki", "Psaki"),
    ("Secretary Blinken", "Antony Blinken"),
    ("The New York Post", "New York Post"),
    ("Hillary Rodham Clinton", "Hillary Clinton"),
    ("Donald J. Trump", "TRUMP"),
    ("Clintons’", "the Clintons"),
    ("Mrs Pryce", "Ellen Pryce"),            # a title and the surname: either Pryce
    ("A. Blinken", "Antony J. Blinken"),     # an initial agrees with its name
])
def test_same_entity(a, b):
    assert scoring.same_entity(a, b)
    assert scoring.same_entity(b, a)


@pytest.mark.parametrize("a, b", [
    ("Jen Psaki", "Antony Blinken"),
    ("Hillary Clinton", "Bill Clinton Jr"),
    ("the Secretary", "Secretary"),     # nothing left but titles
    ("Biden", None),
    ("", "Biden"),
    ("Mr.", "Mr."),
    ("Ellen Pryce", "Tom Pryce"),            # one surname, two first names: two people
    ("Donald Trump", "Eric Trump"),
])
def test_not_same_entity(a, b):
    assert not scoring.same_entity(a, b)


def test_normalise_name_drops_articles_titles_possessives():
    assert scoring.normalise_name("The Rev. Al Sharpton’s") == ["al", "sharpton"]
    assert scoring.normalise_name(None) == []


# --------------------------------------------------------------------------
# Spans and matching


def test_trim_drops_punctuation_and_space_but_keeps_a_bare_mark():
    text = "“ Hello, world. ” and —"
    assert scoring.trim_span(text, 0, 17) == (2, 14)
    assert scoring.trim_span(text, 22, 23) == (22, 23)


def test_match_needs_half_of_the_longer_span():
    gold = [q(0, 10)]
    assert scoring.match(gold, [q(5, 15)]) == [(0, 0)]   # overlap 5 of 10: enough
    assert scoring.match(gold, [q(6, 15)]) == []         # overlap 4 of 10
    assert scoring.match(gold, [q(0, 21)]) == []         # overlap 10 of 21


def test_match_is_one_to_one_by_largest_overlap():
    gold = [q(0, 10), q(8, 20)]
    pred = [q(2, 14), q(0, 10)]
    # gold 0 could take either prediction; the larger overlap wins and leaves the other to gold 1
    assert sorted(scoring.match(gold, pred)) == [(0, 1), (1, 0)]


def test_match_compares_trimmed_spans():
    text = "“  Yes, we can. ” he said."
    gold = [q(1, 15, text=text)]   # "  Yes, we can. "
    pred = [q(3, 14, text=text)]   # "Yes, we can."
    assert scoring.match(gold, pred) == [(0, 0)]


def _article(quotes, text="t" * 100, aid="a"):
    return {aid: (1, {"id": aid, "text": text, "quotes": quotes})}


def test_score_counts_speakers_and_end_to_end():
    gold = _article([q(0, 10, "Joe Biden"), q(20, 30, None), q(40, 50, "she", judged=False),
                     q(60, 70, "Psaki")])
    pred = _article([q(0, 10, "Biden"), q(20, 30, None), q(40, 50, "Someone"), q(60, 70, "Blinken"),
                     q(80, 90, None)])
    res = scoring.score(gold, pred, n_errors=5)
    assert res["quotes"]["matched"] == 4
    assert (res["quotes"]["predicted"], res["quotes"]["gold"]) == (5, 4)
    assert res["speaker"] == {"judged": 2, "correct": 1, "accuracy": 0.5, "gold_null": 1,
                              "gold_unjudged": 1}
    # the unjudgeable pair leaves both sides; Biden and the null speaker are right
    assert (res["end_to_end"]["correct"], res["end_to_end"]["predicted"],
            res["end_to_end"]["gold"]) == (2, 4, 3)
    assert [e["pred_speaker"] for e in res["errors"]["wrong_speaker"]] == ["Blinken"]
    assert len(res["errors"]["spurious"]) == 1 and res["errors"]["missed"] == []


def test_prf_is_zero_when_undefined():
    assert scoring.prf(0, 0, 0) == (0.0, 0.0, 0.0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=6),
       st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=6))
def test_match_pairs_are_one_to_one_and_eligible(gspans, pspans):
    gold = [q(s, s + n) for s, n in gspans]
    pred = [q(s, s + n) for s, n in pspans]
    pairs = scoring.match(gold, pred)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    for i, j in pairs:
        g, p = gold[i], pred[j]
        ov = min(g["te"], p["te"]) - max(g["ts"], p["ts"])
        assert ov > 0 and 2 * ov >= max(g["te"] - g["ts"], p["te"] - p["ts"])


# --------------------------------------------------------------------------
# Reading errors


def test_malformed_prediction_names_file_and_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "He said “yes”.", "quotes": []}) + "\n")
    pred = tmp_path / "pred.jsonl"
    pred.write_text('\n' + json.dumps({"id": "a", "quotes": [{"start": 9, "end": 99}]}) + "\n")
    with pytest.raises(scoring.ScoreInputError, match=r"prediction file .*pred\.jsonl line 2 .*outside"):
        scoring.score_files(str(gold), str(pred))


# --------------------------------------------------------------------------
# Agreement with the reference scorer


def _perturbed_predictions(gold_path, out_path, seed=0):
    """A prediction file with misses, shifted spans, spurious quotes and wrong speakers."""
    rng = random.Random(seed)
    names = ["Donald Trump", "Hillary Clinton", "Mr. Pence", "the Pentagon", None]
    with open(gold_path, encoding="utf-8") as fin, open(out_path, "w", encoding="utf-8") as fout:
        for n, line in enumerate(fin):
            art = json.loads(line)
            if n % 7 == 3:
                continue  # an article left out of the predictions
            text, quotes = art["text"], []
            for gq in art["quotes"]:
                r = rng.random()
                if r < 0.15:
                    continue
                s, e = gq["start"], gq["end"]
                if r < 0.4:
                    s = max(0, min(e, s + rng.randint(-8, 8)))
                    e = max(s, min(len(text), e + rng.randint(-8, 8)))
                sp = gq.get("speaker") if rng.random() < 0.6 else rng.choice(names)
                quotes.append({"start": s, "end": e, "text": text[s:e], "speaker": sp})
            for _ in range(rng.randint(0, 2)):
                s = rng.randrange(len(text))
                e = min(len(text), s + rng.randint(1, 60))
                quotes.append({"start": s, "end": e, "speaker": rng.choice(names)})
            obj = {"id": art["id"], "quotes": quotes}
            if n % 2:
                obj["text"] = text
            fout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _score_py(*args):
    proc = subprocess.run([sys.executable, str(SCORE_PY), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8")
    return proc.returncode, proc.stdout, proc.stderr


@needs_shared
@pytest.mark.parametrize("gold", [DEV, SEED_GOLD], ids=["dev", "seed"])
def test_same_figures_table_and_errors_as_score_py(tmp_path, gold):
    pred = tmp_path / "pred.jsonl"
    _perturbed_predictions(gold, pred)
    res = scoring.score_files(str(gold), str(pred), n_errors=4)
    code, out, err = _score_py(gold, pred, "--errors", "4")
    assert code == 0, err
    assert scoring.render(res) + "\n" == out
    code, out, err = _score_py(gold, pred, "--json", "--errors", "4")
    assert code == 0, err
    assert scoring.render_json(res) + "\n" == out


def _stand_in_extract(text):
    """Curly-quoted spans with a speaker in turn: a fixed extractor, so this test
    checks the eval plumbing, not the engine of the day."""
    names = ["Hillary Clinton", None, "Trump", "Caddell", "the Pentagon"]
    return [Quote(m.start(1), m.end(1), m.group(1), speaker=names[k % len(names)])
            for k, m in enumerate(re.finditer(r"“([^”\n]*)”", text))]


@needs_shared
def test_eval_prints_what_score_py_prints_for_extract_output(tmp_path, monkeypatch):
    monkeypatch.setattr(quotetrack, "extract", _stand_in_extract)
    runner = CliRunner()
    extracted = runner.invoke(cli, ["extract", str(DEV), "--nl"], catch_exceptions=False)
    assert extracted.exit_code == 0
    pred = tmp_path / "pred.jsonl"
    pred.write_text(extracted.stdout, encoding="utf-8")
    for flags in ([], ["--errors", "3"], ["--json"]):
        ours = runner.invoke(cli, ["eval", str(DEV), *flags], catch_exceptions=False)
        code, out, err = _score_py(DEV, pred, *flags)
        assert code == ours.exit_code == 0, err
        assert ours.stdout == out


@needs_shared
@pytest.mark.parametrize("pred_lines", [
    ['{"id": "x", "quotes": []'],
    ['{"id": "seed/000_7d63752a5a5a4f90", "quotes": []}', '{"id": "seed/000_7d63752a5a5a4f90", "quotes": []}'],
    ['{"id": "nope", "quotes": []}'],
    ['{"id": "seed/000_7d63752a5a5a4f90", "text": "other", "quotes": []}'],
    ['{"id": "seed/000_7d63752a5a5a4f90", "quotes": [{"start": 5, "end": 3}]}'],
    ['{"id": "seed/000_7d63752a5a5a4f90", "quotes": [{"start": 0, "end": 5, "text": "nope!"}]}'],
    ['{"id": "seed/000_7d63752a5a5a4f90", "quotes": [{"start": 0, "end": 5, "speaker": 3}]}'],
    ['[]'],
], ids=["json", "repeat", "unknown-id", "text", "offsets", "quote-text", "speaker", "not-object"])
def test_same_error_messages_as_score_py(tmp_path, pred_lines):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(pred_lines) + "\n", encoding="utf-8")
    code, _out, err = _score_py(SEED_GOLD, pred)
    assert code == 2
    with pytest.raises(scoring.ScoreInputError) as exc:
        scoring.score_files(str(SEED_GOLD), str(pred))
    assert err == "score.py: error: %s\n" % exc.value


@functools.cache
def _reference_module():
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("Mr. Mrs the Joe Biden’s ' -Sen Pentagon X"), max_size=25),
       st.text(alphabet=st.sampled_from("Mr. Mrs the Joe Biden’s ' -Sen Pentagon X"), max_size=25),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 20)), max_size=5),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 20)), max_size=5))
def test_names_and_matching_agree_with_score_py(a, b, gspans, pspans):
    ref = _reference_module()
    assert scoring.same_entity(a, b) == ref.same_entity(a, b)
    assert scoring.normalise_name(a) == ref.normalise_name(a)
    gold = [q(s, s + n) for s, n in gspans]
    pred = [q(s, s + n) for s, n in pspans]
    assert scoring.match(gold, pred) == ref.match(gold, pred)

