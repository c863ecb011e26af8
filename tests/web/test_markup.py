"""The article markup (nesting, splitting, escaping) and the SVG charts, on hand-made input."""

from __future__ import annotations

import re

from rasid.document import Document, Span
from rasid.web.chart import ChartPoint, claims_svg
from rasid.web.i18n import Labels, labels
from rasid.web.markup import Piece, nest, render_text


def test_crossing_spans_are_split_and_nested() -> None:
    forest = nest([Piece(0, 10, "attributions", 0), Piece(5, 15, "quotes", 0), Piece(6, 8, "entities", 0)])
    assert [(p.start, p.end, p.layer) for p in forest] == [(0, 10, "attributions"), (10, 15, "quotes")]
    inner = forest[0].children
    assert [(p.start, p.end, p.layer) for p in inner] == [(5, 10, "quotes")]
    assert [(p.start, p.end) for p in inner[0].children] == [(6, 8)]


def test_render_keeps_every_character_and_escapes_markup() -> None:
    text = "قال <b>الوزير</b> إن 5 آلاف جندي وصلوا & غادروا"
    doc = Document(text=text)
    start = text.index("الوزير")
    doc.set_layer("entities", [Span(start, start + 6, {"type": "PER", "canonical": "A \"B\" <C>"})])
    q = text.index("5 آلاف جندي")
    doc.set_layer("quantities", [Span(q, q + 11, {"value": 5000, "unit": "soldier"})])
    doc.set_layer("attributions", [Span(0, len(text), {"source": {"text": "الوزير"}, "cue": {"text": "قال"}})])
    html = str(render_text(doc, Labels("en")))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert 'data-en="A &#34;B&#34; &lt;C&gt;"' in html
    assert 'data-tip="5,000 soldier"' in html
    plain = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert plain == text


def test_english_name_is_shown_on_the_first_mention_only() -> None:
    text = "لافروف قال ثم لافروف أضاف"
    doc = Document(text=text)
    doc.set_layer("entities", [Span(0, 6, {"type": "PER", "canonical": "Sergey Lavrov", "entity_id": "L"}),
                               Span(14, 20, {"type": "PER", "canonical": "Sergey Lavrov", "entity_id": "L"})])
    html = str(render_text(doc, Labels("ar")))
    assert html.count('data-en="Sergey Lavrov"') == 1 and html.count('data-tip="Sergey Lavrov') == 2


def test_both_label_files_have_the_same_keys() -> None:
    from rasid.lang import load

    assert set(load("ar", "ui")) == set(load("en", "ui"))
    assert labels("ar")["nav_search"] != labels("en")["nav_search"]


def _marks(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]


def test_claims_chart_puts_later_and_larger_values_right_and_higher() -> None:
    points = [ChartPoint("2018-03-26", 14, 14, "bbc", False, "/a", "t"),
              ChartPoint("2018-03-30", 29, 29, "cnn", True, "/b", "t"),
              ChartPoint("2018-03-27", 20, 25, "skynews", False, "/c?x=1&y=2", "<script>")]
    svg = str(claims_svg(points, "title <x>"))
    (x1, y1), (x2, y2) = _marks(svg)
    assert x2 > x1 and y2 < y1  # SVG y grows downwards
    assert svg.count("<rect") == 1 and 'href="/c?x=1&amp;y=2"' in svg
    assert "<script>" not in svg and "title &lt;x&gt;" in svg
    assert 'class="chart"' in svg


def test_claims_chart_switches_to_a_log_axis_for_values_orders_of_magnitude_apart() -> None:
    points = [ChartPoint("2018-03-01", 3, 3, "bbc", False, "/a", "t"),
              ChartPoint("2018-03-02", 30, 30, "bbc", False, "/b", "t"),
              ChartPoint("2018-03-03", 25_000_000, 25_000_000, "bbc", False, "/c", "t")]
    svg = str(claims_svg(points, "t"))
    assert 'class="chart log"' in svg
    (_, y3), (_, y30), (_, ybig) = _marks(svg)
    assert y3 - y30 > 20  # 3 and 30 stay clearly apart next to 25 million


def test_value_ticks_cover_the_highest_value() -> None:
    from rasid.web.chart import nice_ticks

    for high in (1.0, 29.0, 30.0, 31.0, 999.0, 25_000.0, 30_000.0):
        ticks = nice_ticks(0.0, high)
        assert ticks[0] == 0.0 and ticks[-1] >= high and len(ticks) <= 8


def test_every_entity_type_gets_one_of_the_four_colours() -> None:
    text = "زار الوفد مصر ثم شركة ما"
    doc = Document(text=text)
    doc.set_layer("entities", [Span(10, 13, {"type": "GPE"}), Span(17, 21, {"type": "WEIRD<>"})])
    html = str(render_text(doc, Labels("ar")))
    assert 'class="ent ent-LOC"' in html and 'class="ent ent-MISC"' in html and "WEIRD<" not in html


def test_lower_bounds_are_drawn_as_upward_triangles() -> None:
    points = [ChartPoint("2018-03-27", 20, 20, "bbc", False, "/a", "more than 20", "min"),
              ChartPoint("2018-03-28", 23, 23, "bbc", False, "/b", "23")]
    svg = str(claims_svg(points, "t"))
    assert svg.count("<polygon") == 1 and svg.count("<circle") == 1
    tip = re.search(r'<polygon points="([\d.]+),([\d.]+) [\d.]+,[\d.]+ [\d.]+,([\d.]+)"', svg)
    assert tip and float(tip.group(3)) < float(tip.group(2))  # the apex points up
