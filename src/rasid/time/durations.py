"""Clock times, durations and relative expressions («منذ يومين», «خلال 3 أيام», «الساعة الثالثة والربع»).

:class:`Durations` extends the date rules of :mod:`rasid.time.grammar`; :mod:`rasid.time.rules`
composes them into points and intervals.
"""

from __future__ import annotations

from rasid.time.grammar import _COMMA, Grammar, Result
from rasid.time.spec import GRAINS, TimeSpec

_FRACTION_UNIT = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
                  "hour": ("minute", 60), "minute": ("second", 60)}


class Durations(Grammar):
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
