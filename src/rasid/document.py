"""The one document model: original text, metadata, typed span layers, relations, provenance.

Spans use half-open ``[start, end)`` code-point offsets into ``Document.text``; they are not tied
to tokens.  This module imports nothing else from rasid.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"

# Layers of the export contract, always present in the JSON (empty until a stage fills them).
CONTRACT_LAYERS: tuple[str, ...] = (
    "entities",
    "times",
    "quantities",
    "events",
    "attributions",
    "quotes",
    "boilerplate",
    "headings",
)
# Layers kept in memory by the pipeline but left out of the export unless asked for.
INTERNAL_LAYERS: tuple[str, ...] = ("paragraphs", "sentences", "tokens")


class DocumentError(ValueError):
    """A document or span that breaks the model's invariants."""


@dataclass(slots=True)
class Span:
    """A typed stretch of the original text; ``attrs`` carries layer-specific values."""

    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def type(self) -> str | None:
        value = self.attrs.get("type")
        return value if isinstance(value, str) else None

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(slots=True, frozen=True)
class SpanRef:
    layer: str
    index: int


@dataclass(slots=True)
class Relation:
    """A typed link between two spans (e.g. quote → speaker entity)."""

    type: str
    head: SpanRef
    tail: SpanRef
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Provenance:
    stage: str
    version: str
    assigns: tuple[str, ...] = ()


def parse_published(value: str | _dt.datetime | _dt.date | None) -> _dt.datetime | None:
    """Parse an ISO 8601 date or datetime; a bare date or naive time is taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        moment = value
    elif isinstance(value, _dt.date):
        moment = _dt.datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            moment = _dt.datetime.fromisoformat(text)
        except ValueError as exc:
            raise DocumentError(f"publication date {value!r} is not ISO 8601") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment


def format_published(moment: _dt.datetime | None) -> str | None:
    if moment is None:
        return None
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0) and (
        moment.utcoffset() == _dt.timedelta(0)
    ):
        return moment.date().isoformat()
    return moment.isoformat()


def content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    text: str
    id: str = ""
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: _dt.datetime | None = None
    language: str = "ar"
    meta: dict[str, Any] = field(default_factory=dict)
    layers: dict[str, list[Span]] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise DocumentError("document text must be a str")
        if not self.id:
            self.id = content_id(self.text)
        if self.published is not None and not isinstance(self.published, _dt.datetime):
            self.published = parse_published(self.published)
        elif self.published is not None and self.published.tzinfo is None:
            self.published = self.published.replace(tzinfo=_dt.UTC)

    # -- spans ---------------------------------------------------------------------------
    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def layer(self, name: str) -> list[Span]:
        return self.layers.get(name, [])

    def has_layer(self, name: str) -> bool:
        return name in self.layers

    def set_layer(self, name: str, spans: list[Span]) -> None:
        n = len(self.text)
        for span in spans:
            if not (0 <= span.start <= span.end <= n):
                raise DocumentError(
                    f"span [{span.start}, {span.end}) of layer {name!r} is outside the text (0..{n})"
                )
        self.layers[name] = sorted(spans, key=lambda s: (s.start, -s.end))

    def add_relation(self, type: str, head: SpanRef, tail: SpanRef, **attrs: Any) -> None:
        for ref in (head, tail):
            if ref.index >= len(self.layer(ref.layer)):
                raise DocumentError(f"relation points at missing span {ref.layer}[{ref.index}]")
        self.relations.append(Relation(type, head, tail, dict(attrs)))

    def spans_in(self, name: str, start: int, end: int) -> Iterator[Span]:
        for span in self.layer(name):
            if span.start >= start and span.end <= end:
                yield span

    # -- serialisation -------------------------------------------------------------------
    def to_dict(self, include_internal: bool = False) -> dict[str, Any]:
        """The export contract (see ``schema/document.schema.json``)."""
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": format_published(self.published),
            "language": self.language,
            "text": self.text,
        }
        if self.meta:
            out["meta"] = self.meta
        names = list(CONTRACT_LAYERS)
        extra = [n for n in self.layers if n not in CONTRACT_LAYERS and n not in INTERNAL_LAYERS]
        names += extra
        if include_internal:
            names += [n for n in INTERNAL_LAYERS if n in self.layers]
        for name in names:
            out[name] = [self._span_out(name, s) for s in self.layer(name)]
        out["relations"] = [
            {
                "type": r.type,
                "head": {"layer": r.head.layer, "index": r.head.index},
                "tail": {"layer": r.tail.layer, "index": r.tail.index},
                **({"attrs": r.attrs} if r.attrs else {}),
            }
            for r in self.relations
        ]
        out["provenance"] = [
            {"stage": p.stage, "version": p.version, "assigns": list(p.assigns)} for p in self.provenance
        ]
        return out

    def _span_out(self, layer: str, span: Span) -> dict[str, Any]:
        piece = {"start": span.start, "end": span.end, "text": self.text[span.start : span.end]}
        if layer == "events":
            return {**span.attrs, "trigger": piece}
        if layer == "attributions":
            return {**span.attrs, "claim": piece}
        return {**piece, **span.attrs}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        version = data.get("schema_version", SCHEMA_VERSION)
        if str(version).split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise DocumentError(f"unsupported schema_version {version!r} (this is {SCHEMA_VERSION})")
        if "text" not in data or not isinstance(data["text"], str):
            raise DocumentError("document JSON has no 'text' string")
        doc = cls(
            text=data["text"],
            id=data.get("id") or "",
            title=data.get("title"),
            source=data.get("source"),
            url=data.get("url"),
            published=parse_published(data.get("published")),
            language=data.get("language") or "ar",
            meta=dict(data.get("meta") or {}),
        )
        reserved = {"schema_version", "id", "title", "source", "url", "published", "language", "text",
                    "meta", "relations", "provenance"}
        for name, items in data.items():
            if name in reserved or not isinstance(items, list):
                continue
            spans = []
            for item in items:
                attrs = dict(item)
                if name == "events":
                    piece = attrs.pop("trigger")
                elif name == "attributions":
                    piece = attrs.pop("claim")
                else:
                    piece = {k: attrs.pop(k) for k in ("start", "end", "text")}
                span = Span(int(piece["start"]), int(piece["end"]), attrs)
                if doc.text[span.start : span.end] != piece.get("text", doc.text[span.start : span.end]):
                    raise DocumentError(f"span text of layer {name!r} does not match the document text")
                spans.append(span)
            doc.set_layer(name, spans)
        for rel in data.get("relations") or []:
            doc.relations.append(
                Relation(
                    rel["type"],
                    SpanRef(rel["head"]["layer"], int(rel["head"]["index"])),
                    SpanRef(rel["tail"]["layer"], int(rel["tail"]["index"])),
                    dict(rel.get("attrs") or {}),
                )
            )
        for prov in data.get("provenance") or []:
            doc.provenance.append(Provenance(prov["stage"], prov["version"], tuple(prov.get("assigns", ()))))
        return doc
