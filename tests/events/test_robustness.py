"""Bad input: nothing crashes and no actor is invented."""

from __future__ import annotations

import pytest

from rasid.document import Document, Span
from rasid.events.stage import AttributionStage, EventsStage, analyze_events
from rasid.pipeline import PipelineError, check_requirements


def _doc(text: str, entities: list[tuple[str, str, str]] = ()) -> Document:  # type: ignore[assignment]
    doc = Document(text=text, published="2024-01-02")
    spans = []
    for surface, typ, canonical in entities:
        i = text.find(surface)
        spans.append(Span(i, i + len(surface), {"type": typ, "canonical": canonical}))
    doc.set_layer("entities", spans)
    doc.set_layer("times", [])
    doc.set_layer("quantities", [])
    return analyze_events(doc)


@pytest.mark.parametrize("text", [
    "",
    "   \n\n  ",
    "«",
    "“”",
    "\"\"\"\"\"",
    "وقال إن",
    "وفق",
    "بحسب ،",
    "قال: «",
    "« « « » » »",
    "زار" * 500,
    "ذهب وقصف وهاجم وأرسل واعتقل وقتل وانسحب وقاتل وخطف وفجر " * 20,
    "١٢٣ ٤٥٦ 789 %%% ###",
    "English text only, no Arabic at all.",
])
def test_bad_input_never_crashes(text: str) -> None:
    out = _doc(text).to_dict()
    for event in out["events"]:
        assert event["actor"] is None
    for quote in out["quotes"]:
        assert quote["text"].strip()


def test_headline_only_article() -> None:
    out = _doc("ترمب يلتقي بوتين", [("ترمب", "PER", "Donald Trump"), ("بوتين", "PER", "Vladimir Putin")]).to_dict()
    assert [(e["type"], e["actor"], e["target"]) for e in out["events"]] == [("CONSULT", "Donald Trump", "Vladimir Putin")]


def test_quote_that_never_closes_is_dropped_and_later_quotes_survive() -> None:
    text = "وقال الوزير «لن نتراجع.\nوأضاف “سنواصل العمل” مع الشركاء."
    out = _doc(text).to_dict()
    assert [q["text"] for q in out["quotes"]] == ["سنواصل العمل"]


def test_nested_quotes_keep_the_outer_one() -> None:
    text = "وقال «إن عبارة “السلام الآن” ليست كافية» في كلمته."
    out = _doc(text).to_dict()
    assert [q["text"] for q in out["quotes"]] == ["إن عبارة “السلام الآن” ليست كافية"]


def test_cue_with_speaker_two_sentences_back() -> None:
    text = "وصل الرئيس ماكرون إلى بيروت. واستقبله المسؤولون في المطار. وقال إن فرنسا ستقف إلى جانب لبنان."
    out = _doc(text, [("ماكرون", "PER", "Emmanuel Macron"), ("بيروت", "LOC", "Beirut"),
                      ("فرنسا", "LOC", "France"), ("لبنان", "LOC", "Lebanon")]).to_dict()
    (attr,) = out["attributions"]
    assert attr["source"]["text"] == "ماكرون"
    assert "فرنسا ستقف" in attr["claim"]["text"]


def test_cue_with_no_source_anywhere_keeps_source_null() -> None:
    out = _doc("وقال إن الوضع مستقر.").to_dict()
    (attr,) = out["attributions"]
    assert attr["source"] is None


def test_events_stage_needs_its_layers() -> None:
    with pytest.raises(PipelineError, match="attributions"):
        check_requirements([EventsStage()], available=["entities", "times", "quantities"])
    check_requirements([AttributionStage(), EventsStage()], available=["sentences", "entities", "times", "quantities"])


def test_offsets_point_into_the_original_text() -> None:
    text = "وَقالَ المُتَحَدِّثُ إِنَّ الجَيْشَ قَصَفَ مَواقِعَ المُسَلَّحِينَ، وِفْقَ وكالةِ الأنباء."
    out = _doc(text).to_dict()
    for layer in ("attributions", "quotes"):
        for item in out[layer]:
            piece = item.get("claim", item)
            assert text[piece["start"]:piece["end"]] == piece["text"]
    for event in out["events"]:
        assert text[event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]
    assert any(e["type"] == "FIGHT" for e in out["events"])


def test_quote_speaker_and_event_actor_are_linked_to_their_entities() -> None:
    text = "واتهم ترمب بوتين بأنه يقدم “هراء” في المحادثات."
    doc = _doc(text, [("ترمب", "PER", "Donald Trump"), ("بوتين", "PER", "Vladimir Putin")])
    out = doc.to_dict()
    rel = {(r["type"], r["head"]["layer"]): out["entities"][r["tail"]["index"]]["text"] for r in out["relations"]}
    assert rel[("speaker", "quotes")] == "ترمب"
    assert rel[("actor", "events")] == "ترمب"
    assert rel[("target", "events")] == "بوتين"


def test_denial_by_a_described_person_neither_crashes_nor_takes_the_whole_phrase() -> None:
    # ANT line 532: «نفت» + a noun phrase whose only name sits deep inside it (no holder noun)
    text = ("نفت الفنانة المصرية المعروفة وسام رضا إسماعيل الشهيرة باسم زينة اعتداءها على أسرة أميركية "
            "في دبي، وأصدرت بياناً.")
    doc = _doc(text, [("وسام رضا إسماعيل", "PER", "Wesam Reda Ismail"), ("دبي", "LOC", "Dubai")])
    for att in doc.layer("attributions"):
        source = text[att.attrs["source"][0]:att.attrs["source"][1]] if att.attrs.get("source") else ""
        assert "الفنانة المصرية المعروفة" not in source
