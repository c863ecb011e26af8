"""Phrase tables for quantities: units, currencies and cues, read from ``lang/<lang>/*.yaml``.

Every phrase is folded like the normalised view and keyed by its words joined with one space.
This module holds no Arabic strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid import lang
from rasid.offsets import NormalizedView


@dataclass(frozen=True, slots=True)
class Unit:
    """What a unit phrase means: the unit name, its category and the grammatical form."""

    unit: str
    category: str  # count, measure, temperature, ratio, currency, subunit
    form: str  # singular, dual, plural, symbol
    alone: bool = False  # the singular alone means one (measures)
    subunit_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # approx, min, max, open
    skip: int  # characters of a glued clitic left out of the span


class Tables:
    def __init__(self, language: str = "ar") -> None:
        self.language = language
        units = lang.load(language, "units")
        money = lang.load(language, "currencies")
        cues = lang.load(language, "quantity_cues")
        numbers = lang.load(language, "numbers")
        self.units: dict[str, Unit] = {}
        self.base: dict[str, tuple[str, float]] = {}
        for name, spec in units["units"].items():
            # a form listed as dual and plural (مدنيين: two civilians / civilians) is read as a plural:
            # it never means 2 on its own
            plural = {self.fold(p) for p in spec.get("plural", [])}
            for form in ("plural", "singular", "dual"):
                for phrase in spec.get(form, []):
                    if form == "dual" and self.fold(phrase) in plural:
                        continue
                    self._add_unit(phrase, Unit(name, spec["category"], form, bool(spec.get("alone"))))
            if "base" in spec:
                self.base[name] = (spec["base"], float(spec["factor"]))
        self.symbols: dict[str, Unit] = {
            self.fold(sym): Unit(name, "ratio" if name == "percent" else "temperature", "symbol")
            for sym, name in units.get("symbols", {}).items()
        }
        endings = [self.fold(e) for e in money.get("adjective_endings", [""])]
        for cur in money["currencies"]:
            code = cur.get("unit") or cur.get("code") or cur["name"]
            category = "subunit" if cur.get("subunit_of") else "currency"
            sub = tuple(cur.get("subunit_of", ()))
            for name in cur["forms"]:
                form = "singular"
                self._add_unit(name, Unit(code, category, form, subunit_of=sub))
                for adjective, adj_code in (cur.get("by_adjective") or {}).items():
                    for ending in endings:
                        self._add_unit(f"{name} {adjective}{ending}", Unit(adj_code, category, form))
        for sym, code in money.get("symbols", {}).items():
            category = "subunit" if code == "cent" else "currency"
            self.symbols[self.fold(sym)] = Unit(code, category, "symbol")
        self.codes = {str(c) for c in money.get("codes", [])}
        clitics = [self.fold(c) for c in numbers["conjunctions"] + numbers["prepositions"]]
        self.cues_before: dict[str, Cue] = {}
        self.cues_after: dict[str, str] = {}
        for kind in ("approx", "min", "max"):
            for phrase in cues[kind].get("before", []):
                self._add_cue(phrase, kind, clitics)
            for phrase in cues[kind].get("after", []):
                self.cues_after.setdefault(self.fold(phrase), kind)
        self.openers: dict[str, Cue] = {}
        for phrase in cues["range"]["open"]:
            key = self.fold(phrase)
            self.openers[key] = Cue("open", 0)
        self.range_mid = {self.fold(p) for p in cues["range"]["mid"]}
        self.bare_mid = {self.fold(p) for p in cues["range"]["bare_mid"]}
        self.below_zero = {self.fold(p) for p in cues.get("below_zero", [])}
        self.product_link = self.fold(cues.get("product_link", ""))
        self.connector = self.fold(numbers["connector"])
        self.article = self.fold(numbers["article"])
        # vague plurals (مئات، آلاف) with the article and glued clitics: word → (base, clitic length)
        self.vague: dict[str, tuple[float, int]] = {}
        after_l = self.fold(numbers["article_after_l"])
        for base, words in (numbers.get("vague") or {}).items():
            for word in map(self.fold, words):
                for with_article in (word, self.article + word):
                    self.vague.setdefault(with_article, (float(base), 0))
                    for clitic in clitics:
                        self.vague.setdefault(clitic + with_article, (float(base), len(clitic)))
                self.vague.setdefault(after_l + self.article[len(after_l):] + word, (float(base), 1))
        self.max_words = max(len(k.split(" ")) for k in [*self.units, *self.cues_before, *self.cues_after])

    def fold(self, phrase: Any) -> str:
        return " ".join(NormalizedView(str(phrase), self.language).view.split())

    def _add_unit(self, phrase: str, unit: Unit) -> None:
        self.units.setdefault(self.fold(phrase), unit)

    def _add_cue(self, phrase: str, kind: str, clitics: list[str]) -> None:
        key = self.fold(phrase)
        self.cues_before.setdefault(key, Cue(kind, 0))
        for clitic in clitics:
            self.cues_before.setdefault(clitic + key, Cue(kind, len(clitic)))

    def unit_base(self, unit: str) -> tuple[str, float]:
        """The base unit and factor of a measure (for comparing with other tools)."""
        return self.base.get(unit, (unit, 1.0))


@lru_cache(maxsize=4)
def tables(language: str = "ar") -> Tables:
    return Tables(language)
