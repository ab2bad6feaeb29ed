"""Accuracy floors on the PolNeAR dev set and on wild-dev, so engine tuning cannot
silently regress on either (a change that wins on one and loses on the other is
overfitting).

Runs quotetrack.extract on every article of ../shared/data/polnear-dev.jsonl and
wild-dev.jsonl (beside the repository; skipped when absent), scores the
predictions with quotetrack.evaluation.scoring exactly as ``quotetrack eval``
does, and asserts floors a little under the current figures (polnear-dev: quote
F1 0.964, end-to-end F1 0.881, speaker accuracy 0.922; wild-dev: 0.985, 0.888,
0.902).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import quotetrack
from quotetrack.evaluation import scoring

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "data" / "polnear-dev.jsonl"
WILD = SHARED / "data" / "wild-dev.jsonl"

QUOTE_F1_FLOOR = 0.955
E2E_F1_FLOOR = 0.87
SPEAKER_ACCURACY_FLOOR = 0.91
WILD_FLOORS = {"quote_f1": 0.975, "e2e_f1": 0.87, "speaker": 0.885}


def _score(path: Path) -> dict:
    if not path.exists():
        pytest.skip("%s not found (../shared is not beside the repository)" % path)
    gold = scoring.read_jsonl(str(path), "gold")
    texts = scoring.gold_texts_of(gold)
    pred: scoring.Articles = {}
    for lineno, (aid, (_line, art)) in enumerate(gold.items(), 1):
        quotes = [q.to_dict() for q in quotetrack.extract(art["text"])]
        # through the scorer's own checks: offsets inside the text, text == text[start:end]
        scoring.add_article(pred, {"id": aid, "quotes": quotes}, lineno,
                            "prediction (extract) line %d" % lineno, texts)
    return scoring.score(gold, pred, n_errors=5)


@pytest.fixture(scope="module")
def dev_score() -> dict:
    return _score(DEV)


@pytest.fixture(scope="module")
def wild_score() -> dict:
    return _score(WILD)


def _failure(res: dict) -> str:
    return "figures fell below a floor:\n" + scoring.render(res)


def test_dev_set_is_complete(dev_score):
    assert dev_score["articles"]["gold"] == 84
    assert dev_score["articles"]["with_predictions"] == 84
    assert dev_score["quotes"]["gold"] > 0


def test_dev_quote_f1_floor(dev_score):
    assert dev_score["quotes"]["f1"] >= QUOTE_F1_FLOOR, _failure(dev_score)


def test_dev_end_to_end_f1_floor(dev_score):
    assert dev_score["end_to_end"]["f1"] >= E2E_F1_FLOOR, _failure(dev_score)


def test_dev_speaker_accuracy_floor(dev_score):
    acc = dev_score["speaker"]["accuracy"]
    assert acc is not None and acc >= SPEAKER_ACCURACY_FLOOR, _failure(dev_score)


def test_wild_dev_floors(wild_score):
    assert wild_score["articles"]["gold"] == 30
    assert wild_score["quotes"]["f1"] >= WILD_FLOORS["quote_f1"], _failure(wild_score)
    assert wild_score["end_to_end"]["f1"] >= WILD_FLOORS["e2e_f1"], _failure(wild_score)
    assert wild_score["speaker"]["accuracy"] >= WILD_FLOORS["speaker"], _failure(wild_score)
