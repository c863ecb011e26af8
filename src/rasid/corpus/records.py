"""What the store's read API returns (plain dataclasses, JSON-friendly via ``asdict``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AddResult:
    """``status``: ``added``, ``copy`` (same text already stored: outlet/URL recorded) or
    ``renamed`` (the id was taken by another text: stored under ``doc_id``)."""

    status: str
    doc_id: str
    story_id: str


@dataclass(frozen=True)
class Hit:
    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    snippet: str
    spans: list[tuple[int, int]]  # matched words, offsets into ``snippet``
    offsets: list[tuple[int, int]]  # the same words, offsets into the stored document text
    story_id: str = ""


@dataclass(frozen=True)
class EntitySummary:
    entity_id: str
    canonical: str
    type: str | None
    mentions: int
    documents: int


@dataclass
class EntityProfile:
    entity_id: str
    canonical: str
    type: str | None
    wikidata: str | None
    aliases: list[tuple[str, int]] = field(default_factory=list)
    roles: list[tuple[str, int]] = field(default_factory=list)
    timeline: list[tuple[str, int]] = field(default_factory=list)  # (day, documents)
    co_mentions: list[tuple[str, str, int]] = field(default_factory=list)  # (entity_id, canonical, documents)
    outlets: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class EventMention:
    doc_id: str
    source: str | None
    url: str | None
    published: str | None
    trigger: str
    start: int
    end: int
    modality: str | None
    sentence: str


@dataclass
class EventSummary:
    event_id: str
    type: str | None
    mode: str | None
    actor: str | None
    target: str | None
    location: str | None
    day: str | None
    first_seen: str | None
    last_seen: str | None
    mentions: int
    documents: int
    stories: int
    sources: list[str] = field(default_factory=list)
    reports: list[EventMention] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimSubject:
    subject_key: str
    subject: str
    claims: int
    documents: int
    stories: int


@dataclass(frozen=True)
class ClaimPoint:
    published: str | None
    outlet: str | None
    attributed_source: str | None
    value: float | None
    min_value: float | None
    max_value: float | None
    unit: str | None
    text: str
    sentence: str
    doc_id: str
    story_id: str
    subject: str

    @property
    def shown_value(self) -> str:
        def fmt(x: float | None) -> str:
            return "?" if x is None else (f"{x:,.0f}" if float(x).is_integer() else f"{x:,}")

        if self.value is not None:
            return fmt(self.value)
        return f"{fmt(self.min_value)}–{fmt(self.max_value)}"


@dataclass(frozen=True)
class StoryMember:
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    copies: list[tuple[str, str]]  # (outlet, url) of exact copies, this document included
