"""Accuracy floors on the PolNeAR dev set, so engine tuning cannot silently regress.

Runs quotetrack.extract on every article of ../shared/data/polnear-dev.jsonl
(beside the repository; the test is skipped when it is absent), scores the
predictions with quotetrack.scoring exactly as ``quotetrack eval`` does, and
asserts floors a little under the current figures (quote F1 about 0.954,
end-to-end F1 about 0.82, speaker accuracy about 0.87).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import quotetrack
from quotetrack.evaluation import scoring

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "data" / "polnear-dev.jsonl"

QUOTE_F1_FLOOR = 0.955
E2E_F1_FLOOR = 0.845
SPEAKER_ACCURACY_FLOOR = 0.89


@pytest.fixture(scope="module")
def dev_score() -> dict:
    if not DEV.exists():
        pytest.skip("%s not found (../shared is not beside the repository)" % DEV)
    gold = scoring.read_jsonl(str(DEV), "gold")
    texts = scoring.gold_texts_of(gold)
    pred: scoring.Articles = {}
    for lineno, (aid, (_line, art)) in enumerate(gold.items(), 1):
        quotes = [q.to_dict() for q in quotetrack.extract(art["text"])]
        # through the scorer's own checks: offsets inside the text, text == text[start:end]
        scoring.add_article(pred, {"id": aid, "quotes": quotes}, lineno,
                            "prediction (extract) line %d" % lineno, texts)
    return scoring.score(gold, pred, n_errors=5)


def _failure(res: dict) -> str:
    return "dev figures fell below a floor:\n" + scoring.render(res)


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
