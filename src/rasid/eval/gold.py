"""``rasid eval gold``: score every layer of the pipeline against hand-made gold files.

Matching rules (also in docs/evaluation.md):
- Gold mentions are listed in document order; each is located by searching its text forward from
  the end of the previous mention of the same layer (falling back to the first occurrence).
- A predicted span matches a gold span when the two overlap and the label agrees (entities:
  ``type``; times: ``value``; quantities: ``value``/``min``/``max``/``unit``/``approx`` as far as the
  gold gives them).  Each gold span is matched at most once.
- Gold items marked ``optional`` and the gold's ``optional_spans`` are neither required nor
  penalised: a prediction overlapping one is not counted as a false positive.
- Canonical-name accuracy: share of required gold entity mentions whose matched prediction has the
  same ``canonical`` name (case-insensitive); unmatched mentions count as wrong.
- Boilerplate and headings: the span text must equal the gold string.
- Events, attributions and quotes use ``rasid.events.scoring`` (type + actor + target (+ time);
  source overlap + claim containment; quote text + speaker).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable
from importlib import import_module
from pathlib import Path
from typing import Any

from rasid.document import Document
from rasid.errors import UserError
from rasid.pipeline import Pipeline, default_pipeline

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
REFERENCE_GOLD = SHARED / "eval" / "lavrov-pyongyang-2025-07-11.gold.json"
LAYERS = ("entities", "times", "quantities", "events", "attributions", "quotes", "boilerplate", "headings")


def default_gold_files() -> list[Path]:
    files = [REFERENCE_GOLD]
    files += sorted((ROOT / "eval" / "gold").glob("*.gold.json"))
    return [f for f in files if f.exists()]


def locate(text: str, needles: Iterable[str]) -> list[tuple[int, int] | None]:
    """Find each needle searching forward from the previous hit (document order)."""
    cursor = 0
    found: list[tuple[int, int] | None] = []
    for needle in needles:
        pos = text.find(needle, cursor)
        if pos < 0:
            pos = text.find(needle)
        if pos < 0:
            found.append(None)
            continue
        found.append((pos, pos + len(needle)))
        cursor = pos + len(needle)
    return found


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "precision": p, "recall": r, "f1": f}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(
    pred: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    text: str,
    agree: Callable[[dict[str, Any], dict[str, Any]], bool],
    optional_texts: Iterable[str] = (),
    errors: dict[str, list[dict[str, Any]]] | None = None,
) -> tuple[dict[str, float | int], list[tuple[dict[str, Any], dict[str, Any] | None]]]:
    """Greedy overlap matching; returns scores and (gold item, matched prediction) pairs.  With
    ``errors``, its ``missed`` (required gold items not matched) and ``spurious`` (predictions
    counted wrong) lists are filled."""
    located = locate(text, [g["text"] for g in gold])
    optional_spans: list[tuple[int, int]] = []
    for needle in optional_texts:
        start = text.find(needle)
        while start >= 0:
            optional_spans.append((start, start + len(needle)))
            start = text.find(needle, start + 1)
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    tp = 0
    n_gold = 0
    for g, where in zip(gold, located, strict=True):
        optional = bool(g.get("optional"))
        if where is None:
            if not optional:
                n_gold += 1
                pairs.append((g, None))
            continue
        if optional:
            optional_spans.append(where)
            continue
        n_gold += 1
        hit = None
        for k, p in enumerate(pred):
            if k in used or not _overlaps((p["start"], p["end"]), where):
                continue
            if agree(p, g):
                hit = k
                break
        if hit is not None:
            used.add(hit)
            tp += 1
            pairs.append((g, pred[hit]))
        else:
            pairs.append((g, None))
    n_pred = 0
    for k, p in enumerate(pred):
        if k in used:
            continue
        if any(_overlaps((p["start"], p["end"]), o) for o in optional_spans):
            continue
        n_pred += 1
        if errors is not None:
            errors.setdefault("spurious", []).append(p)
    if errors is not None:
        errors.setdefault("spurious", [])
        errors["missed"] = [g for g, hit in pairs if hit is None and not g.get("optional")]
    return prf(tp, n_pred + tp, n_gold), pairs


def _same_type(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return bool(p.get("type") == g.get("type"))


def _same_time(p: dict[str, Any], g: dict[str, Any]) -> bool:
    return bool(p.get("value") == g.get("value"))


def _same_quantity(p: dict[str, Any], g: dict[str, Any]) -> bool:
    for key in ("value", "min", "max"):
        if key in g and p.get(key) != g[key]:
            return False
    if "unit" in g and p.get("unit") != g["unit"]:
        return False
    return not ("approx" in g and bool(p.get("approx")) != bool(g["approx"]))


def _text_layer(pred: list[dict[str, Any]], gold: list[str]) -> dict[str, float | int]:
    got = [p["text"].strip() for p in pred]
    tp = 0
    remaining = list(got)
    for g in gold:
        if g.strip() in remaining:
            remaining.remove(g.strip())
            tp += 1
    return prf(tp, len(got), len(gold))


def _events_scorer(name: str) -> Callable[..., dict[str, Any]] | None:
    try:
        module = import_module("rasid.events.scoring")
    except ModuleNotFoundError:
        return None
    func = getattr(module, name, None)
    return func if callable(func) else None


def load_gold(path: Path, corpus_dir: Path | None = None) -> tuple[dict[str, Any], str]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UserError(f"{path}: cannot read gold file: {exc}") from exc
    if isinstance(gold.get("text"), str):
        return gold, gold["text"]
    candidates = []
    if gold.get("doc"):
        for folder in filter(None, (corpus_dir, path.parent, SHARED / "corpus", ROOT / "eval" / "corpus")):
            candidates.append(Path(folder) / gold["doc"])
    for candidate in candidates:
        if candidate.exists():
            return gold, candidate.read_text(encoding="utf-8")
    if gold.get("docno"):
        text = _ant_text(str(gold["docno"]))
        if text is not None:
            return gold, text
    raise UserError(f"{path}: cannot find the article text (looked for {gold.get('doc') or gold.get('docno')})")


def _ant_text(docno: str) -> str | None:
    news = SHARED / "data" / "news" / "ant-multisource-v2.1.jsonl.gz"
    if not news.exists():
        return None
    with gzip.open(news, "rt", encoding="utf-8") as handle:
        for line in handle:
            if docno in line:
                record = json.loads(line)
                if record.get("docno") == docno:
                    return str(record.get("text") or "")
    return None


def evaluate_document(gold: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    """Scores of one exported document (``Document.to_dict()``) against one gold record."""
    text = out["text"]
    optional = gold.get("optional_spans", [])
    scores: dict[str, Any] = {}
    errors: dict[str, dict[str, list[dict[str, Any]]]] = {"entities": {}, "times": {}, "quantities": {}}
    ent_scores, ent_pairs = match_spans(out["entities"], gold.get("entities", []), text, _same_type, optional,
                                        errors["entities"])
    scores["entities"] = ent_scores
    required = [(g, p) for g, p in ent_pairs if not g.get("optional")]
    found = [(g, p) for g, p in required if p is not None]
    wrong = [(g, p) for g, p in found
             if str(p.get("canonical") or "").casefold() != str(g.get("canonical", "")).casefold()]
    right = len(found) - len(wrong)
    scores["canonical"] = {"correct": right, "gold": len(required),
                           "accuracy": right / len(required) if required else 1.0}
    errors["canonical"] = {"wrong": [{"text": g["text"], "gold": g.get("canonical"), "pred": p.get("canonical")}
                                     for g, p in wrong]}
    scores["times"], _ = match_spans(out["times"], gold.get("times", []), text, _same_time, (), errors["times"])
    scores["quantities"], _ = match_spans(out["quantities"], gold.get("quantities", []), text, _same_quantity, (),
                                          errors["quantities"])
    scorer = _events_scorer("score_document")
    for layer in ("events", "attributions", "quotes"):
        scores[layer] = None
    if scorer is not None:
        scores.update(scorer(out, gold))
        for layer in ("events", "attributions", "quotes"):
            layer_scores = scores.get(layer) or {}
            errors[layer] = {"missed": list(layer_scores.pop("missed", [])),
                             "spurious": list(layer_scores.pop("spurious", []))}
            layer_scores.pop("pairs", None)
    scores["errors"] = {layer: {kind: [_brief(layer, item) for item in items] for kind, items in parts.items()}
                        for layer, parts in errors.items()}
    scores["boilerplate"] = _text_layer(out["boilerplate"], gold.get("boilerplate", []))
    scores["headings"] = _text_layer(out["headings"], gold.get("headings", []))
    return scores


def evaluate_gold_files(
    files: list[Path], corpus_dir: Path | None = None, pipeline: Pipeline | None = None
) -> dict[str, Any]:
    pipe = pipeline or default_pipeline()
    per_file: dict[str, Any] = {}
    for path in files:
        gold, text = load_gold(Path(path), corpus_dir)
        doc = Document(text=text, id=str(gold.get("docno") or gold.get("doc") or Path(path).stem),
                       published=gold.get("published"))
        out = pipe(doc).to_dict()
        per_file[Path(path).name] = evaluate_document(gold, out)
    return {"files": per_file, "total": _combine(list(per_file.values()))}


def _combine(items: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for layer in ("entities", "times", "quantities", "events", "attributions", "quotes", "boilerplate", "headings"):
        parts = [i[layer] for i in items if i.get(layer)]
        if not parts:
            total[layer] = None
            continue
        tp = sum(int(p["tp"]) for p in parts)
        total[layer] = prf(tp, sum(int(p["pred"]) for p in parts), sum(int(p["gold"]) for p in parts))
        extra = [p for p in parts if "modality_accuracy" in p]
        if extra:
            matched = sum(int(p.get("matched", p["tp"])) for p in extra)
            right = sum(float(p["modality_accuracy"]) * int(p.get("matched", p["tp"])) for p in extra)
            total[layer]["modality_accuracy"] = right / matched if matched else 0.0
    correct = sum(i["canonical"]["correct"] for i in items)
    gold = sum(i["canonical"]["gold"] for i in items)
    total["canonical"] = {"correct": correct, "gold": gold, "accuracy": correct / gold if gold else 1.0}
    return total


_BRIEF_KEYS = {
    "entities": ("text", "type"), "times": ("text", "value"),
    "quantities": ("text", "value", "min", "max", "unit", "approx"),
    "events": ("type", "trigger", "actor", "target", "time", "modality", "source", "quantity"),
    "attributions": ("source", "cue", "claim_contains", "claim"), "quotes": ("speaker", "text"),
    "canonical": ("text", "gold", "pred"),
}


def _brief(layer: str, item: dict[str, Any]) -> dict[str, Any]:
    """The fields of a gold item or a prediction that a person checks, spans reduced to their text."""
    out: dict[str, Any] = {}
    for key in _BRIEF_KEYS.get(layer, ("text",)):
        value = item.get(key)
        if isinstance(value, dict) and "text" in value:
            value = value["text"]
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v is not None and k in ("value", "min", "max", "approx")}
        if isinstance(value, str) and len(value) > 70:
            value = value[:67] + "..."
        if value is not None and value != {}:
            out[key] = value
    return out


def format_errors(report: dict[str, Any]) -> str:
    """Per file and layer, the gold items missed and the predictions counted wrong."""
    lines: list[str] = []
    for name, scores in report["files"].items():
        lines.append(f"== {name}: errors")
        for layer, parts in (scores.get("errors") or {}).items():
            for kind, items in parts.items():
                for item in items:
                    shown = ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in item.items())
                    lines.append(f"  {layer:12} {kind:8} {shown}")
    return "\n".join(lines)


def format_report(report: dict[str, Any]) -> str:
    lines: list[str] = []
    blocks = list(report["files"].items())
    if len(blocks) > 1:
        blocks.append(("ALL FILES (micro)", report["total"]))
    for name, scores in blocks:
        lines.append(f"== {name}")
        lines.append(f"{'layer':14}{'gold':>6}{'pred':>6}{'tp':>5}{'P':>8}{'R':>8}{'F1':>8}")
        for layer in LAYERS:
            s = scores.get(layer)
            if s is None:
                lines.append(f"{layer:14}{'(no stage)':>30}")
                continue
            if not all(k in s for k in ("gold", "pred", "tp", "precision", "recall", "f1")):
                lines.append(f"{layer:14}{json.dumps(s, ensure_ascii=False)}")
                continue
            lines.append(f"{layer:14}{s['gold']:>6}{s['pred']:>6}{s['tp']:>5}"
                         f"{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
            if "modality_accuracy" in s and s.get("matched", s["tp"]):
                lines.append(f"{'  modality':14}{'accuracy on matched events':>30}{s['modality_accuracy']:>8.3f}")
        c = scores["canonical"]
        lines.append(f"{'canonical':14}{c['gold']:>6}{'':>6}{c['correct']:>5}{'accuracy':>16}{c['accuracy']:>8.3f}")
    return "\n".join(lines)
