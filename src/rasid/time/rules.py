"""Clock times, relative expressions, durations, intervals, and the left-to-right scan.

:class:`Rules` extends the date rules of :mod:`rasid.time.grammar`; :func:`scan` is the entry
point: the longest expression at each position, then the scan goes on after it.
"""

from __future__ import annotations

from rasid.time.grammar import _COMMA, _DASH, Grammar, Parse, Result, _longest
from rasid.time.spec import GRAINS, TimeSpec
from rasid.time.tokens import Tokens

_FRACTION_UNIT = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
                  "hour": ("minute", 60), "minute": ("second", 60)}


class Rules(Grammar):
    # -- clock ----------------------------------------------------------------------------
    def clock(self, k: int) -> Result | None:
        """[الساعة] 3[:18] [و18 دقيقة | وربع | إلا ثلث] [صباحا] [بتوقيت غرينتش]."""
        t = self.t
        hw = t.hit(k, "hour_word")
        kk = hw.j if hw is not None else k
        hour: float
        minute: int | None = None
        second: int | None = None
        colon = False
        if kk < t.n and t.toks[kk].digit:
            if len(t.toks[kk].text) > 2:
                return None
            hour = int(t.toks[kk].text)
            j = kk + 1
            if t.punct(j, ":") and t.tight(j) and t.tight(j + 1) and j + 1 < t.n and t.toks[j + 1].digit \
                    and len(t.toks[j + 1].text) == 2:
                colon = True
                minute = int(t.toks[j + 1].text)
                j += 2
                if t.punct(j, ":") and t.tight(j) and t.tight(j + 1) and j + 1 < t.n and t.toks[j + 1].digit \
                        and len(t.toks[j + 1].text) == 2:
                    second = int(t.toks[j + 1].text)
                    j += 2
            elif j < t.n and t.punct(j, ":/.,") and t.tight(j):
                return None
        else:
            num = t.num(kk, 0, 10**6, integer=False)
            if num is None:
                return None
            if hw is None and not num.ordinal:
                return None
            j = num.j
            hour = num.value
            if hour > 24 and num.first <= 12 and 0 < hour - num.first < 60 and hour == int(hour):
                minute = int(hour - num.first)  # الرابعة واربعون: 4:40, read by numerals as one 44
                hour = num.first
                mw = t.hit(j, "minute_word")
                j = mw.j if mw is not None else j
            elif hour != int(hour):  # الثانية عشرة ونصف → 12.5
                minute = round((hour - int(hour)) * 60)
                hour = int(hour)
        if hour > 24:
            return None
        if minute is None:
            j, minute, hour_adj = self.minutes(j)
            hour += hour_adj
        pod = t.hit(j, "pod")
        pm: bool | None = None
        if pod is not None:
            pm = bool(pod.payload["pm"])
            j = pod.j
        if hw is None and not colon and pod is None and minute is None:
            return None
        if not (0 <= hour <= 24) or (minute is not None and not 0 <= minute < 60):
            return None
        h = int(hour)
        if pm and h < 12:
            h += 12
        elif h > 12:
            pm = True
        spec = TimeSpec(hour=h % 24 if h == 24 else h, minute=minute, second=second, pm=pm,
                        grain="second" if second is not None else "minute" if minute is not None else "hour")
        if h == 24:
            spec.hour = 0
        tzm = t.hit(j, "tz_marker")
        tz = t.hit(tzm.j if tzm is not None else j, "tz")
        if tz is not None:
            spec.tz = int(tz.payload)
            spec.grain = "minute"
            j = tz.j
        return j, spec

    def minutes(self, j: int) -> tuple[int, int | None, int]:
        """After the hour: (end, minutes, hour adjustment)."""
        t = self.t
        minus = t.hit(j, "minus")
        if minus is not None:
            fr = t.hit(minus.j, "mfrac")
            if fr is not None:
                return fr.j, 60 - int(fr.payload), -1
            num = t.num(minus.j, 1, 59)
            if num is not None:
                end = num.j
                mw = t.hit(end, "minute_word")
                return (mw.j if mw else end), 60 - int(num.value), -1
            return j, None, 0
        k = j + 1 if t.is_and(j) else j
        fr = t.hit(k, "mfrac")
        if fr is not None and (k > j or fr.conj):
            return fr.j, int(fr.payload), 0
        num = t.num(k, 0, 59)
        if num is not None and (k > j or num.conj):
            mw = t.hit(num.j, "minute_word")
            if num.ordinal and mw is None:  # المرحلتين الثالثة والرابعة: a second ordinal, not minutes
                return j, None, 0
            return (mw.j if mw else num.j), int(num.value), 0
        return j, None, 0

    # -- durations and relative expressions ---------------------------------------------
    def duration_part(self, k: int) -> tuple[int, str, float, bool] | None:
        """(end, unit, amount, written without a number)."""
        t = self.t
        num = t.num(k, 1, 10**6, integer=False)
        if num is not None and not num.ordinal:
            unit = t.hit(num.j, "unit")
            if unit is not None and not unit.payload[2]:
                j, amount = unit.j, num.value
                return self._fraction(j, unit.payload[0], amount) + (False,)
            return None
        unit = t.hit(k, "unit")
        if unit is not None and not unit.payload[2]:
            grain, form, _ = unit.payload
            if form == "pl":
                return None
            amount = 2.0 if form == "du" else 1.0
            j, grain, amount = self._fraction(unit.j, grain, amount)
            return j, grain, amount, amount == 1.0
        moment = t.hit(k, "moment")
        if moment is not None:
            return moment.j, "second", 1.0, True
        return None

    def _fraction(self, j: int, unit: str, amount: float) -> tuple[int, str, float]:
        t = self.t
        k = j + 1 if t.is_and(j) else j
        fr = t.hit(k, "mfrac")
        if fr is not None and (k > j or fr.conj) and unit in _FRACTION_UNIT:
            return fr.j, unit, amount + int(fr.payload) / 60
        return j, unit, amount

    def duration(self, k: int) -> Result | None:
        t = self.t
        first = self.duration_part(k)
        if first is None:
            return None
        j, unit, amount, bare = first
        parts: dict[str, float] = {unit: amount}
        while True:
            nxt = j + 1 if (t.punct(j, _COMMA) or t.is_and(j)) else j
            more = self.duration_part(nxt) if nxt > j else None
            if more is None or more[1] in parts or more[3]:
                break
            j = more[0]
            parts[more[1]] = more[2]
            bare = False
        return j, TimeSpec(kind="duration", duration=_whole_units(parts), grain=_smallest(parts),
                           latent=bare)

    def relative(self, k: int) -> Result | None:
        t = self.t
        this = t.hit(k, "this")
        if this is not None:
            unit = t.hit(this.j, "unit")
            if unit is not None and unit.payload[2] and unit.payload[1] == "sg":
                return unit.j, TimeSpec(shift=(unit.payload[0], 0), grain=unit.payload[0])
            return None
        unit = t.hit(k, "unit")
        if unit is not None and unit.payload[2]:
            grain, form, _ = unit.payload
            if form == "sg":
                mod = t.hit(unit.j, "mod")
                if mod is not None and grain != "day":
                    return mod.j, TimeSpec(shift=(grain, int(mod.payload)), grain=grain)
                return None
            if form == "pl":
                j = unit.j
                count = t.num(j, 2, 100, ordinal=False)
                if count is not None:
                    j = count.j
                pmod = t.hit(j, "pmod")
                if pmod is None:
                    return None
                if count is not None:
                    sign = 1 if pmod.payload == "FUTURE_REF" else -1
                    return pmod.j, TimeSpec(kind="interval", shift=(grain, sign), count=int(count.value),
                                            grain=grain)
                return pmod.j, TimeSpec(kind="vague", vague=str(pmod.payload))
            return None
        for cat, sign in (("ago", -1), ("after", 1)):
            h = t.hit(k, cat)
            if h is not None:
                if cat == "ago":  # منذ 2006, منذ عام 2014: since a year, not «a year ago»
                    yr = self.year(h.j)
                    if yr is not None and "year" in yr[1] and 1000 <= int(yr[1]["year"]) <= 2200:
                        return yr[0], TimeSpec(year=int(yr[1]["year"]), grain="year",
                                               calendar=str(yr[1].get("calendar") or "gregorian"))
                d = self.duration(h.j)
                if d is None:
                    return None
                j, dur = d
                assert dur.duration is not None
                grain = dur.grain if GRAINS.index(dur.grain) < GRAINS.index("day") else "day"
                return j, TimeSpec(offset={u: sign * v for u, v in dur.duration.items()}, grain=grain)
        rf = t.hit(k, "range_from")
        if rf is not None:  # من أسبوع: a week ago (Duckling), latent
            d = self.duration(rf.j)
            if d is not None and d[1].latent and d[1].duration is not None:
                grain = d[1].grain if GRAINS.index(d[1].grain) < GRAINS.index("day") else "day"
                return d[0], TimeSpec(offset={u: -v for u, v in d[1].duration.items()}, grain=grain,
                                      latent=True)
        w = t.hit(k, "within")
        if w is not None:
            d = self.duration(w.j)
            if d is not None and d[1].duration is not None:
                return d[0], TimeSpec(kind="interval", from_now=True, duration=d[1].duration, grain="second")
            inner = self.relative(w.j)
            if inner is not None and inner[1].kind in ("vague", "interval"):
                return inner
        f = t.hit(k, "for")
        if f is not None:
            d = self.duration(f.j)
            if d is not None:
                return d[0], d[1].copy(latent=False)
        return None

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
        if sep is None and first.j < t.n and t.toks[first.j].text[:1] in "وو":  # والثلاثاء: one token
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


def _smallest(parts: dict[str, float]) -> str:
    return min(parts, key=GRAINS.index)


def _whole_units(parts: dict[str, float]) -> dict[str, float]:
    out: dict[str, float] = {}
    for unit, amount in parts.items():
        whole = int(amount)
        if amount != whole and unit in _FRACTION_UNIT:
            small, factor = _FRACTION_UNIT[unit]
            out[small] = out.get(small, 0) + round((amount - whole) * factor)
            if whole:
                out[unit] = whole
        else:
            out[unit] = amount
    return out


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
