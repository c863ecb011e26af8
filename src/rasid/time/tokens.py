"""Tokens of the normalised view for the time grammar, with lexicon hits and numbers.

``Tokens(view)`` splits the view into digit runs, letter runs and single punctuation marks, and
answers the grammar's questions: which lexicon entries start at token ``i`` (``hits``), and which
number does (``num``; number words come from :mod:`rasid.numbers.numerals`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid.numbers.numerals import lexicon as number_lexicon
from rasid.numbers.numerals import scan_view
from rasid.time.lexicon import TimeLexicon, lexicon

_TOKEN = re.compile(r"\d+|[^\W\d_]+|\S")
MAX_NUMBER_DIGITS = 9
_NUMBER_WINDOW = 12
# Categories that only join the parts of an expression; a scan position that has nothing else
# is tried only when one of the next two tokens can carry an expression.
GLUE = frozenset({"of", "at", "range_from", "range_to", "and", "ago", "after", "until", "between",
                  "between_days", "approx", "within", "for", "corresponding", "minus", "this"})  # tokens read after the first word of a number written in words


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    digit: bool
    gap: str  # what lies between the previous token and this one


@dataclass(slots=True)
class Hit:
    cat: str
    payload: Any
    j: int  # index of the token after the entry
    skip: int  # clitic letters before the entry's first word
    conj: bool
    stem: str


@dataclass(slots=True)
class Num:
    j: int
    value: float
    ordinal: bool
    digits: int  # number of digits for a digit run, 0 for words
    conj: bool  # "and" glued or just before
    first: float  # value of the first word of a compound (الرابعة واربعون → 4)
    skip: int
    article: bool


@lru_cache(maxsize=65536)
def _variants(language: str, word: str) -> tuple[tuple[str, int, bool], ...]:
    lex = lexicon(language)
    return tuple(v for v in lex.variants(word) if v[0] in lex.first)


@lru_cache(maxsize=65536)
def _quiet_word(language: str, word: str) -> bool:
    """A word that neither carries an expression nor starts a lexicon entry."""
    return not may_carry(language, word) and not _variants(language, word)


@lru_cache(maxsize=65536)
def may_carry(language: str, word: str) -> bool:
    """``False`` when a (non-digit) token can never carry an expression by itself (see ``content``)."""
    if word in number_lexicon(language).entries:
        return True
    first = lexicon(language).first
    return any(e.cat not in GLUE for stem, _, _ in _variants(language, word) for e in first.get(stem, ()))


class Tokens:
    def __init__(self, view: str, language: str = "ar") -> None:
        self.view = view
        self.language = language
        self.lex: TimeLexicon = lexicon(language)
        self.toks: list[Tok] = []
        prev = 0
        lowered = view.lower()
        if len(lowered) != len(view):
            lowered = view
        for m in _TOKEN.finditer(lowered):
            s, e = m.start(), m.end()
            text = m.group()
            self.toks.append(Tok(text, s, e, text[0].isdigit(), view[prev:s]))
            prev = e
        self.n = len(self.toks)
        self._hits: dict[int, list[Hit]] = {}
        self._by_cat: dict[int, dict[str, Hit]] = {}
        self._nums: dict[int, Num | None] = {}

    # -- lexicon -------------------------------------------------------------------------
    def hits(self, i: int) -> list[Hit]:
        if i >= self.n:
            return []
        cached = self._hits.get(i)
        if cached is not None:
            return cached
        out: list[Hit] = []
        tok = self.toks[i]
        if not tok.digit:
            for stem, skip, conj in _variants(self.language, tok.text):
                for entry in self.lex.first.get(stem, ()):
                    j = i + 1
                    ok = True
                    for word in entry.rest:
                        if j >= self.n or self.toks[j].text != word or "\n" in self.toks[j].gap:
                            ok = False
                            break
                        j += 1
                    if ok:
                        out.append(Hit(entry.cat, entry.payload, j, skip, conj, stem))
        out.sort(key=lambda h: -h.j)
        self._hits[i] = out
        by_cat: dict[str, Hit] = {}
        for h in out:
            by_cat.setdefault(h.cat, h)
        self._by_cat[i] = by_cat
        return out

    def hit(self, i: int, cat: str) -> Hit | None:
        by_cat = self._by_cat.get(i)
        if by_cat is None:
            if i >= self.n:
                return None
            self.hits(i)
            by_cat = self._by_cat[i]
        return by_cat.get(cat)

    def content(self, i: int) -> bool:
        """Token ``i`` can carry a time expression by itself (not only glue)."""
        if i >= self.n:
            return False
        tok = self.toks[i]
        if not tok.digit and not may_carry(self.language, tok.text):
            return False  # the fast answer for most words: no number word and no lexicon entry
        if tok.digit or self.is_number_word(i):
            return True
        return any(h.cat not in GLUE for h in self.hits(i))

    def quiet(self) -> list[bool]:
        """Per token: no expression can start there (no content, no lexicon entry): skipped at once."""
        lang = self.language
        return [not t.digit and _quiet_word(lang, t.text) for t in self.toks]

    def has_article(self, h: Hit) -> bool:
        return h.stem.startswith(self.lex.article)

    def punct(self, i: int, marks: str) -> bool:
        return i < self.n and not self.toks[i].digit and self.toks[i].text in marks

    def tight(self, i: int) -> bool:
        """Token ``i`` touches the previous one (no space)."""
        return i < self.n and self.toks[i].gap == ""

    # -- numbers -------------------------------------------------------------------------
    def is_number_word(self, i: int) -> bool:
        return i < self.n and self.toks[i].text in number_lexicon(self.language).entries

    def _number_word(self, i: int) -> Num | None:
        """The number written in words that starts at token ``i`` (read on a short window)."""
        if i in self._nums:
            return self._nums[i]
        found: Num | None = None
        if self.is_number_word(i):
            last = min(i + _NUMBER_WINDOW, self.n) - 1
            base = self.toks[i].start
            window = self.view[base:self.toks[last].end]
            ends = {t.end - base: k for k, t in enumerate(self.toks[i:last + 1], start=i)}
            for f in scan_view(window, self.language):
                if f.start >= self.toks[i].end - base:
                    break
                j = ends.get(f.end)
                if any(a.kind == "D" for a in f.atoms) or f.weak_only or j is None:
                    break
                first = f.atoms[0]
                found = Num(j + 1, f.value, f.kind == "ordinal", 0, first.conj, first.value, f.start,
                            first.article)
                break
        self._nums[i] = found
        return found

    def num(self, i: int, lo: float = 0, hi: float = 10**9, *, ordinal: bool | None = None,
            integer: bool = True) -> Num | None:
        if i >= self.n:
            return None
        tok = self.toks[i]
        if tok.digit:
            if len(tok.text) > MAX_NUMBER_DIGITS or ordinal:
                return None
            # part of a decimal or a longer digit chain (2.5, 1,000, 12:30) is not a plain number
            if i + 2 < self.n and self.toks[i + 1].text in ".,٫" and self.tight(i + 1) and self.tight(i + 2) \
                    and self.toks[i + 2].digit:
                return None
            value = float(int(tok.text))
            conj = i > 0 and self.is_and(i - 1) and self.tight(i)
            num = Num(i + 1, value, False, len(tok.text), conj, value, 0, False)
        else:
            found = self._number_word(i)
            if found is None:
                return None
            if ordinal is not None and found.ordinal != ordinal:
                return None
            num = found
        if not (lo <= num.value <= hi) or (integer and num.value != int(num.value)):
            return None
        return num

    def is_and(self, i: int) -> bool:
        return i < self.n and self.toks[i].text in _and_words(self.language)

    def glued_and(self, i: int) -> bool:
        """Token ``i`` opens with a conjunction written onto the word («والثلاثاء»)."""
        text = self.toks[i].text if i < self.n else ""
        return any(len(text) > len(w) and text.startswith(w) for w in _and_words(self.language))


@lru_cache(maxsize=4)
def _and_words(language: str) -> frozenset[str]:
    lex = lexicon(language)
    return frozenset(w for w, entries in lex.first.items() if any(e.cat == "and" and not e.rest for e in entries))
