"""Gold files: read them, and build a Document whose upstream layers (entities, times, quantities)
come from the gold, so that the events stages can be measured apart from upstream errors.

A gold file lists mentions in document order as text; each is found by searching forward from the
previous one (the reference gold's convention).  Gold files written here carry their article's
``text``; the reference gold names a file under ``../shared/corpus``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasid.document import Document, Span, parse_published
from rasid.errors import UserError
from rasid.text.stages import BoilerplateStage

REPO_ROOT = Path(__file__).resolve().parents[3]


def default_shared_dir() -> Path:
    return REPO_ROOT.parent / "shared"


def default_gold_dir() -> Path:
    return REPO_ROOT / "eval" / "gold"


def load_gold(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"{path}: no such gold file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: not a JSON gold file ({exc})") from exc
    if not isinstance(data, dict):
        raise UserError(f"{path}: a gold file is a JSON object")
    return data


def gold_text(gold: dict[str, Any], shared_dir: Path | None = None) -> str:
    """The article a gold file annotates: its own ``text`` or ``../shared/corpus/<doc>``."""
    if isinstance(gold.get("text"), str):
        return str(gold["text"])
    shared = shared_dir or default_shared_dir()
    path = shared / "corpus" / str(gold.get("doc", ""))
    if not path.is_file():
        raise UserError(f"gold names {gold.get('doc')!r}, which is not under {shared / 'corpus'}")
    return path.read_text(encoding="utf-8")


def _find_word_end(text: str, needle: str, pos: int) -> int:
    """The first occurrence of ``needle`` from ``pos`` that ends a word («الصين» in «بالصين», not in
    «الصيني»); the first occurrence at all when none does."""
    i = text.find(needle, pos)
    first = i
    while i >= 0:
        end = i + len(needle)
        if end >= len(text) or not text[end].isalpha() or not needle[-1:].isalpha():
            return i
        i = text.find(needle, i + 1)
    return first


def locate(text: str, items: list[Any]) -> list[tuple[int, int, dict[str, Any]]]:
    """Find each item's ``text`` searching forward; items not found are left out."""
    out = []
    pos = 0
    for item in items:
        data = item if isinstance(item, dict) else {"text": item}
        needle = str(data.get("text", ""))
        if not needle:
            continue
        i = _find_word_end(text, needle, pos)
        if i < 0:
            i = text.find(needle)
            if i < 0:
                continue
        else:
            pos = i + len(needle)
        out.append((i, i + len(needle), data))
    return out


def document_from_gold(gold: dict[str, Any], shared_dir: Path | None = None) -> Document:
    """A Document with `sentences` unset, `entities`, `times`, `quantities` from the gold, and the
    page furniture (`boilerplate`, `headings`) marked by the boilerplate stage, as in a pipeline run."""
    text = gold_text(gold, shared_dir)
    doc = Document(text=text, id=str(gold.get("docno") or gold.get("doc") or ""),
                   published=parse_published(gold.get("published")), title=gold.get("title"))
    layers = {
        "entities": ("type", "canonical", "wikidata"),
        "times": ("value",),
        "quantities": ("value", "min", "max", "approx", "unit"),
    }
    for layer, keys in layers.items():
        spans = [Span(s, e, {k: d[k] for k in keys if k in d}) for s, e, d in locate(text, gold.get(layer, []))]
        doc.set_layer(layer, spans)
    return BoilerplateStage()(doc)
