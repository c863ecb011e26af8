"""The reference article: every required time of its gold, through the pipeline's times stage."""

from __future__ import annotations

from typing import Any

from rasid.document import Document, parse_published
from rasid.pipeline import build_pipeline


def _times(text: str, published: str | None) -> list[dict[str, Any]]:
    doc = Document(text=text, published=parse_published(published))
    doc = build_pipeline(["paragraphs", "sentences", "times"])(doc)
    return doc.to_dict()["times"]


def test_reference_article_times_match_gold(reference_text: str, reference_gold: dict[str, Any]) -> None:
    times = _times(reference_text, reference_gold["published"])
    cursor = 0
    for gold in reference_gold["times"]:
        pos = reference_text.find(gold["text"], cursor)
        if gold.get("optional"):
            continue
        assert pos >= 0, gold["text"]
        cursor = pos + len(gold["text"])
        hits = [t for t in times if t["start"] < cursor and pos < t["end"]]
        assert [t["value"] for t in hits] == [gold["value"]], gold["text"]


def test_reference_article_gives_no_time_the_gold_does_not_list(
        reference_text: str, reference_gold: dict[str, Any]) -> None:
    times = _times(reference_text, reference_gold["published"])
    gold_spans = []
    for gold in reference_gold["times"]:
        pos = reference_text.find(gold["text"])
        gold_spans.append((pos, pos + len(gold["text"])))
    for t in times:
        assert any(t["start"] < e and s < t["end"] for s, e in gold_spans), t["text"]


def test_times_carry_interval_bounds(reference_text: str) -> None:
    times = _times(reference_text, "2025-07-11")
    friday = next(t for t in times if t["text"] == "الجمعة")
    assert friday["interval_start"].startswith("2025-07-11T00:00")
    assert friday["interval_end"].startswith("2025-07-12T00:00")
    assert friday["grain"] == "day" and friday["resolved"] is True


def test_without_publication_date_relative_times_stay_unresolved(reference_text: str) -> None:
    times = {t["text"]: t for t in _times(reference_text, None)}
    assert times["الجمعة"]["resolved"] is False
    assert times["الجمعة"]["value"] == "XXXX-WXX-5"
    assert times["الجمعة"]["interval_start"] is None
    absolute = times["في نوفمبر 2024"]
    assert absolute["resolved"] is True and absolute["value"] == "2024-11"
