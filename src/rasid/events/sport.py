"""The sports-context gate (``lang/ar/sport.yaml``): on a sports page, or in a sentence about sport, the
sport-ambiguous triggers (a match read as a meeting, a team's attack, «هدد مرمى», «خطف الكرة») are not coded."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasid import lang
from rasid.events.context import Context, Sentence
from rasid.events.words import expand, key


class _Sport:
    def __init__(self) -> None:
        data = lang.load("ar", "sport")
        self.categories = frozenset(str(c) for c in data.get("categories", []))
        self.document_min_words = int(data["document_min_words"])
        self.document_min_share = float(data["document_min_share"])
        self.sentence_min_words = int(data["sentence_min_words"])
        self.words: dict[str, int] = {}  # a word's key → its vocabulary line
        self.phrases: list[tuple[tuple[str, ...], int]] = []  # a phrase's keys (first with clitics) → its line
        for line, forms in enumerate(data["vocabulary"]):
            for form in forms:
                parts = form.split()
                if len(parts) == 1:
                    self.words.update(dict.fromkeys(expand(form, "noun"), line))
                else:
                    for first in expand(parts[0], "noun", enclitics=False):
                        self.phrases.append(((first, *(key(p) for p in parts[1:])), line))
        self.gated = frozenset((str(t), str(m)) for t, m in data["gated"])


@lru_cache(maxsize=1)
def sport_lexicon() -> _Sport:
    return _Sport()


def _lines(ctx: Context, lo: int, hi: int) -> list[tuple[int, int]]:
    """(word index, vocabulary line) of the sport words in words [lo, hi)."""
    lex = sport_lexicon()
    out = []
    for i in range(lo, hi):
        k = ctx.words[i].key
        line = lex.words.get(k)
        if line is None:
            for keys, pline in lex.phrases:
                if keys[0] == k and i + len(keys) <= hi and all(ctx.words[i + j].key == w for j, w in enumerate(keys)):
                    line = pline
                    break
        if line is not None:
            out.append((i, line))
    return out


def sport_sentences(ctx: Context) -> list[Sentence]:
    """The sentences in a sports context: all of them on a sports page, else those with enough sport words."""
    if ctx.sport is not None:
        return ctx.sport
    lex = sport_lexicon()
    found = _lines(ctx, 0, len(ctx.words))
    page = ctx.category in lex.categories or (
        len({line for _, line in found}) >= lex.document_min_words
        and len(found) >= lex.document_min_share * max(1, len(ctx.words)))
    if page:
        out = list(ctx.sentences)
    else:
        out = [s for s in ctx.sentences
               if len({line for i, line in found if s.lo <= i < s.hi}) >= lex.sentence_min_words]
    ctx.sport = out
    return out


def gated(entry: dict[str, Any]) -> bool:
    """A trigger entry that is not coded in a sports context."""
    return (str(entry.get("type")), str(entry.get("mode"))) in sport_lexicon().gated
