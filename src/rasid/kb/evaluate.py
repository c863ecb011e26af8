"""Figures for linking: canonical-name accuracy on the reference gold, KB size, transliteration CER,
spelling-variant recall on gazetteer pairs nobody here wrote, and throughput."""

from __future__ import annotations

import csv
import json
import random
import time
from pathlib import Path
from typing import Any

from rasid.document import Document, Span
from rasid.errors import UserError
from rasid.kb import KB_DIR, default_shared_dir
from rasid.kb.fold import folded_key, fuzzy_key, similarity, strict_key
from rasid.kb.index import KnowledgeBase, load_kb
from rasid.kb.link import Linker, link_mentions

REFERENCE = "lavrov-pyongyang-2025-07-11"


def gold_document(text: str, gold: dict[str, Any]) -> tuple[Document, list[dict[str, Any]]]:
    """A Document whose ``entities`` are the gold mentions, found by searching forward in order."""
    spans: list[Span] = []
    found: list[dict[str, Any]] = []
    pos = 0
    for mention in gold.get("entities", []):
        at = text.find(mention["text"], pos)
        if at < 0:
            continue
        spans.append(Span(at, at + len(mention["text"]), {"type": mention.get("type")}))
        found.append(mention)
        pos = at + len(mention["text"])
    doc = Document(text)
    doc.set_layer("entities", spans)
    return doc, found


def canonical_accuracy(doc: Document, gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Share of gold mentions whose span got the gold canonical name (case-insensitive).

    ``doc`` must hold the gold spans in order (as :func:`gold_document` builds them)."""
    required = correct = optional_right = optional = 0
    errors: list[dict[str, Any]] = []
    for span, mention in zip(doc.layer("entities"), gold, strict=False):
        got = str(span.attrs.get("canonical") or "")
        right = got.lower() == str(mention["canonical"]).lower()
        if mention.get("optional"):
            optional += 1
            optional_right += right
            continue
        required += 1
        correct += right
        if not right:
            errors.append({"text": mention["text"], "gold": mention["canonical"], "got": got})
    return {"mentions": required, "correct": correct, "accuracy": round(correct / max(1, required), 4),
            "optional": optional, "optional_correct": optional_right, "errors": errors}


def eval_reference(shared: Path | None = None, linker: Linker | None = None) -> dict[str, Any]:
    shared = Path(shared) if shared else default_shared_dir()
    text_path = shared / "corpus" / f"{REFERENCE}.txt"
    gold_path = shared / "eval" / f"{REFERENCE}.gold.json"
    if not text_path.is_file() or not gold_path.is_file():
        raise UserError(f"reference article or gold not found under {shared}")
    text = text_path.read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc, mentions = gold_document(text, gold)
    link_mentions(doc, linker)
    return canonical_accuracy(doc, mentions)


# -- spelling variants from two gazetteers -------------------------------------------------------
def variant_pairs(shared: Path | None = None) -> list[tuple[str, str, str]]:
    """(world-cities Arabic name, places-csc Arabic name, English name) for the same city when the
    two sources spell it differently: real spelling variants that nobody here wrote."""
    gaz = (Path(shared) if shared else default_shared_dir()) / "data" / "gazetteers"
    csc: dict[str, str] = {}
    with (gaz / "places-csc-ar.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["name_ar"] and row["type"] in ("capital", "city", "adm1"):
                csc.setdefault(row["name"].lower(), row["name_ar"])
    pairs = []
    with (gaz / "world-cities-ar-en.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            other = csc.get(row["CityNameEn"].lower())
            name = row["CityNameAr"]
            if other and strict_key(other) != strict_key(name) and len(name.split()) == len(other.split()):
                pairs.append((name, other, row["CityNameEn"]))
    return sorted(set(pairs))


def eval_variants(shared: Path | None = None, thresholds: tuple[float, ...] = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85),
                  fuzzy_sample: int = 400) -> dict[str, Any]:
    """How often folding unifies real variant pairs, and how fuzzy similarity separates the rest
    from the closest *other* city name (precision/recall per threshold)."""
    pairs = variant_pairs(shared)
    folded = [p for p in pairs if folded_key(p[0]) == folded_key(p[1])]
    rest = [p for p in pairs if folded_key(p[0]) != folded_key(p[1])]
    pool = sorted({fuzzy_key(p[1]) for p in pairs})
    rng = random.Random(0)
    sample = rest if len(rest) <= fuzzy_sample else rng.sample(rest, fuzzy_sample)
    outcomes: list[tuple[float, bool]] = []
    for name, target, _ in sample:
        query, gold = fuzzy_key(name), fuzzy_key(target)
        best = max(((similarity(query, k), k) for k in pool if abs(len(k) - len(query)) <= 4), default=(0.0, ""))
        outcomes.append((best[0], best[1] == gold))
    table = []
    for t in thresholds:
        accepted = [ok for sim, ok in outcomes if sim >= t]
        right = sum(accepted)
        table.append({"threshold": t, "precision": round(right / max(1, len(accepted)), 3),
                      "recall": round(right / max(1, len(outcomes)), 3)})
    return {"pairs": len(pairs), "unified_by_folding": len(folded),
            "folding_recall": round(len(folded) / max(1, len(pairs)), 3), "fuzzy_sample": len(outcomes),
            "fuzzy": table}


# -- throughput and coverage on ANERcorp ---------------------------------------------------------
_ANER_TYPES = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def conll_documents(path: Path) -> list[Document]:
    """One Document per sentence of an IOB2 ``token TAG`` file, its gold entity spans as mentions."""
    docs: list[Document] = []
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        if not tokens:
            return
        text, spans, pos = "", [], 0
        current: list[int] = []
        kind = ""
        for token, tag in tokens + [("", "O")]:
            if current and not (tag.startswith("I-") and tag[2:] == kind):
                spans.append(Span(current[0], current[1], {"type": _ANER_TYPES.get(kind, "MISC")}))
                current = []
            if token:
                start = pos
                text += ("" if not text else " ") + token
                start = len(text) - len(token)
                pos = len(text)
                if tag.startswith("B-") or (tag.startswith("I-") and not current):
                    current, kind = [start, pos], tag[2:]
                elif tag.startswith("I-"):
                    current[1] = pos
        doc = Document(text)
        doc.set_layer("entities", spans)
        docs.append(doc)
        tokens.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) < 2:
                flush()
                continue
            tokens.append((parts[0], parts[-1]))
    flush()
    return docs


def bench_link(shared: Path | None = None) -> dict[str, Any]:
    """KB load time; mentions/s through ``link_mentions`` over ANERcorp sentences (gold spans),
    first with a fresh linker (every name new: lookups, fuzzy search, transliteration), then again
    (names seen before, as in a corpus run); and how the mentions were linked, by type."""
    t0 = time.perf_counter()
    kb = KnowledgeBase(KB_DIR)
    load_s = time.perf_counter() - t0
    path = (Path(shared) if shared else default_shared_dir()) / "data" / "ner" / "anercorp-camel" / "test.txt"
    if not path.is_file():
        raise UserError(f"ANERcorp test split not found at {path}")
    docs = conll_documents(path)
    mentions = sum(len(d.layer("entities")) for d in docs)
    from rasid.kb.translit import load_model

    t3 = time.perf_counter()
    load_model()
    translit_s = time.perf_counter() - t3
    t4 = time.perf_counter()
    kb.fuzzy("warm-up")  # builds the fuzzy index once
    fuzzy_s = time.perf_counter() - t4
    linker = Linker(kb)
    t1 = time.perf_counter()
    for doc in docs:
        link_mentions(doc, linker)
    cold = time.perf_counter() - t1
    t2 = time.perf_counter()
    for doc in docs:
        link_mentions(doc, linker)
    warm = time.perf_counter() - t2
    methods: dict[str, dict[str, int]] = {}
    for doc in docs:
        for span in doc.layer("entities"):
            row = methods.setdefault(str(span.type), {})
            how = str(span.attrs.get("link", "none"))
            row[how] = row.get(how, 0) + 1
    return {"kb_load_s": round(load_s, 3), "translit_load_s": round(translit_s, 3),
            "fuzzy_index_s": round(fuzzy_s, 3), "documents": len(docs), "mentions": mentions,
            "first_pass_mentions_per_s": round(mentions / cold),
            "second_pass_mentions_per_s": round(mentions / warm), "links_by_type": methods}


def eval_link(shared: Path | None = None, translit: bool = True) -> dict[str, Any]:
    """Every linking figure: reference accuracy, KB size, transliteration CER."""
    kb = load_kb()
    out: dict[str, Any] = {"reference": eval_reference(shared),
                           "kb": {"entities": len(kb), "aliases": kb.alias_count}}
    if translit:
        from rasid.kb.translit import cer, load_model, splits

        model = load_model()
        data = splits(shared)
        out["translit"] = {name: cer(model, pairs) for name, pairs in data.items() if name.startswith("test")}
    return out
