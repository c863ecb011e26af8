"""Paragraphs, sentences, boilerplate lines and in-text headings, as spans of the original text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rasid import lang
from rasid.document import Span
from rasid.offsets import NormalizedView

_PARA_RE = re.compile(r"[^\n]+(?:\n(?![ \t\u00a0]*\n)[^\n]*)*")
_LINE_RE = re.compile(r"[^\n]+")

# Sentence-final marks; ؛ (Arabic semicolon) ends a sentence too, ، (comma) does not.
_FINAL = ".!?\u061F\u061B;\u06D4\u2026"
_OPENERS = {"«": "»", "“": "”", "\u201e": "”"}
_CLOSERS = set("»”\"'’)")
# the characters split_sentences acts on; it jumps over everything else
_SPECIAL_RE = re.compile("[" + re.escape("\n" + "".join(_OPENERS) + "”»" + _FINAL) + "]")


def _trimmed(text: str, start: int, end: int, also: str = "") -> tuple[int, int]:
    """``[start, end)`` without the white space (and the characters of ``also``) at either end."""
    while start < end and (text[start].isspace() or text[start] in also):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in also):
        end -= 1
    return start, end


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines; a single newline inside a block does not split it."""
    spans = []
    for m in _PARA_RE.finditer(text):
        s, e = _trimmed(text, m.start(), m.end())
        if s < e:
            spans.append(Span(s, e))
    return spans


def lines(text: str) -> Iterator[tuple[int, int]]:
    for m in _LINE_RE.finditer(text):
        s, e = _trimmed(text, m.start(), m.end())
        if s < e:
            yield s, e


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]``: end marks . ! ؟ ؛ and line breaks; not inside «…» “…”,
    not in decimals (2.5) or dotted abbreviations (أ.ف.ب); a closing quote stays with its sentence."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    depth = 0
    sent_start = start
    i = start
    special = _SPECIAL_RE.search
    while i < end:
        found = special(text, i, end)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        cut: int | None = None
        if ch == "\n":
            cut = i
            depth = 0
        elif ch in _OPENERS:
            depth += 1
        elif ch == "”" or ch == "»":
            if depth > 0:
                depth -= 1
            elif ch == "”":
                depth += 1  # ” used as an opening mark, as real text sometimes does
        elif ch in _FINAL and depth == 0:
            prev_ch = text[i - 1] if i > start else ""
            next_ch = text[i + 1] if i + 1 < end else ""
            if ch == "." and (prev_ch.isdigit() and next_ch.isdigit()):
                pass
            elif ch == "." and next_ch and not next_ch.isspace() and next_ch not in _CLOSERS:
                pass  # abbreviation or URL: أ.ف.ب, cnn.com
            else:
                j = i + 1
                while j < end and (text[j] in _FINAL or text[j] in _CLOSERS):
                    j += 1
                cut = j
        if cut is not None:
            s, e = _trimmed(text, sent_start, cut)
            if s < e:
                spans.append(Span(s, e))
            sent_start = cut
            i = max(cut, i + 1)
            continue
        i += 1
    s, e = _trimmed(text, sent_start, end)
    if s < e:
        spans.append(Span(s, e))
    return spans


@dataclass(frozen=True)
class _Rules:
    lines: list[tuple[re.Pattern[str], str]]  # whole lines
    prefixes: list[tuple[re.Pattern[str], str]]  # the start of a paragraph
    min_words: int  # a heading, and a line of furniture, has this many words …
    max_words: int  # … up to this many, and no final punctuation
    final: str
    read_more: re.Pattern[str] | None  # an in-line link to another article


@lru_cache(maxsize=2)
def _boilerplate_rules(language: str) -> _Rules:
    data = lang.load(language, "boilerplate")
    heading = data["headings"]
    markers = "|".join(re.escape(m) for m in data.get("read_more", []))
    return _Rules(
        [(re.compile(r["pattern"], re.IGNORECASE), str(r["reason"])) for r in data["boilerplate"]],
        [(re.compile(r["pattern"], re.IGNORECASE), str(r["reason"])) for r in data.get("prefixes", [])],
        int(heading["min_words"]), int(heading["max_words"]), str(heading["final_punctuation"]),
        re.compile(r"(?<!\w)(?:" + markers + r")(?:\s+\w+){0,2}\s*(?::|\.\.)") if markers else None,
    )


_INVISIBLE = "\u200e\u200f\u200b\ufeff"
TEASER_LINES = 2  # cut-off lines at a page's end that make a block of teasers


def furniture_lines(text: str, rules: _Rules) -> tuple[list[Span], list[Span]]:
    """Page furniture seen line by line (one line break apart, which paragraphs do not see), as
    ``(boilerplate, headings)``: a run of short lines with no final punctuation right before a
    longer line (one such line is a heading; several, titles of related articles), the last lines
    of a page when two or more of them stop short of any final punctuation (teasers of other
    articles, cut off), and an in-line «اقرأ..:» link."""
    rows = []
    for start, end in lines(text):
        start, end = _trimmed(text, start, end, _INVISIBLE)
        if start < end:
            rows.append((start, end, len(text[start:end].split()), text[end - 1] in rules.final))
    tail = 0
    while tail < len(rows) and not rows[-1 - tail][3] and rows[-1 - tail][2] > rules.max_words:
        tail += 1
    teasers = rows[len(rows) - tail:] if tail >= TEASER_LINES else []
    boiler: list[Span] = []
    headings: list[Span] = []
    run: list[tuple[int, int]] = []
    for start, end, n, closed in rows[:len(rows) - len(teasers)]:
        if not closed and rules.min_words <= n <= rules.max_words:
            run.append((start, end))
            continue
        if len(run) == 1 and n > rules.max_words:
            headings.append(Span(*run[0], {"reason": "short unpunctuated line"}))
        elif run and n > rules.max_words:
            boiler.extend(Span(a, b, {"reason": "related-article line"}) for a, b in run)
        run = []
    boiler.extend(Span(a, b, {"reason": "teaser of another article"}) for a, b, _, _ in teasers)
    for m in rules.read_more.finditer(text) if rules.read_more else ():
        stop = text.find("\n", m.start())
        boiler.append(Span(m.start(), len(text) if stop < 0 else stop, {"reason": "link to another article"}))
    return boiler, headings


def boilerplate_and_headings(text: str, language: str = "ar") -> tuple[list[Span], list[Span]]:
    """Mark page furniture (share buttons, read-also links, bylines) and in-text headings."""
    rules = _boilerplate_rules(language)
    boiler: list[Span] = []
    for s, e in lines(text):
        view = NormalizedView(text[s:e], language)
        folded = view.view.strip()
        for pattern, reason in rules.lines:
            if pattern.match(folded):
                boiler.append(Span(s, e, {"reason": reason, "line": True}))
                break
        else:
            for pattern, reason in rules.prefixes:
                m = pattern.match(view.view)
                if m:
                    ps, pe = view.to_original(m.start(), m.end())
                    boiler.append(Span(s + ps, s + pe, {"reason": reason}))
                    break
    boiler_starts = {b.start for b in boiler if b.attrs.get("line")}
    for b in boiler:
        b.attrs.pop("line", None)
    paras = [p for p in paragraphs(text) if p.start not in boiler_starts]
    headings: list[Span] = []
    for k, para in enumerate(paras[:-1]):
        piece = text[para.start : para.end]
        if "\n" in piece or piece[-1] in rules.final:
            continue
        words = piece.split()
        following = text[paras[k + 1].start : paras[k + 1].end]
        if rules.min_words <= len(words) <= rules.max_words and len(following.split()) > len(words):
            headings.append(Span(para.start, para.end, {"reason": "short unpunctuated paragraph"}))
    taken = [(b.start, b.end) for b in boiler + headings]
    line_boiler, line_headings = furniture_lines(text, rules)
    for layer, found in ((headings, line_headings), (boiler, line_boiler)):
        for span in found:  # what the rules above marked wins
            if not any(a < span.end and span.start < b for a, b in taken):
                layer.append(span)
                taken.append((span.start, span.end))
    headings.sort(key=lambda h: h.start)
    boiler.sort(key=lambda b: b.start)
    return boiler, headings
