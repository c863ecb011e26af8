"""Every example of lang/ar/corpus/events.yaml: events, modality, attributions and quotes."""

from __future__ import annotations

from typing import Any

import pytest

from rasid import lang
from rasid.document import Document, Span, parse_published
from rasid.events.gold import locate
from rasid.events.scoring import names_match
from rasid.events.stage import analyze_events
from rasid.text.stages import BoilerplateStage

CORPUS = lang.load("ar", "corpus/events")
EXAMPLES = CORPUS["examples"]


def build(example: dict[str, Any]) -> Document:
    meta = {"category": example["category"]} if "category" in example else {}  # the page's category (ANT metadata)
    doc = Document(text=example["text"], published=parse_published(CORPUS["published"]), meta=meta)
    keys = {"entities": ("type", "canonical"), "times": ("value",), "quantities": ("value", "min", "max", "approx", "unit")}
    for layer, wanted in keys.items():
        found = locate(doc.text, example.get(layer, []))
        assert len(found) == len(example.get(layer, [])), f"{layer} of the example not in its text"
        doc.set_layer(layer, [Span(s, e, {k: d[k] for k in wanted if k in d}) for s, e, d in found])
    return analyze_events(BoilerplateStage()(doc))  # page furniture is marked first, as in the pipeline


def _event_key(e: dict[str, Any]) -> tuple[Any, ...]:
    return (e["type"], e.get("actor"), e.get("target"), e.get("modality"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:40] or "empty" for e in EXAMPLES])
def test_example(example: dict[str, Any]) -> None:
    out = build(example).to_dict()
    events = out["events"]
    if example.get("check") == "no_actor":
        assert events, "the verbs still give events"
        assert all(e["actor"] is None and e["target"] is None for e in events)
        assert not any(e["type"] == "CONSULT" for e in events)
    else:
        got = sorted(map(_event_key, events), key=str)
        want = sorted((_event_key(e) for e in example.get("events", [])), key=str)
        assert got == want
        for expected in example.get("events", []):
            match = next(e for e in events if _event_key(e) == _event_key(expected))
            for field in ("time", "location"):
                if field in expected:
                    assert match[field] == expected[field], field
            if "quantity" in expected:
                assert {k: v for k, v in (match["quantity"] or {}).items() if k != "approx"} == expected["quantity"]
    if "attributions" in example:
        attrs = out["attributions"]
        assert len(attrs) == len(example["attributions"])
        for want, got in zip(example["attributions"], attrs, strict=False):
            assert got["source"] is not None and want["source"] in got["source"]["text"]
            assert want["claim_contains"] in got["claim"]["text"]
            if "chain" in want:
                assert [c["text"] for c in got["chain"]] == [want["chain"]]
    if "quotes" in example:
        got_q = [(q["text"], q["speaker"]) for q in out["quotes"]]
        want_q = [(q["text"], q["speaker"]) for q in example["quotes"]]
        assert [t for t, _ in got_q] == [t for t, _ in want_q]
        for (_, gs), (_, ws) in zip(got_q, want_q, strict=False):
            assert names_match(gs, ws)
