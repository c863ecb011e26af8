"""Every example of lang/ar/corpus/quotes.yaml: quoted terms and names dropped, speakers resolved."""

from __future__ import annotations

from typing import Any

import pytest

from rasid import lang
from rasid.document import Document, Span, parse_published
from rasid.events.gold import locate
from rasid.events.scoring import names_match
from rasid.events.stage import analyze_events
from rasid.text.stages import BoilerplateStage

CORPUS = lang.load("ar", "corpus/quotes")
EXAMPLES = CORPUS["examples"]


def build(example: dict[str, Any]) -> Document:
    doc = Document(text=example["text"], published=parse_published(CORPUS["published"]))
    found = locate(doc.text, example.get("entities", []))
    assert len(found) == len(example.get("entities", [])), "entities of the example not in its text"
    doc.set_layer("entities", [Span(s, e, {k: d[k] for k in ("type", "canonical") if k in d}) for s, e, d in found])
    doc.set_layer("times", [])
    doc.set_layer("quantities", [])
    return analyze_events(BoilerplateStage()(doc))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:40] for e in EXAMPLES])
def test_quote_example(example: dict[str, Any]) -> None:
    got = [(q["text"], q["speaker"]) for q in build(example).to_dict()["quotes"]]
    want = [(q["text"], q["speaker"]) for q in example["quotes"]]
    assert [t for t, _ in got] == [t for t, _ in want]
    for (_, gs), (_, ws) in zip(got, want, strict=True):
        assert names_match(gs, ws), (gs, ws)


def test_every_example_has_a_note() -> None:
    assert all(e.get("note") for e in EXAMPLES)
