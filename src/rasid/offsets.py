"""A normalised view of a text with an index map back to the original.

Match on the view, report spans in original coordinates.  The folding rules are data
(``lang/ar/normalization.yaml``); this module holds no Arabic strings.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import compress

from rasid import lang


def _expand_ranges(items: list[str]) -> str:
    chars: list[str] = []
    for item in items:
        if len(item) == 3 and item[1] == "-":
            chars.extend(chr(c) for c in range(ord(item[0]), ord(item[2]) + 1))
        else:
            chars.append(item)
    return "".join(chars)


class _Tables:
    def __init__(self, language: str) -> None:
        data = lang.load(language, "normalization")
        self.removed = _expand_ranges(data["remove"])
        table: dict[int, str | None] = {}
        for src, dst in data["map"].items():
            table[ord(src)] = dst
        for zero in data["digits"]:
            for k in range(10):
                table[ord(zero) + k] = str(k)
        self.one_to_one = {k: v for k, v in table.items() if v is not None and len(v) == 1}
        self.table = dict(table)
        for ch in self.removed:
            self.table[ord(ch)] = None
        self.search_map = {ord(k): (v or None) for k, v in data.get("search_map", {}).items()}
        self.remove_re = re.compile("[" + re.escape(self.removed) + "]")
        # compatibility (presentation) forms need NFKC, which may expand one char into several
        self.compat_re = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFE]")
        self.marks = frozenset(
            ch for ch in self.removed if unicodedata.category(ch) == "Mn"
        )


@lru_cache(maxsize=4)
def tables(language: str = "ar") -> _Tables:
    return _Tables(language)


class NormalizedView:
    """``view`` is the folded text; ``index[i]`` is the original offset of ``view[i]``."""

    __slots__ = ("original", "view", "_index", "_marks")

    _index: list[int] | None

    def __init__(self, original: str, language: str = "ar") -> None:
        t = tables(language)
        self.original = original
        self._marks = t.marks
        if t.compat_re.search(original):
            self.view, self._index = self._slow(original, t)
        elif not t.remove_re.search(original):
            self.view = original.translate(t.one_to_one)
            self._index = None  # identity
        else:
            keep = bytearray(b"\x01") * len(original)
            for m in t.remove_re.finditer(original):
                keep[m.start()] = 0
            self.view = original.translate(t.table)
            self._index = list(compress(range(len(original)), keep))
        if self._index is not None:
            self._index.append(len(original))

    @staticmethod
    def _slow(original: str, t: _Tables) -> tuple[str, list[int]]:
        out: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(original):
            pieces = unicodedata.normalize("NFKC", ch) if t.compat_re.match(ch) else ch
            for piece in pieces:
                mapped = t.table.get(ord(piece), piece)
                if mapped is None:
                    continue
                for c in mapped:
                    out.append(c)
                    index.append(i)
        return "".join(out), index

    def __len__(self) -> int:
        return len(self.view)

    def orig(self, i: int) -> int:
        """Original offset of view position ``i`` (``i == len(view)`` maps to the text's end)."""
        if self._index is None:
            return i
        return self._index[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open view span to the original; trailing diacritics are included."""
        if self._index is None:
            return start, end
        if start >= end:
            pos = self._index[start]
            return pos, pos
        ostart = self._index[start]
        oend = self._index[end - 1] + 1
        limit = self._index[end]
        while oend < limit and self.original[oend] in self._marks:
            oend += 1
        return ostart, oend

    def to_original_many(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``to_original`` of every span, in one call (for callers that map thousands of words)."""
        index = self._index
        if index is None:
            return list(spans)
        original, marks = self.original, self._marks
        out: list[tuple[int, int]] = []
        for start, end in spans:
            if start >= end:
                pos = index[start]
                out.append((pos, pos))
                continue
            oend = index[end - 1] + 1
            limit = index[end]
            while oend < limit and original[oend] in marks:
                oend += 1
            out.append((index[start], oend))
        return out

    def to_view(self, offset: int) -> int:
        """View position of an original offset (the first view char at or after it)."""
        if self._index is None:
            return offset
        return bisect_right(self._index, offset - 1)


def normalize(text: str, language: str = "ar") -> str:
    """The folded text alone (no index map)."""
    return NormalizedView(text, language).view


def search_key(text: str, language: str = "ar") -> str:
    """A coarser key for matching and search: the view plus hamza-carrier folding, lower case."""
    t = tables(language)
    return normalize(text, language).translate(t.search_map).lower()
