"""Time expressions in Arabic text, resolved against the publication date.

``find_times(text, reference)`` gives every expression with its TIMEX3 value, grain and the
interval it covers; ``parse_time(text, reference)`` reads a whole string as one expression.
The words are data (``lang/ar/months.yaml``, ``weekdays.yaml``, ``time_words.yaml``).
"""

from __future__ import annotations

from rasid.time.extract import TimeMention, find_times, parse_time

__all__ = ["TimeMention", "find_times", "parse_time"]
