"""Bad input never crashes, hangs or gives garbage; the scan is linear in the text length."""

from __future__ import annotations

import pytest

from rasid.time import find_times
from rasid.time import tokens as tokens_module


@pytest.mark.parametrize(
    "text",
    [
        "1234567890123456",
        "٠٥٥١٢٣٤٥٦٧٨",
        "30 فبراير 2024",
        "31 نيسان",
        "عام 99999",
        "في 12/13/2024",
        "0-0-0",
        "99:99",
        "الساعة 77",
        "/-/-/-:::",
        "",
        "\u200f\u0640\u064b",
    ],
)
def test_bad_input_gives_nothing(text: str) -> None:
    assert find_times(text, "2025-07-11") == []


@pytest.mark.parametrize(
    "unit",
    ["1/", "12-", "الساعة ", "من 13 إلى ", "بين يومي ", "الأول من ", "ثالث ثلاثاء من ", "و", "منذ ", "، "],
)
def test_adversarial_text_is_scanned_in_linear_time(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Count the grammar's look-ups per token on 10 kB and 100 kB of a repeated pattern."""
    calls = {"n": 0}
    original = tokens_module.Tokens.hits

    def counting(self: tokens_module.Tokens, i: int) -> list[tokens_module.Hit]:
        calls["n"] += 1
        return original(self, i)

    monkeypatch.setattr(tokens_module.Tokens, "hits", counting)
    per_token = []
    for size in (10_000, 100_000):
        text = (unit * (size // len(unit) + 1))[:size]
        calls["n"] = 0
        find_times(text, "2025-07-11")
        n_tokens = tokens_module.Tokens(text).n
        per_token.append(calls["n"] / max(n_tokens, 1))
    assert per_token[1] <= per_token[0] * 1.5 + 1
    assert per_token[1] < 200


def test_huge_numbers_and_far_years_are_not_dates() -> None:
    text = "بلغ الرقم 99999999999999999999 في عام 123456 وفي سنة 9999"
    assert find_times(text, "2025-07-11") == []
