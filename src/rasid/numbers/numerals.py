"""Numerals in Arabic text: digits (Latin, Arabic-Indic, Persian) and number words, as values.

``find_numerals(text)`` reads every numeral of a raw text and reports original offsets;
``parse_numeral(text)`` reads a whole string as one numeral.  The words are data
(``lang/ar/numbers.yaml``); this module holds no Arabic strings.  The scan is one pass over
tokens of the normalised view (linear time, no backtracking regex).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid import lang
from rasid.numbers.grammar import Atom, Builder, Found
from rasid.offsets import NormalizedView

# Digit runs longer than this are identifiers (digit soup), not amounts.
MAX_DIGITS = 15
# A run of at least this many digits that starts with 0 is a phone number or an identifier.
PHONE_DIGITS = 7
# Larger values are read as nothing: no news amount is a quadrillion, soup and stacked words are.
MAX_VALUE = 1e15

# A token is a chain of digits (with . , / inside) or a run of letters.
_TOKEN = re.compile(r"(?P<num>\d+(?:[.,/]\d+)*|(?<![\d.])\.\d+)|(?P<word>[^\W\d_]+)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_PLAIN = re.compile(r"\d*\.?\d+")
_FRACTION = re.compile(r"(\d{1,6})/(\d{1,6})")


@dataclass(frozen=True, slots=True)
class Numeral:
    """A numeral of the text: ``[start, end)`` original offsets, its value and kind."""

    start: int
    end: int
    value: int | float
    kind: str  # "cardinal" | "ordinal"
    scale: int | None = None  # the largest scale word written (ألف → 1000), if any


# -- lexicon ------------------------------------------------------------------------------
class Lexicon:
    """Number words of one language, folded like the view, with every clitic combination."""

    def __init__(self, language: str = "ar") -> None:
        data = lang.load(language, "numbers")
        fold = _folder(language)
        base: dict[str, tuple[str, float, str, bool]] = {}
        weak = {fold(w) for w in data.get("weak", [])}

        def add(words: list[str], kind: str, value: float, form: str = "") -> None:
            for word in words:
                key = fold(word)
                base.setdefault(key, (kind, float(value), form, key in weak))

        for value, words in data["units"].items():
            add(words, "U", value)
        for value, words in data["teen_units"].items():
            add(words, "TU", value)
        for value, words in data["teens"].items():
            add(words, "TEEN", value)
        for value, words in data["tens"].items():
            add(words, "T", value)
        for value, words in data["hundreds"].items():
            add(words, "H", value)
        for value, forms in data["scales"].items():
            for form, words in forms.items():
                add(words, "S", value, form)
        for value, words in data["fractions"].items():
            add(words, "F", value)
        add(data["decimal_point"], "P", 0)
        for value, words in data["ordinals"].items():
            add(words, "ORD", value)
        self.connector = fold(data["connector"])
        # (kind, value, form, weak, clitic length left out of the span, conj, article)
        self.entries: dict[str, tuple[str, float, str, bool, int, bool, bool]] = {}
        article = fold(data["article"])
        for word, (kind, value, form, is_weak) in base.items():
            self.entries[word] = (kind, value, form, is_weak, 0, False, False)
        after_l = fold(data["article_after_l"])
        combos: list[tuple[str, int, bool, bool]] = []
        for conj in ["", *map(fold, data["conjunctions"])]:
            for prep in ["", *map(fold, data["prepositions"])]:
                for art in ("", article):
                    written = art
                    if art and prep and prep.endswith(after_l) and article.startswith(after_l):
                        written = article[len(after_l):]  # ل + ال → لل
                    prefix = conj + prep + written
                    if prefix:
                        combos.append((prefix, len(conj) + len(prep), conj == self.connector, bool(art)))
        combos.sort(key=lambda c: len(c[0]))  # the whole word first, then the shortest prefix
        for prefix, skip, is_conj, has_art in combos:
            for word, (kind, value, form, is_weak) in base.items():
                is_weak = is_weak or (has_art and article + word in weak)
                if len(word) <= 2 and skip > (1 if is_conj else 0):
                    continue  # a 2-letter word behind a preposition is too often another word
                self.entries.setdefault(prefix + word, (kind, value, form, is_weak, skip, is_conj, has_art))


def _folder(language: str) -> Any:
    def fold(word: Any) -> str:
        return NormalizedView(str(word).strip(), language).view

    return fold


@lru_cache(maxsize=4)
def lexicon(language: str = "ar") -> Lexicon:
    return Lexicon(language)


# -- digits -------------------------------------------------------------------------------
def digits_value(chunk: str) -> float | None:
    """The value of a digit chain of the view, or None for identifiers, dates, soup."""
    if _THOUSANDS.fullmatch(chunk):
        chunk = chunk.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(chunk):
        chunk = chunk.replace(",", ".")
    if _PLAIN.fullmatch(chunk):
        whole = chunk.split(".")[0]
        if len(whole) > MAX_DIGITS or (len(whole) >= PHONE_DIGITS and whole.startswith("0")):
            return None
        return float(chunk)
    frac = _FRACTION.fullmatch(chunk)
    if frac and int(frac.group(2)) != 0:
        return int(frac.group(1)) / int(frac.group(2))
    return None


def _is_latin(ch: str) -> bool:
    """A Latin letter glued before digits makes them part of an identifier (www2, r41z)."""
    return ch.isascii() and ch.isalpha()


def _is_minus(view: str, pos: int) -> bool:
    """Is there a minus sign glued to the digits at ``pos`` (not a range dash)?"""
    if pos == 0 or view[pos - 1] != "-":
        return False
    if pos >= 2 and not (view[pos - 2].isspace() or view[pos - 2] in "([:="):
        return False
    j = pos - 2
    while j >= 0 and view[j].isspace():
        j -= 1
    return j < 0 or not view[j].isdigit()


# -- scanning -----------------------------------------------------------------------------
def scan_view(view: str, language: str = "ar") -> list[Found]:
    """Every numeral of a normalised view, in view coordinates (weak words included)."""
    lex = lexicon(language).entries
    connector = lexicon(language).connector
    found: list[Found] = []
    builder: Builder | None = None
    prev_end = -1
    conj_pending = False

    def flush() -> None:
        nonlocal builder
        if builder is not None:
            res = builder.result()
            if res is not None and abs(res.value) <= MAX_VALUE:
                found.append(res)
        builder = None

    for m in _TOKEN.finditer(view):
        start, end = m.start(), m.end()
        if builder is not None and not _joined(view, prev_end, start):
            flush()
            conj_pending = False
        prev_end = end
        word = m.group("word")
        atom: Atom | None = None
        if word is not None:
            if word == connector:
                if conj_pending or builder is None:
                    flush()
                    conj_pending = False
                else:
                    conj_pending = True
                continue
            entry = lex.get(word)
            if entry is None:
                if builder is not None:
                    flush()
                conj_pending = False
                continue
            kind, value, form, weak, skip, conj, article = entry
            atom = Atom(kind, value, start + skip, end, conj or conj_pending, article, form, weak, word,
                        prep=skip > (1 if conj else 0))
        else:
            chunk = m.group("num")
            number = digits_value(chunk)
            if number is None or (start > 0 and (view[start - 1] == "+" or _is_latin(view[start - 1]))):
                flush()
                conj_pending = False
                continue
            if _is_minus(view, start) and not conj_pending:
                atom = Atom("D", -number, start - 1, end, False, text=chunk)
            else:
                atom = Atom("D", number, start, end, conj_pending, text=chunk)
        conj_pending = False
        if builder is not None and builder.pending is not None and builder.pending.kind == "P":
            if builder.take_fraction_digits(atom):
                continue
        if builder is not None and builder.push(atom):
            continue
        queue = [*(builder.retreat(atom) if builder is not None else []), atom]
        flush()
        for item in queue:
            if builder is not None and builder.push(item):
                continue
            flush()
            builder = Builder()
            if not builder.push(item):
                builder = None
    flush()
    return found


def _joined(view: str, prev_end: int, start: int) -> bool:
    """Two tokens belong to one expression when only spaces (no line break) lie between."""
    gap = view[prev_end:start]
    return not gap or (gap.isspace() and "\n" not in gap)


def _number(value: float) -> int | float:
    if value == int(value) and abs(value) < 1e18:
        return int(value)
    return round(value, 10)


def find_numerals(text: str, language: str = "ar") -> list[Numeral]:
    """Every numeral of a raw text, with original offsets, value and kind.

    Words that are numbers only next to another number (see ``weak`` in the data) are left out
    when they stand alone; digit soup, phone-like runs and dotted dates give nothing.
    """
    if not text:
        return []
    nv = NormalizedView(text, language)
    out: list[Numeral] = []
    for f in scan_view(nv.view, language):
        if f.weak_only:
            continue
        start, end = nv.to_original(f.start, f.end)
        out.append(Numeral(start, end, _number(f.value), f.kind, f.scale))
    return out


def parse_numeral(text: str, language: str = "ar") -> int | float | None:
    """The value of a string that is exactly one numeral (surrounding spaces allowed), else None."""
    stripped = text.strip()
    if not stripped:
        return None
    found = find_numerals(stripped, language)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].value
    return None
