"""Modality of each event: asserted, reported, expected, likely, possible, denied, negated or
hypothetical.  A cue (``lang/ar/modality.yaml``) attaches to the next trigger after it in the same
sentence, within its window, never jumping over another trigger, so that negation and modality
attach to the right event and not to the whole sentence.  An event that is the main event of a
claim takes the claim cue's modality (توقع → expected) or, when the claim's holder is unnamed,
``reported``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasid import lang
from rasid.events.attribution import Attribution
from rasid.events.context import Context
from rasid.events.triggers import Trigger
from rasid.events.words import Entry, Lexicon

ASSERTED = "asserted"
EXPECTED = "expected"
DENIED = "denied"


@dataclass
class _Cue:
    first: int
    last: int
    modality: str
    window: int
    aspect: str | None
    clause: bool
    follows: bool = False  # an adjective after its event noun (لقاء مزمع): it qualifies the trigger before it


class _Modality:
    def __init__(self) -> None:
        data = lang.load("ar", "modality")
        self.lexicon = Lexicon()
        for item in data["cues"]:
            for phrase in item["phrases"]:
                self.lexicon.add_phrase(phrase, "particle", Entry(item))
        self.unnamed = str(data["unnamed_source_modality"])


@lru_cache(maxsize=1)
def modality_lexicon() -> _Modality:
    return _Modality()


def _cues(ctx: Context, lo: int, hi: int) -> list[_Cue]:
    lex = modality_lexicon().lexicon
    out = []
    for m in lex.find(ctx.words, lo, hi):
        d = m.entry.data
        out.append(_Cue(m.first, m.last, d["modality"], int(d["window"]), d.get("aspect"), bool(d.get("clause")),
                        bool(d.get("follows"))))
    return out


def assign_modality(ctx: Context, triggers: list[Trigger], attributions: list[Attribution]) -> list[str]:
    """One modality per trigger (same order)."""
    result = [ASSERTED] * len(triggers)
    own = [False] * len(triggers)
    by_sentence: dict[int, list[int]] = {}
    for n, t in enumerate(triggers):
        by_sentence.setdefault(t.sentence.lo, []).append(n)
    presupposed = {n for n, t in enumerate(triggers) for a in attributions
                   if a.nominal and a.claim[0] < t.start < a.claim[1]}  # «نفى أي دور في قتل…»
    for lo, members in by_sentence.items():
        sent = triggers[members[0]].sentence
        for cue in _cues(ctx, lo, sent.hi):
            if cue.follows:
                before = [n for n in members if triggers[n].last < cue.first]
                if before and triggers[before[-1]].is_noun and cue.first - triggers[before[-1]].last <= cue.window \
                        and not own[before[-1]]:
                    result[before[-1]], own[before[-1]] = cue.modality, True
                continue
            for n in members:
                t = triggers[n]
                if t.first <= cue.last:
                    continue
                if n in presupposed and cue.modality == DENIED:
                    break
                if t.first - cue.last > cue.window:
                    break
                if cue.clause and any(ctx.breaks_after(k) for k in range(cue.last, t.first)):
                    break
                if cue.aspect and t.aspect != cue.aspect:
                    break
                if not own[n]:
                    result[n], own[n] = cue.modality, True
                break
    unnamed = modality_lexicon().unnamed
    for a in attributions:
        inside = [n for n, t in enumerate(triggers) if a.claim[0] <= t.start and t.end <= a.claim[1]]
        if not inside or own[inside[0]]:
            continue
        if a.nominal and triggers[inside[0]].start > a.claim[0]:
            continue  # «نفى تورط قواته في انفجار أسفر عن مقتل…»: the killing is not what is denied
        if a.modality:
            result[inside[0]] = a.modality
        elif a.entity is None and a.source is not None:
            result[inside[0]] = unnamed
    return result
