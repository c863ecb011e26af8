"""Find and resolve time expressions in a text (original offsets, TIMEX3 values)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rasid.document import parse_published
from rasid.offsets import NormalizedView, tables
from rasid.time.resolve import Context, resolve_time
from rasid.time.rules import scan
from rasid.time.spec import TimeSpec
from rasid.time.tokens import Tokens


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression: ``[start, end)`` original offsets and its resolved value."""

    start: int
    end: int
    text: str
    value: str
    grain: str
    kind: str  # point | interval | duration | vague
    interval_start: str | None
    interval_end: str | None
    resolved: bool
    latent: bool = False
    approx: bool = False

    def attrs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "grain": self.grain, "kind": self.kind,
                               "interval_start": self.interval_start, "interval_end": self.interval_end,
                               "resolved": self.resolved}
        if self.approx:
            out["approx"] = True
        return out


def _reference(reference: str | dt.date | dt.datetime | None) -> dt.datetime | None:
    return parse_published(reference) if reference is not None else None


def find_times(text: str, reference: str | dt.date | dt.datetime | None = None, *, prefer: str = "nearest",
               include_latent: bool = False, hijri: bool = False, language: str = "ar") -> list[TimeMention]:
    """Every time expression of ``text``, resolved against ``reference`` (the publication date).

    ``prefer`` reads dates that do not say which one is meant: ``nearest`` (news) or ``future``
    (Duckling's convention).  Latent readings (a bare unit word such as شهر) are left out unless
    asked for; ``hijri`` reads numeric dates as Hijri.
    """
    if not text:
        return []
    view = NormalizedView(text, language)
    tokens = Tokens(view.view, language)
    context = Context(_reference(reference), prefer)
    removed = tables(language).removed
    out: list[TimeMention] = []
    for p in scan(tokens, hijri):
        if p.spec.latent and not include_latent:
            continue
        vs = tokens.toks[p.i].start + p.skip
        ve = tokens.toks[p.j - 1].end
        start, end = view.to_original(vs, ve)
        while end < len(text) and text[end] in removed:
            end += 1  # a trailing tatweel or mark belongs to the word (هـ)
        mention = _mention(text, start, end, p.spec, context)
        if context.reference is not None and not mention.resolved:
            continue  # a date that does not exist (30 فبراير) or lies outside the calendars
        out.append(mention)
    return out


def _mention(text: str, start: int, end: int, spec: TimeSpec, context: Context) -> TimeMention:
    r = resolve_time(spec, context)
    return TimeMention(start, end, text[start:end], r.value, r.grain, spec.kind,
                       r.start.isoformat() if r.start else None, r.end.isoformat() if r.end else None,
                       r.resolved, spec.latent, spec.approx)


def parse_time(text: str, reference: str | dt.date | dt.datetime | None = None, *, prefer: str = "nearest",
               hijri: bool = False, language: str = "ar") -> TimeMention | None:
    """``text`` read as exactly one expression (latent readings allowed), else None."""
    stripped = text.strip()
    found = find_times(stripped, reference, prefer=prefer, include_latent=True, hijri=hijri, language=language)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None
