"""Turn an analysed Document into the rows the store keeps (pure: no database here).

This runs on the workers (processes or Dask), so the single writer only inserts.  Every fact row
carries its own offsets and the offsets of the sentence it is in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from rasid.corpus import dedup
from rasid.corpus.terms import index_terms
from rasid.document import Document, Span, format_published
from rasid.offsets import search_key

_SENTENCE_END = re.compile(r"[.!?\u061F\u06D4\n]+")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WORDS = re.compile(r"\w+")
# an event's resolved time further than this from the publication day is taken as a misreading
EVENT_PAST_DAYS, EVENT_FUTURE_DAYS = 3660, 366
ENTITY_TYPES_FOR_SUBJECT = ("LOC", "ORG", "PER", "GPE", "NORP", "MISC")
# the contract fields sent to the writer as a dict (the layers travel once, as ``data_json``)
METADATA = ("id", "title", "source", "url", "published", "language")
# quantity units that measure time or scale, not a countable claim (unit codes of the quantities stage)
NOT_CLAIM_UNITS = frozenset({"multiplier", "percent", "ordinal", "year", "month", "week", "day", "hour",
                             "minute", "second", "age", "time"})


def content_hash(text: str) -> str:
    """Hash of the text with whitespace runs collapsed: identical copies share it."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass
class Analysed:
    """What a worker sends the writer for one document."""

    doc_id: str
    content_hash: str
    text: str
    data: dict[str, Any]  # the metadata the writer needs (``METADATA``); every layer is in ``data_json``
    n_words: int
    terms: str
    n_shingles: int
    signature: bytes
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    entities: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    problem: str | None = None
    where: str = ""
    data_json: str = ""  # the whole contract (minus the text) serialised on the worker, not by the writer


@dataclass
class Copy:
    """A text already stored (or earlier in this run): only its outlet and URL are recorded."""

    where: str
    content_hash: str
    doc_id: str
    source: str
    url: str
    published: str | None


class Sentences:
    """Sentence bounds from the ``sentences`` layer, or a punctuation split when it is absent."""

    def __init__(self, doc: Document) -> None:
        spans = doc.layer("sentences")
        if spans:
            self.bounds = [(s.start, s.end) for s in spans]
        else:
            self.bounds, start = [], 0
            for m in _SENTENCE_END.finditer(doc.text):
                if doc.text[start:m.end()].strip():
                    self.bounds.append((start, m.end()))
                start = m.end()
            if doc.text[start:].strip() or not self.bounds:
                self.bounds.append((start, len(doc.text)))
        self.starts = [b[0] for b in self.bounds]

    def of(self, start: int, end: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.starts, start) - 1)
        s, e = self.bounds[i]
        return s, max(e, end)


def entity_key(attrs: dict[str, Any], text: str) -> str:
    """One id per entity across articles: the linker's id, else type + folded name."""
    for name in ("entity_id", "wikidata"):
        if attrs.get(name):
            return str(attrs[name])
    return f"{attrs.get('type') or 'X'}:{search_key(str(attrs.get('canonical') or text))}"


def _ref(doc: Document, value: Any, mentions: list[tuple[Span, str]]) -> tuple[str | None, str | None]:
    """(display text, entity key) of an event argument given as text, span dict or entity."""
    if value is None or value == "":
        return None, None
    if isinstance(value, dict):
        if "start" in value and "end" in value:
            s, e = int(value["start"]), int(value["end"])
            for span, key in mentions:
                if span.start < e and s < span.end:
                    return str(span.attrs.get("canonical") or doc.span_text(span)), key
            text = str(value.get("text") or doc.text[s:e])
        else:
            text = str(value.get("canonical") or value.get("text") or value.get("value") or "")
        linked = value.get("entity_id") or value.get("wikidata")
        return text, str(linked) if linked else f"X:{search_key(text)}"
    text = str(value)
    for span, key in mentions:
        if span.attrs.get("canonical") == text or doc.span_text(span) == text:
            return text, key
    return text, f"X:{search_key(text)}"


def _event_day(time_value: str | None, pub_day: str | None) -> str | None:
    """The event's resolved day; the publication day when unresolved or implausibly far from it."""
    if not time_value or not _DAY.match(time_value):
        return pub_day
    if pub_day:
        try:
            gap = (dt.date.fromisoformat(time_value[:10]) - dt.date.fromisoformat(pub_day[:10])).days
        except ValueError:
            return pub_day
        if not -EVENT_PAST_DAYS <= gap <= EVENT_FUTURE_DAYS:
            return pub_day
    return time_value[:10]


def _value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("value", value.get("text"))
    return None if value is None else str(value)


def _num(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


def analyse_facts(doc: Document) -> Analysed:
    """Rows for every layer the document has (whatever stages ran)."""
    sents = Sentences(doc)
    published = format_published(doc.published)
    pub_day = published[:10] if published else None
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in (
        "mentions", "times", "quantities", "attributions", "quotes", "claims")}
    entities: dict[str, tuple[str, str, str | None, str | None]] = {}
    mentions: list[tuple[Span, str]] = []
    for i, span in enumerate(doc.layer("entities")):
        text = doc.span_text(span)
        key = entity_key(span.attrs, text)
        mentions.append((span, key))
        canonical = str(span.attrs.get("canonical") or text)
        if key not in entities or span.attrs.get("canonical"):
            entities[key] = (key, canonical, span.type, span.attrs.get("wikidata"))
        rows["mentions"].append((doc.id, i, span.start, span.end, text, span.type, key,
                                 span.attrs.get("role"), *sents.of(span.start, span.end)))
    for i, span in enumerate(doc.layer("times")):
        a = span.attrs
        rows["times"].append((doc.id, i, span.start, span.end, doc.span_text(span), _value(a.get("value")),
                              a.get("grain"), _value(a.get("interval_start")), _value(a.get("interval_end")),
                              *sents.of(span.start, span.end)))
    for i, span in enumerate(doc.layer("quantities")):
        a = span.attrs
        rows["quantities"].append((doc.id, i, span.start, span.end, doc.span_text(span), _num(a.get("value")),
                                   _num(a.get("min")), _num(a.get("max")), a.get("unit"),
                                   int(bool(a.get("approx"))), *sents.of(span.start, span.end)))
    attributions = doc.layer("attributions")
    for i, span in enumerate(attributions):
        src, cue = span.attrs.get("source"), span.attrs.get("cue")
        rows["attributions"].append((doc.id, i, span.start, span.end, doc.span_text(span),
                                     _ref(doc, src, mentions)[0], _ref(doc, cue, [])[0],
                                     *sents.of(span.start, span.end)))
    quotes = doc.layer("quotes")
    for i, span in enumerate(quotes):
        speaker = span.attrs.get("speaker") or span.attrs.get("speaker_span")
        rows["quotes"].append((doc.id, i, span.start, span.end, doc.span_text(span),
                               _ref(doc, speaker, mentions)[0], *sents.of(span.start, span.end)))
    events: list[dict[str, Any]] = []
    for i, span in enumerate(doc.layer("events")):
        a = span.attrs
        actor, actor_id = _ref(doc, a.get("actor"), mentions)
        target, target_id = _ref(doc, a.get("target"), mentions)
        location, location_id = _ref(doc, a.get("location"), mentions)
        time_value = _value(a.get("time"))
        day = _event_day(time_value, pub_day)
        events.append({
            "idx": i, "start": span.start, "end": span.end, "trigger": doc.span_text(span),
            "type": a.get("type"), "mode": a.get("mode"), "modality": a.get("modality"),
            "actor": actor, "actor_id": actor_id, "target": target, "target_id": target_id,
            "location": location, "location_id": location_id, "time_value": time_value, "day": day,
            "quantity": _ref(doc, a.get("quantity"), [])[0], "source": _ref(doc, a.get("source"), mentions)[0],
            "sentence": sents.of(span.start, span.end), "published": published,
        })
    rows["claims"] = _claims(doc, sents, mentions, attributions, quotes, events, published)
    signature, n_shingles = dedup.signature(doc.text)
    data = doc.to_dict()
    data.pop("text", None)
    return Analysed(
        doc_id=doc.id, content_hash=content_hash(doc.text), text=doc.text,
        data={k: data[k] for k in METADATA if k in data},
        n_words=len(_WORDS.findall(doc.text)), terms=index_terms(f"{doc.title or ''}\n{doc.text}"),
        n_shingles=n_shingles, signature=signature, rows=rows,
        entities=list(entities.values()), events=events,
        data_json=json.dumps(data, ensure_ascii=False, sort_keys=True),
    )


def _claims(doc: Document, sents: Sentences, mentions: list[tuple[Span, str]], attributions: list[Span],
            quotes: list[Span], events: list[dict[str, Any]], published: str | None) -> list[tuple[Any, ...]]:
    """A claim is a quantity with a unit, keyed by its unit, event type and the entities around it."""
    out: list[tuple[Any, ...]] = []
    context = ""  # the title's terms, folded once per document
    # a name inside a quantity («100 دولار», a currency or counted noun) is not what the claim is about
    inside_quantity = [(q.start, q.end) for q in doc.layer("quantities")]
    about = [(m, key) for m, key in mentions
             if not any(qs < m.end and m.start < qe for qs, qe in inside_quantity)]
    for i, span in enumerate(doc.layer("quantities")):
        a = span.attrs
        unit = a.get("unit")
        if not unit or unit in NOT_CLAIM_UNITS:
            continue
        s_start, s_end = sents.of(span.start, span.end)
        context = context or index_terms(doc.title or "") or " "
        names: dict[str, str] = {}
        for m, key in about:
            if s_start <= m.start < s_end and m.type in ENTITY_TYPES_FOR_SUBJECT and len(names) < 3:
                names.setdefault(key, str(m.attrs.get("canonical") or doc.span_text(m)))
        event_type = next((e["type"] for e in events if e["type"] and e["sentence"] == (s_start, s_end)), None)
        keys = sorted(names)
        subject_key = "|".join([str(unit), event_type or "", "+".join(keys)])
        subject = " · ".join([str(unit)] + ([event_type] if event_type else []) + [names[k] for k in keys])
        source = None
        for att in attributions:
            if att.start <= span.start and span.end <= att.end:
                src = att.attrs.get("source")
                source = src.get("text") if isinstance(src, dict) else (str(src) if src else None)
                break
        if source is None:
            for q in quotes:
                if q.start <= span.start and span.end <= q.end:
                    speaker = q.attrs.get("speaker")
                    source = speaker.get("text") if isinstance(speaker, dict) else speaker
                    break
        out.append((doc.id, i, subject_key, subject, published, doc.source, source, _num(a.get("value")),
                    _num(a.get("min")), _num(a.get("max")), str(unit), span.start, span.end,
                    doc.span_text(span), s_start, s_end, index_terms(doc.text[s_start:s_end]), context))
    return out
