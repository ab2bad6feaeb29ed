"""Train the speaker model that chooses among candidate speakers (``engine/speaker_weights.json``).

    python3 -m quotetrack.evaluation.train_speakers GOLD.jsonl [--out FILE]

For every quotation of the gold articles that the engine finds, the engine
lists its candidate speakers with their features
(``quotetrack.engine.extract.quote_candidates``); a candidate is right when
its name and the gold speaker name the same entity (the scorer's rule).
A conditional logit (a softmax over each quotation's candidates) is fitted
by Newton's method with an L2 penalty: no randomness and a fixed number of
steps, so the same data gives the same file byte for byte. The model
changes the rules' answer only past a margin (for a missing answer, one
margin for each kind of mention at the quotation): the margins are chosen on
5-fold predictions for held-out articles, so that what the model changes is
right more often than wrong; the K-fold speaker accuracy of the rules alone
and with the model is printed (the margins were chosen on those same
predictions, so the second figure is a little optimistic).
Needs numpy (a runtime dependency already), nothing else.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from quotetrack.engine.extract import quote_candidates
from quotetrack.engine.speaker_choice import Model, choose, decide, mention_kind
from quotetrack.evaluation import scoring

L2 = 1.0
STEPS = 25
FOLDS = 5
MENTION_KINDS = ("none", "pronoun", "description", "name")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "engine" / "speaker_weights.json"


@dataclass
class Example:
    """One gold-matched quotation: its candidates' features, which are right, the rules' answer."""

    features: list[dict[str, float]]
    right: list[bool]
    context: object
    candidates: list
    rule_right: bool


def examples(articles: list[dict]) -> list[list[Example]]:
    """Per article, the examples of its quotations that have a judged, named gold speaker."""
    out = []
    for art in articles:
        text = art["text"]
        items = quote_candidates(text)
        gold = [dict(q, **dict(zip(("ts", "te"), scoring.trim_span(text, q["start"], q["end"]))))
                for q in art["quotes"]]
        pred = [dict(zip(("ts", "te"), scoring.trim_span(text, it.span.start, it.span.end)))
                for it in items]
        exs = []
        for gi, pi in scoring.match(gold, pred):
            g = gold[gi]
            if g.get("speaker_resolved", True) is False or not g.get("speaker"):
                continue
            it = items[pi]
            right = [e is not None and scoring.same_entity(e.name, g["speaker"]) for e, _f in it.candidates]
            if right:  # "none of them" is right when no candidate is
                right[-1] = not any(right[:-1])
            rule = it.context.rule
            rule_name = rule.name if rule is not None else (
                it.assignment.mention.name if it.assignment.mention is not None
                and it.assignment.mention.kind == "name" else None)
            exs.append(Example([f for _e, f in it.candidates], right, it.context, it.candidates,
                               scoring.same_entity(rule_name, g["speaker"])))
        out.append(exs)
    return out


def fit(exs: list[Example], l2: float = L2, steps: int = STEPS) -> dict[str, float]:
    """Weights of a conditional logit over each example's candidates (those with a right one)."""
    usable = [e for e in exs if any(e.right) and len(e.features) > 1]
    vocab = sorted({k for e in usable for f in e.features for k in f})
    col = {k: i for i, k in enumerate(vocab)}
    rows = [f for e in usable for f in e.features]
    X = np.zeros((len(rows), len(vocab)))
    for r, f in enumerate(rows):
        for k, v in f.items():
            X[r, col[k]] = v
    y = np.array([float(r) for e in usable for r in e.right])
    sizes = [len(e.features) for e in usable]
    starts = np.cumsum([0] + sizes[:-1])
    group = np.repeat(np.arange(len(usable)), sizes)
    def loss_and_p(w):
        s = X @ w
        s = s - np.maximum.reduceat(s, starts)[group]
        e = np.exp(s)
        z = np.add.reduceat(e, starts)
        p = e / z[group]
        right = np.add.reduceat(p * y, starts)
        return -np.sum(np.log(right)) + 0.5 * l2 * w @ w, p

    w = np.zeros(len(vocab))
    loss, p = loss_and_p(w)
    for _ in range(steps):
        py = p * y
        q = py / np.add.reduceat(py, starts)[group]
        grad = X.T @ (p - q) + l2 * w
        mp = np.add.reduceat(X * p[:, None], starts)
        hess = X.T @ (X * p[:, None]) - mp.T @ mp + l2 * np.eye(len(vocab))
        step = np.linalg.solve(hess, grad)
        # halve the Newton step until the penalised loss goes down (several right
        # answers a group make the loss non-convex, and a full step can overshoot)
        for _halving in range(30):
            new_loss, new_p = loss_and_p(w - step)
            if new_loss <= loss:
                w, loss, p = w - step, new_loss, new_p
                break
            step = step / 2
        else:
            break
    return {k: round(float(v), 6) for k, v in zip(vocab, w) if round(float(v), 6) != 0.0}


def accuracy(exs: list[Example], model: Model | None) -> tuple[float, int, int, int]:
    """(accuracy, right, wrong, none) of the rules alone (model None) or with the model."""
    right = wrong = none = 0
    for e in exs:
        ent, _p, chosen = choose(e.context, e.candidates, model) if model is not None else (None, 0, False)
        if not chosen:
            ok, named = e.rule_right, e.context.rule is not None or e.rule_right
        else:
            ok = any(r for (c, _f), r in zip(e.candidates, e.right) if c is ent)
            named = True
        right += ok
        wrong += named and not ok
        none += not named
    n = max(1, right + wrong + none)
    return right / n, right, wrong, none


def outcomes(exs: list[Example], weights: dict[str, float]) -> list[tuple[str, float, int]]:
    """What each fill or switch the model would make is worth: (kind, margin, +1 / 0 / -1).

    A fill is worth +1 when right and -1 when wrong (a wrong name is worse than
    none); a switch +1 when it mends the rules' answer, -1 when it breaks it.
    """
    out = []
    for e in exs:
        d = decide(e.context, e.candidates, weights)
        if d is None or d[0] == "keep":
            continue
        kind, best, margin, _p = d
        if kind == "fill":
            out.append(("fill:" + mention_kind(e.context), margin, 1 if e.right[best] else -1))
        else:
            out.append((kind, margin, int(e.right[best]) - int(e.rule_right)))
    return out


def best_margin(values: list[tuple[float, int]]) -> float | None:
    """The smallest margin above which the model's changes gain most; None when none gain."""
    best, best_gain, gain = None, 0, 0
    for margin, worth in sorted(values, reverse=True):
        gain += worth
        if gain > best_gain:
            best, best_gain = round(margin, 3), gain
    return best


def train(per_article: list[list[Example]], folds: int = FOLDS, report=None) -> Model:
    """Weights from all examples, margins from K-fold predictions on held-out articles."""
    held_out = []
    for k in range(folds):
        fold = [e for i, a in enumerate(per_article) if i % folds != k for e in a]
        test = [e for i, a in enumerate(per_article) if i % folds == k for e in a]
        held_out.append((test, fit(fold)))
    found = [o for test, w in held_out for o in outcomes(test, w)]
    fill = {k: best_margin([(m, v) for kind, m, v in found if kind == "fill:" + k]) for k in MENTION_KINDS}
    switch = best_margin([(m, v) for kind, m, v in found if kind == "switch"])
    if report is not None:
        rules, model = [0, 0, 0], [0, 0, 0]
        for test, w in held_out:
            for tot, acc in ((rules, accuracy(test, None)), (model, accuracy(test, Model(w, fill, switch)))):
                for i in range(3):
                    tot[i] += acc[i + 1]
        for name, t in (("rules alone", rules), ("rules + model", model)):
            report("%d-fold %s: speaker accuracy %.3f (right %d, wrong %d, none %d)"
                   % (folds, name, t[0] / max(1, sum(t)), *t))
        report("margins: fill %s, switch %s" % (fill, switch))
    all_ex = [e for a in per_article for e in a]
    return Model(fit(all_ex), fill, switch)


def model_file(model: Model, source: str, n_articles: int, n_examples: int) -> str:
    """The JSON text of the shipped model file (sorted keys, so it is stable)."""
    return json.dumps({"about": "speaker choice: conditional logit over candidate speakers; "
                                "made by python3 -m quotetrack.evaluation.train_speakers",
                       "trained_on": source, "articles": n_articles, "examples": n_examples,
                       "l2": L2, "steps": STEPS, "folds": FOLDS, "weights": model.weights,
                       "fill_margins": model.fill_margins, "switch_margin": model.switch_margin},
                      indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read(path: str) -> list[dict]:
    """The articles of a gold JSONL file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Train on a gold file, print the K-fold figures and write the model file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    per_article = examples(read(args.gold))
    model = train(per_article, FOLDS, print)
    n = sum(len(a) for a in per_article)
    Path(args.out).write_text(model_file(model, Path(args.gold).name, len(per_article), n), encoding="utf-8")
    print("wrote %s: %d weights from %d quotations" % (args.out, len(model.weights), n), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
