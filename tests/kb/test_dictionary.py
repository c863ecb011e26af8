"""The ``gazetteer`` stage: curated KB names the NER missed, added without touching NER spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.document import Document, Span
from rasid.eval.gold import evaluate_gold_files
from rasid.kb.dictionary import GazetteerStage, default_gazetteer, score_conll
from rasid.pipeline import build_pipeline


def tokenised(text: str, ner: list[tuple[str, str]] = ()) -> Document:  # type: ignore[assignment]
    """``text`` through the text stages, with the given (surface, type) NER spans."""
    doc = build_pipeline(["boilerplate", "paragraphs", "sentences", "tokens"])(Document(text=text))
    spans, pos = [], 0
    for surface, etype in ner:
        at = text.index(surface, pos)
        spans.append(Span(at, at + len(surface), {"type": etype, "score": 0.9}))
        pos = at + len(surface)
    doc.set_layer("entities", spans)
    return doc


def added(doc: Document) -> list[tuple[str, str]]:
    doc = GazetteerStage()(doc)
    return [(doc.span_text(s), str(s.type)) for s in doc.layer("entities") if s.attrs.get("source") == "gazetteer"]


@pytest.mark.parametrize(("text", "expected"), [
    # plural/nisba forms of a group, after proclitics (the span starts after them)
    ("وقدمت إيران صواريخ للحوثيين في اليمن.", [("إيران", "LOC"), ("لحوثيين", "ORG"), ("اليمن", "LOC")]),
    ("وأعلن الحوثيون مسؤوليتهم عن الهجوم.", [("الحوثيون", "ORG")]),
    ("وقالت ميليشيا الحوثي إنها أسقطت طائرة.", [("ميليشيا الحوثي", "ORG")]),
    # the longest known name wins
    ("وشن التحالف العربي بقيادة السعودية غارات جديدة.", [("التحالف العربي بقيادة السعودية", "ORG")]),
    ("وقال متحدث باسم والتحالف العربي إن الغارات مستمرة.", [("التحالف العربي", "ORG")]),
    ("وفرضت وزارة الخزانة الأمريكية عقوبات جديدة.", [("وزارة الخزانة الأمريكية", "ORG")]),
    ("ونقلت وكالة فرانس برس عن المرصد السوري لحقوق الإنسان أن القصف تواصل.",
     [("وكالة فرانس برس", "ORG"), ("المرصد السوري لحقوق الإنسان", "ORG")]),
    ("وقال مسؤول في الحشد الشعبي إن القوات انسحبت.", [("الحشد الشعبي", "ORG")]),
    ("وبثت CNN تقريرا عن بغداد.", [("CNN", "ORG"), ("بغداد", "LOC")]),
    ("وصل إلى حزب الله أكبر دعم.", [("حزب الله", "ORG")]),
])
def test_known_names_are_added_with_the_kb_type(text: str, expected: list[tuple[str, str]]) -> None:
    assert added(tokenised(text)) == expected


@pytest.mark.parametrize("text", [
    "وأشار إلى أن الشرق يشهد تحولات.",           # الشرق: east, not Asharq
    "وقرر فتح الباب أمام الشباب.",               # فتح: to open; الشباب: the youth
    "وبلغت القاعدة الجوية مستوى جديدا.",         # القاعدة: a base
    "وزار الجزيرة العربية وفدا من الأمل.",       # الجزيرة: the island
])
def test_common_words_that_are_also_names_are_left_alone(text: str) -> None:
    assert added(tokenised(text)) == []


def test_ner_spans_are_kept_and_nothing_is_tagged_inside_them() -> None:
    text = "وقال رئيس مجلس الأمن إن الحوثيين رفضوا."
    doc = tokenised(text, [("رئيس مجلس الأمن إن الحوثيين", "PER")])
    doc = GazetteerStage()(doc)
    assert [(doc.span_text(s), s.type) for s in doc.layer("entities")] == [("رئيس مجلس الأمن إن الحوثيين", "PER")]


def test_a_ner_span_that_is_a_prefix_of_a_known_name_is_extended() -> None:
    text = "وفرضت وزارة الخزانة الأمريكية عقوبات."
    doc = GazetteerStage()(tokenised(text, [("وزارة الخزانة", "ORG")]))
    spans = doc.layer("entities")
    assert [(doc.span_text(s), s.type) for s in spans] == [("وزارة الخزانة الأمريكية", "ORG")]
    assert spans[0].attrs["extended_from"] == [text.index("وزارة"), text.index("وزارة") + len("وزارة الخزانة")]


def test_names_do_not_run_across_punctuation_or_lines() -> None:
    text = "وصل إلى حزب.\nالله أكبر"
    assert added(tokenised(text)) == []


def test_the_stage_runs_between_ner_and_link_in_the_default_pipeline() -> None:
    names = build_pipeline().names
    assert names.index("ner") < names.index("gazetteer") < names.index("link")


def test_lookup_tables_are_built_once_per_process() -> None:
    assert GazetteerStage().gazetteer is default_gazetteer()


def test_anercorp_macro_f1_does_not_drop_with_the_gazetteer(shared_dir: Path) -> None:
    # ANERcorp test split (CAMeL): news nobody here wrote; no entity type may get worse
    scores = score_conll(shared_dir / "data" / "ner" / "anercorp-camel" / "test.txt")
    alone, both = scores["ner"], scores["ner+gazetteer"]
    assert both.macro_f1() >= alone.macro_f1() + 0.002
    assert both.prf("ORG")[1] > alone.prf("ORG")[1]
    for kind in alone.types():
        assert both.prf(kind)[2] >= alone.prf(kind)[2] - 0.001, kind


def test_reference_article_stays_perfect(shared_dir: Path) -> None:
    report = evaluate_gold_files([shared_dir / "eval" / "lavrov-pyongyang-2025-07-11.gold.json"])
    total = report["total"]
    assert (total["entities"]["tp"], total["entities"]["pred"], total["entities"]["gold"]) == (37, 37, 37)
    assert total["canonical"]["correct"] == 37
    assert total["events"]["f1"] >= 0.80
