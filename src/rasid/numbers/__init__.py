"""Numbers and quantities: numerals (digits and words) and quantities with units, as values."""

from __future__ import annotations

from rasid.numbers.numerals import Numeral, find_numerals, parse_numeral

__all__ = ["Numeral", "find_numerals", "parse_numeral"]
