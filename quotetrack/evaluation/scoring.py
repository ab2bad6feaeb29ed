"""Score quote predictions against gold (rules: shared/docs/gold-format.md).

A port of the reference scorer ``shared/tools/score.py``: the same reading,
matching, figures, table and error examples, so ``quotetrack eval`` prints
exactly what score.py prints. Kept free of any import from ``shared/`` so the
installed package works without it; tests/test_scoring.py checks the two agree.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Iterable

# Words dropped from names before comparing speakers (titles and roles).
TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sen", "senator", "rep",
    "representative", "congressman", "congresswoman", "del", "delegate", "gov", "governor",
    "lt", "president", "vice", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "spokespeople", "press", "minister", "prime", "chief", "deputy", "director", "general",
    "gen", "col", "maj", "capt", "sgt", "adm", "admiral", "cmdr", "rev", "reverend", "judge",
    "justice", "mayor", "speaker", "leader", "chairman", "chairwoman", "chairperson", "chair",
    "ambassador", "attorney", "commissioner", "sheriff", "sir", "dame", "former", "acting",
    "ret", "retired",
}
ARTICLES = {"the", "a", "an"}

# {id: (line number, article)}, the shape read_jsonl returns and score takes.
Articles = dict[str, tuple[int, dict[str, Any]]]


class ScoreInputError(ValueError):
    """Gold or prediction input that cannot be scored; the message names file and line."""


# --------------------------------------------------------------------------
# Names


def normalise_name(name: str | None) -> list[str]:
    """Tokens of a speaker name after normalisation (possibly empty)."""
    if not name:
        return []
    s = unicodedata.normalize("NFKC", name).lower()
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'")
    s = re.sub(r"'s\b", "", s)            # possessive 's
    s = re.sub(r"(?<=s)'(?!\w)", "", s)   # plural possessive s'
    s = s.replace(".", "").replace("'", "")
    s = re.sub(r"[\W_]+", " ", s)
    toks = s.split()
    while toks and toks[0] in ARTICLES:
        toks = toks[1:]
    return [t for t in toks if t not in TITLES]


def _given_name(toks: list[str]) -> str | None:
    """The word before the surname, initials skipped ("antony j blinken" ->
    "antony"); None for a one-word name."""
    for t in reversed(toks[:-1]):
        if len(t) > 1:
            return t
    return toks[0] if len(toks) > 1 else None


def same_entity(a: str | None, b: str | None) -> bool:
    """True when two speaker names refer to the same entity (gold-format.md rule 3)."""
    ta, tb = normalise_name(a), normalise_name(b)
    if not ta or not tb:
        return False
    sa, sb = set(ta), set(tb)
    if sa <= sb or sb <= sa:
        return True
    if ta[-1] != tb[-1]:
        return False
    # Same surname: the same person unless both give a different first name
    # (Ellen Pryce is not Tom Pryce); an initial agrees with its name.
    ga, gb = _given_name(ta), _given_name(tb)
    if ga is None or gb is None or ga == gb:
        return True
    return ga[0] == gb[0] and (len(ga) == 1 or len(gb) == 1)


# --------------------------------------------------------------------------
# Reading


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Span with white space and punctuation trimmed at both ends (kept whole if nothing is left)."""
    def skip(ch: str) -> bool:
        return ch.isspace() or unicodedata.category(ch)[0] in "PZC" or ch in "`´"
    s, e = start, end
    while s < e and skip(text[s]):
        s += 1
    while e > s and skip(text[e - 1]):
        e -= 1
    return (s, e) if e > s else (start, end)


def read_jsonl(path: str, kind: str, gold_texts: dict[str, str] | None = None) -> Articles:
    """Read a gold (``gold_texts`` None) or prediction file into ``{id: (line, article)}``.

    Raises ScoreInputError naming the file and line, with score.py's wording.
    """
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise ScoreInputError("%s file %s: cannot open (%s)" % (kind, path, exc.strerror or exc))
    with fh:
        try:
            return read_lines(fh, path, kind, gold_texts)
        except UnicodeDecodeError as exc:
            raise ScoreInputError("%s file %s: not UTF-8 (%s)" % (kind, path, exc.reason))


def read_lines(lines: Iterable[str], path: str, kind: str,
               gold_texts: dict[str, str] | None = None) -> Articles:
    """Parse JSONL lines into articles (see read_jsonl); ``path`` is only used in messages."""
    articles: Articles = {}
    for lineno, line in enumerate(lines, 1):
        where = "%s file %s line %d" % (kind, path, lineno)
        if not line.strip():
            continue
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            raise ScoreInputError("%s: not valid JSON (%s at column %d)" % (where, exc.msg, exc.colno))
        add_article(articles, obj, lineno, where, gold_texts)
    return articles


def add_article(articles: Articles, obj: object, lineno: int, where: str,
                gold_texts: dict[str, str] | None = None) -> None:
    """Check one decoded article object and add its cleaned form to ``articles``.

    ``where`` ("prediction file X line N") starts every error message. With
    ``gold_texts`` the object is a prediction: its id must be a gold id and
    its text, if any, the gold text.
    """
    if not isinstance(obj, dict):
        raise ScoreInputError("%s: expected a JSON object, got %s" % (where, type(obj).__name__))
    aid = obj.get("id")
    if not isinstance(aid, str) or not aid:
        raise ScoreInputError('%s: missing or non-string "id"' % where)
    if aid in articles:
        raise ScoreInputError('%s: id %r repeats line %d' % (where, aid, articles[aid][0]))
    if gold_texts is None:
        text = obj.get("text")
        if not isinstance(text, str):
            raise ScoreInputError('%s (id %s): missing or non-string "text"' % (where, aid))
    else:
        if aid not in gold_texts:
            raise ScoreInputError("%s: id %r is not in the gold file" % (where, aid))
        text = gold_texts[aid]
        if "text" in obj and obj["text"] != text:
            raise ScoreInputError('%s (id %s): "text" differs from the gold text' % (where, aid))
    quotes = obj.get("quotes")
    if not isinstance(quotes, list):
        raise ScoreInputError('%s (id %s): missing or non-list "quotes"' % (where, aid))
    clean = [_clean_quote(q, text, "%s (id %s), quote %d" % (where, aid, k))
             for k, q in enumerate(quotes)]
    articles[aid] = (lineno, {"id": aid, "text": text, "quotes": clean})


def _clean_quote(q: object, text: str, qwhere: str) -> dict[str, Any]:
    """The fields of one quote the scorer needs, after checking them."""
    if not isinstance(q, dict):
        raise ScoreInputError("%s: expected an object" % qwhere)
    s, e = q.get("start"), q.get("end")
    if not _is_int(s) or not _is_int(e):
        raise ScoreInputError('%s: "start" and "end" must be integers' % qwhere)
    if not 0 <= s <= e <= len(text):
        raise ScoreInputError("%s: offsets %d..%d outside the text (length %d) or reversed"
                              % (qwhere, s, e, len(text)))
    if "text" in q and q["text"] != text[s:e]:
        raise ScoreInputError('%s: "text" %r does not equal text[%d:%d] %r (offsets must be '
                              'Python str indices)' % (qwhere, q["text"][:40], s, e, text[s:e][:40]))
    sp = q.get("speaker")
    if sp is not None and not isinstance(sp, str):
        raise ScoreInputError('%s: "speaker" must be a string or null' % qwhere)
    if isinstance(sp, str) and not sp.strip():
        sp = None
    judged = q.get("speaker_resolved", True) is not False
    ts, te = trim_span(text, s, e)
    return {"start": s, "end": e, "ts": ts, "te": te, "speaker": sp, "judged": judged}


# --------------------------------------------------------------------------
# Matching and scoring


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one greedy matching by largest overlap of trimmed spans, as (gold, pred) index pairs.

    A pair is eligible when the overlap is at least half of the longer trimmed span.
    """
    pairs = []
    for i, g in enumerate(gold):
        glen = g["te"] - g["ts"]
        for j, p in enumerate(pred):
            ov = min(g["te"], p["te"]) - max(g["ts"], p["ts"])
            if ov <= 0:
                continue
            if 2 * ov >= max(glen, p["te"] - p["ts"]):
                pairs.append((-ov, i, j))
    # ties on overlap go to the lower gold, then lower prediction index, as in score.py
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _negov, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def prf(correct: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall and F1, each 0.0 when undefined."""
    p = correct / npred if npred else 0.0
    r = correct / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _ctx(text: str, s: int, e: int, width: int = 50) -> str:
    q = text[s:e]
    if len(q) > 120:
        q = q[:80] + " … " + q[-30:]
    before = text[max(0, s - width):s].replace("\n", " ")
    after = text[e:e + width].replace("\n", " ")
    return "…%s[[%s]]%s…" % (before, q, after)


def score(gold: Articles, pred: Articles, n_errors: int = 0) -> dict[str, Any]:
    """The figures of gold-format.md, plus up to ``n_errors`` examples of each error kind."""
    t = dict(gold_articles=len(gold), pred_articles=len(pred), gold_quotes=0, pred_quotes=0,
             matched=0, speaker_judged=0, speaker_correct=0, gold_null_speaker=0,
             gold_unjudged=0, e2e_correct=0, e2e_gold=0, e2e_pred=0)
    errors: dict[str, list] = {"missed": [], "spurious": [], "wrong_speaker": []}
    for aid in gold:
        g = gold[aid][1]
        text = g["text"]
        gq = g["quotes"]
        pq = pred[aid][1]["quotes"] if aid in pred else []
        t["gold_quotes"] += len(gq)
        t["pred_quotes"] += len(pq)
        t["gold_null_speaker"] += sum(1 for q in gq if q["speaker"] is None)
        t["gold_unjudged"] += sum(1 for q in gq if q["speaker"] is not None and not q["judged"])
        pairs = match(gq, pq)
        t["matched"] += len(pairs)
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        unjudged_pred = 0
        for i, j in pairs:
            gs, ps = gq[i]["speaker"], pq[j]["speaker"]
            if gs is not None and not gq[i]["judged"]:
                unjudged_pred += 1
                continue
            if gs is None:
                ok = ps is None
            else:
                ok = same_entity(gs, ps)
                t["speaker_judged"] += 1
                t["speaker_correct"] += ok
            t["e2e_correct"] += ok
            if not ok and len(errors["wrong_speaker"]) < n_errors:
                errors["wrong_speaker"].append({
                    "id": aid, "start": gq[i]["start"], "end": gq[i]["end"], "gold_speaker": gs,
                    "pred_speaker": ps, "context": _ctx(text, gq[i]["start"], gq[i]["end"])})
        # matched pairs with an unjudgeable gold speaker drop out of both sides
        t["e2e_gold"] += len(gq) - unjudged_pred
        t["e2e_pred"] += len(pq) - unjudged_pred
        for i, q in enumerate(gq):
            if i not in mg and len(errors["missed"]) < n_errors:
                errors["missed"].append({"id": aid, "start": q["start"], "end": q["end"],
                                         "gold_speaker": q["speaker"],
                                         "context": _ctx(text, q["start"], q["end"])})
        for j, q in enumerate(pq):
            if j not in mp and len(errors["spurious"]) < n_errors:
                errors["spurious"].append({"id": aid, "start": q["start"], "end": q["end"],
                                           "pred_speaker": q["speaker"],
                                           "context": _ctx(text, q["start"], q["end"])})
    qp, qr, qf = prf(t["matched"], t["pred_quotes"], t["gold_quotes"])
    ep, er, ef = prf(t["e2e_correct"], t["e2e_pred"], t["e2e_gold"])
    acc = t["speaker_correct"] / t["speaker_judged"] if t["speaker_judged"] else None
    result: dict[str, Any] = {
        "articles": {"gold": t["gold_articles"], "with_predictions": t["pred_articles"]},
        "quotes": {"gold": t["gold_quotes"], "predicted": t["pred_quotes"], "matched": t["matched"],
                   "precision": qp, "recall": qr, "f1": qf},
        "speaker": {"judged": t["speaker_judged"], "correct": t["speaker_correct"], "accuracy": acc,
                    "gold_null": t["gold_null_speaker"], "gold_unjudged": t["gold_unjudged"]},
        "end_to_end": {"correct": t["e2e_correct"], "predicted": t["e2e_pred"], "gold": t["e2e_gold"],
                       "precision": ep, "recall": er, "f1": ef},
    }
    if n_errors:
        result["errors"] = errors
    return result


# --------------------------------------------------------------------------
# Output


def render(res: dict[str, Any]) -> str:
    """The text table score.py prints for a score() result, error examples included."""
    q, s, e = res["quotes"], res["speaker"], res["end_to_end"]
    lines = [
        "articles: %d gold, %d with predictions" % (res["articles"]["gold"],
                                                    res["articles"]["with_predictions"]),
        "",
        "%-22s %9s %9s %9s   %s" % ("", "precision", "recall", "F1", "counts"),
        "%-22s %9.3f %9.3f %9.3f   %d matched / %d predicted / %d gold" % (
            "quotes", q["precision"], q["recall"], q["f1"], q["matched"], q["predicted"], q["gold"]),
        "%-22s %9.3f %9.3f %9.3f   %d correct / %d predicted / %d gold" % (
            "end-to-end (headline)", e["precision"], e["recall"], e["f1"], e["correct"],
            e["predicted"], e["gold"]),
        "",
        "speaker accuracy: %s  (%d of %d matched quotes with a judged gold speaker; "
        "gold: %d null, %d unjudged)" % ("n/a" if s["accuracy"] is None else "%.3f" % s["accuracy"],
                                          s["correct"], s["judged"], s["gold_null"], s["gold_unjudged"]),
    ]
    errs = res.get("errors")
    if errs:
        for kind, title in (("missed", "missed quotes"), ("spurious", "spurious quotes"),
                            ("wrong_speaker", "wrong speakers")):
            lines.append("")
            lines.append("== %s (%d shown)" % (title, len(errs[kind])))
            for x in errs[kind]:
                if kind == "wrong_speaker":
                    who = "  gold=%r pred=%r" % (x["gold_speaker"], x["pred_speaker"])
                elif kind == "missed":
                    who = "  gold=%r" % x["gold_speaker"]
                else:
                    who = "  pred=%r" % x["pred_speaker"]
                lines.append("- %s %d-%d%s" % (x["id"], x["start"], x["end"], who))
                lines.append("    %s" % x["context"])
    return "\n".join(lines)


def render_json(res: dict[str, Any]) -> str:
    """The one-line JSON score.py prints with --json."""
    return json.dumps(res, ensure_ascii=False, indent=None)


def score_files(gold_path: str, pred_path: str, n_errors: int = 0) -> dict[str, Any]:
    """Read and score a gold and a prediction file, like ``score.py GOLD PRED``."""
    gold = read_jsonl(gold_path, "gold")
    pred = read_jsonl(pred_path, "prediction", gold_texts_of(gold))
    return score(gold, pred, n_errors)


def gold_texts_of(gold: Articles) -> dict[str, str]:
    """``{id: text}`` of read gold articles, for checking predictions against them."""
    return {k: v[1]["text"] for k, v in gold.items()}

