"""The time grammar: named rules over the tokens of the normalised view.

Each rule reads tokens from a position and returns ``(end, TimeSpec)`` or ``None``; the words
it needs are lexicon categories (``month``, ``weekday``, ``unit``, ``mod`` …), never strings.
:func:`scan` walks the text left to right and keeps the longest expression at each position.
Every rule looks ahead a bounded number of tokens, so the scan is linear in the text length.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasid.time.spec import TimeSpec
from rasid.time.tokens import Tokens

Result = tuple[int, TimeSpec]
_COMMA = ",،"
_DASH = "-–—"
_DATE_SEP = "/-."


@dataclass(slots=True)
class Parse:
    """An expression between tokens ``i`` and ``j`` (exclusive); ``skip``: clitic letters."""

    i: int
    j: int
    spec: TimeSpec
    skip: int = 0


def _longest(*results: Result | None) -> Result | None:
    best: Result | None = None
    for r in results:
        if r is not None and (best is None or r[0] > best[0]):
            best = r
    return best


class Grammar:
    def __init__(self, tokens: Tokens, hijri: bool = False) -> None:
        self.t = tokens
        self.hijri = hijri  # numeric dates are Hijri (a caller's setting)

    # -- small pieces ---------------------------------------------------------------------
    def glue(self, k: int, *cats: str) -> int:
        """Skip one optional glue word of the given categories."""
        for cat in cats:
            h = self.t.hit(k, cat)
            if h is not None:
                return h.j
        return k

    def comma(self, k: int) -> int:
        return k + 1 if self.t.punct(k, _COMMA) else k

    def year(self, k: int) -> tuple[int, dict[str, Any]] | None:
        """[من|في] [سنة|عام] YEAR [era]  or  السنة القادمة."""
        t = self.t
        k0 = self.glue(k, "of")
        yw = t.hit(k0, "year_word")
        if yw is not None:
            mod = t.hit(yw.j, "mod")
            if mod is not None and t.has_article(yw):
                return mod.j, {"year_shift": int(mod.payload)}
            kk = yw.j
        else:
            kk = k0
        paren = yw is not None and t.punct(kk, "(")
        kk += paren
        if kk >= t.n or not t.toks[kk].digit:
            return None
        digits = t.toks[kk].text
        if paren and not t.punct(kk + 1, ")"):
            return None
        if len(digits) > 4 or (yw is None and len(digits) != 4):
            return None
        if kk + 2 < t.n and t.punct(kk + 1, ":/.,") and t.tight(kk + 1) and t.tight(kk + 2) \
                and t.toks[kk + 2].digit:
            return None  # 2016.5, 2016/17: not a year
        value = int(digits)
        out: dict[str, Any] = {"year": value}
        j = kk + 1 + paren
        era = t.hit(j, "era")
        if era is not None:
            out["calendar"] = str(era.payload)
            j = era.j
        elif 1300 <= value <= 1500 and yw is None:
            return None  # a bare 13xx/14xx number is not taken as a year without its era
        if not (100 <= value <= 2200 or (yw is not None and 1 <= value <= 99)):
            return None  # far years are not read as dates
        return j, out

    def month(self, k: int, allow_weak: bool = False) -> tuple[int, dict[str, Any]] | None:
        """[شهر] MONTH [mod] [year]  |  شهر N  |  الشهر التاسع  |  (هذا) الشهر (القادم)."""
        t = self.t
        out: dict[str, Any] = {}
        mw = t.hit(k, "month_word")
        this = t.hit(k, "this")
        if this is not None:
            mw2 = t.hit(this.j, "month_word")
            if mw2 is not None and t.has_article(mw2):
                return mw2.j, {"month_shift": 0}
        kk = mw.j if mw is not None else k
        name = t.hit(kk, "month")
        if name is not None:
            number, calendar, weak = name.payload
            j = name.j
            j = self.twin_month(j, number)
            out = {"month": number, "calendar": calendar}
            mod = t.hit(j, "mod")
            if mod is not None:
                out["month_mod"] = int(mod.payload)
                j = mod.j
            yr = self.year(j)
            if yr is not None and calendar == "hijri" and "calendar" not in yr[1] and int(yr[1].get("year", 0)) > 1600:
                yr = None  # رمضان 2019 is the holiday of a Gregorian year, not a Hijri date
            if yr is not None:
                j, fields = yr
                out.update(fields)
            if weak and not (allow_weak or mw is not None or yr is not None):
                return None
            return j, out
        if mw is None:
            return None
        if t.has_article(mw):
            mod = t.hit(mw.j, "mod")
            if mod is not None:
                return mod.j, {"month_shift": int(mod.payload)}
            num = t.num(mw.j, 1, 12, ordinal=True)
        else:
            num = t.num(mw.j, 1, 12)
            if num is not None and num.ordinal:
                num = None
        if num is None:
            return None
        j = num.j
        out = {"month": int(num.value)}
        yr = self.year(j)
        if yr is not None:
            j, fields = yr
            out.update(fields)
        return j, out

    def twin_month(self, j: int, number: int) -> int:
        """The same month in a second family: فبراير/شباط, شباط (فبراير)."""
        t = self.t
        k = j + 1 if t.punct(j, "/(") else j
        if k == j:
            return j
        other = t.hit(k, "month")
        if other is None or other.payload[0] != number:
            return j
        return other.j + 1 if t.punct(other.j, ")") and t.toks[k - 1].text == "(" else other.j

    def day_number(self, k: int) -> tuple[int, int] | None:
        """[اليوم] 13 | الثالث عشر | ثالث يوم."""
        t = self.t
        dw = t.hit(k, "day_word")
        kk = dw.j if dw is not None and t.has_article(dw) else k
        num = t.num(kk, 1, 31)
        if num is None or (num.digits and num.digits > 2):
            return None
        if num.digits and num.j < t.n and t.punct(num.j, ":/") and t.tight(num.j):
            return None
        j = num.j
        if num.ordinal:
            dw2 = t.hit(j, "day_word")
            if dw2 is not None and not t.has_article(dw2) and kk == k:
                j = dw2.j
        elif kk != k:
            return None  # اليوم 13 is not a date
        return j, int(num.value)

    @staticmethod
    def _apply_month(spec: TimeSpec, m: dict[str, Any]) -> TimeSpec:
        for key, value in m.items():
            setattr(spec, key, value)
        return spec

    # -- dates --------------------------------------------------------------------------
    def date(self, k: int) -> Result | None:
        return _longest(self.day_month(k), self.month_day(k), self.numeric_date(k),
                        self.year_only(k), self.month_part(k))

    def day_month(self, k: int) -> Result | None:
        dn = self.day_number(k)
        if dn is None:
            return None
        j, day = dn
        m = self.month(self.glue(j, "of"), allow_weak=True)
        if m is None:
            return None
        j, fields = m
        return j, self._apply_month(TimeSpec(day=day, grain="day"), fields)

    def month_day(self, k: int) -> Result | None:
        m = self.month(k)
        if m is None:
            return None
        j, fields = m
        spec = self._apply_month(TimeSpec(grain="month"), fields)
        if "year" not in fields and "year_shift" not in fields and "month" in fields:
            num = self.t.num(j, 1, 31)
            if num is not None and num.digits and num.digits <= 2 and not (
                    num.j < self.t.n and self.t.punct(num.j, ":/" + _DASH)):
                spec.day, spec.grain = int(num.value), "day"
                j = num.j
                yr = self.year(j)
                if yr is not None:
                    j, yf = yr
                    self._apply_month(spec, yf)  # type: ignore[arg-type]
        if spec.month_shift is not None and spec.day is None:
            spec.shift, spec.month_shift = ("month", int(spec.month_shift)), None
        return j, spec

    def numeric_date(self, k: int) -> Result | None:
        """13/07/2025, 2025-07-13, 14-09-1432 هـ, 21/09, 2/2013."""
        t = self.t
        parts: list[str] = []
        seps: list[str] = []
        j = k
        spaced = False
        j = k + 1 if t.punct(k, "(") and k + 1 < t.n and t.toks[k + 1].digit else k
        opened = j > k
        while j < t.n and t.toks[j].digit and len(parts) < 4:
            parts.append(t.toks[j].text)
            if j + 2 < t.n and t.punct(j + 1, _DATE_SEP) and t.toks[j + 2].digit and (
                    (t.tight(j + 1) and t.tight(j + 2))
                    or (t.toks[j + 1].gap == " " and t.toks[j + 2].gap == " ")):
                spaced = spaced or not t.tight(j + 1)
                seps.append(t.toks[j + 1].text)
                j += 2
            else:
                j += 1
                break
        if opened:
            if not t.punct(j, ")"):
                return None
            j += 1
        if spaced and (len(parts) != 3 or len(parts[2]) != 4):
            return None  # 3 / 4 is a fraction; only a full date with its year may be spaced
        if len(parts) < 2 or len(parts) > 3 or len(set(seps)) > 1:
            return None
        spec = TimeSpec(grain="day", calendar="hijri" if self.hijri else "gregorian")
        n = [int(p) for p in parts]
        if len(parts) == 3:
            if len(parts[0]) == 4:
                spec.year, spec.month, spec.day = n
            elif len(parts[2]) in (2, 4):
                spec.day, spec.month, spec.year = n
                if len(parts[2]) == 2:
                    spec.notes["two_digit_year"] = True
            else:
                return None
        elif seps[0] == "/":
            if len(parts[1]) == 4 and n[0] <= 12:
                spec.month, spec.year, spec.day = n[0], n[1], 1
            elif len(parts[0]) <= 2 and len(parts[1]) <= 2:
                spec.day, spec.month = n
            else:
                return None
        else:
            return None
        if not (1 <= (spec.month or 0) <= 12 and 1 <= (spec.day or 0) <= 31):
            return None
        era = t.hit(j, "era")
        if era is not None:
            spec.calendar = str(era.payload)
            j = era.j
        return j, spec

    def year_only(self, k: int) -> Result | None:
        t = self.t
        yw = t.hit(self.glue(k, "of"), "year_word")
        if yw is None:
            return None
        yr = self.year(k)
        if yr is None:
            return None
        j, fields = yr
        spec = TimeSpec(grain="year")
        if "year_shift" in fields:
            spec.shift = ("year", int(fields["year_shift"]))
        else:
            self._apply_month(spec, fields)  # type: ignore[arg-type]
        return j, spec

    def month_part(self, k: int) -> Result | None:
        """أوائل آذار, منتصف الشهر المقبل, بداية شهر 3, أواخر العام الماضي."""
        t = self.t
        mp = t.hit(k, "mpart")
        if mp is None:
            return None
        m = self.month(mp.j, allow_weak=True)
        if m is not None:
            j, fields = m
            spec = self._apply_month(TimeSpec(grain="day", month_part=str(mp.payload)), fields)
            return j, spec
        yw = t.hit(mp.j, "year_word")
        if yw is not None and t.has_article(yw):
            mod = t.hit(yw.j, "mod")
            shift = int(mod.payload) if mod is not None else 0
            return (mod.j if mod else yw.j), TimeSpec(grain="month", shift=("year", shift),
                                                       year_part=str(mp.payload))
        yr = self.year(mp.j)
        if yr is not None:
            j, fields = yr
            return j, self._apply_month(TimeSpec(grain="month", year_part=str(mp.payload)), fields)  # type: ignore[arg-type]
        return None

    # -- weekdays and nth -----------------------------------------------------------------
    def week_ref(self, k: int) -> tuple[int, int] | None:
        """هذا الأسبوع | الأسبوع الماضي (after an optional من)."""
        t = self.t
        k = self.glue(k, "of")
        this = t.hit(k, "this")
        if this is not None:
            ww = t.hit(this.j, "week_word")
            if ww is not None and t.has_article(ww):
                return ww.j, 0
            return None
        ww = t.hit(k, "week_word")
        if ww is not None and t.has_article(ww):
            mod = t.hit(ww.j, "mod")
            if mod is not None:
                return mod.j, int(mod.payload)
        return None

    def weekday(self, k: int) -> Result | None:
        t = self.t
        dw = t.hit(k, "day_word")
        kk = dw.j if dw is not None and not t.has_article(dw) else k
        this = t.hit(kk, "this")
        if this is not None:
            kk = this.j
        wd = t.hit(kk, "weekday")
        if wd is None:
            return None
        number, bare = wd.payload
        j = wd.j
        spec = TimeSpec(weekday=number, grain="day")
        if this is not None:
            spec.weekday_mod = 0
            return j, spec
        nth = self.nth_in_month(j, number)
        if nth is not None:
            return nth
        wr = self.week_ref(j)
        if wr is not None:
            spec.week_shift = wr[1]
            return wr[0], spec
        if bare and kk == k:
            return None
        mod = t.hit(j, "mod")
        if mod is not None:
            spec.weekday_mod = int(mod.payload)
            return mod.j, spec
        dn = self.day_number(j)
        if dn is not None:
            j2, day = dn
            spec.day = day
            after = self.glue(j2, "of")
            m = self.month(after, allow_weak=True)
            if m is not None:
                j2, fields = m
                self._apply_month(spec, fields)
            return j2, spec
        return j, spec

    def nth_in_month(self, k: int, weekday: int) -> Result | None:
        """(weekday) الثالث من أيلول | الأخير من شهر ثلاثة."""
        t = self.t
        last = t.hit(k, "last")
        if last is not None:
            n, j = -1, last.j
        else:
            num = t.num(k, 1, 5, ordinal=True)
            if num is None:
                return None
            n, j = int(num.value), num.j
        m = self.month(self.glue(j, "of"), allow_weak=True)
        if m is None:
            return None
        j, fields = m
        return j, self._apply_month(TimeSpec(weekday=weekday, nth=n, grain="day"), fields)

    def ordinal_lead(self, k: int) -> tuple[int, int] | None:
        """ثالث | آخر, before the thing counted."""
        t = self.t
        last = t.hit(k, "last")
        if last is not None:
            return last.j, -1
        num = t.num(k, 1, 5, ordinal=True)
        if num is not None:
            return num.j, int(num.value)
        return None

    def nth(self, k: int) -> Result | None:
        """ثالث ثلاثاء من أيلول, أول أسبوع بأكتوبر, آخر يوم بشهر عشرة, … بعد كريسماس."""
        t = self.t
        lead = self.ordinal_lead(k)
        if lead is not None:
            j, n = lead
            dw = t.hit(j, "day_word")
            wd = t.hit(dw.j if dw is not None else j, "weekday")
            if wd is not None:
                j2 = wd.j
                m = self.month(self.glue(j2, "of"), allow_weak=True)
                if m is not None:
                    j3, fields = m
                    return j3, self._apply_month(TimeSpec(weekday=wd.payload[0], nth=n, grain="day"), fields)
                af = t.hit(j2, "after")
                if af is not None and n > 0:
                    anchor = _longest(self.holiday(af.j), self.date(af.j))
                    if anchor is not None:
                        return anchor[0], TimeSpec(weekday=wd.payload[0], nth=n, after=anchor[1], grain="day")
                return None
            ww = t.hit(j, "week_word")
            if ww is not None and not t.has_article(ww):
                m = self.month(self.glue(ww.j, "of"), allow_weak=True)
                if m is not None:
                    j3, fields = m
                    return j3, self._apply_month(TimeSpec(nth_week=n, grain="week"), fields)
            if dw is not None and not t.has_article(dw) and n == -1:
                m = self.month(self.glue(dw.j, "of"), allow_weak=True)
                if m is not None:
                    j3, fields = m
                    return j3, self._apply_month(TimeSpec(last_day=True, grain="day"), fields)
            return None
        ww = t.hit(k, "week_word")
        dw = t.hit(k, "day_word")
        head = ww if ww is not None else dw
        if head is None or not t.has_article(head):
            return None
        lead = self.ordinal_lead(head.j)
        if lead is None:
            return None
        j, n = lead
        m = self.month(self.glue(j, "of"), allow_weak=True)
        if m is None:
            return None
        j3, fields = m
        if head is ww:
            return j3, self._apply_month(TimeSpec(nth_week=n, grain="week"), fields)
        if n == -1:
            return j3, self._apply_month(TimeSpec(last_day=True, grain="day"), fields)
        return None

    # -- fixed phrases, holidays ----------------------------------------------------------
    def phrase(self, k: int) -> Result | None:
        h = self.t.hit(k, "phrase")
        if h is None:
            return None
        p = h.payload
        if "vague" in p:
            return h.j, TimeSpec(kind="vague", vague=str(p["vague"]))
        if p.get("now"):
            return h.j, TimeSpec(now=True, grain="second")
        (unit, n), = p["shift"].items()
        spec = TimeSpec(shift=(str(unit), int(n)), grain=str(unit), part=p.get("part"))
        return h.j, spec

    def holiday(self, k: int) -> Result | None:
        h = self.t.hit(k, "holiday")
        if h is None:
            return None
        spec = TimeSpec(holiday=dict(h.payload), grain="day")
        j = h.j
        yr = self.year(j)
        if yr is not None:
            j, fields = yr
            if "year" in fields:
                spec.year = int(fields["year"])
            elif "year_shift" in fields:
                spec.year_shift = int(fields["year_shift"])
        elif h.payload.get("weak"):
            return None
        return j, spec

    def part_of_day_date(self, k: int) -> Result | None:
        """صباح الجمعة, مساء أمس, ليلة الخميس."""
        pod = self.t.hit(k, "pod")
        if pod is None:
            return None
        inner = _longest(self.weekday(pod.j), self.phrase(pod.j), self.day_month(pod.j))
        if inner is None or not inner[1].has_date or inner[1].part is not None:
            return None
        return inner[0], inner[1].copy(part=str(pod.payload["part"]))
