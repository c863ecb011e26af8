from __future__ import annotations

import pytest

from rasid.text.tokens import stem_span, tokenize


def _stems(text: str) -> dict[str, str]:
    return {text[t.start:t.end]: text[slice(*stem_span(t))] for t in tokenize(text)}


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("لكوريا", "كوريا"),
        ("وموسكو", "موسكو"),
        ("بالزعيم", "الزعيم"),
        ("والقاهرة", "القاهرة"),
        ("وأوكرانيا", "أوكرانيا"),
        ("لروسيا", "روسيا"),
        ("للتعاون", "تعاون"),
        ("جنودها", "جنود"),
    ],
)
def test_clitics_are_split_off(word: str, stem: str) -> None:
    assert _stems(f"نص {word} نص")[word] == stem


@pytest.mark.parametrize("word", ["لافروف", "بيونج", "كوريا", "وزير", "فرنسا", "لبنان", "بغداد", "كما", "لندن"])
def test_names_and_function_words_stay_whole(word: str) -> None:
    assert _stems(f"نص {word} نص")[word] == word


def test_token_kinds_and_offsets() -> None:
    text = "ذكرت شبكة CNN أن 2.5 مليار، و٣٠ ألفاً"
    tokens = tokenize(text)
    kinds = [(text[t.start:t.end], t.attrs["kind"]) for t in tokens]
    assert ("CNN", "latin") in kinds
    assert ("2.5", "num") in kinds
    assert ("،", "punct") in kinds
    assert ("ألفاً", "ar") in kinds
    for t in tokens:
        assert text[t.start:t.end].strip() == text[t.start:t.end]


def test_stem_offsets_skip_diacritics_inside_the_prefix() -> None:
    text = "وَلِكوريا"
    (token,) = tokenize(text)
    assert text[slice(*stem_span(token))] == "كوريا"


def test_hashtag_underscores_separate_words() -> None:
    text = "أصدرت محكمة تابعة لـ #ميليشيات_الحوثي حكما"
    words = [text[t.start:t.end] for t in tokenize(text)]
    assert "ميليشيات" in words and "الحوثي" in words and "_" not in words
