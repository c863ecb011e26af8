"""Search terms: normalised words plus their clitic-stripped variants.

A stored word is indexed under its search key (``rasid.offsets.search_key``: no diacritics, one
alef, ى→ي, ة→ه; plus hamza carriers dropped, ``lang/ar/corpus_search.yaml``) and under every form left when leading proclitics
(conjunction, preposition, article; data in ``lang/ar/clitics.yaml``) are removed, so a query for
a bare word finds its clitic-prefixed forms.  Queries are folded the same way but not stripped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from rasid import lang
from rasid.offsets import search_key, tables

# a word: letters/digits plus the marks the normalised view removes (diacritics, tatweel, ...)
_WORD = re.compile(r"[\w" + re.escape(tables("ar").removed) + r"]+")
_KEY_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, None]:
    return {ord(ch): None for ch in lang.load("ar", "corpus_search")["drop_hamza_carriers"]}


def fold(text: str) -> str:
    """The search key of a text, with hamza carriers dropped (so ؤ/ئ spellings meet)."""
    return search_key(text.translate(_fold_table()))


@lru_cache(maxsize=1)
def _clitics() -> tuple[tuple[str, ...], tuple[str, ...], str, str, int]:
    data = lang.load("ar", "clitics")
    conj = tuple(fold(c) for c in data["conjunctions"])
    prep = tuple(fold(p) for p in data["prepositions"])
    return conj, prep, fold(data["article"]), fold(data["lam_article"]), int(
        data.get("min_stem_length", 2))


# called by ``_word_terms`` (memoised) on its misses and by search highlighting: in an ingest only
# 13 % of calls repeat a key (ANT, 2,400 articles), so the memo is kept small
@lru_cache(maxsize=20_000)
def variants(key: str) -> tuple[str, ...]:
    """The folded word and the stems left after removing leading proclitics."""
    conj, prep, article, lam_article, min_len = _clitics()
    found = [key]
    for c in ("", *conj):
        if not key.startswith(c):
            continue
        rest = key[len(c):]
        for p in ("", *prep):
            if not rest.startswith(p):
                continue
            stem = rest[len(p):]
            found.append(stem)
            if stem.startswith(article):
                found.append(stem[len(article):])
        if rest.startswith(lam_article):
            bare = rest[len(lam_article):]
            found.extend((bare, article + bare))
    out: list[str] = []
    for form in found:
        if len(form) >= min_len and form not in out:
            out.append(form)
    return tuple(out)


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, search key) for every word of the original text."""
    for m in _WORD.finditer(text):
        for key in _KEY_WORD.findall(fold(m.group())):
            yield m.start(), m.end(), key


@lru_cache(maxsize=100_000)
def _word_terms(word: str) -> str:
    """The index string of one word of the original text (memoised: words repeat across articles)."""
    return " ".join(v for key in _KEY_WORD.findall(fold(word)) for v in variants(key))


def index_terms(text: str) -> str:
    """The space-separated index string for a text (each variant once per word)."""
    return " ".join(t for t in map(_word_terms, _WORD.findall(text)) if t)


def query_terms(query: str) -> list[str]:
    """Folded query words (deduplicated, in order)."""
    out: list[str] = []
    for m in _KEY_WORD.finditer(fold(query)):
        if m.group() not in out:
            out.append(m.group())
    return out


def matches(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Original spans of the words of ``text`` that match any query term."""
    wanted = set(terms)
    return [(s, e) for s, e, key in words(text) if wanted.intersection(variants(key))]
