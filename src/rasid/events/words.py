"""Words of a text in original offsets, and lexicons of (multi-word) forms matched with clitics.

Matching happens on search keys (the normalised view, hamza carriers folded, lower case); every
word keeps its original ``[start, end)`` offsets.  The clitic inventories and the ta-marbuta rule
are language data (``lang/ar/triggers.yaml`` → ``morphology``); this module holds no Arabic strings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from rasid import lang
from rasid.offsets import NormalizedView, search_key, tables

_WORD_RE = re.compile(r"[^\W_]+")


class Word(NamedTuple):
    start: int
    end: int
    key: str  # search key of the word (normalised, hamza folded, lower case)


class Words:
    """The words of a text, with a position index for quick look-ups by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        view = NormalizedView(text)
        smap = tables().search_map
        dropped = "".join(chr(k) for k, v in smap.items() if v is None)
        kept = {k: v for k, v in smap.items() if v is not None}
        folded = view.view.translate(kept).lower()  # same length as the view
        matches = list(_WORD_RE.finditer(folded))
        spans = view.to_original_many([m.span() for m in matches])
        drop = frozenset(dropped)
        items: list[Word] = []
        for m, (start, end) in zip(matches, spans, strict=True):
            word = m.group()
            if drop and not drop.isdisjoint(word):
                word = word.translate(smap)
            items.append(Word(start, end, word))
        self.items = items
        self.starts = [w.start for w in items]

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> Word:
        return self.items[i]

    def index_at(self, offset: int) -> int:
        """Index of the first word that ends after ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.items[i].end > offset:
            return i
        return i + 1

    def between(self, start: int, end: int) -> range:
        """Indices of the words lying inside ``[start, end)``."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def last_letter(self, i: int) -> str:
        """The last letter of word ``i`` as written (diacritics after it skipped)."""
        w = self.items[i]
        for ch in reversed(self.text[w.start : w.end]):
            if ch.isalpha():
                return ch
        return ""

    def noun_ending(self, i: int) -> bool:
        """True when word ``i`` is written with a final ta marbuta: the view folds it to the
        pronoun ه, so «إضافة»، «رحلة» would otherwise read as a verb with an object pronoun."""
        return self.last_letter(i) == ta_marbuta()


def key(text: str) -> str:
    return search_key(text)


@lru_cache(maxsize=1)
def ta_marbuta() -> str:
    return str(morphology()["ta_marbuta"]["final"])


@lru_cache(maxsize=1)
def morphology() -> dict[str, Any]:
    data: dict[str, Any] = lang.load("ar", "triggers")["morphology"]
    return data


def _with_enclitics(form: str, enclitics: Iterable[str]) -> set[str]:
    m = morphology()
    final, bound = key(m["ta_marbuta"]["final"]), key(m["ta_marbuta"]["bound"])
    out = {form}
    stem = form[:-1] + bound if form.endswith(final) else form
    for enc in enclitics:
        out.add(stem + key(enc))
    # a final alif maqsura/ya of a verb turns into ya before pronouns in the view anyway
    return out


def expand(form: str, kind: str, enclitics: bool = True) -> set[str]:
    """Every key a form can take with the clitics allowed for its kind (``verb``, ``noun``, ``particle``)."""
    m = morphology()
    base = key(form)
    if kind == "noun":
        bases = {base}
        article = key(m["article"])
        if not base.startswith(article):
            bases.add(article + base)
        cores: set[str] = set()
        for b in bases:
            cores |= _with_enclitics(b, m["enclitics"] if enclitics else []) if not b.startswith(article) else {b}
        hamza = m.get("final_hamza") or {}
        if enclitics and hamza and form.endswith(hamza["final"]):  # لقاء → لقائها، لقاؤه: the hamza's seat moves
            for seat in hamza["seats"]:
                cores |= {key(form[: -len(hamza["final"])] + seat) + key(enc) for enc in m["enclitics"]}
        prefixes = [""] + [key(p) for p in m["proclitics"]["noun"]]
        out = {p + c for p in prefixes for c in cores}
        # ل + ال contracts to لل
        contracted = key(m["lam_article"])
        out |= {key(p) + contracted + c[len(article):] for p in [""] + m["proclitics"]["conj"]
                for c in cores if c.startswith(article)}
        return out
    if kind == "verb":
        cores = _with_enclitics(base, m["verb_enclitics"])
        prefixes = [""] + [key(p) for p in m["proclitics"]["verb"]]
        return {p + c for p in prefixes for c in cores}
    prefixes = [""] + [key(p) for p in m["proclitics"]["conj"]]
    return {p + base for p in prefixes}


def conjugate(perfect: str | None, imperfect: str | None) -> dict[str, str]:
    """Surface forms (search keys) of a verb with their aspect, from its 3ms perfect and imperfect."""
    m = morphology()["conjugation"]
    out: dict[str, str] = {}
    if perfect:
        p = key(perfect)
        for suffix in m["perfect_suffixes"]:
            out.setdefault(p + key(suffix), "perfect")
        for prefix in m["passive_perfect_prefixes"]:
            pass_form = key(prefix) + p[1:] if prefix else ""
            if pass_form:
                out.setdefault(pass_form, "perfect")
    if imperfect:
        i = key(imperfect)
        first = key(m["imperfect_prefix"])
        stems = [i]
        if i.startswith(first):
            stems += [key(alt) + i[len(first):] for alt in m["imperfect_prefix_alternates"]]
        for stem in stems:
            for suffix in m["imperfect_suffixes"]:
                out.setdefault(stem + key(suffix), "imperfect")
            out.setdefault(key(m["future_prefix"]) + stem, "future")
    return out


@dataclass
class Entry:
    """One lexicon entry: its phrases (tuples of keys) and whatever data the caller attaches."""

    data: dict[str, Any]
    aspect: str = ""


@dataclass
class Match:
    first: int  # index of the first word
    last: int  # index of the last word
    entry: Entry
    start: int = 0
    end: int = 0


@dataclass
class Lexicon:
    """Phrases indexed by the key of their first word; later words match exactly (with conj. clitics)."""

    index: dict[str, list[tuple[tuple[frozenset[str], ...], Entry]]] = field(default_factory=dict)

    def add(self, first_keys: Iterable[str], rest: Iterable[str], entry: Entry) -> None:
        rest_sets = tuple(frozenset(expand(r, "noun") | expand(r, "verb")) for r in rest)
        for k in first_keys:
            self.index.setdefault(k, []).append((rest_sets, entry))

    def add_phrase(self, phrase: str, kind: str, entry: Entry) -> None:
        parts = phrase.split()
        if not parts:
            return
        self.add(expand(parts[0], kind), parts[1:], entry)

    def match_at(self, words: Words, i: int) -> list[Match]:
        found = self.index.get(words.items[i].key)
        if found is None:
            return []
        out = []
        for rest, entry in found:
            if i + len(rest) >= len(words):
                continue
            if all(words[i + 1 + j].key in allowed for j, allowed in enumerate(rest)):
                last = i + len(rest)
                out.append(Match(i, last, entry, words[i].start, words[last].end))
        out.sort(key=lambda m: m.first - m.last)  # longest first
        return out

    def find(self, words: Words, lo: int = 0, hi: int | None = None) -> list[Match]:
        """Longest non-overlapping matches, left to right."""
        hi = len(words) if hi is None else hi
        out: list[Match] = []
        index, items = self.index, words.items
        i = lo
        while i < hi:
            if items[i].key not in index:  # no phrase starts with this word
                i += 1
                continue
            found = self.match_at(words, i)
            if found:
                out.append(found[0])
                i = found[0].last + 1
            else:
                i += 1
        return out


def key_set(items: Iterable[str], kind: str = "particle") -> frozenset[str]:
    out: set[str] = set()
    for item in items:
        out |= expand(item, kind)
    return frozenset(out)


def pronoun_misread(words: Words, lexicon: Lexicon, i: int) -> bool:
    """A word written with a final ta marbuta read as a verb form plus the pronoun ه (the view folds
    both to ه): «رحلة» as «رحل» + ه, «إضافة» as «أضاف» + ه.  Participles (مضيفة) stay."""
    return words.noun_ending(i) and words[i].key[:-1] in lexicon.index
