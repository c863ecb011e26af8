"""Quality floors on data nobody here wrote, and the reference article's gold mentions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rasid.entities.evaluate import evaluate_file
from rasid.entities.tagger import MODES

# A little under the shipped model's figures on the ANERcorp CAMeL test split (see docs/ner.md),
# per mode; raise them as the model improves.
FLOORS: dict[str, dict[str, float]] = {
    "crf": {"macro": 0.675, "PER": 0.705, "LOC": 0.85, "ORG": 0.565, "MISC": 0.565},
    "neural": {"macro": 0.695, "PER": 0.715, "LOC": 0.855, "ORG": 0.625, "MISC": 0.58},
    "ensemble": {"macro": 0.70, "PER": 0.72, "LOC": 0.86, "ORG": 0.63, "MISC": 0.595},
    # reads multilingual-e5-small (71.55; PER 76.3, LOC 86.5, ORG 63.9, MISC 59.5)
    "accurate": {"macro": 0.72, "PER": 0.76, "LOC": 0.87, "ORG": 0.65, "MISC": 0.60},
}


@pytest.fixture(scope="module", params=MODES)
def anercorp_test(request: pytest.FixtureRequest, shared_dir: Path):  # type: ignore[no-untyped-def]
    return evaluate_file(shared_dir / "data" / "ner" / "anercorp-camel" / "test.txt", mode=request.param)


def test_anercorp_test_floors_per_mode(anercorp_test: Any) -> None:
    assert anercorp_test.tokens == 25008
    floors = FLOORS[anercorp_test.mode]
    assert anercorp_test.score.macro_f1() >= floors["macro"]
    for kind in ("PER", "LOC", "ORG", "MISC"):
        assert anercorp_test.score.prf(kind)[2] >= floors[kind], kind


@pytest.mark.parametrize("mode", ["ensemble", "accurate"])
def test_reference_article_mentions_found_with_their_type(text_pipeline: Any, mode: str, reference_text: str,
                                                          reference_gold: dict[str, Any]) -> None:
    from rasid.document import Document
    from rasid.entities.ner import NerStage

    doc = NerStage(mode=mode)(text_pipeline(Document(reference_text)))
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
