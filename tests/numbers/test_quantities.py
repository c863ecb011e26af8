from __future__ import annotations

from typing import Any

import pytest

from rasid.document import Document, Span
from rasid.numbers.quantities import find_quantities
from rasid.numbers.stage import QuantityStage
from rasid.pipeline import build_pipeline


def _q(text: str) -> list[tuple[str, dict[str, Any]]]:
    return [(text[q.start:q.end], q.attrs) for q in find_quantities(text)]


def test_reference_article_through_the_pipeline(reference_text: str, reference_gold: dict[str, Any]) -> None:
    pipeline = build_pipeline(["paragraphs", "sentences", "quantities"])
    doc = pipeline(Document(text=reference_text, published="2025-07-11"))
    exported = doc.to_dict()["quantities"]
    assert [q["text"] for q in exported] == [g["text"] for g in reference_gold["quantities"]]
    for got, gold in zip(exported, reference_gold["quantities"], strict=True):
        for key, value in gold.items():
            assert got[key] == value, (gold["text"], key)
    assert doc.provenance[-1].stage == "quantities"


def test_stage_needs_sentences() -> None:
    from rasid.pipeline import PipelineError

    with pytest.raises(PipelineError, match="sentences"):
        build_pipeline(["quantities"])


def test_a_quantity_never_crosses_a_sentence_boundary() -> None:
    text = "وصل العدد إلى 30 ألف. جندي واحد بقي"
    doc = Document(text=text)
    cut = text.index(".") + 1
    doc.set_layer("sentences", [Span(0, cut), Span(cut + 1, len(text))])
    spans = QuantityStage()(doc).layer("quantities")
    assert [(doc.span_text(s), s.attrs["value"], s.attrs["unit"]) for s in spans] == [("30 ألف", 30000, None)]


def test_offsets_and_values_survive_diacritics_and_indic_digits() -> None:
    text = "قُتِلَ نَحْوَ ٣٠٠ مَدَنِيٍّ، وأُصيبَ ١٫٥ ألف آخرون"
    found = _q(text)
    assert found[0] == ("نَحْوَ ٣٠٠ مَدَنِيٍّ", {"value": 300, "approx": True, "unit": "civilian", "multiplier": None})
    assert found[1][0] == "١٫٥ ألف" and found[1][1]["value"] == 1500


@pytest.mark.parametrize(
    ("text", "span", "attrs"),
    [
        ("دفع 20 دولارا و43 سنتا", "20 دولارا و43 سنتا", {"value": 20.43, "unit": "USD"}),
        ("بلغت الحرارة درجتين تحت الصفر", "درجتين تحت الصفر", {"value": -2, "unit": "degree"}),
        ("سجلت 45 درجة مئوية", "45 درجة مئوية", {"value": 45, "unit": "celsius"}),
        ("ارتفع السعر ضعفين", "ضعفين", {"value": 2, "unit": "multiplier"}),
        ("أرسل 42 KWD", "42 KWD", {"value": 42, "unit": "KWD"}),
        ("بحدود 10-20 دولار", "بحدود 10-20 دولار", {"min": 10, "max": 20, "approx": True, "unit": "USD"}),
        ("3 أكواب من السكر", "3 أكواب من السكر", {"value": 3, "unit": "cup", "product": "السكر"}),
        ("لتر ونصف", "لتر ونصف", {"value": 1.5, "unit": "litre"}),
        ("ارتفع بنسبة %10 في الربع", "%10", {"value": 10, "unit": "percent"}),
        ("ما بين 5 و10 ملايين دولار", "ما بين 5 و10 ملايين دولار", {"min": 5e6, "max": 1e7, "unit": "USD"}),
        ("من 500 إلى 30 ألف شخص", "من 500 إلى 30 ألف شخص", {"min": 500, "max": 30000, "unit": "person"}),
    ],
)
def test_news_quantities(text: str, span: str, attrs: dict[str, Any]) -> None:
    found = _q(text)
    assert len(found) == 1, found
    assert found[0][0] == span
    assert {k: found[0][1].get(k) for k in attrs} == attrs


@pytest.mark.parametrize(
    "text",
    [
        "بين يومي 14 و15 يوليو",  # a date range, no unit
        "من 27 إلى 29",
        "اتصل على الرقم 00966501234567 أو +20 100 123 4567",
        "1234567890123456 دولار",  # digit soup is not an amount
        "رقم الهاتف 0123456789",
        "في عام 2024",
        "",
        "!!!؟؟؟ ... ---",
    ],
)
def test_no_quantity(text: str) -> None:
    assert _q(text) == []


def test_a_language_without_data_gets_an_empty_layer() -> None:
    doc = Document(text="It rose 10% to 30 thousand dollars.", language="xx")
    doc.set_layer("sentences", [Span(0, len(doc.text))])
    assert QuantityStage()(doc).layer("quantities") == []


def test_huge_values_stay_bounded() -> None:
    text = " ".join(["تريليون"] * 30) + " دولار"
    assert all(abs(a.get("value", 0)) <= 1e12 for _, a in _q(text))


def test_adversarial_text_gives_sane_output() -> None:
    text = ("ما بين 1 إلى " * 3000) + ("نحو -" * 3000) + ("$1 " * 3000)
    found = _q(text)
    assert found and all(len(span) < 60 for span, _ in found)


def test_random_mixtures_of_number_words_units_and_symbols_never_crash() -> None:
    import random

    from rasid.numbers.units import tables

    t = tables()
    pieces = [*t.units, *t.symbols, *list(t.cues_before)[:100], "و", "-", ".", ",", "/", "%", "$",
              "١٢", "3.5", "0", "+", "٫", "ـ", "َ", "«", "1/0", "\n", "ثلاثة", "ألف", "مليون", "نصف"]
    rng = random.Random(5)
    for _ in range(2000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        if rng.random() < 0.3:
            text = text.replace(" ", "")
        for q in find_quantities(text):
            assert 0 <= q.start < q.end <= len(text)
            assert all(abs(q.attrs[k]) <= 1e15 for k in ("value", "min", "max") if k in q.attrs)
