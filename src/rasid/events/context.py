"""What the attribution, quote and event engines share about one text: its words, sentences,
clause breaks and entities, with quick look-ups by offset."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rasid.document import Document, Span
from rasid.events.words import Words

_DASH = re.compile(r"[\s)]\s*[-–]")
_SENTENCE_END = re.compile(r"(?:\.(?![^\W_])|[!?؟\n])+")  # «8.24»، «كي.سي.ان» are no sentence end


def fallback_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences split at full stops and line breaks (used when no `sentences` layer is given)."""
    out = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if text[pos : m.end()].strip():
            out.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in out]


def mark_direction(text: str, i: int) -> str:
    """'open', 'close' or '' for an undirected quotation mark at ``i``, by the characters around it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    before_gap = before.isspace() or before in "([:"
    after_gap = after.isspace() or after in ".,،:;؛)]!?؟"
    if before_gap and not after_gap:
        return "open"
    if after_gap and not before_gap:
        return "close"
    return ""


def entity_name(text: str, span: Span) -> str:
    """The canonical name of an entity when it is linked, else its text."""
    canonical = span.attrs.get("canonical")
    if isinstance(canonical, str) and canonical:
        return canonical
    return text[span.start : span.end]


@dataclass
class Sentence:
    start: int
    end: int
    lo: int  # first word index
    hi: int  # one past the last word index


class Context:
    """A text prepared once for the engines."""

    def __init__(self, text: str, sentences: Iterable[tuple[int, int]] | None = None,
                 entities: Iterable[Span] = (), clause_marks: str = "،,;؛:") -> None:
        self.text = text
        self.words = Words(text)
        spans = list(sentences) if sentences is not None else fallback_sentences(text)
        self.sentences = []
        for s, e in sorted(spans):
            r = self.words.between(s, e)
            self.sentences.append(Sentence(s, e, r.start, r.stop))
        self.entities = sorted((e for e in entities if e.end > e.start), key=lambda e: (e.start, -e.end))
        self.clause_marks = clause_marks
        self.masked: list[tuple[int, int]] = []  # spans of other layers (numbers, dates) that hold no trigger
        self.counted: list[tuple[int, int]] = []  # quantities: their counted noun may be a casualty noun
        self.dated: list[tuple[int, int]] = []  # times: a date set off by commas does not end a clause
        self.furniture: list[tuple[int, int]] = []  # boilerplate and headings (page furniture, link lines)
        self.category: str | None = None  # the document's category in its metadata (ANT: sport, economy…)
        self.sport: list[Sentence] | None = None  # sentences in a sports context (rasid.events.sport), once computed

    # -- entities --------------------------------------------------------------------------
    def entities_in(self, start: int, end: int) -> list[Span]:
        return [e for e in self.entities if e.start >= start and e.end <= end]

    def entity_at_word(self, i: int) -> Span | None:
        w = self.words[i]
        for e in self.entities:
            if e.start <= w.start < e.end or (w.start <= e.start < w.end):
                return e
            if e.start > w.end:
                break
        return None

    def name(self, span: Span) -> str:
        return entity_name(self.text, span)

    # -- words and clauses -----------------------------------------------------------------
    def gap(self, i: int) -> str:
        """The characters between word ``i`` and word ``i + 1`` (or the text's end)."""
        end = self.words[i].end
        nxt = self.words[i + 1].start if i + 1 < len(self.words) else len(self.text)
        return self.text[end:nxt]

    def breaks_after(self, i: int) -> bool:
        """True when a clause mark (or a dash, as after a dateline) stands between word ``i`` and the next."""
        gap = self.gap(i)
        return any(ch in self.clause_marks for ch in gap) or "--" in gap or "—" in gap \
            or bool(_DASH.search(gap))  # «(CNN) -اتفقت»: a dash set off by a space or a bracket

    def dated_aside(self, i: int, j: int) -> bool:
        """Words [i, j) are only a date set off by commas («أبي أحمد، غدا الأربعاء، زيارة»)."""
        if j <= i:
            return False
        start, end = self.words[i].start, self.words[j - 1].end
        return any(a <= start and end <= b for a, b in self.dated)

    def aside(self, i: int, j: int) -> bool:
        """Words [i, j), set off by commas, are only a date or only a person's name in apposition
        («الرئيس الأميركي، دونالد ترامب، قد هدد»): the clause goes on across them."""
        if self.dated_aside(i, j):
            return True
        if j <= i:
            return False
        start, end = self.words[i].start, self.words[j - 1].end
        return any(e.type == "PER" and e.start <= start and end <= e.end for e in self.entities)

    def sentence_of(self, i: int) -> Sentence | None:
        for s in self.sentences:
            if s.lo <= i < s.hi:
                return s
        return None

    def piece(self, start: int, end: int) -> dict[str, Any]:
        return {"start": start, "end": end, "text": self.text[start:end]}


def build_context(doc: Document) -> Context:
    sentences = [(s.start, s.end) for s in doc.layer("sentences")] if doc.has_layer("sentences") else None
    boiler = [(s.start, s.end) for name in ("boilerplate", "headings") for s in doc.layer(name)]
    entities = [e for e in doc.layer("entities") if not any(a <= e.start < b for a, b in boiler)]
    ctx = Context(doc.text, sentences, entities)  # a dateline's names are no arguments
    ctx.furniture = boiler  # page furniture holds no event
    category = doc.meta.get("category")
    ctx.category = category if isinstance(category, str) else None
    ctx.masked = [(s.start, s.end) for name in ("times", "quantities") for s in doc.layer(name)]
    ctx.counted = [(s.start, s.end) for s in doc.layer("quantities")]
    ctx.dated = [(s.start, s.end) for s in doc.layer("times")]
    from rasid.events.coref import resolve_descriptions  # coref builds on this module

    described = resolve_descriptions(ctx)  # «الوزير», «التنظيم»: mentions of an entity named before
    if described:
        ctx.entities = sorted(ctx.entities + described, key=lambda e: (e.start, -e.end))
    return ctx
