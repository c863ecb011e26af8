"""Scores for events, attributions and quotes against a gold file (the issue's matching rules).

Predictions are dicts in the export-contract form (``Document.to_dict()``); gold items are the gold
file's.  Names match when their search keys are equal, or when the prediction is one of the gold
entity's surface forms (``aliases``, built from the gold's entity list), so a linker's spelling of
a canonical name is not held against the events.  Gold items marked ``optional`` are neither
required nor penalised.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any

from rasid.offsets import search_key

_EQUIVALENT_TYPES = {"ACCUSE": "DISAPPROVE"}
_EDGE = " \t\n.,،:;؛\"'“”«»„!?؟()-–—"


def _norm(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(search_key(str(value)).split()).strip(_EDGE)


def build_aliases(gold: dict[str, Any]) -> dict[str, set[str]]:
    """canonical name (normalised) → its surface forms in the gold's entity list (normalised)."""
    out: dict[str, set[str]] = {}
    for ent in gold.get("entities", []):
        if isinstance(ent, dict) and ent.get("canonical"):
            out.setdefault(_norm(ent["canonical"]), set()).add(_norm(ent.get("text")))
    return out


def pred_aliases(entities: list[dict[str, Any]] | None) -> dict[str, set[str]]:
    """canonical name (normalised) → surface forms of the predicted entities that carry it."""
    out: dict[str, set[str]] = {}
    for ent in entities or []:
        name = ent.get("canonical") or ent.get("text")
        if name:
            out.setdefault(_norm(name), set()).add(_norm(ent.get("text")))
    return out


def names_match(pred: Any, gold: Any, aliases: dict[str, set[str]] | None = None,
                predicted: dict[str, set[str]] | None = None) -> bool:
    """Same name, or the same entity: the prediction is one of the gold entity's surface forms,
    or the predicted entity and the gold entity share a mention text (a linker's transliteration
    «Issias Avorki» of «Isaias Afwerki» then still names the right entity)."""
    p, g = _norm(pred), _norm(gold)
    if not g:
        return not p
    if p == g:
        return True
    gold_forms = (aliases or {}).get(g, set())
    if p in gold_forms:
        return True
    return bool(predicted and predicted.get(p, set()) & gold_forms)


# -- TIMEX3 values as date ranges ------------------------------------------------------------
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _range(value: str) -> tuple[_dt.date, _dt.date] | None:
    m = _DATE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            start = _dt.date(year, int(month or 1), int(day))
            return start, start + _dt.timedelta(days=1)
        if month:
            start = _dt.date(year, int(month), 1)
            end = _dt.date(year + (start.month == 12), start.month % 12 + 1, 1)
            return start, end
        return _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)
    except ValueError:
        return None


def time_range(value: Any) -> tuple[_dt.date, _dt.date] | None:
    if not isinstance(value, str) or not value:
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        ra, rb = _range(a), _range(b)
        if ra and rb:
            return ra[0], max(ra[1], rb[1])
        return None
    return _range(value)


def times_match(pred: Any, gold: Any) -> bool:
    """Equal values, or date ranges that overlap (2025-07-11 matches 2025-07-11/2025-07-13)."""
    if not gold:
        return True
    if pred == gold:
        return True
    rp, rg = time_range(pred), time_range(gold)
    return bool(rp and rg and rp[0] < rg[1] and rg[0] < rp[1])


# -- matching --------------------------------------------------------------------------------
def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall, F1; nothing expected and nothing found scores 1.0 (as `rasid eval gold`)."""
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if not fp else 0.0)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _match(pred: list[dict[str, Any]], gold: list[dict[str, Any]], fits: Any, prefer: Any = None) -> dict[str, Any]:
    """One-to-one matching of predictions to gold items with the most pairs (augmenting paths);
    among candidates, those ``prefer`` ranks higher are tried first.  Predictions matching an
    optional gold item are neither counted right nor wrong."""
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    edges: list[list[int]] = []
    for g in required:
        options = [i for i in range(len(pred)) if fits(pred[i], g)]
        if prefer is not None:
            ranks = {i: prefer(pred[i], g) for i in options}
            options.sort(key=lambda i: -ranks[i])
        edges.append(options)
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in edges[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(required)):
        augment(gi, set())
    if prefer is not None:  # hand a prediction to an unmatched gold item that it suits better
        for gi in range(len(required)):
            if gi in owner.values():
                continue
            for pi in edges[gi]:
                other = owner[pi]
                if prefer(pred[pi], required[gi]) > prefer(pred[pi], required[other]):
                    owner[pi] = gi
                    break
    matched_gold = {gi: pi for pi, gi in owner.items()}
    pairs = [(pred[matched_gold[gi]], g) for gi, g in enumerate(required) if gi in matched_gold]
    missed = [g for gi, g in enumerate(required) if gi not in matched_gold]
    free = [i for i in range(len(pred)) if i not in owner]
    for g in optional:
        options = [i for i in free if fits(pred[i], g)]
        if options:
            free.remove(options[0])
    spurious = [pred[i] for i in free]
    out: dict[str, Any] = {"tp": len(pairs), "fp": len(spurious), "fn": len(missed),
                           "gold": len(pairs) + len(missed), "pred": len(pairs) + len(spurious),
                           "matched": len(pairs)}
    out.update(_f1(len(pairs), len(spurious), len(missed)))
    out.update({"pairs": pairs, "missed": missed, "spurious": spurious})
    return out


def _event_type(value: Any) -> str:
    text = str(value or "").upper()
    return _EQUIVALENT_TYPES.get(text, text)


def score_events(pred: list[dict[str, Any]], gold: list[dict[str, Any]],
                 aliases: dict[str, set[str]] | None = None,
                 pred_entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Events matched by type + actor + target (+ time where gold has one); modality accuracy
    over the matched events.  ``aliases`` (:func:`build_aliases` of the gold) and the predicted
    entities let a name match by entity identity rather than spelling."""
    predicted = pred_aliases(pred_entities)

    def fits(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return (_event_type(p.get("type")) == _event_type(g.get("type"))
                and names_match(p.get("actor"), g.get("actor"), aliases, predicted)
                and names_match(p.get("target"), g.get("target"), aliases, predicted)
                and times_match(p.get("time"), g.get("time")))

    def prefer(p: dict[str, Any], g: dict[str, Any]) -> int:
        trig = p.get("trigger") or {}
        same_trigger = _norm(g.get("trigger")) in _norm(trig.get("text"))
        return 2 * (p.get("modality") == g.get("modality", "asserted")) + int(same_trigger)

    out = _match(pred, gold, fits, prefer)
    right = sum(1 for p, g in out["pairs"] if p.get("modality") == g.get("modality", "asserted"))
    out["modality_right"] = right
    out["modality_accuracy"] = round(right / len(out["pairs"]), 4) if out["pairs"] else 0.0
    return out


def _tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^\w]+", text) if len(t) > 1}


def _overlaps(pred_text: str, gold_text: str) -> bool:
    p, g = _norm(pred_text), _norm(gold_text)
    if not p or not g:
        return False
    return p in g or g in p or bool(_tokens(p) & _tokens(g))


def score_attributions(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """An attribution matches when its source overlaps the gold source and its claim contains the
    gold's ``claim_contains``."""

    def fits(p: dict[str, Any], g: dict[str, Any]) -> bool:
        source = p.get("source") or {}
        claim = p.get("claim") or {}
        return (_overlaps(str(source.get("text", "")), str(g.get("source", "")))
                and _norm(g.get("claim_contains")) in _norm(claim.get("text")))

    return _match(pred, gold, fits)


def score_quotes(pred: list[dict[str, Any]], gold: list[dict[str, Any]],
                 aliases: dict[str, set[str]] | None = None,
                 pred_entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A quote matches on its text (edges and marks ignored) and its speaker."""
    predicted = pred_aliases(pred_entities)

    def same_text(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return _norm(p.get("text")) == _norm(g.get("text")) and bool(_norm(g.get("text")))

    def fits(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return same_text(p, g) and names_match(p.get("speaker"), g.get("speaker"), aliases, predicted)

    out = _match(pred, gold, fits)
    text_only = _match(pred, gold, same_text)
    out["text_tp"] = text_only["tp"]
    out["text_f1"] = text_only["f1"]
    return out


def score_document(doc: dict[str, Any], gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The three scores for one exported document against its gold file."""
    aliases = build_aliases(gold)
    return {
        "events": score_events(doc.get("events", []), gold.get("events", []), aliases, doc.get("entities")),
        "attributions": score_attributions(doc.get("attributions", []), gold.get("attributions", [])),
        "quotes": score_quotes(doc.get("quotes", []), gold.get("quotes", []), aliases, doc.get("entities")),
    }


def combine(scores: Iterable[dict[str, dict[str, Any]]]) -> dict[str, dict[str, float]]:
    """Micro-averaged figures over several documents."""
    total: dict[str, dict[str, float]] = {}
    for score in scores:
        for layer, s in score.items():
            t = total.setdefault(layer, {"tp": 0, "fp": 0, "fn": 0, "modality_right": 0})
            for k in ("tp", "fp", "fn"):
                t[k] += s[k]
            t["modality_right"] += s.get("modality_right", 0)
    for layer, t in total.items():
        t.update(_f1(int(t["tp"]), int(t["fp"]), int(t["fn"])))
        if layer == "events":
            t["modality_accuracy"] = round(t["modality_right"] / t["tp"], 4) if t["tp"] else 0.0
    return total
