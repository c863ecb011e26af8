"""Direct quotes and their speakers.

Marks are paired within a paragraph: guillemets by direction, the other marks («"»، “ ”) by the
spaces around them (a mark after a space opens, one before a space closes), so mismatched marks as
found in real text (”…” opening with a closing mark) pair up.  Nested quotes keep the outer one;
a quote that never closes is dropped.  A quoted name (“منظمة شنغهاي للتعاون”) is not a quote, and
a short quote needs a speech context in its sentence.  The speaker is the source of the claim the
quote sits in, else the subject of the speech verb before it, else the speaker named in the
previous sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid import lang
from rasid.document import Span
from rasid.events.attribution import Attribution, cues
from rasid.events.context import Context, mark_direction
from rasid.events.words import key_set

_SUBJECT_REACH = 5  # words after a speech verb within which its subject (VSO) stands


@dataclass
class Quote:
    start: int  # the quoted text, without marks
    end: int
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None


class _Marks:
    def __init__(self) -> None:
        data = lang.load("ar", "cues")
        marks = data["quote_marks"]
        self.open = set(marks["open"])
        self.close = set(marks["close"])
        self.either = set(marks["either"])
        self.all = self.open | self.close | self.either
        self.short = int(data["short_quote_words"])
        self.speech = key_set(data["speech_verbs"], "verb")


@lru_cache(maxsize=1)
def marks() -> _Marks:
    return _Marks()


def pair_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (marks excluded), outermost quotes only, per paragraph."""
    mk = marks()
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        stack: list[tuple[int, str]] = []  # (offset of the opening mark, kind)
        for j, ch in enumerate(para):
            if ch not in mk.all:
                continue
            i = pos + j
            if ch in mk.open:
                stack.append((i, "guillemet"))
                continue
            if ch in mk.close:
                while stack and stack[-1][1] != "guillemet":
                    stack.pop()
                if stack:
                    start, _ = stack.pop()
                    if not stack:
                        out.append((start + 1, i))
                continue
            direction = mark_direction(text, i)
            inner_open = bool(stack) and stack[-1][1] == "either"
            if direction == "open" or (direction == "" and not inner_open):
                stack.append((i, "either"))
            elif inner_open:
                start, _ = stack.pop()
                if not stack:
                    out.append((start + 1, i))
        pos += len(para) + 1
    return [(s, e) for s, e in out if text[s:e].strip()]


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,"):
        e -= 1
    return s, e


def _covered_by_entities(ctx: Context, s: int, e: int) -> bool:
    covered = sum(min(e, x.end) - max(s, x.start) for x in ctx.entities if x.start < e and s < x.end)
    letters = sum(1 for ch in ctx.text[s:e] if not ch.isspace())
    return letters > 0 and covered >= 0.8 * (e - s)


def find_quotes(ctx: Context, attributions: list[Attribution]) -> list[Quote]:
    mk = marks()
    found: list[Quote] = []
    for s0, e0 in pair_quotes(ctx.text):
        s, e = _trimmed(ctx.text, s0, e0)
        if e <= s or not any(ch.isalpha() for ch in ctx.text[s:e]):
            continue
        if _covered_by_entities(ctx, s, e):
            continue
        words = ctx.words.between(s, e)
        quote = Quote(s, e)
        _resolve_speaker(ctx, quote, attributions, found)
        if len(words) < mk.short and not _speech_context(ctx, quote, attributions):
            continue
        found.append(quote)
    return found


def _speech_context(ctx: Context, q: Quote, attributions: list[Attribution]) -> bool:
    if any(a.claim[0] <= q.start and q.end <= a.claim[1] for a in attributions):
        return True
    sent = next((x for x in ctx.sentences if x.start <= q.start < x.end), None)
    if sent is None:
        return False
    mk = marks()
    for k in range(sent.lo, min(sent.hi, ctx.words.index_at(q.start))):
        if ctx.words[k].key in mk.speech or cues().verbs.match_at(ctx.words, k):
            return True
    return False


def _resolve_speaker(ctx: Context, q: Quote, attributions: list[Attribution], earlier: list[Quote]) -> None:
    # 1. the holder of the claim the quote sits in (or that the quote is)
    # a quote may run past its claim's sentence («… بالوكالة.. والآن …»): it belongs where it starts
    holders = [a for a in attributions if a.claim[0] <= q.start + 1 <= a.claim[1] + 1]
    for a in holders:
        if a.source is not None:
            ent = a.entity
            q.speaker = a.holder(ctx)
            q.speaker_span = (ent.start, ent.end) if ent is not None else a.source
            return
    sent = next((x for x in ctx.sentences if x.start <= q.start < x.end), None)
    if sent is None:
        return
    qword = ctx.words.index_at(q.start)
    # 2. the subject of the last speech verb (or cue) before the quote in its sentence
    verb = None
    mk = marks()
    for k in range(min(qword, sent.hi) - 1, sent.lo - 1, -1):
        if ctx.words[k].key in mk.speech or cues().verbs.match_at(ctx.words, k):
            verb = k
            break
    people = [e for e in ctx.entities if e.type in ("PER", "ORG") and sent.start <= e.start and e.end <= q.start]
    if verb is not None:
        vstart = ctx.words[verb].start
        reach = ctx.words[min(verb + _SUBJECT_REACH, len(ctx.words) - 1)].end
        quoted = pair_quotes(ctx.text) if any(e.start >= vstart for e in people) else []
        after = [e for e in people if vstart <= e.start < reach  # the verb's subject, not a name
                 and not any(a <= e.start < b for a, b in quoted)]  # further on or inside a quote
        before = [e for e in people if e.end <= vstart]
        pick = after[0] if after else (before[-1] if before else None)
        if pick is None:
            # a verb with its subject left out: the speaker of the previous quote or attribution
            prev = _previous_speaker(ctx, q, attributions, earlier, sent.start)
            if prev:
                q.speaker, q.speaker_span = prev
            return
        q.speaker, q.speaker_span = ctx.name(pick), (pick.start, pick.end)
        return
    persons = [e for e in people if e.type == "PER"]
    if persons:
        q.speaker, q.speaker_span = ctx.name(persons[0]), (persons[0].start, persons[0].end)
        return
    # 3. a speaker named in the previous sentence
    prev = _previous_speaker(ctx, q, attributions, earlier, sent.start)
    if prev:
        q.speaker, q.speaker_span = prev


def _previous_speaker(ctx: Context, q: Quote, attributions: list[Attribution], earlier: list[Quote],
                      sent_start: int) -> tuple[str, tuple[int, int]] | None:
    idx = next((i for i, x in enumerate(ctx.sentences) if x.start == sent_start), 0)
    if idx == 0:
        return None
    prev = ctx.sentences[idx - 1]
    for a in reversed(attributions):
        if a.source is not None and prev.start <= a.cue[0] < sent_start:
            return a.holder(ctx) or "", a.source
    for e in reversed(earlier):
        if prev.start <= e.start < sent_start and e.speaker and e.speaker_span:
            return e.speaker, e.speaker_span
    persons = [e for e in ctx.entities if e.type == "PER" and prev.start <= e.start < sent_start]
    if persons:
        return ctx.name(persons[-1]), (persons[-1].start, persons[-1].end)
    return None


def quote_spans(ctx: Context, found: list[Quote]) -> list[Span]:
    spans = []
    for q in found:
        attrs: dict[str, Any] = {"speaker": q.speaker,
                                 "speaker_span": ctx.piece(*q.speaker_span) if q.speaker_span else None}
        spans.append(Span(q.start, q.end, attrs))
    return spans
