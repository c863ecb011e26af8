"""Quality floors on data nobody here wrote, and the reference article's gold mentions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rasid.entities.evaluate import evaluate_file

# A little under the shipped model's figures (see docs/ner.md); raise them as the model improves.
MACRO_F1_FLOOR = 0.67
TYPE_F1_FLOORS = {"PER": 0.70, "LOC": 0.84, "ORG": 0.555, "MISC": 0.57}


@pytest.fixture(scope="module")
def anercorp_test(shared_dir: Path):  # type: ignore[no-untyped-def]
    return evaluate_file(shared_dir / "data" / "ner" / "anercorp-camel" / "test.txt")


def test_anercorp_test_macro_f1_floor(anercorp_test: Any) -> None:
    assert anercorp_test.tokens == 25008
    assert anercorp_test.score.macro_f1() >= MACRO_F1_FLOOR


@pytest.mark.parametrize("kind", sorted(TYPE_F1_FLOORS))
def test_anercorp_test_per_type_floor(anercorp_test: Any, kind: str) -> None:
    assert anercorp_test.score.prf(kind)[2] >= TYPE_F1_FLOORS[kind]


def test_reference_article_mentions_found_with_their_type(analyse: Any, reference_text: str,
                                                          reference_gold: dict[str, Any]) -> None:
    doc = analyse(reference_text)
    found = {(e.start, e.end): e.type for e in doc.layer("entities")}
    position = 0
    missed = []
    for mention in reference_gold["entities"]:
        if mention.get("optional") or mention["type"] not in ("PER", "LOC", "ORG"):
            continue
        start = reference_text.find(mention["text"], position)
        assert start >= 0, mention
        end = start + len(mention["text"])
        position = end
        if found.get((start, end)) != mention["type"]:
            missed.append((mention["text"], mention["type"], found.get((start, end))))
    assert missed == []
