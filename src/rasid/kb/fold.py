"""Name keys for lookups: a strict key and a folded key that merges spelling variants.

The strict key is :func:`rasid.offsets.search_key` (diacritics, tatweel, alef forms, ى/ي, ة/ه,
hamza carriers, lower case) with separators collapsed into single spaces.  The folded key also
merges the letters that write one foreign sound (ج/غ/ق for g), drops the article ال at the start
of each word, removes word breaks, and drops long vowels inside the name.  The rules are data
(``lang/ar/name_folding.yaml``); this module holds no Arabic strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid import lang
from rasid.offsets import search_key


@dataclass(frozen=True)
class FoldRules:
    sound_table: dict[int, str]
    long_vowels: frozenset[str]
    article: str
    separators_re: re.Pattern[str]
    proclitics: tuple[str, ...]
    lil: str
    org_heads: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> FoldRules:
    data = lang.load("ar", "name_folding")
    table: dict[int, str] = {}
    for group in data["sound_classes"]:
        head = group[0]
        for ch in group[1:]:
            table[ord(ch)] = head
    seps = "".join(re.escape(s) for s in data["separators"])
    return FoldRules(
        sound_table=table,
        long_vowels=frozenset(data["long_vowels"]),
        article=search_key(data["article"]),
        separators_re=re.compile(rf"[\s{seps}]+"),
        proclitics=tuple(data["proclitics"]),
        lil=search_key(data["lil"]),
        org_heads=frozenset(search_key(h) for h in data["org_heads"]),
    )


_PUNCT_RE = re.compile(r"[\"'«»“”‘’(),:;!?؟،؛\[\]{}<>]+")


@lru_cache(maxsize=200_000)
def strict_key(text: str) -> str:
    """Normalised name: folded letters and marks, lower case, single spaces, no punctuation."""
    r = rules()
    key = search_key(_PUNCT_RE.sub(" ", text))
    return r.separators_re.sub(" ", key).strip()


def words(text: str) -> list[str]:
    key = strict_key(text)
    return key.split(" ") if key else []


def _drop_article(word: str, article: str) -> str:
    if word.startswith(article) and len(word) - len(article) >= 3:
        return word[len(article):]
    return word


@lru_cache(maxsize=200_000)
def folded_key(text: str) -> str:
    """The loose key: sound classes merged, ال and word breaks dropped, inner long vowels dropped."""
    r = rules()
    parts = [_drop_article(w, r.article) for w in strict_key(text).split(" ") if w]
    joined = "".join(parts).translate(r.sound_table)
    if len(joined) <= 2:
        return joined
    inner = "".join(ch for ch in joined[1:-1] if ch not in r.long_vowels)
    return joined[0] + inner + joined[-1]


@lru_cache(maxsize=200_000)
def fuzzy_key(text: str) -> str:
    """The key compared by edit distance: like the folded key but keeping the long vowels."""
    r = rules()
    parts = [_drop_article(w, r.article) for w in strict_key(text).split(" ") if w]
    return "".join(parts).translate(r.sound_table)


def is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


def is_arabic_letter(ch: str) -> bool:
    return ch.isalpha() and is_arabic(ch)


def letter_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def strip_proclitic(key: str) -> list[str]:
    """Readings of a strict key with one proclitic removed (ولروسيا is not a name; لروسيا → روسيا)."""
    r = rules()
    out: list[str] = []
    if key.startswith(r.lil) and len(key) > len(r.lil) + 2:
        out.append(r.article + key[len(r.lil):])
    if key[:1] in r.proclitics and len(key) > 3:
        out.append(key[1:])
        if key[1:2] in r.proclitics and len(key) > 4:
            out.append(key[2:])
    return out


def levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance (insert, delete, substitute); stops early once every cell exceeds ``limit``."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            cost = previous[j - 1] + (ca != cb)
            ins = current[j - 1] + 1
            dele = previous[j] + 1
            value = min(cost, ins, dele)
            current.append(value)
            if value < best:
                best = value
        if limit is not None and best > limit:
            return best
        previous = current
    return previous[-1]


def similarity(a: str, b: str) -> float:
    """1 - edit distance / longer length, in [0, 1]."""
    if not a or not b:
        return 0.0
    longest = max(len(a), len(b))
    return 1.0 - levenshtein(a, b) / longest


def nationality_forms(stem: str, suffixes: list[str], article: str) -> list[str]:
    """Every agreeing form of a (possibly multi-word) nisba stem, with and without the article."""
    parts = stem.split()
    forms = []
    for suffix in suffixes:
        inflected = [p + suffix for p in parts]
        forms.append(" ".join(inflected))
        forms.append(" ".join(article + p for p in inflected))
    return forms
