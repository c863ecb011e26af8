"""Canonical-name accuracy on the reference gold, given the gold mention spans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasid.kb.evaluate import canonical_accuracy, eval_reference, gold_document
from rasid.kb.link import link_mentions


def test_reference_accuracy_floor(shared_dir: Path) -> None:
    result = eval_reference(shared_dir)
    assert result["mentions"] >= 35
    assert result["accuracy"] >= 0.95, result["errors"]


def test_same_entity_same_id_through_the_article(reference_text: str, reference_gold: dict[str, Any]) -> None:
    doc, mentions = gold_document(reference_text, reference_gold)
    link_mentions(doc)
    ids: dict[str, set[str]] = {}
    for span, mention in zip(doc.layer("entities"), mentions, strict=True):
        ids.setdefault(mention["canonical"], set()).add(span.attrs["entity_id"])
    assert all(len(v) == 1 for v in ids.values()), ids
    assert len({next(iter(v)) for v in ids.values()}) == len(ids)


def test_scorer_counts_wrong_canonicals(reference_text: str, reference_gold: dict[str, Any]) -> None:
    doc, mentions = gold_document(reference_text, reference_gold)
    link_mentions(doc)
    doc.layer("entities")[0].attrs["canonical"] = "Someone Else"
    result = canonical_accuracy(doc, mentions)
    assert result["correct"] == result["mentions"] - 1
    assert result["errors"][0]["text"] == mentions[0]["text"]


def test_folding_unifies_real_spelling_variants(shared_dir: Path) -> None:
    """Pairs of Arabic spellings of one city from two independent gazetteers."""
    from rasid.kb.evaluate import eval_variants

    result = eval_variants(shared_dir, fuzzy_sample=60)
    assert result["pairs"] > 500
    assert result["folding_recall"] >= 0.38
    high = [row for row in result["fuzzy"] if row["threshold"] >= 0.8]
    assert all(row["precision"] >= 0.8 for row in high)
