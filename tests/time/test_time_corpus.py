"""The example corpus lang/ar/corpus/time.yaml, run as tests (positives and negatives)."""

from __future__ import annotations

from typing import Any

import pytest

from rasid import lang
from rasid.time import find_times

CORPUS = lang.load("ar", "corpus/time")
REFERENCE = CORPUS["reference"]
POSITIVE = CORPUS["positive"]
NEGATIVE = CORPUS["negative"]


@pytest.mark.parametrize("example", POSITIVE, ids=[e["text"] for e in POSITIVE])
def test_time_positive(example: dict[str, Any]) -> None:
    found = find_times(example["text"], REFERENCE)
    assert [(m.text, m.value) for m in found] == [(example.get("span", example["text"]), example["value"])]
    assert found[0].resolved


@pytest.mark.parametrize("text", NEGATIVE, ids=[repr(t) for t in NEGATIVE])
def test_time_negative(text: str) -> None:
    assert find_times(text, REFERENCE) == []
