"""Points, intervals and the left-to-right scan.

:class:`Rules` composes the date rules of :mod:`rasid.time.grammar` and the clock, duration and
relative rules of :mod:`rasid.time.durations`; :func:`scan` is the entry point: the longest
expression at each position, then the scan goes on after it.
"""

from __future__ import annotations

from rasid.time.durations import Durations
from rasid.time.grammar import _DASH, Parse, Result, _longest
from rasid.time.spec import TimeSpec
from rasid.time.tokens import Tokens


class Rules(Durations):
    # -- points and composition -----------------------------------------------------------
    def point(self, k: int) -> Result | None:
        base = _longest(self.date(k), self.weekday(k), self.nth(k), self.phrase(k), self.holiday(k),
                        self.part_of_day_date(k), self.clock(k), self.relative(k))
        if base is None or base[1].kind != "point":
            return base
        return self.extend(*base)

    def extend(self, j: int, spec: TimeSpec) -> Result:
        for _ in range(3):
            k = self.comma(j)
            k = self.glue(k, "corresponding", "at")
            if spec.shift is not None and spec.shift[0] == "day" and abs(spec.shift[1]) <= 1 \
                    and spec.weekday is None and not spec.has_clock:
                w = self.weekday(k)  # أمس الأحد, اليوم الأربعاء: the day named
                if w is not None and w[1].day is None and w[1].weekday_mod is None and w[1].week_shift is None:
                    wspec = w[1].copy(part=spec.part, weekday_mod=1 if spec.shift[1] > 0 else None)
                    j, spec = w[0], wspec
                    continue
            if spec.weekday is not None and spec.day is None and spec.nth is None:
                d = self.date(k)
                if d is not None and d[1].day is not None:
                    j, spec = d[0], d[1].copy(weekday=spec.weekday)
                    continue
            if spec.has_date and not spec.has_clock:
                c = self.clock(k)
                if c is not None:
                    j, spec = c[0], _merge(spec, c[1])
                    continue
            if spec.has_clock and not spec.has_date:
                d = _longest(self.date(k), self.weekday(k), self.phrase(k))
                if d is not None and d[1].kind == "point" and d[1].has_date and not d[1].has_clock:
                    j, spec = d[0], _merge(d[1], spec)
                    continue
            if spec.has_date and not spec.has_clock:
                rng = self.clock_range(k)
                if rng is not None:
                    return rng[0], _date_over(spec, rng[1])
            break
        return j, spec

    # -- intervals ------------------------------------------------------------------------
    def day_range(self, k: int) -> Result | None:
        """[من|بين [يومي]] 13 (إلى|-|و) 15 [من] تموز."""
        t = self.t
        between = t.hit(k, "between")
        kk = k
        if between is not None:
            kk = self.glue(between.j, "between_days")
        else:
            kk = self.glue(k, "range_from")
        first = self.day_number(kk)
        if first is None:
            return None
        j, d1 = first
        sep = self._range_sep(j, between is not None)
        if sep is None:
            return None
        second = self.day_number(sep)
        if second is None:
            return None
        j, d2 = second
        m = self.month(self.glue(j, "of"), allow_weak=True)
        if m is None or d2 < d1:
            return None
        j, fields = m
        start = self._apply_month(TimeSpec(day=d1, grain="day"), fields)
        return j, TimeSpec(kind="interval", start=start, end=start.copy(day=d2), grain="day")

    def weekday_pair(self, k: int) -> Result | None:
        """[بين] يومي الاثنين والثلاثاء: the two named days, first to second."""
        t = self.t
        between = t.hit(k, "between")
        days = t.hit(between.j if between is not None else k, "between_days")
        if days is None:
            return None
        first = t.hit(days.j, "weekday")
        if first is None:
            return None
        sep = self._range_sep(first.j, True)
        if sep is None and t.glued_and(first.j):  # والثلاثاء: one token
            sep = first.j
        second = t.hit(sep, "weekday") if sep is not None else None
        if second is None:
            return None
        start = TimeSpec(weekday=int(first.payload[0]), grain="day")
        end = TimeSpec(weekday=int(second.payload[0]), grain="day")
        return second.j, TimeSpec(kind="interval", start=start, end=end, grain="day")

    def month_range(self, k: int) -> Result | None:
        """تموز 13 إلى 15."""
        t = self.t
        m = self.month(k)
        if m is None:
            return None
        j, fields = m
        if "year" in fields:
            return None
        n1 = t.num(j, 1, 31)
        if n1 is None or not n1.digits:
            return None
        sep = self._range_sep(n1.j, False)
        n2 = t.num(sep, 1, 31) if sep is not None else None
        if n2 is None or n2.value < n1.value:
            return None
        j = n2.j
        yr = self.year(j)
        if yr is not None:
            j, yf = yr
            fields = {**fields, **yf}
        start = self._apply_month(TimeSpec(day=int(n1.value), grain="day"), fields)
        return j, TimeSpec(kind="interval", start=start, end=start.copy(day=int(n2.value)), grain="day")

    def _range_sep(self, j: int, between: bool) -> int | None:
        t = self.t
        if t.punct(j, _DASH):
            return j + 1
        if between and t.is_and(j):
            return j + 1
        if between and t.tight(j + 1) is False and t.num(j, 1, 31) is not None and t.num(j, 1, 31).conj:  # type: ignore[union-attr]
            return j
        to = t.hit(j, "range_to")
        if to is not None:
            return to.j
        if between:
            n = t.num(j, 1, 31)
            if n is not None and n.conj:
                return j
        return None

    def point_range(self, k: int) -> Result | None:
        """من X إلى Y | بين X و Y, the two ends sharing what only one of them says."""
        t = self.t
        between = t.hit(k, "between")
        opener = between or t.hit(k, "range_from")
        if opener is None:
            return None
        left = self.point(opener.j)
        if left is None or left[1].kind != "point":
            return None
        j = left[0]
        sep = j + 1 if (between is not None and t.is_and(j)) else None
        if sep is None:
            to = t.hit(j, "range_to")
            sep = to.j if to is not None else (j + 1 if t.punct(j, _DASH) else None)
        if sep is None:
            return None
        right = self.point(sep)
        if right is None or right[1].kind != "point":
            return None
        a, b = _share(left[1], right[1])
        return right[0], TimeSpec(kind="interval", start=a, end=b, grain=b.grain)

    def clock_range(self, k: int) -> Result | None:
        r = self.point_range(k)
        if r is None or r[1].start is None or not r[1].start.has_clock or r[1].start.has_date:
            return None
        return r

    def until(self, k: int) -> Result | None:
        t = self.t
        u = t.hit(k, "until")
        if u is None:
            return None
        p = self.point(u.j)
        if p is None or p[1].kind != "point" or p[1].latent:
            return None
        return p[0], TimeSpec(kind="interval", from_now=True, end=p[1], grain="second",
                              end_inclusive=not p[1].has_clock)

    def expression(self, k: int) -> Result | None:
        t = self.t
        kk = k
        approx = False
        for _ in range(2):
            h = t.hit(kk, "approx") or t.hit(kk, "at")
            if h is None:
                break
            approx = approx or h.cat == "approx"
            kk = h.j
        res = _longest(self.point(kk), self.day_range(kk), self.weekday_pair(kk), self.month_range(kk),
                       self.point_range(kk),
                       self.until(kk), self.duration(kk))
        if res is None and kk != k:
            res = _longest(self.point(k), self.duration(k))
        if res is None:
            return None
        if approx:
            res[1].approx = True
        return res


def _merge(date: TimeSpec, clock: TimeSpec) -> TimeSpec:
    out = date.copy(hour=clock.hour, minute=clock.minute, second=clock.second, pm=clock.pm, tz=clock.tz,
                    grain=clock.grain)
    if out.shift is not None and out.shift[0] == "day":
        out.grain = clock.grain
    return out


def _date_over(date: TimeSpec, rng: TimeSpec) -> TimeSpec:
    assert rng.start is not None and rng.end is not None
    return rng.copy(start=_merge(date, rng.start), end=_merge(date, rng.end))


_SHARED_FIELDS = ("year", "month", "calendar", "month_mod", "month_shift", "year_shift", "weekday", "shift")


def _share(a: TimeSpec, b: TimeSpec) -> tuple[TimeSpec, TimeSpec]:
    """Fill each end of a range with what only the other end says (13 إلى 15 تموز)."""
    a, b = a.copy(), b.copy()
    if a.day is not None and b.day is not None:
        for f in ("year", "month", "calendar", "month_mod", "month_shift", "year_shift"):
            va, vb = getattr(a, f), getattr(b, f)
            if va is None and vb is not None:
                setattr(a, f, vb)
            elif vb is None and va is not None:
                setattr(b, f, va)
    if a.has_clock and b.has_clock:
        if a.pm is None and b.pm is not None and a.hour is not None and a.hour < 12:
            a.pm = b.pm
            if b.pm and a.hour < 12:
                a.hour += 12
        for f in ("day", "month", "year", "weekday", "shift"):
            if getattr(a, f) is None and getattr(b, f) is not None:
                setattr(a, f, getattr(b, f))
    return a, b


def scan(tokens: Tokens, hijri: bool = False) -> list[Parse]:
    """Every time expression of the tokens, longest first, left to right."""
    quiet = tokens.quiet()
    if all(quiet):
        return []
    rules = Rules(tokens, hijri)
    out: list[Parse] = []
    i = 0
    while i < tokens.n:
        if quiet[i]:  # same as the test below for a word that is neither content nor in the lexicon
            i += 1
            continue
        if not tokens.content(i) and not (tokens.hits(i) and (tokens.content(i + 1) or tokens.content(i + 2))):
            i += 1
            continue
        res = rules.expression(i)
        if res is None or res[0] <= i:
            i += 1
            continue
        hits = tokens.hits(i)
        skip = min((h.skip for h in hits), default=0)
        out.append(Parse(i, res[0], res[1], skip))
        i = res[0]
    return out
