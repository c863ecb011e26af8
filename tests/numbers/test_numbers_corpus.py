"""The example corpus lang/ar/corpus/numbers.yaml, run as tests (positives and negatives)."""

from __future__ import annotations

from typing import Any

import pytest

from rasid import lang
from rasid.numbers import find_numerals

CORPUS = lang.load("ar", "corpus/numbers")
NUM_POS = CORPUS["numerals"]["positive"]
NUM_NEG = CORPUS["numerals"]["negative"]


@pytest.mark.parametrize("example", NUM_POS, ids=[e["text"] for e in NUM_POS])
def test_numeral_positive(example: dict[str, Any]) -> None:
    text = example["text"]
    found = find_numerals(text)
    assert len(found) == 1, [text[n.start:n.end] for n in found]
    n = found[0]
    assert text[n.start:n.end] == example.get("span", text)
    assert n.value == pytest.approx(example["value"])
    if "kind" in example:
        assert n.kind == example["kind"]


@pytest.mark.parametrize("text", NUM_NEG, ids=[repr(t) for t in NUM_NEG])
def test_numeral_negative(text: str) -> None:
    assert find_numerals(text) == []


QTY_POS = CORPUS["quantities"]["positive"]
QTY_NEG = CORPUS["quantities"]["negative"]


def _stage_quantities(text: str) -> list[tuple[str, dict[str, Any]]]:
    from rasid.document import Document, Span
    from rasid.numbers.stage import QuantityStage

    doc = Document(text=text)
    doc.set_layer("sentences", [Span(0, len(text))])
    doc = QuantityStage()(doc)
    return [(doc.span_text(s), s.attrs) for s in doc.layer("quantities")]


@pytest.mark.parametrize("example", QTY_POS, ids=[e["text"] for e in QTY_POS])
def test_quantity_positive(example: dict[str, Any]) -> None:
    found = _stage_quantities(example["text"])
    assert len(found) == 1, found
    span, attrs = found[0]
    assert span == example.get("span", example["text"])
    want = dict(example["attrs"])
    want.setdefault("approx", False)
    for key in ("value", "min", "max"):
        if key not in want:
            assert key not in attrs, attrs
    assert {k: attrs.get(k) for k in want} == want


@pytest.mark.parametrize("text", QTY_NEG, ids=[repr(t) for t in QTY_NEG])
def test_quantity_negative(text: str) -> None:
    assert _stage_quantities(text) == []
