"""Every example of lang/ar/corpus/attribution.yaml: holders, claims and chains of attributions."""

from __future__ import annotations

from typing import Any

import pytest

from rasid import lang
from rasid.document import Document, Span, parse_published
from rasid.events.gold import locate
from rasid.events.scoring import names_match
from rasid.events.stage import analyze_events
from rasid.text.stages import BoilerplateStage

CORPUS = lang.load("ar", "corpus/attribution")
EXAMPLES = CORPUS["examples"]


def build(example: dict[str, Any]) -> Document:
    doc = Document(text=example["text"], published=parse_published(CORPUS["published"]))
    keys = {"entities": ("type", "canonical"), "times": ("value",), "quantities": ("value",)}
    for layer, wanted in keys.items():
        found = locate(doc.text, example.get(layer, []))
        assert len(found) == len(example.get(layer, [])), f"{layer} of the example not in its text"
        doc.set_layer(layer, [Span(s, e, {k: d[k] for k in wanted if k in d}) for s, e, d in found])
    return analyze_events(BoilerplateStage()(doc))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:40] for e in EXAMPLES])
def test_attribution_example(example: dict[str, Any]) -> None:
    out = build(example).to_dict()
    got = [((a["source"] or {}).get("text"), a["claim"]["text"], [c["text"] for c in a.get("chain", [])])
           for a in out["attributions"]]
    want = example["attributions"]
    assert len(got) == len(want), got
    for w, (source, claim, chain) in zip(want, got, strict=True):
        assert source is not None and w["source"] in source, (w, source)
        assert w["claim_contains"] in claim, (w, claim)
        assert chain == ([w["chain"]] if "chain" in w else chain), (w, chain)
    if "check_source" in example:  # the holder exactly, not only containing the expected words
        assert got[0][0] == example["check_source"]
    if "quotes" in example:
        quotes = [(q["text"], q["speaker"]) for q in out["quotes"]]
        assert [t for t, _ in quotes] == [q["text"] for q in example["quotes"]]
        for (_, speaker), q in zip(quotes, example["quotes"], strict=True):
            assert names_match(speaker, q["speaker"]) if q["speaker"] else speaker is None, (speaker, q)


def test_every_example_has_a_note() -> None:
    assert all(e.get("note") for e in EXAMPLES)
