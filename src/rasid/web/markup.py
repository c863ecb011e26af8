"""The article's text as HTML with its facts highlighted (every piece of text escaped here).

Spans of several layers may nest or cross; :func:`nest` turns them into a tree (a crossing span is
split at the boundary it crosses) and :func:`render_text` writes it.  Point facts (entities,
times, quantities, event triggers) become focusable ``<mark>`` elements whose ``data-tip`` holds
what Rasid found (canonical English name, resolved date, value); ranges (quotes, attributed
claims, boilerplate, headings, a requested highlight) become ``<span>`` elements.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from rasid.document import Document, Span
from rasid.web.i18n import Labels

# Outer layers first: when two spans start at the same place the longer/outer one opens first.
LAYER_ORDER: dict[str, int] = {
    "headings": 0, "boilerplate": 1, "attributions": 2, "quotes": 3, "highlight": 4,
    "entities": 5, "times": 6, "quantities": 7, "events": 8,
}
POINT_LAYERS = ("entities", "times", "quantities", "events")
TYPE_LABEL = {"PER": "person", "ORG": "organisation", "LOC": "place", "GPE": "place", "MISC": "other"}
CSS_TYPE = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC"}  # one colour per kind


@dataclass
class Piece:
    start: int
    end: int
    layer: str
    index: int
    children: list[Piece] = field(default_factory=list)


def nest(pieces: list[Piece]) -> list[Piece]:
    """A forest of pieces where every child lies inside its parent; crossing pieces are split."""
    heap = [(p.start, -p.end, LAYER_ORDER.get(p.layer, 9), p.index, p) for p in pieces if p.end > p.start]
    heapq.heapify(heap)
    roots: list[Piece] = []
    stack: list[Piece] = []
    while heap:
        _, _, order, index, piece = heapq.heappop(heap)
        while stack and stack[-1].end <= piece.start:
            stack.pop()
        if stack and piece.end > stack[-1].end:  # crosses its parent: keep the inside part here
            rest = Piece(stack[-1].end, piece.end, piece.layer, piece.index)
            heapq.heappush(heap, (rest.start, -rest.end, order, index, rest))
            piece = Piece(piece.start, stack[-1].end, piece.layer, piece.index)
        (stack[-1].children if stack else roots).append(piece)
        stack.append(piece)
    return roots


def fmt_number(x: Any) -> str:
    try:
        value = float(x)
    except (TypeError, ValueError):
        return str(x)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"


def ref_text(value: Any) -> str:
    """An event/attribution argument given as a string, a span dict or an entity dict."""
    if value is None:
        return ""
    if isinstance(value, dict):
        for key in ("canonical", "text", "value"):
            if value.get(key):
                return str(value[key])
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(ref_text(v) for v in value if v)
    return str(value)


def quantity_value(attrs: dict[str, Any], t: Labels) -> str:
    if attrs.get("value") is not None:
        shown = fmt_number(attrs["value"])
    elif attrs.get("min") is not None or attrs.get("max") is not None:
        shown = f"{fmt_number(attrs.get('min', '?'))}–{fmt_number(attrs.get('max', '?'))}"
    else:
        shown = "?"
    unit = str(attrs.get("unit") or "")
    approx = f" ({t.approx})" if attrs.get("approx") else ""
    return f"{shown} {unit}".strip() + approx


def tip_lines(layer: str, span: Span, doc: Document, t: Labels) -> list[str]:
    """What hovering a fact shows: the canonical name, the resolved date, the value…"""
    a = span.attrs
    if layer == "entities":
        kind = t(TYPE_LABEL.get(str(a.get("type")), "other"))
        lines = [str(a.get("canonical") or doc.span_text(span)), f"{kind} · {a.get('type') or '?'}"]
        if a.get("role"):
            lines.append(str(a["role"]))
        if a.get("wikidata"):
            lines.append(f"Wikidata {a['wikidata']}")
        return lines
    if layer == "times":
        lines = [ref_text(a.get("value")) or "?"]
        if a.get("interval_start") and a.get("interval_end"):
            lines.append(f"[{ref_text(a['interval_start'])}, {ref_text(a['interval_end'])})")
        if a.get("grain"):
            lines.append(f"{t.time} · {a['grain']}")
        return lines
    if layer == "quantities":
        return [quantity_value(a, t)]
    if layer == "events":
        head = " / ".join(str(x) for x in (a.get("type"), a.get("mode")) if x)
        lines = [head or t.events]
        who = " → ".join(x for x in (ref_text(a.get("actor")), ref_text(a.get("target"))) if x)
        if who:
            lines.append(who)
        if a.get("modality"):
            lines.append(f"{t.modality}: {a['modality']}")
        return lines
    if layer == "quotes":
        return [f"{t.speaker}: {ref_text(a.get('speaker')) or ref_text(a.get('speaker_span')) or '?'}"]
    if layer == "attributions":
        return [f"{t.source}: {ref_text(a.get('source')) or '?'}", f"{t.cue}: {ref_text(a.get('cue')) or '?'}"]
    return []


def _open_tag(layer: str, span: Span, index: int, doc: Document, t: Labels, first: set[str],
              is_first_piece: bool) -> tuple[str, Markup]:
    tip = "\n".join(tip_lines(layer, span, doc, t))
    attrs: dict[str, str] = {}
    if layer in POINT_LAYERS:
        tag = "mark"
        classes = {"entities": "ent", "times": "time", "quantities": "qty", "events": "evt"}[layer]
        if layer == "entities":
            etype = str(span.attrs.get("type") or "MISC")
            classes += f" ent-{CSS_TYPE.get(etype, 'MISC')}"
            canonical = str(span.attrs.get("canonical") or "")
            key = str(span.attrs.get("entity_id") or canonical)
            if canonical and canonical != doc.span_text(span) and key not in first and is_first_piece:
                first.add(key)
                attrs["data-en"] = canonical
            if span.attrs.get("entity_id"):
                attrs["data-entity"] = str(span.attrs["entity_id"])
        if layer == "times" and span.attrs.get("value"):
            attrs["data-value"] = ref_text(span.attrs["value"])
        attrs["tabindex"] = "0"
        attrs["data-kind"] = layer
        attrs["data-tip"] = tip
        attrs["title"] = tip
        if is_first_piece:
            attrs["id"] = f"{classes.split()[0]}-{index}"
    else:
        tag = "span"
        classes = {"headings": "heading", "boilerplate": "boiler", "attributions": "attr", "quotes": "quote",
                   "highlight": "hl"}.get(layer, layer)
        if tip:
            attrs["title"] = tip
        if layer == "highlight" and is_first_piece:
            attrs["id"] = "hl"
    html = Markup("<{} class=\"{}\"").format(Markup(tag), classes)
    for name, value in attrs.items():
        html += Markup(' {}="{}"').format(Markup(name), value)
    return tag, html + Markup(">")


def render_text(doc: Document, t: Labels, highlight: tuple[int, int] | None = None) -> Markup:
    """The whole text as escaped HTML (newlines kept: the container uses ``white-space: pre-wrap``)."""
    spans: dict[tuple[str, int], Span] = {}
    pieces: list[Piece] = []
    for layer in LAYER_ORDER:
        if layer == "highlight":
            continue
        for i, span in enumerate(doc.layer(layer)):
            spans[(layer, i)] = span
            pieces.append(Piece(span.start, span.end, layer, i))
    if highlight is not None:
        start, end = highlight
        if 0 <= start < end <= len(doc.text):
            spans[("highlight", 0)] = Span(start, end)
            pieces.append(Piece(start, end, "highlight", 0))
    first: set[str] = set()
    opened: set[tuple[str, int]] = set()

    def write(nodes: list[Piece], start: int, end: int) -> Markup:
        out = Markup()
        pos = start
        for node in nodes:
            out += escape(doc.text[pos:node.start])
            key = (node.layer, node.index)
            tag, head = _open_tag(node.layer, spans[key], node.index, doc, t, first, key not in opened)
            opened.add(key)
            out += head + write(node.children, node.start, node.end) + Markup(f"</{tag}>")
            pos = node.end
        return out + escape(doc.text[pos:end])

    return write(nest(pieces), 0, len(doc.text))
