from __future__ import annotations

import time

import pytest

from rasid.numbers import find_numerals, parse_numeral


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("٢٠٢٥", 2025),
        ("۱۴۰۳", 1403),
        ("١٠٬٠٠٠٫٥", 10000.5),
        ("خمسمائة و خمسة و عشرون", 525),
        ("متين تلاتة وستين", 263),
        ("واحد فاصلة واحد", 1.1),
        ("٧٧/١٠٠", 0.77),
        ("-1.2", -1.2),
        ("ثلاثة ملايين ونصف", 3500000),
    ],
)
def test_parse_numeral_reads_whole_strings(text: str, value: float) -> None:
    assert parse_numeral(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "ثلاثة جنود", "12 و", "مرحبا"])
def test_parse_numeral_refuses_what_is_not_one_numeral(text: str) -> None:
    assert parse_numeral(text) is None


def test_offsets_point_into_the_raw_text_with_diacritics_and_tatweel() -> None:
    text = "قُتِلَ ثَلاثَةٌ وعشـــرون شخصاً في ٣٠ ألفَ موقع"
    found = find_numerals(text)
    assert [(text[n.start:n.end], n.value) for n in found] == [
        ("ثَلاثَةٌ وعشـــرون", 23),
        ("٣٠ ألفَ", 30000),
    ]
    assert found[1].scale == 1000


def test_clitics_stay_outside_the_span_but_the_article_stays_inside() -> None:
    text = "وبخمسة جنود في المركز والثاني"
    spans = [(text[n.start:n.end], n.kind) for n in find_numerals(text)]
    assert spans == [("خمسة", "cardinal"), ("الثاني", "ordinal")]


def test_a_range_gives_two_numbers_not_one_sum() -> None:
    text = "من عشرة لعشرين دولار و 10-20 جنديا"
    assert [n.value for n in find_numerals(text)] == [10, 20, 10, 20]


@pytest.mark.parametrize(
    "text",
    [
        "1234567890123456",  # digit soup
        "00966501234567",  # phone number
        "+966 501234567",
        "11.07.2025",  # dotted date
        "192.168.0.1",
    ],
)
def test_identifiers_are_not_amounts(text: str) -> None:
    values = [n.value for n in find_numerals(text)]
    assert all(abs(v) < 1e9 for v in values)
    assert 1234567890123456 not in values


def test_values_beyond_a_quadrillion_are_not_read() -> None:
    assert find_numerals("999999999999999 مليار") == []
    assert [n.value for n in find_numerals("999 مليار")] == [999_000_000_000]


def test_scales_do_not_multiply_into_garbage() -> None:
    # "thousand thousand thousand ..." is three numerals at most 1000, not 10^9
    assert all(n.value <= 1000 for n in find_numerals("ألف ألف ألف ألف"))
    assert all(n.value <= 10**12 for n in find_numerals(" ".join(["مليار"] * 50)))


ADVERSARIAL = [
    "1." * 50_000,
    "-1 " * 33_000,
    "9" * 100_000,
    "و " * 50_000,
    "ثلاثة و" * 14_000,
    "ألف " * 25_000,
    "1,000," * 16_000,
    "١/" * 50_000,
    "فاصلة " * 16_000,
]


@pytest.mark.parametrize("unit", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_input_takes_linear_time(unit: str) -> None:
    small, big = unit[: len(unit) // 10], unit
    find_numerals(small)  # warm up

    def best_of_three(text: str) -> float:
        # the fastest of three runs: a ratio of times, robust to a busy machine's pauses
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            find_numerals(text)
            best = min(best, time.perf_counter() - t0)
        return best

    t_small = best_of_three(small)
    t_big = best_of_three(big)
    found = find_numerals(big)
    # ten times the text: a linear scan takes ~10x, a quadratic one ~100x
    assert t_big < 30 * max(t_small, 0.01)
    assert all(abs(n.value) < 1e16 for n in found)
