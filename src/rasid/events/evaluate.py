"""Measure the events, attribution and quote stages on gold files.

``upstream="gold"`` fills entities, times and quantities from the gold (the events stages alone);
``upstream="pipeline"`` runs the whole default pipeline on the raw text (what a user gets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasid.document import Document, parse_published
from rasid.errors import UserError
from rasid.events.gold import default_gold_dir, default_shared_dir, document_from_gold, gold_text, load_gold
from rasid.events.scoring import combine, score_document
from rasid.events.stage import analyze_events


def reference_gold_path(shared_dir: Path | None = None) -> Path:
    return (shared_dir or default_shared_dir()) / "eval" / "lavrov-pyongyang-2025-07-11.gold.json"


def unseen_gold_paths(gold_dir: Path | None = None) -> list[Path]:
    folder = gold_dir or default_gold_dir()
    paths = sorted(folder.glob("*.gold.json"))
    if not paths:
        raise UserError(f"no *.gold.json files under {folder}")
    return paths


def run_document(gold: dict[str, Any], upstream: str = "gold", shared_dir: Path | None = None) -> Document:
    if upstream == "gold":
        return analyze_events(document_from_gold(gold, shared_dir))
    if upstream == "pipeline":
        from rasid.pipeline import default_pipeline

        doc = Document(text=gold_text(gold, shared_dir), published=parse_published(gold.get("published")))
        return default_pipeline()(doc)
    raise UserError(f"upstream must be 'gold' or 'pipeline', not {upstream!r}")


def evaluate(paths: list[Path], upstream: str = "gold", shared_dir: Path | None = None) -> dict[str, Any]:
    """Per-file and micro-averaged scores for events, attributions and quotes."""
    per_file: dict[str, Any] = {}
    scores = []
    for path in paths:
        gold = load_gold(path)
        doc = run_document(gold, upstream, shared_dir)
        score = score_document(doc.to_dict(), gold)
        per_file[path.name] = score
        scores.append(score)
    return {"files": per_file, "total": combine(scores)}


def format_table(result: dict[str, Any]) -> str:
    lines = [f"{'file':52} {'events F1':>9} {'modality':>8} {'attr F1':>8} {'quotes':>6}"]
    rows = list(result["files"].items()) + [("TOTAL (micro)", result["total"])]
    for name, s in rows:
        ev, at, qu = s["events"], s["attributions"], s["quotes"]
        modality = f"{ev.get('modality_accuracy', 0):8.3f}" if ev["tp"] else f"{'-':>8}"
        lines.append(f"{name[:52]:52} {ev['f1']:9.3f} {modality} {at['f1']:8.3f} "
                     f"{int(qu['tp'])}/{int(qu['tp'] + qu['fn'])}   "
                     f"(events tp/fp/fn {int(ev['tp'])}/{int(ev['fp'])}/{int(ev['fn'])})")
    return "\n".join(lines)
