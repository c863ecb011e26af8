"""What a time expression says, before it is resolved against a reference time.

A :class:`TimeSpec` is the grammar's output: calendar fields that were written, relative parts
(shifts and offsets from the reference), or an interval, a duration or a vague reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

GRAINS = ("second", "minute", "hour", "day", "week", "month", "year")


def finer(a: str, b: str) -> str:
    return a if GRAINS.index(a) <= GRAINS.index(b) else b


@dataclass(slots=True)
class TimeSpec:
    kind: str = "point"  # point | interval | duration | vague
    # calendar fields as written
    year: int | None = None
    month: int | None = None
    day: int | None = None
    calendar: str = "gregorian"
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    pm: bool | None = None  # None: a clock hour that may be am or pm
    part: str | None = None  # part of the day (morning, night …)
    tz: int | None = None  # minutes east of UTC the clock time was given in
    # relative parts
    now: bool = False
    shift: tuple[str, int] | None = None  # (unit, n): the unit n steps from the reference's
    offset: dict[str, float] | None = None  # an exact offset from the reference instant
    month_shift: int | None = None  # الشهر القادم as the month of a date
    year_shift: int | None = None  # السنة القادمة as the year of a date
    month_mod: int | None = None  # يوليو الحاري (0), نوفمبر الماضي (-1), المقبل (+1)
    weekday_mod: int | None = None
    week_shift: int | None = None  # الأحد من الأسبوع الماضي
    nth: int | None = None  # nth weekday of the month (-1: last)
    nth_week: int | None = None  # nth full week of the month (-1: last)
    last_day: bool = False
    month_part: str | None = None  # start, early, mid, late
    year_part: str | None = None
    holiday: dict[str, Any] | None = None
    after: TimeSpec | None = None  # nth weekday after this anchor
    # interval, duration, vague
    start: TimeSpec | None = None
    end: TimeSpec | None = None
    from_now: bool = False  # interval opened at the reference (حتى …, خلال …)
    end_inclusive: bool = True  # end is the last unit included (13-15 يوليو)
    duration: dict[str, float] | None = None
    vague: str | None = None
    count: int | None = None  # الأسابيع الثلاثة القادمة
    latent: bool = False
    approx: bool = False
    grain: str = "day"
    notes: dict[str, Any] = field(default_factory=dict)

    def copy(self, **changes: Any) -> TimeSpec:
        return replace(self, **changes)

    @property
    def has_date(self) -> bool:
        return any(v is not None for v in (self.day, self.weekday, self.holiday, self.nth)) or (
            self.shift is not None and self.shift[0] == "day"
        ) or self.last_day

    @property
    def has_clock(self) -> bool:
        return self.hour is not None

    @property
    def is_point(self) -> bool:
        return self.kind == "point"
