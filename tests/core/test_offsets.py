from __future__ import annotations

from rasid.offsets import NormalizedView, normalize, search_key


def test_view_folds_diacritics_tatweel_alef_yeh_teh_digits_quotes_and_bidi() -> None:
    text = "\u200fأُصيبوا إلى الكوريّة ـــ مدرسة ٢٠٢٤ ۱۲ “هراء” «نص»"
    assert normalize(text) == 'اصيبوا الي الكوريه  مدرسه 2024 12 "هراء" "نص"'


def test_index_map_points_back_to_original() -> None:
    text = "قال إنّ الاتصالات الوثيقة جداً مهمة"
    view = NormalizedView(text)
    pos = view.view.index("جدا")
    start, end = view.to_original(pos, pos + 3)
    assert text[start:end] == "جداً"  # trailing tanwin belongs to the word
    pos = view.view.index("ان")
    assert text[slice(*view.to_original(pos, pos + 2))] == "إنّ"


def test_presentation_forms_expand_with_correct_offsets() -> None:
    text = "كلمة \ufefb شيء"  # lam-alef ligature
    view = NormalizedView(text)
    assert "لا" in view.view
    pos = view.view.index("لا")
    assert view.to_original(pos, pos + 2) == (5, 6)


def test_to_view_inverts_to_original() -> None:
    text = "مَرْحَبًا بكم في بيونغ يانغ"
    view = NormalizedView(text)
    for offset in (0, text.index("بكم"), text.index("بيونغ"), len(text)):
        v = view.to_view(offset)
        assert view.orig(v) == offset


def test_search_key_folds_hamza_carriers_and_case() -> None:
    assert search_key("مسؤول") == search_key("مسوول")
    assert search_key("CNN") == "cnn"
