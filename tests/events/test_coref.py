"""Definite descriptions and roles resolved to an entity named earlier (rasid.events.coref)."""

from __future__ import annotations

from rasid.document import Span
from rasid.events.context import Context
from rasid.events.coref import resolve_descriptions


def _resolved(text: str, entities: list[tuple[str, str, str]]) -> dict[str, str]:
    spans = []
    pos = 0
    for surface, typ, canonical in entities:
        i = text.index(surface, pos)
        pos = i + len(surface)
        spans.append(Span(i, i + len(surface), {"type": typ, "canonical": canonical}))
    ctx = Context(text, None, spans)
    return {text[s.start:s.end]: s.attrs["canonical"] for s in resolve_descriptions(ctx)}


def test_a_role_is_the_person_introduced_with_that_title() -> None:
    text = ("قال وزير الاقتصاد الألماني بيتر ألتماير إن الحل بعيد. وقالت المستشارة أنجيلا ميركل إن الرد قادم. "
            "وأضاف الوزير أن القمة أفرزت نكسات.")
    got = _resolved(text, [("بيتر ألتماير", "PER", "Peter Altmaier"), ("أنجيلا ميركل", "PER", "Angela Merkel")])
    assert got == {"الوزير": "Peter Altmaier"}  # not the more recent chancellor


def test_a_feminine_role_needs_a_feminine_title() -> None:
    text = "انتقدت السفيرة الأمريكية نيكي هايلي روسيا. ورد السفير الروسي فاسيلي نيبينزيا. وقالت السفيرة إن الهدنة فشلت."
    got = _resolved(text, [("نيكي هايلي", "PER", "Nikki Haley"), ("روسيا", "LOC", "Russia"),
                           ("فاسيلي نيبينزيا", "PER", "Vassily Nebenzia")])
    assert got == {"السفيرة": "Nikki Haley"}


def test_a_group_head_and_a_clitic() -> None:
    text = "أعلن تنظيم الدولة الإسلامية مسؤوليته. وقال المرصد السوري إن مقاتلي التنظيم خطفوا 30 شخصا."
    got = _resolved(text, [("تنظيم الدولة الإسلامية", "ORG", "Islamic State"),
                           ("المرصد السوري", "ORG", "Syrian Observatory for Human Rights")])
    assert got == {"التنظيم": "Islamic State"}  # the head, not the more recent observatory
    text = "أعلنت حركة حماس موقفها. واتهمت إسرائيل والحركة بخرق الهدنة."
    got = _resolved(text, [("حركة حماس", "ORG", "Hamas"), ("إسرائيل", "LOC", "Israel")])
    assert got == {"الحركة": "Hamas"}  # the span leaves out the conjunction


def test_a_title_before_a_name_is_no_anaphor_and_nothing_is_invented() -> None:
    text = "وقال الرئيس دونالد ترمب إن الوزير سيزور المنطقة."
    assert _resolved(text, [("دونالد ترمب", "PER", "Donald Trump")]) == {}
    assert _resolved("وقال الوزير إن التنظيم انسحب.", []) == {}


def test_an_antecedent_too_far_back_is_not_taken() -> None:
    filler = " ".join(["وتواصلت الاجتماعات في المدينة."] * 6)
    text = f"قال وزير الخارجية سامح شكري إن الحل قريب. {filler} وقال الوزير إن الحل بعيد."
    assert _resolved(text, [("سامح شكري", "PER", "Sameh Shoukry")]) == {}
