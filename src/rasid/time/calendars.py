"""Calendar conversions: Hijri (Umm al-Qura, via hijridate) and the date of Easter."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Umm al-Qura date to Gregorian.  Day 30 of a 29-day month is read as the day after day 29
    (tables disagree by a day at month ends); years outside the table raise ValueError."""
    if not 1 <= month <= 12 or not 1 <= day <= 30:
        raise ValueError(f"no Hijri date {year}-{month}-{day}")
    length = Hijri(year, month, 1).month_length()
    if day > length:
        if day != 30:
            raise ValueError(f"no Hijri date {year}-{month}-{day}")
        return Hijri(year, month, length).to_gregorian() + dt.timedelta(days=day - length)
    g = Hijri(year, month, day).to_gregorian()
    return dt.date(g.year, g.month, g.day)


def hijri_month_start(year: int, month: int) -> dt.date:
    return hijri_to_gregorian(year, month, 1)


def hijri_year_of(day: dt.date) -> int:
    """The Hijri year a Gregorian date falls in (ValueError outside the table, 1924–2077)."""
    return int(Gregorian(day.year, day.month, day.day).to_hijri().year)


def easter(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday, anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
