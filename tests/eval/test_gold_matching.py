"""The gold scorer's matching rules, on predictions built by hand."""
from __future__ import annotations

from typing import Any

from rasid.eval.gold import evaluate_document, locate, match_spans

TEXT = "زار لافروف بيونغ يانغ ثم التقى لافروف بوتين في موسكو، وفق وكالة تاس."


def span(text: str, needle: str, nth: int = 0, **attrs: Any) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"start": start, "end": start + len(needle), "text": needle, **attrs}


def test_locate_searches_forward_in_document_order() -> None:
    (a, b) = locate(TEXT, ["لافروف", "لافروف"])
    assert a is not None and b is not None and b[0] > a[0]


def test_overlap_and_type_must_agree_and_gold_matched_once() -> None:
    gold = [{"text": "لافروف", "type": "PER"}, {"text": "بيونغ يانغ", "type": "LOC"}, {"text": "لافروف", "type": "PER"}]
    pred = [span(TEXT, "لافروف", type="PER"), span(TEXT, "بيونغ", type="ORG"), span(TEXT, "التقى لافروف", type="PER")]
    scores, _ = match_spans(pred, gold, TEXT, lambda p, g: p["type"] == g["type"])
    assert (scores["tp"], scores["pred"], scores["gold"]) == (2, 3, 3)
    assert round(float(scores["precision"]), 3) == 0.667


def test_optional_spans_are_neither_required_nor_penalised() -> None:
    gold = [{"text": "موسكو", "type": "LOC"}, {"text": "بوتين", "type": "PER", "optional": True}]
    pred = [span(TEXT, "موسكو", type="LOC"), span(TEXT, "بوتين", type="PER"), span(TEXT, "وكالة", type="ORG")]
    scores, _ = match_spans(pred, gold, TEXT, lambda p, g: p["type"] == g["type"], optional_texts=["وكالة"])
    assert (scores["tp"], scores["pred"], scores["gold"]) == (1, 1, 1)


def test_document_scores_canonical_times_quantities_and_text_layers() -> None:
    text = "زار لافروف بيونغ يانغ الجمعة مع نحو 4 آلاف جندي.\n\nشاركها."
    gold = {
        "entities": [{"text": "لافروف", "type": "PER", "canonical": "Sergey Lavrov"},
                     {"text": "بيونغ يانغ", "type": "LOC", "canonical": "Pyongyang"}],
        "times": [{"text": "الجمعة", "value": "2025-07-11"}],
        "quantities": [{"text": "نحو 4 آلاف جندي", "value": 4000, "approx": True, "unit": "soldier"}],
        "boilerplate": ["شاركها."],
        "headings": [],
    }
    out = {
        "text": text,
        "entities": [span(text, "لافروف", type="PER", canonical="sergey lavrov"),
                     span(text, "بيونغ يانغ", type="LOC", canonical="Pyongyang City")],
        "times": [span(text, "الجمعة", value="2025-07-12")],
        "quantities": [span(text, "نحو 4 آلاف جندي", value=4000, approx=True, unit="soldier")],
        "events": [], "attributions": [], "quotes": [],
        "boilerplate": [span(text, "شاركها.")], "headings": [],
    }
    scores = evaluate_document(gold, out)
    assert scores["entities"]["f1"] == 1.0
    assert scores["canonical"] == {"correct": 1, "gold": 2, "accuracy": 0.5}
    assert scores["times"]["tp"] == 0  # wrong value
    assert scores["quantities"]["tp"] == 1
    out["quantities"][0]["approx"] = False
    assert evaluate_document(gold, out)["quantities"]["tp"] == 0
    assert scores["boilerplate"]["f1"] == 1.0


def test_errors_name_what_was_missed_and_what_was_wrong() -> None:
    gold = {"entities": [{"text": "لافروف", "type": "PER", "canonical": "Sergey Lavrov"},
                         {"text": "بيونغ يانغ", "type": "LOC", "canonical": "Pyongyang"}],
            "times": [], "quantities": [], "events": [], "attributions": [], "quotes": []}
    out = {"text": TEXT, "entities": [span(TEXT, "لافروف", type="PER", canonical="Lavrof"),
                                      span(TEXT, "وكالة تاس", type="ORG")],
           "times": [], "quantities": [], "events": [], "attributions": [], "quotes": [],
           "boilerplate": [], "headings": []}
    errors = evaluate_document(gold, out)["errors"]
    assert errors["entities"]["missed"] == [{"text": "بيونغ يانغ", "type": "LOC"}]
    assert errors["entities"]["spurious"] == [{"text": "وكالة تاس", "type": "ORG"}]
    assert errors["canonical"]["wrong"] == [{"text": "لافروف", "gold": "Sergey Lavrov", "pred": "Lavrof"}]
