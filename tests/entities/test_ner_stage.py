"""The ``ner`` stage on hand-written text: clitics, Latin names, multi-word names, bad input."""

from __future__ import annotations

from typing import Any

import pytest

from rasid import lang
from rasid.document import Document
from rasid.entities import tagger as tagger_module
from rasid.entities.ner import peel_offset
from rasid.pipeline import PipelineError, check_requirements

EXAMPLES = lang.load("ar", "corpus/ner")["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:30] for e in EXAMPLES])
def test_example_corpus(analyse: Any, example: dict[str, Any]) -> None:
    doc = analyse(example["text"])
    got = [(doc.span_text(e), e.type) for e in doc.layer("entities")]
    for expected in example["entities"]:
        assert (expected["text"], expected["type"]) in got, got
    for absent in example.get("absent", []):
        assert all(absent not in text.split() for text, _ in got), got


def test_entities_carry_type_and_score(analyse: Any) -> None:
    doc = analyse("استقبل الرئيس فلاديمير بوتين في موسكو رئيس الوزراء الهندي.")
    assert doc.layer("entities")
    for ent in doc.layer("entities"):
        assert ent.type in {"PER", "LOC", "ORG", "MISC"}
        assert 0.0 < ent.attrs["score"] <= 1.0


def test_pipeline_refuses_ner_without_tokens(ner_stage: Any) -> None:
    with pytest.raises(PipelineError, match="tokens"):
        check_requirements([ner_stage], available=["sentences"])


def test_peel_offset_skips_diacritics_after_the_proclitic() -> None:
    assert peel_offset("لِكوريا", 1) == 2
    assert peel_offset("وموسكو", 1) == 1
    assert peel_offset("و", 1) == 0  # nothing left: keep the token


def test_diacritics_and_tatweel_do_not_change_the_names(analyse: Any) -> None:
    plain = analyse("وصل سيرجي لافروف إلى موسكو.")
    marked_text = "وَصَلَ سِيرْجِي لافـــروف إِلَى مُوسْكُو."
    marked = analyse(marked_text)
    assert [e.type for e in marked.layer("entities")] == [e.type for e in plain.layer("entities")]
    texts = [marked.span_text(e) for e in marked.layer("entities")]
    assert texts[0].startswith("سِ") and texts[-1] == "مُوسْكُو"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n ", "The quick brown fox jumps over the lazy dog. " * 50,
     "1234 5678 90 " * 300, "ـــــ ً ٌ ٍ َ ُ ِ ّ ْ " * 200, "؟؟؟!!! ... ،،،"],
    ids=["empty", "blank", "all-latin", "all-digit", "marks-and-tatweel", "punctuation"],
)
def test_bad_input_does_not_crash(analyse: Any, text: str) -> None:
    doc = analyse(text)
    for ent in doc.layer("entities"):
        assert 0 <= ent.start < ent.end <= len(text)


def test_a_5000_word_sentence_is_tagged_in_bounded_chunks(analyse: Any, monkeypatch: Any) -> None:
    words = ["قال", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو", "إن", "الوضع", "صعب", "جدا"] * 500
    lengths: list[int] = []
    original = tagger_module.NerTagger._tag_chunks

    def spy(self: Any, chunks: list[list[str]]) -> Any:
        lengths.extend(len(c) for c in chunks)
        return original(self, chunks)

    monkeypatch.setattr(tagger_module.NerTagger, "_tag_chunks", spy)
    doc = analyse(" ".join(words))
    # linear: the model never sees more than a bounded window, and every token is seen once
    assert max(lengths) <= tagger_module.MAX_SENTENCE_TOKENS
    assert sum(lengths) == 5000
    persons = [doc.span_text(e) for e in doc.layer("entities") if e.type == "PER"]
    assert persons.count("فلاديمير بوتين") >= 450


def test_stage_is_usable_on_a_hand_built_document(ner_stage: Any) -> None:
    from rasid.document import Span

    text = "وموسكو"
    doc = Document(text)
    doc.set_layer("sentences", [Span(0, len(text))])
    doc.set_layer("tokens", [Span(0, len(text), {"kind": "ar"})])
    ner_stage(doc)
    assert [(doc.span_text(e), e.type) for e in doc.layer("entities")] in ([("موسكو", "LOC")], [])


BAD_INPUTS = ["", "The quick brown fox. " * 30, "1234 5678 " * 100, "ـــ ً ٌ ٍ َ ُ " * 100, "؟؟!! ،،"]


@pytest.mark.parametrize("mode", ["neural", "ensemble", "accurate"])
def test_neural_modes_find_names_and_survive_bad_input(text_pipeline: Any, mode: str) -> None:
    from rasid.entities.ner import NerStage

    stage = NerStage(mode=mode)
    text = "استقبل الرئيس فلاديمير بوتين في موسكو وزير الخارجية الصيني وانغ يي."
    doc = stage(text_pipeline(Document(text)))
    got = {(doc.span_text(e), e.type) for e in doc.layer("entities")}
    assert ("فلاديمير بوتين", "PER") in got and ("موسكو", "LOC") in got, got
    for bad in BAD_INPUTS:
        doc = stage(text_pipeline(Document(bad)))
        for ent in doc.layer("entities"):
            assert 0 <= ent.start < ent.end <= len(bad)
            assert 0.0 < ent.attrs["score"] <= 1.0
