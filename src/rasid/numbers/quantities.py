"""Quantities in news text: a numeral with its counted noun, currency or measure, cues and ranges.

``find_quantities(text)`` gives spans (original offsets) with the attrs of the export contract:
``value`` or ``min``/``max``, ``approx``, ``unit`` (English singular noun, ISO currency code,
``percent``, ``multiplier``…), ``multiplier`` (the scale word written: 1000 for «30 ألف»), and
``product`` for measures («3 أكواب من السكر»).  A bare number becomes a quantity only with a unit
or a scale word, so dates and years stay out.  Phrases are data (``lang/ar/units.yaml``,
``currencies.yaml``, ``quantity_cues.yaml``); this module holds no Arabic strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rasid.numbers.numerals import Found, _number, lexicon, scan_view
from rasid.numbers.units import Cue, Tables, Unit, tables
from rasid.offsets import NormalizedView

# A word (letters, with inner dots as in abbreviations) or one symbol character.
_CHUNK = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?|[^\w\s]")
_SPACES = re.compile(r"[^\S\n]*")
_WORD = re.compile(r"[^\W\d_]+")
_LOOKBEHIND = 80  # characters of left context searched for cues (keeps the scan linear)
_MAX_RANGE_GAP = 12


@dataclass(slots=True)
class Quantity:
    """A quantity of the text: ``[start, end)`` original offsets and its attrs."""

    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Partial:
    start: int
    end: int
    value: float
    scale: int | None = None
    unit: Unit | None = None
    approx: bool = False
    bound: str | None = None  # min / max
    low: float | None = None  # a range
    high: float | None = None
    product: tuple[int, int] | None = None

    def attrs(self, view: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.low is not None and self.high is not None:
            out["min"], out["max"] = _number(self.low), _number(self.high)
        elif self.bound:
            out[self.bound] = _number(self.value)
        else:
            out["value"] = _number(self.value)
        out["approx"] = self.approx
        out["unit"] = self.unit.unit if self.unit else None
        out["multiplier"] = self.scale
        if self.product:
            out["product"] = self.product
        return out


# -- context helpers --------------------------------------------------------------------------
def _chunks_after(view: str, pos: int, n: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    while len(out) < n:
        p = _SPACES.match(view, pos).end()  # type: ignore[union-attr]
        m = _CHUNK.match(view, p)
        if m is None:
            break
        out.append((m.group(), m.start(), m.end()))
        pos = m.end()
    return out


def _chunks_before(view: str, pos: int) -> list[tuple[str, int, int]]:
    lo = max(0, pos - _LOOKBEHIND)
    newline = view.rfind("\n", lo, pos)
    lo = newline + 1 if newline >= 0 else lo
    return [(m.group(), m.start(), m.end()) for m in _CHUNK.finditer(view, lo, pos)]


def _unit_after(view: str, pos: int, t: Tables) -> tuple[Unit, int] | None:
    chunks = _chunks_after(view, pos, t.max_words)
    if not chunks:
        return None
    first, _, first_end = chunks[0]
    if first in t.symbols:
        return t.symbols[first], first_end
    if first in t.codes:
        return Unit(first, "currency", "symbol"), first_end
    for k in range(len(chunks), 0, -1):
        found = _lookup(t.units, chunks[:k])
        if found is not None:
            return found
    return None


def _lookup(table: dict[str, Any], chunks: list[tuple[str, int, int]]) -> tuple[Any, int] | None:
    """The entry for the words of ``chunks`` and where it ends; a full stop glued to the last word
    («على الأقل.») ends the sentence, not the phrase."""
    phrase, end = " ".join(c[0] for c in chunks), chunks[-1][2]
    value = table.get(phrase)
    if value is None and phrase.endswith("."):
        value, end = table.get(phrase[:-1]), end - 1
    return None if value is None or value == "" else (value, end)


def _phrase_before(view: str, pos: int, table: dict[str, Any], max_words: int) -> tuple[Any, int] | None:
    chunks = _chunks_before(view, pos)
    for k in range(min(max_words, len(chunks)), 0, -1):
        phrase = " ".join(c[0] for c in chunks[-k:])
        if phrase in table:
            cue = table[phrase]
            skip = cue.skip if isinstance(cue, Cue) else 0
            return cue, chunks[-k][1] + skip
    return None


def _symbol_before(view: str, pos: int, t: Tables) -> tuple[Unit, int] | None:
    """A currency symbol before the amount ($10, $ 10), or a percent sign glued before it (%10)."""
    p = pos - 1
    while p >= 0 and view[p] == " ":
        p -= 1
    if p < 0 or view[p] not in t.symbols:
        return None
    unit = t.symbols[view[p]]
    if unit.category == "currency":
        return unit, p
    if unit.unit == "percent" and p == pos - 1 and (p == 0 or view[p - 1].isspace()):
        return unit, p
    return None


# -- building one quantity ---------------------------------------------------------------------
def _finish(view: str, p: _Partial, t: Tables, nums: list[Found], nxt: int) -> int:
    """Look right (temperature words, product, cents, after-cues) and left (cues).

    Returns the index of the next numeral not consumed.
    """
    unit = p.unit
    if unit is not None and unit.unit == "degree":
        better = _unit_after(view, p.end, t)
        if better and better[0].category == "temperature" and better[0].unit != "degree":
            p.unit, p.end = better
    after = _chunks_after(view, p.end, t.max_words)
    words = [c[0] for c in after]
    for k in range(len(words), 0, -1):
        phrase = " ".join(words[:k])
        if phrase in t.below_zero and (unit is None or unit.category == "temperature"):
            p.value, p.end = -abs(p.value), after[k - 1][2]
            p.unit = p.unit or Unit("degree", "temperature", "singular")
            after = _chunks_after(view, p.end, t.max_words)
            break
    if p.unit is not None and p.unit.category == "temperature" and p.value > 0:
        q = p.start - 1
        while q >= 0 and view[q] == " ":
            q -= 1
        if q >= 0 and view[q] == "-" and q < p.start - 1:
            r = q - 1
            while r >= 0 and view[r].isspace():
                r -= 1
            if r < 0 or not view[r].isdigit():
                p.value, p.start = -p.value, q
    if p.unit is not None and p.unit.category == "measure" and len(after) >= 2 and after[0][0] == t.product_link:
        if _WORD.fullmatch(after[1][0]):
            p.product, p.end = (after[1][1], after[1][2]), after[1][2]
    if p.unit is not None and p.unit.category == "currency" and nxt < len(nums):
        nxt = _cents(view, p, t, nums, nxt)
    after = _chunks_after(view, p.end, t.max_words)
    for k in range(len(after), 0, -1):
        cue = _lookup(t.cues_after, after[:k])
        if cue is not None:
            _apply_cue(p, cue[0])
            p.end = cue[1]
            break
    found = _phrase_before(view, p.start, t.cues_before, t.max_words)
    if found:
        cue, start = found
        _apply_cue(p, cue.kind)
        p.start = start
    return nxt


def _apply_cue(p: _Partial, kind: str) -> None:
    if kind == "approx":
        p.approx = True
    elif p.low is None:
        p.bound = kind


def _cents(view: str, p: _Partial, t: Tables, nums: list[Found], nxt: int) -> int:
    n2 = nums[nxt]
    gap = view[p.end : n2.start].split()
    if gap not in ([], [t.connector]) or n2.value != int(n2.value) or not 0 <= n2.value < 100:
        return nxt
    assert p.unit is not None
    sub = _unit_after(view, n2.end, t)
    if sub and sub[0].category == "subunit" and (not sub[0].subunit_of or p.unit.unit in sub[0].subunit_of):
        p.value += n2.value / 100
        p.end = sub[1]
        return nxt + 1
    if sub is None and not gap and p.unit.form == "symbol" and view[p.start] in t.symbols:
        p.value += n2.value / 100  # "$20 43"
        p.end = n2.end
        return nxt + 1
    return nxt


def _single(view: str, nums: list[Found], i: int, t: Tables) -> tuple[_Partial | None, int]:
    n = nums[i]
    p = _Partial(n.start, n.end, n.value, n.scale)
    sym = _symbol_before(view, n.start, t)
    if sym:
        p.unit, p.start = sym
    after = _unit_after(view, n.end, t)
    if after and (p.unit is None or after[0].category == "currency"):
        p.unit, p.end = after
    nxt = _finish(view, p, t, nums, i + 1)
    if p.unit is None and not _counted_without_unit(p, n):
        return None, i + 1
    if n.weak_only and p.unit is None:
        return None, i + 1
    return p, nxt


def _counted_without_unit(p: _Partial, n: Found) -> bool:
    """A number with no unit is a quantity when it says "about N" or "more than N", or has a scale
    word with a number («30 ألفا»); a bare year or day, an "until N" and a lone «ألف» (also
    "authored", "the letter alef") are not."""
    if p.approx or p.bound == "min":
        return True
    return bool(p.scale and p.scale >= 1000 and (len(n.atoms) > 1 or p.bound))


def _range(view: str, nums: list[Found], i: int, t: Tables) -> tuple[_Partial | None, int]:
    n1, n2 = nums[i], nums[i + 1]
    sym1 = _symbol_before(view, n1.start, t)
    u1 = _unit_after(view, n1.end, t)
    end1 = u1[1] if u1 else n1.end
    gap = view[end1 : n2.start]
    if "\n" in gap or len(gap) > _MAX_RANGE_GAP:
        return None, i
    mid = " ".join(gap.split())
    if mid not in t.range_mid:
        return None, i
    first = sym1[1] if sym1 else n1.start
    opener = _phrase_before(view, first, t.openers, 2)
    if mid not in t.bare_mid and opener is None:
        return None, i
    sym2 = _symbol_before(view, n2.start, t)
    u2 = _unit_after(view, n2.end, t)
    units = [u[0] for u in (sym1, u1, sym2, u2) if u]
    if len({u.unit for u in units}) > 1:
        return None, i
    low, high = n1.value, n2.value
    if n2.scale and not n1.scale and low * n2.scale <= high:
        low *= n2.scale
    if low >= high:
        return None, i
    p = _Partial(opener[1] if opener else first, u2[1] if u2 else n2.end, high, n2.scale)
    p.low, p.high = low, high
    p.unit = units[0] if units else None
    _finish(view, p, t, [], 0)
    if p.unit is None and not (p.scale and p.scale >= 1000):
        return None, i
    return p, i + 2


def _lone_units(view: str, t: Tables, taken: list[tuple[int, int]]) -> list[_Partial]:
    """Units that are quantities by themselves: duals (جنديان = 2) and measures (لتر ونصف)."""
    out: list[_Partial] = []
    lex = lexicon(t.language).entries
    k = 0
    for m in _WORD.finditer(view):
        word = m.group()
        unit = t.units.get(word)
        vague = t.vague.get(word)
        if vague is None and (unit is None or not (unit.form == "dual" or (unit.form == "singular" and unit.alone))):
            continue
        while k < len(taken) and taken[k][1] <= m.start():
            k += 1
        if k < len(taken) and taken[k][0] < m.end():
            continue
        if vague is not None:
            p = _vague(view, t, m.start() + vague[1], m.end(), vague[0])
            if p is not None:
                out.append(p)
                taken.insert(k, (p.start, p.end))
            continue
        assert unit is not None
        p = _Partial(m.start(), m.end(), 2.0 if unit.form == "dual" else 1.0, unit=unit)
        if unit.form == "singular":
            after = _chunks_after(view, m.end(), 2)
            words = [c[0] for c in after]
            if words and words[0] == t.connector and len(words) > 1:
                words, after = words[1:], after[1:]
                entry = lex.get(words[0])
                entry = entry if entry and not entry[5] else None
            else:
                entry = lex.get(words[0]) if words else None
                entry = entry if entry and entry[5] else None
            if entry and entry[0] == "F":
                p.value += entry[1]
                p.end = after[0][2]
        _finish(view, p, t, [], 0)
        out.append(p)
    return out


def _vague(view: str, t: Tables, start: int, end: int, base: float) -> _Partial | None:
    """«مئات القتلى», «عشرات الآلاف»: at least two of the base, approximately; the noun after it
    (with the article) is the unit."""
    p = _Partial(start, end, 2 * base, approx=True, bound="min")
    scale = base
    after = _chunks_after(view, end, 1)
    word = after[0][0].rstrip(".") if after else ""
    if word in t.vague and t.vague[word][1] == 0:
        second = t.vague[word][0]
        if second > base:
            p.value, p.end, scale = 2 * base * second, after[0][1] + len(word), second
            after = _chunks_after(view, p.end, 1)
    if after:
        noun = after[0][0].rstrip(".")
        if noun.startswith(t.article):
            noun = noun[len(t.article):]
        unit = t.units.get(noun)
        if unit is not None and unit.category in ("count", "currency"):
            p.unit, p.end = unit, after[0][1] + len(after[0][0].rstrip("."))
    if p.value > 1e15:
        return None
    p.scale = int(scale) if scale >= 1000 else None
    return p


def find_quantities_view(view: str, language: str = "ar") -> list[tuple[int, int, dict[str, Any]]]:
    """Quantities of a normalised view, in view coordinates."""
    t = tables(language)
    # cardinals; a weak word with the article («المئة» of "per cent») is never an amount itself
    nums = [f for f in scan_view(view, language)
            if f.kind == "cardinal" and not (f.weak_only and f.atoms[0].article)]
    parts: list[_Partial] = []
    i = 0
    while i < len(nums):
        p: _Partial | None = None
        if i + 1 < len(nums):
            p, i = _range(view, nums, i, t)
        if p is None:
            p, i = _single(view, nums, i, t)
        if p is not None:
            parts.append(p)
    taken = [(p.start, p.end) for p in parts]
    parts.extend(_lone_units(view, t, taken))
    parts.sort(key=lambda p: (p.start, -p.end))
    out: list[tuple[int, int, dict[str, Any]]] = []
    last_end = -1
    for p in parts:
        if p.start < last_end:
            continue  # overlapping: the earlier (longer) one wins
        last_end = p.end
        out.append((p.start, p.end, p.attrs(view)))
    return out


def find_quantities(text: str, language: str = "ar") -> list[Quantity]:
    """Every quantity of a raw text, with original offsets and contract attrs."""
    if not text:
        return []
    nv = NormalizedView(text, language)
    out: list[Quantity] = []
    for start, end, attrs in find_quantities_view(nv.view, language):
        ostart, oend = nv.to_original(start, end)
        if "product" in attrs:
            ps, pe = nv.to_original(*attrs["product"])
            attrs["product"] = text[ps:pe]
        out.append(Quantity(ostart, oend, attrs))
    return out
