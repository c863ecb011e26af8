"""The words of time expressions, loaded from ``lang/<lang>/{months,weekdays,time_words}.yaml``.

Every entry is a word sequence folded like the normalised view (and lower-cased) with a category
and a payload.  One-word entries are looked up directly; longer ones through an index on their
first word.  The first word of an entry may carry proclitics (conjunction, preposition, article),
whose letters are data too.  This module holds no language strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid import lang
from rasid.offsets import NormalizedView

# Categories whose single words take the article as a variant (يوم → اليوم, أسبوع → الأسبوع).
_ARTICLE_UNITS = ("unit",)


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry: ``rest`` are the words after the first; ``payload`` its meaning."""

    cat: str
    payload: Any
    rest: tuple[str, ...] = ()


def fold(word: str, language: str = "ar") -> str:
    return NormalizedView(str(word).strip(), language).view.lower()


class TimeLexicon:
    def __init__(self, language: str = "ar") -> None:
        self.language = language
        self.first: dict[str, list[Entry]] = {}
        months = lang.load(language, "months")
        weekdays = lang.load(language, "weekdays")
        words = lang.load(language, "time_words")
        clitics = words["clitics"]
        self.conjunctions = [fold(c, language) for c in clitics["conjunctions"]]
        self.prepositions = [fold(c, language) for c in clitics["prepositions"]]
        self.article = fold(clitics["article"], language)
        self.after_l = fold(clitics["article_after_l"], language)

        weak_months = {fold(w, language) for w in months.get("weak", [])}
        for calendar in ("gregorian", "hijri"):
            for number, names in months[calendar].items():
                for name in names:
                    key = fold(name, language)
                    self.add(key, "month", (int(number), calendar, key in weak_months))
        for form in ("named", "bare"):
            for number, names in weekdays[form].items():
                for name in names:
                    self.add(fold(name, language), "weekday", (int(number), form == "bare"))
        for item in words["phrases"]:
            for phrase in item["words"]:
                self.add(fold(phrase, language), "phrase", dict(item["spec"]))
        for item in words["holidays"]:
            weak = {fold(w, language) for w in item.get("weak", [])}
            for phrase in item["words"]:
                key = fold(phrase, language)
                payload = {k: v for k, v in item.items() if k not in ("words", "weak")}
                payload["weak"] = key in weak
                self.add(key, "holiday", payload)
        for grain, forms in words["units"].items():
            for form, names in forms.items():
                for name in names:
                    key = fold(name, language)
                    self.add(key, "unit", (grain, form, False))
                    self.add(self.article + key, "unit", (grain, form, True))
        for name in words["moment"]:
            self.add(fold(name, language), "moment", 1)
        for offset, names in words["modifiers"].items():
            for name in names:
                self.add(fold(name, language), "mod", int(offset))
        for vague, names in words["plural_modifiers"].items():
            for name in names:
                self.add(fold(name, language), "pmod", vague)
        for part, info in words["parts_of_day"].items():
            payload = {"part": part, "timex": info["timex"], "hours": tuple(info["hours"]), "pm": info["pm"]}
            for name in info["words"]:
                self.add(fold(name, language), "pod", payload)
        for word, minutes in words["minute_fractions"].items():
            self.add(fold(word, language), "mfrac", int(minutes))
        for part, names in words["month_parts"].items():
            for name in names:
                self.add(fold(name, language), "mpart", part)
        for era, names in words["eras"].items():
            for name in names:
                self.add(fold(name, language), "era", era)
        for offset, names in words["time_zones"].items():
            for name in names:
                self.add(fold(name, language), "tz", int(offset))
        simple = ("this", "last", "hour_word", "minute_word", "minus", "of", "corresponding", "at",
                  "approx", "range_from", "range_to", "between", "between_days", "and", "until", "ago",
                  "after", "within", "for", "day_word", "week_word", "month_word", "year_word",
                  "tz_marker")
        for cat in simple:
            for name in words[cat]:
                self.add(fold(name, language), cat, True)

    def add(self, key: str, cat: str, payload: Any) -> None:
        parts = key.split()
        if not parts:
            return
        self.first.setdefault(parts[0], []).append(Entry(cat, payload, tuple(parts[1:])))

    def variants(self, word: str) -> list[tuple[str, int, bool]]:
        """(stem, letters stripped, stripped a conjunction) for every reading of ``word``."""
        out = [(word, 0, False)]
        for conj in ["", *self.conjunctions]:
            if conj and not word.startswith(conj):
                continue
            rest = word[len(conj):]
            candidates: list[tuple[str, int]] = [(rest, len(conj))] if conj else []
            for prep in self.prepositions:
                if rest.startswith(prep) and len(rest) > len(prep) + 1:
                    stem = rest[len(prep):]
                    candidates.append((stem, len(conj) + len(prep)))
                    if prep.endswith(self.after_l) and stem.startswith(self.after_l):
                        candidates.append((self.article + stem[len(self.after_l):], len(conj) + len(prep)))
            for stem, skip in candidates:
                if len(stem) >= 2 and stem in self.first:
                    out.append((stem, skip, bool(conj)))
        return out


@lru_cache(maxsize=4)
def lexicon(language: str = "ar") -> TimeLexicon:
    return TimeLexicon(language)
