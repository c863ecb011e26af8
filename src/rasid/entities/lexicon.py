"""Word folding, clitic analysis and the lexicons the NER tagger reads as features.

Lexicons are built from ``../shared/data`` by :func:`build_lexicon` (called by ``rasid train ner``)
and shipped with the model as ``lexicon.tsv``; the news vocabulary (``words.tsv``: counts and
clusters) is built by :mod:`rasid.entities.clusters`.  Nothing here holds Arabic strings: affixes and
trigger words are language data (``lang/ar/ner_*.yaml``).
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rasid import lang
from rasid.offsets import tables

LEXICON_FILE = "lexicon.tsv"
WORDS_FILE = "words.tsv"
MAX_NAME_WORDS = 4  # longest multi-word gazetteer entry matched
# Peel proclitics only when the stem is clearly the more frequent word in the news: at least twice
# as frequent as the whole token, and frequent in absolute terms when the whole token is rare
# (an unseen «بيونج» must not lose its first letter to a rare «يونج»).
PEEL_MIN_COUNT = 3
ANALYSIS_CACHE_SIZE = 200_000
PEEL_RARE_WHOLE = 10
PEEL_MIN_COUNT_RARE = 100


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str | None]:
    t = tables("ar")
    table: dict[int, str | None] = dict(t.table)
    for key, value in t.search_map.items():
        table[key] = value
    return table


def fold(word: str) -> str:
    """The matching key of a word: normalised view, hamza carriers folded, lower case."""
    return word.translate(_fold_table()).lower()


@dataclass(frozen=True)
class Affixes:
    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    lam_article: str
    article: str
    pronoun_suffixes: tuple[str, ...]
    adjective_endings: tuple[str, ...]


@lru_cache(maxsize=1)
def affixes() -> Affixes:
    data = lang.load("ar", "ner_affixes")
    return Affixes(
        conjunctions=tuple(fold(x) for x in data["conjunctions"]),
        prepositions=tuple(fold(x) for x in data["prepositions"]),
        lam_article=fold(data["lam_article"]),
        article=fold(data["article"]),
        pronoun_suffixes=tuple(fold(x) for x in data["pronoun_suffixes"]),
        adjective_endings=tuple(fold(x) for x in data["adjective_endings"]),
    )


@lru_cache(maxsize=1)
def triggers() -> dict[str, frozenset[str]]:
    data = lang.load("ar", "ner_triggers")
    return {kind: frozenset(fold(w) for w in words) for kind, words in data.items()}


def proclitic_candidates(key: str) -> list[tuple[str, str, int]]:
    """Ways to peel proclitics off a folded word: ``(proclitics, stem, chars_cut)``, unpeeled first."""
    a = affixes()
    out = [("", key, 0)]
    for conj in ("", *a.conjunctions):
        if conj and not key.startswith(conj):
            continue
        rest = key[len(conj):]
        if conj and len(rest) >= 2:
            out.append((conj, rest, len(conj)))
        if rest.startswith(a.lam_article) and len(rest) > len(a.lam_article) + 1:
            # ل + ال with the alef dropped: the stem is the article + the rest
            out.append((conj + rest[0], a.article + rest[len(a.lam_article):], len(conj) + 1))
            continue
        for prep in a.prepositions:
            if rest.startswith(prep) and len(rest) - len(prep) >= 2:
                out.append((conj + prep, rest[len(prep):], len(conj) + len(prep)))
    return out


@dataclass
class Lexicon:
    """Gazetteers (multi-word, by type), person-name words, and the news vocabulary."""

    names: dict[tuple[str, ...], str] = field(default_factory=dict)  # folded words -> type
    person_words: dict[str, int] = field(default_factory=dict)  # folded name word -> count
    counts: dict[str, int] = field(default_factory=dict)  # folded word -> news count
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # folded word -> cluster ids
    first_words: frozenset[str] = frozenset()
    _analyses: dict[str, tuple[str, str, int]] = field(default_factory=dict, repr=False)

    def count(self, key: str) -> int:
        return self.counts.get(key, 0)

    def analyse(self, key: str) -> tuple[str, str, int]:
        """Choose how many proclitic letters to peel: the reading whose stem is most frequent in
        the news wins, and a peeled reading must be more frequent than the whole word."""
        cached = self._analyses.get(key)
        if cached is None:
            if len(self._analyses) >= ANALYSIS_CACHE_SIZE:
                self._analyses.clear()
            cached = self._analyses[key] = self._analyse(key)
        return cached

    def _analyse(self, key: str) -> tuple[str, str, int]:
        best = ("", key, 0)
        if not self.counts:
            return best
        whole = self.counts.get(key, 0)
        best_count = 2 * whole
        floor = PEEL_MIN_COUNT if whole >= PEEL_RARE_WHOLE else PEEL_MIN_COUNT_RARE
        for cand in proclitic_candidates(key)[1:]:
            c = self.counts.get(cand[1], 0)
            if c > best_count and c >= floor:
                best, best_count = cand, c
        return best


def load_lexicon(model_dir: Path) -> Lexicon:
    lex = Lexicon()
    path = model_dir / LEXICON_FILE
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                kind, _, rest = line.rstrip("\n").partition("\t")
                if kind == "PERWORD":
                    word, _, count = rest.partition("\t")
                    lex.person_words[word] = int(count)
                elif rest:
                    lex.names[tuple(rest.split(" "))] = kind
    lex.first_words = frozenset(k[0] for k in lex.names)
    words = model_dir / WORDS_FILE
    if words.exists():
        with words.open(encoding="utf-8") as handle:
            for line in handle:
                parts = line.rstrip("\n").split("\t")
                lex.counts[parts[0]] = int(parts[1])
                if len(parts) > 2:
                    lex.clusters[parts[0]] = tuple(parts[2:])
    return lex


# -- building from ../shared/data -------------------------------------------------------------

def spelling_variants(word: str) -> list[str]:
    """``word`` and its spellings with each pair of ``spelling_variants`` letters swapped."""
    out = [word]
    for a, b in lang.load("ar", "ner_affixes").get("spelling_variants", []):
        a, b = fold(a), fold(b)
        out += [w.replace(a, b) for w in out if a in w] + [w.replace(b, a) for w in out if b in w]
    return list(dict.fromkeys(out))


def _name_key(name: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in name.replace("-", " ").split() if w)


def build_lexicon(shared: Path, out_dir: Path) -> dict[str, int]:
    """Write ``lexicon.tsv`` from the shared gazetteers and Wikidata person names; return sizes."""
    gaz = shared / "data" / "gazetteers"
    names: dict[tuple[str, ...], str] = {}

    def add(name: str, kind: str) -> None:
        key = _name_key(name)
        if key and len(key) <= MAX_NAME_WORDS and all(len(w) >= 2 for w in key):
            for variant in spelling_variants(" ".join(key)):
                names.setdefault(tuple(variant.split(" ")), kind)

    for country in json.loads((gaz / "countries-mledoze.json").read_text(encoding="utf-8")):
        ara = country.get("translations", {}).get("ara", {})
        for label in (ara.get("common"), ara.get("official")):
            if label:
                add(label, "COUNTRY")
    for csv_path in sorted((gaz / "country-list-umpirsky").glob("country_ar*.csv")):
        with csv_path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                add(row["value"], "COUNTRY")
    with (gaz / "world-cities-ar-en.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            add(row["CityNameAr"], "CITY")
    with (gaz / "places-csc-ar.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row.get("name_ar"):
                add(row["name_ar"], "PLACE")
    persons: Counter[str] = Counter()
    wd = shared / "data" / "translit" / "wikidata-ar-en" / "wd_arabic.normalized.aligned.tokens"
    with wd.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                word = fold(parts[1].replace(" ", ""))
                if len(word) >= 2:
                    for variant in spelling_variants(word):
                        persons[variant] += int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LEXICON_FILE).open("w", encoding="utf-8") as out:
        for key, kind in sorted(names.items(), key=lambda kv: (kv[1], kv[0])):
            out.write(f"{kind}\t{' '.join(key)}\n")
        for word, count in sorted(persons.items()):
            out.write(f"PERWORD\t{word}\t{count}\n")
    return {"names": len(names), "person_words": len(persons)}


def log_bucket(count: int) -> int:
    return 0 if count <= 0 else min(6, int(math.log10(count)) + 1)
