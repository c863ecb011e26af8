"""Visual (display-order) Arabic for terminals that have no bidirectional support.

Most terminals draw characters left to right in the order they are stored, which turns Arabic
into mirror writing.  :func:`visual_lines` wraps a styled text into lines of logical order and
returns each line in display order: runs of right-to-left words reversed, Latin words and numbers
kept in reading order, Arabic letters shaped into their joined forms (arabic-reshaper), mirrored
brackets swapped.  Styles stay on their words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.text import Text

_RTL_CHAR = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
_LTR_WORD = re.compile(r"^[\W_]*[A-Za-z0-9\u00C0-\u024F][\w.,:%/\-]*[\W_]*$")
_MIRROR = str.maketrans("()[]{}<>«»“”‹›", ")(][}{><»«”“›‹")


@lru_cache(maxsize=1)
def _reshaper() -> object | None:
    try:
        import arabic_reshaper
    except ImportError:  # pragma: no cover - a dependency; fall back to unshaped letters
        return None
    # no ligatures: one shaped form per letter keeps every letter's style in place
    return arabic_reshaper.ArabicReshaper(configuration={"support_ligatures": False})


def _shape(word: str) -> str:
    reshaper = _reshaper()
    return word if reshaper is None else str(reshaper.reshape(word))  # type: ignore[attr-defined]


def _words(line: Text) -> list[Text]:
    out: list[Text] = []
    for m in re.finditer(r"\S+", line.plain):
        out.append(line[m.start() : m.end()])
    return out


def _style_at(word: Text, i: int) -> str:
    piece = word[i : i + 1]
    return str(piece.spans[0].style) if piece.spans else ""


def _visual_word(word: Text) -> Text:
    """An Arabic word shaped (joined letter forms) and reversed, each letter keeping its style."""
    plain = word.plain
    shaped = _shape(plain)
    letters = shaped if len(shaped) == len(plain) else plain
    out = Text()
    # runs of digits/Latin inside a word («و15») keep their reading order
    runs = [(m.start(), m.end()) for m in re.finditer(r"[0-9A-Za-z.,%]+|[^0-9A-Za-z.,%]+", plain)]
    for start, end in reversed(runs):
        if re.match(r"[0-9A-Za-z]", plain[start]):
            for i in range(start, end):
                out.append(plain[i], style=_style_at(word, i))
        else:
            for i in range(end - 1, start - 1, -1):
                out.append(letters[i].translate(_MIRROR), style=_style_at(word, i))
    return out


def visual_line(line: Text) -> Text:
    """One wrapped line in display order (right-to-left paragraph direction)."""
    words = _words(line)
    runs: list[list[Text]] = []
    for word in words:
        if runs and _is_ltr(word) and _is_ltr(runs[-1][0]):
            runs[-1].append(word)
        else:
            runs.append([word])
    out = Text()
    for run in reversed(runs):
        pieces = run if _is_ltr(run[0]) else [_visual_word(w) for w in run]
        for k, piece in enumerate(pieces):
            if k or len(out):
                out.append(" ")
            out.append_text(piece)
    return out


def _is_ltr(word: Text) -> bool:
    return bool(_LTR_WORD.match(word.plain)) or not _RTL_CHAR.search(word.plain)


def visual_lines(text: Text, width: int) -> list[Text]:
    """Wrap ``text`` (logical order) to ``width`` columns and return display-order lines."""
    lines: list[Text] = []
    for paragraph in text.split("\n"):
        if not paragraph.plain.strip():
            lines.append(Text(""))
            continue
        current = Text()
        for word in _words(paragraph):
            if len(current) and len(current) + 1 + len(word) > width:
                lines.append(current)
                current = Text()
            if len(current):
                current.append(" ")
            current.append_text(word)
        lines.append(current)
    return [visual_line(line) for line in lines]
