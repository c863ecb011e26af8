"""Resolution against the publication date: weekdays, year-less months, the two conventions."""

from __future__ import annotations

import pytest

from rasid.time import find_times, parse_time


@pytest.mark.parametrize(
    ("text", "published", "nearest", "future"),
    [
        ("الجمعة", "2025-07-11", "2025-07-11", "2025-07-18"),  # same weekday as the article
        ("الأربعاء", "2025-07-11", "2025-07-09", "2025-07-16"),
        # a bare weekday in news is the latest one (every bare weekday in our dev gold articles is
        # the publication day or up to six days before it); the next one is marked: «الأحد المقبل»
        ("الأحد", "2025-07-11", "2025-07-06", "2025-07-13"),
        ("الأحد المقبل", "2025-07-11", "2025-07-13", "2025-07-13"),
        ("يناير", "2025-07-11", "2025-01", "2026-01"),
        ("13 يوليو", "2025-07-11", "2025-07-13", "2025-07-13"),
    ],
)
def test_news_and_duckling_conventions(text: str, published: str, nearest: str, future: str) -> None:
    assert parse_time(text, published).value == nearest  # type: ignore[union-attr]
    assert parse_time(text, published, prefer="future").value == future  # type: ignore[union-attr]


def test_month_modifiers_pick_the_year() -> None:
    assert parse_time("نوفمبر الماضي", "2025-07-11").value == "2024-11"  # type: ignore[union-attr]
    assert parse_time("نوفمبر المقبل", "2025-07-11").value == "2025-11"  # type: ignore[union-attr]
    assert parse_time("يونيو المقبل", "2025-07-11").value == "2026-06"  # type: ignore[union-attr]


def test_hijri_numeric_dates_on_request() -> None:
    m = parse_time("14-09-1432 هـ", "2011-01-01")
    assert m is not None and m.value == "2011-08-14"
    assert parse_time("30-02-1433", "2012-01-01", hijri=True).value == "2012-01-24"  # type: ignore[union-attr]


def test_clock_time_with_zone_is_converted_to_the_reference_zone() -> None:
    m = parse_time("الخميس الساعة 8 بتوقيت غرينتش", "2013-02-12T04:30:00-02:00", prefer="future")
    assert m is not None and m.interval_start == "2013-02-14T06:00:00-02:00"


def test_several_expressions_in_running_text_keep_original_offsets() -> None:
    text = "وصل الوفد أمسِ، على أن يغادر بعد غدٍ إلى القاهرة"
    found = find_times(text, "2025-07-11")
    assert [(m.text, m.value) for m in found] == [("أمسِ", "2025-07-10"), ("بعد غدٍ", "2025-07-13")]
    for m in found:
        assert text[m.start:m.end] == m.text
