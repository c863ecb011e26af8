"""Resolution of a :class:`TimeSpec` against a reference time (the publication date).

``resolve_time(spec, context)`` gives a :class:`Resolution`: a TIMEX3 ``value``, its ``grain`` and
the interval ``[start, end)`` it covers.  ``Context.prefer`` says how a date that does not say
which one is meant (a bare weekday, a month without a year) is read:

- ``"nearest"`` (news, the default): the closest one, except a bare weekday, which is the latest
  one up to the reference day (news tells what happened: in our gold articles every bare weekday is
  the publication day or one of the six days before it, «يوم الثلاثاء» in an article of Sunday is
  five days back; the future is marked, «الثلاثاء المقبل»، «غدا الأربعاء»); a weekday on the
  reference's own weekday is the reference day itself (الجمعة in an article of Friday 2025-07-11).
- ``"future"`` (Duckling's convention): the next one after the reference.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rasid.time.calendars import easter, hijri_month_start, hijri_to_gregorian, hijri_year_of
from rasid.time.spec import TimeSpec

_TIMEX_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M", "second": "S"}
_MONTH_PARTS = {"early": (1, 11), "late": (21, 32)}
_YEAR_PARTS = {"start": (1, 2), "early": (1, 5), "mid": (5, 9), "late": (9, 13)}


@dataclass(frozen=True, slots=True)
class Context:
    reference: dt.datetime | None
    prefer: str = "nearest"  # nearest | future


@dataclass(frozen=True, slots=True)
class Resolution:
    value: str
    grain: str
    start: dt.datetime | None
    end: dt.datetime | None
    resolved: bool


class _Unresolvable(Exception):
    pass


# -- calendar arithmetic --------------------------------------------------------------------
def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    if not 1 <= year <= 9999:
        raise _Unresolvable
    return dt.date(year, month, min(d.day, _month_days(year, month)))


def _month_days(year: int, month: int) -> int:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def _date(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except (ValueError, OverflowError) as exc:
        raise _Unresolvable from exc


def _step(start: dt.datetime, grain: str, n: int = 1) -> dt.datetime:
    if grain in ("month", "year"):
        months = n * (12 if grain == "year" else 1)
        d = add_months(start.date(), months)
        return start.replace(year=d.year, month=d.month, day=d.day)
    seconds = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}[grain]
    return start + dt.timedelta(seconds=seconds * n)


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def timex(start: dt.datetime, grain: str) -> str:
    if grain == "year":
        return f"{start.year:04d}"
    if grain == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if grain == "week":
        iso = start.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    day = start.date().isoformat()
    if grain == "day":
        return day
    if grain == "hour":
        return f"{day}T{start.hour:02d}"
    if grain == "minute":
        return f"{day}T{start.hour:02d}:{start.minute:02d}"
    return f"{day}T{start.hour:02d}:{start.minute:02d}:{start.second:02d}"


def duration_value(parts: dict[str, float]) -> str:
    order = ("year", "month", "week", "day", "hour", "minute", "second")
    date = "".join(f"{_num(parts[u])}{_TIMEX_UNITS[u]}" for u in order[:4] if u in parts)
    clock = "".join(f"{_num(parts[u])}{_TIMEX_UNITS[u]}" for u in order[4:] if u in parts)
    return "P" + date + ("T" + clock if clock else "")


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


# -- resolution -----------------------------------------------------------------------------
class Resolver:
    def __init__(self, context: Context) -> None:
        assert context.reference is not None
        self.ref = context.reference
        self.today = self.ref.date()
        self.prefer = context.prefer
        self.tz = self.ref.tzinfo

    def at(self, d: dt.date, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
        return dt.datetime(d.year, d.month, d.day, hour, minute, second, tzinfo=self.tz)

    def point(self, s: TimeSpec) -> tuple[dt.datetime, str, dt.datetime | None]:
        """(start, grain, explicit end or None)."""
        if s.now:
            return self.ref, "second", None
        if s.holiday is not None:
            return self.holiday(s)
        if s.offset is not None:
            moment = self.ref
            for unit, amount in s.offset.items():
                moment = _step(moment, unit, int(amount))
            if s.grain in ("day", "week", "month", "year"):
                return self.at(moment.date()), "day", None
            return moment.replace(second=0, microsecond=0) if s.grain != "second" else moment, s.grain, None
        day: dt.date | None = None
        grain = s.grain
        if s.shift is not None and (s.year_part is None):
            unit, n = s.shift
            if unit == "day":
                day = self.today + dt.timedelta(days=n)
            elif unit == "week":
                return self.at(_monday(self.today) + dt.timedelta(weeks=n)), "week", None
            elif unit == "month":
                return self.at(add_months(self.today.replace(day=1), n)), "month", None
            elif unit == "year":
                return self.at(_date(self.today.year + n, 1, 1)), "year", None
        elif s.weekday is not None and s.day is None and s.nth is None:
            day = self.weekday(s)
        elif s.after is not None and s.weekday is not None and s.nth:
            anchor, _, _ = self.point(s.after)
            d = anchor.date() + dt.timedelta(days=1)
            d += dt.timedelta(days=(s.weekday - d.weekday()) % 7)
            day = d + dt.timedelta(weeks=s.nth - 1)
        elif s.year_part is not None:
            year = s.year if s.year is not None else self.today.year + (s.shift[1] if s.shift else 0)
            a, b = _YEAR_PARTS[s.year_part]
            start = self.at(_date(year, a, 1))
            return start, "month", self.at(_date(year + (b > 12), (b - 1) % 12 + 1, 1))
        elif s.month is not None or s.month_shift is not None or s.day is not None or s.year is not None:
            return self.calendar_date(s)
        if day is None and s.hour is not None:
            return self.clock_today(s)
        if day is None:
            raise _Unresolvable
        return self.clock(s, day, grain)

    def clock_today(self, s: TimeSpec) -> tuple[dt.datetime, str, dt.datetime | None]:
        """A clock time with no day: today; with prefer=future, its next occurrence (am or pm)."""
        assert s.hour is not None
        start, grain, _ = self.clock(s, self.today, s.grain)
        if self.prefer != "future" or s.pm is not None:
            return start, grain, None  # a part of the day given (صباحا) means today's
        hours = [s.hour] if s.pm is not None or s.hour > 12 else [s.hour % 12, s.hour % 12 + 12]
        for day in (self.today, self.today + dt.timedelta(days=1)):
            for hour in hours:
                moment, grain, _ = self.clock(s.copy(hour=hour), day, s.grain)
                if moment >= self.ref:
                    return moment, grain, None
        return start, grain, None

    def clock(self, s: TimeSpec, day: dt.date, grain: str) -> tuple[dt.datetime, str, dt.datetime | None]:
        if s.hour is None:
            if s.part is not None:
                return self.at(day), "day", None
            return self.at(day), "day" if grain not in ("week", "month", "year") else grain, None
        hour = s.hour
        start = self.at(day, hour, s.minute or 0, s.second or 0)
        if s.tz is not None:
            zone = dt.timezone(dt.timedelta(minutes=s.tz))
            start = start.replace(tzinfo=zone).astimezone(self.tz)
        return start, s.grain, None

    def weekday(self, s: TimeSpec) -> dt.date:
        assert s.weekday is not None
        if s.week_shift is not None:
            return _monday(self.today) + dt.timedelta(weeks=s.week_shift, days=s.weekday)
        ahead = (s.weekday - self.today.weekday()) % 7
        if s.weekday_mod == 1:
            return self.today + dt.timedelta(days=ahead or 7)
        if s.weekday_mod == -1:
            back = (self.today.weekday() - s.weekday) % 7
            return self.today - dt.timedelta(days=back or 7)
        if self.prefer == "future":
            return self.today + dt.timedelta(days=ahead or 7)
        back = (self.today.weekday() - s.weekday) % 7
        return self.today - dt.timedelta(days=back)

    def year_month(self, s: TimeSpec) -> tuple[int, int]:
        t = self.today
        if s.month_shift is not None:
            d = add_months(t.replace(day=1), s.month_shift)
            return d.year, d.month
        month = s.month if s.month is not None else t.month
        if s.year is not None:
            return s.year, month
        if s.year_shift is not None:
            return t.year + s.year_shift, month
        if s.month is None:
            return t.year, month
        if s.month_mod is not None:
            if s.month_mod == 0:
                return t.year, month
            if s.month_mod < 0:
                return (t.year if month < t.month else t.year - 1), month
            return (t.year if month > t.month else t.year + 1), month
        if self.prefer == "future":
            return (t.year if month >= t.month else t.year + 1), month
        day = s.day or 15
        best = min((abs((_date(y, month, min(day, _month_days(y, month))) - t).days), -y, y)
                   for y in (t.year - 1, t.year, t.year + 1))
        return best[2], month

    def calendar_date(self, s: TimeSpec) -> tuple[dt.datetime, str, dt.datetime | None]:
        if s.calendar == "hijri":
            return self.hijri_date(s)
        if s.month is None and s.month_shift is None and s.day is None:
            assert s.year is not None
            return self.at(_date(s.year, 1, 1)), "year", None
        year, month = self.year_month(s)
        if s.nth is not None and s.weekday is not None:
            if s.nth > 0:
                first = _date(year, month, 1)
                d = first + dt.timedelta(days=(s.weekday - first.weekday()) % 7 + 7 * (s.nth - 1))
            else:
                last = _date(year, month, _month_days(year, month))
                d = last - dt.timedelta(days=(last.weekday() - s.weekday) % 7)
            if d.month != month:
                raise _Unresolvable
            return self.clock(s, d, "day")
        if s.nth_week is not None:
            first = _date(year, month, 1)
            monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
            if s.nth_week > 0:
                d = monday + dt.timedelta(weeks=s.nth_week - 1)
            else:
                last = _date(year, month, _month_days(year, month))
                d = _monday(last) if last.weekday() == 6 else _monday(last) - dt.timedelta(weeks=1)
            return self.at(d), "week", None
        if s.last_day:
            return self.at(_date(year, month, _month_days(year, month))), "day", None
        if s.month_part is not None:
            if s.month_part == "start":
                return self.at(_date(year, month, 1)), "day", None
            if s.month_part == "mid":
                return self.at(_date(year, month, 15)), "day", None
            a, b = _MONTH_PARTS[s.month_part]
            end = self.at(add_months(_date(year, month, 1), 1)) if b > 31 else self.at(_date(year, month, b))
            return self.at(_date(year, month, a)), "day", end
        if s.day is None:
            return self.at(_date(year, month, 1)), "month", None
        return self.clock(s, _date(year, month, s.day), "day")

    def hijri_date(self, s: TimeSpec) -> tuple[dt.datetime, str, dt.datetime | None]:
        year = s.year if s.year is not None else hijri_year_of(self.today)
        if s.notes.get("two_digit_year") and year < 100:
            year += 1400 if year + 1400 <= hijri_year_of(self.today) + 20 else 1300
        month = s.month or 1
        if s.day is None:
            start = hijri_month_start(year, month)
            end = hijri_month_start(year + (month == 12), month % 12 + 1)
            return self.at(start), "day", self.at(end)
        return self.clock(s, hijri_to_gregorian(year, month, s.day), "day")

    def holiday(self, s: TimeSpec) -> tuple[dt.datetime, str, dt.datetime | None]:
        h = s.holiday or {}
        year = s.year if s.year is not None else self.today.year + (s.year_shift or 0)
        calendar = h.get("calendar")
        if calendar == "gregorian":
            return self.at(_date(year, int(h["month"]), int(h["day"]))), "day", None
        if calendar == "easter":
            return self.at(easter(year)), "day", None
        month = int(h["month"])
        found: list[tuple[dt.date, dt.date | None]] = []
        for hy in (hijri_year_of(_date(year, 1, 1)), hijri_year_of(_date(year, 12, 31))):
            if "day" in h:
                d = hijri_to_gregorian(hy, month, int(h["day"]))
                end = None
            else:
                d = hijri_month_start(hy, month)
                end = hijri_month_start(hy + (month == 12), month % 12 + 1)
            if d.year == year and (d, end) not in found:
                found.append((d, end))
        if not found:
            raise _Unresolvable
        pick = next((f for f in found if f[0] >= self.today), found[0]) if s.year is None else found[0]
        return self.at(pick[0]), "day", (self.at(pick[1]) if pick[1] else None)

    def interval(self, s: TimeSpec) -> tuple[dt.datetime, dt.datetime, str]:
        if s.shift is not None and s.count is not None:
            unit, sign = s.shift
            here, _, _ = self.point(TimeSpec(shift=(unit, 0), grain=unit))
            if sign > 0:
                start = _step(here, unit)
                return start, _step(start, unit, s.count), unit
            return _step(here, unit, -s.count), here, unit
        if s.from_now and s.duration is not None:
            end = self.ref
            for unit, amount in s.duration.items():
                end = _step(end, unit, int(amount))
            if any(u in ("day", "week", "month", "year") for u in s.duration):
                end = self.at(end.date())
            return self.ref, end, "second"
        if s.from_now and s.end is not None:
            e_start, e_grain, e_end = self.point(s.end)
            end = (e_end or _step(e_start, e_grain)) if s.end_inclusive else e_start
            return self.ref, end, "second"
        assert s.start is not None and s.end is not None
        a, grain, _ = self.point(s.start)
        if s.start.weekday is not None and s.end.weekday is not None and s.end.day is None \
                and s.start.day is None and not s.start.has_clock and not s.end.has_clock:
            # يومي السبت والأحد: the second day follows the first
            b = a + dt.timedelta(days=(s.end.weekday - s.start.weekday) % 7)
            return a, _step(b, "day"), grain
        b, b_grain, b_end = self.point(s.end)
        end = b_end or _step(b, b_grain)
        if end <= a:
            raise _Unresolvable
        return a, end, grain


def resolve_time(spec: TimeSpec, context: Context) -> Resolution:
    """Resolve ``spec``; without a reference, only what needs none is resolved."""
    if spec.kind == "duration" and spec.duration is not None:
        return Resolution(duration_value(spec.duration), spec.grain, None, None, True)
    if spec.kind == "vague" and spec.vague is not None:
        return Resolution(spec.vague, "vague", None, None, True)
    reference = context.reference
    if reference is None:
        if not _absolute(spec):
            return Resolution(unresolved_value(spec), spec.grain, None, None, False)
        reference = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    elif reference.tzinfo is None:
        reference = reference.replace(tzinfo=dt.UTC)
    try:
        r = Resolver(Context(reference, context.prefer))
        if spec.kind == "interval":
            a, b, grain = r.interval(spec)
            last = _step(b, grain, -1) if grain in ("day", "week", "month", "year") else b
            return Resolution(f"{timex(a, grain)}/{timex(last, grain)}", grain, a, b, True)
        start, grain, end = r.point(spec)
        if end is not None:
            return Resolution(f"{timex(start, grain)}/{timex(_step(end, grain, -1), grain)}", grain, start,
                              end, True)
        if spec.part is not None and spec.hour is None:
            hours = _PART_HOURS.get(spec.part, (0, 24))
            a = start.replace(hour=hours[0])
            b = start + dt.timedelta(hours=hours[1])
            return Resolution(f"{timex(start, 'day')}T{_PART_TIMEX.get(spec.part, 'DT')}", "hour", a, b, True)
        return Resolution(timex(start, grain), grain, start, _step(start, grain), True)
    except (_Unresolvable, ValueError, OverflowError):
        return Resolution(unresolved_value(spec), spec.grain, None, None, False)


_PART_HOURS = {"morning": (4, 12), "noon": (12, 14), "afternoon": (12, 18), "evening": (18, 24), "night": (18, 24)}
_PART_TIMEX = {"morning": "MO", "noon": "MI", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _absolute(s: TimeSpec) -> bool:
    if s.kind == "interval":
        return s.start is not None and s.end is not None and _absolute(s.start) and _absolute(s.end)
    return s.year is not None and not s.now and s.shift is None and s.offset is None and s.after is None


def unresolved_value(s: TimeSpec) -> str:
    """A TIMEX3-like value with X for what only a reference could say (XXXX-07-13)."""
    if s.kind == "interval" and s.start is not None and s.end is not None:
        return f"{unresolved_value(s.start)}/{unresolved_value(s.end)}"
    if s.shift is not None:
        unit, n = s.shift
        return "PRESENT_REF" if n == 0 and unit == "day" else f"REF{'+' if n >= 0 else '-'}P{abs(n)}{_TIMEX_UNITS[unit]}"
    if s.offset is not None:
        sign = "-" if any(v < 0 for v in s.offset.values()) else "+"
        return "REF" + sign + duration_value({u: abs(v) for u, v in s.offset.items()})
    if s.now:
        return "PRESENT_REF"
    if s.weekday is not None and s.day is None:
        return f"XXXX-WXX-{s.weekday + 1}"
    year = f"{s.year:04d}" if s.year is not None else "XXXX"
    if s.month is None:
        return year
    month = f"{s.month:02d}"
    return f"{year}-{month}" + (f"-{s.day:02d}" if s.day is not None else "")
