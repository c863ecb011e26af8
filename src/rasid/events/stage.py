"""The `attribution`, `quotes` and `events` stages."""

from __future__ import annotations

from rasid.document import Document, Span, SpanRef
from rasid.events.attribution import Attribution, attribution_spans, find_attributions
from rasid.events.context import Context, build_context
from rasid.events.extract import extract_events
from rasid.events.quotes import find_quotes, quote_spans
from rasid.pipeline import register

_CACHE_KEY = "events.analysis"


def link_entities(doc: Document, layer: str, links: dict[str, str]) -> None:
    """Relations from each span of ``layer`` to the entity inside its ``attrs[key]`` piece
    (quote → speaker, attribution → source, event → actor/target), replacing earlier ones."""
    doc.relations = [r for r in doc.relations if r.head.layer != layer]
    entities = doc.layer("entities")
    for i, span in enumerate(doc.layer(layer)):
        for key, relation in links.items():
            piece = span.attrs.get(key)
            if not isinstance(piece, dict) or "start" not in piece:
                continue
            j = next((j for j, e in enumerate(entities)
                      if piece["start"] <= e.start and e.end <= piece["end"]), None)
            if j is not None:
                doc.add_relation(relation, SpanRef(layer, i), SpanRef("entities", j))


def preload() -> None:
    """Load every lexicon once, when a stage is built, so no document pays for it."""
    from rasid.events.arguments import patterns
    from rasid.events.attribution import cues
    from rasid.events.coref import heads
    from rasid.events.modality import modality_lexicon
    from rasid.events.quotes import marks
    from rasid.events.triggers import trigger_lexicon

    cues()
    heads()
    marks()
    modality_lexicon()
    p = patterns()
    if not p.trigger_keys:
        p.trigger_keys = set(trigger_lexicon().lexicon.index)


def _analysis(doc: Document) -> tuple[Context, list[Attribution]]:
    """The prepared text and its attributions, computed once per document and entity layer."""
    stamp = tuple((id(doc.layers.get(n)), len(doc.layer(n))) for n in ("entities", "sentences", "times", "quantities"))
    cached = doc._cache.get(_CACHE_KEY)
    if cached is not None and cached[0] == stamp:
        return cached[1], cached[2]
    ctx = build_context(doc)
    found = find_attributions(ctx)
    doc._cache[_CACHE_KEY] = (stamp, ctx, found)
    return ctx, found


@register("attribution")
class AttributionStage:
    name = "attribution"
    version = "0.1"
    requires: tuple[str, ...] = ("sentences", "entities")
    assigns: tuple[str, ...] = ("attributions",)

    def __init__(self) -> None:
        preload()

    def __call__(self, doc: Document) -> Document:
        ctx, found = _analysis(doc)
        doc.set_layer("attributions", attribution_spans(ctx, found))
        link_entities(doc, "attributions", {"source": "source"})
        return doc


@register("quotes")
class QuotesStage:
    name = "quotes"
    version = "0.1"
    requires: tuple[str, ...] = ("sentences", "entities")
    assigns: tuple[str, ...] = ("quotes",)

    def __init__(self) -> None:
        preload()

    def __call__(self, doc: Document) -> Document:
        ctx, found = _analysis(doc)
        doc.set_layer("quotes", quote_spans(ctx, find_quotes(ctx, found)))
        link_entities(doc, "quotes", {"speaker_span": "speaker"})
        return doc


@register("events")
class EventsStage:
    name = "events"
    version = "0.1"
    requires: tuple[str, ...] = ("entities", "times", "quantities", "attributions")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self) -> None:
        preload()

    def __call__(self, doc: Document) -> Document:
        ctx, found = _analysis(doc)
        spans: list[Span] = extract_events(ctx, found, doc.layer("times"), doc.layer("quantities"), doc.published)
        doc.set_layer("events", spans)
        link_entities(doc, "events", {"actor_span": "actor", "target_span": "target"})
        return doc


def analyze_events(doc: Document) -> Document:
    """Run the three stages on a document that has entities, times and quantities (sentences optional)."""
    for stage in (AttributionStage(), QuotesStage(), EventsStage()):
        doc = stage(doc)
    return doc
