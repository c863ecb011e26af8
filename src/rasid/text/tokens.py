"""Clitic-aware tokens: whitespace/punctuation tokens with the clitic-stripped stem as offsets.

«لكوريا» is one token whose ``stem`` is «كوريا»; «للتعاون» has proclitics ل+ال and stem «تعاون»;
«جنودها» has the enclitic ها and stem «جنود».  A split is made only when the stem is a more
frequent word in the news lexicon than the whole token (see ``lang/ar/clitics.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasid import lang
from rasid.document import Span
from rasid.offsets import NormalizedView
from rasid.text.lexicon import load_lexicon

_AR = "\u0621-\u063A\u0641-\u064A\u066E\u066F\u0671-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC"
_MARKS = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200C\u200D"
TOKEN_RE = re.compile(
    rf"(?P<ar>[{_AR}][{_AR}{_MARKS}]*)"
    r"|(?P<num>\d+(?:[.,\u066B\u066C]\d+)*)"
    r"|(?P<latin>[^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])"
    r"|(?P<other>[^\s_])"  # an underscore joins hashtag words (#كرم_أبو_سالم): a separator
)


@dataclass(frozen=True)
class Segmentation:
    proclitics: str  # normalised proclitic letters, e.g. "و" or "بال" or "لل"
    prefix_len: int  # view characters removed at the front (article kept except after لل)
    suffix_len: int
    enclitic: str


class CliticSegmenter:
    def __init__(self, language: str = "ar") -> None:
        data = lang.load(language, "clitics")
        self.lexicon = load_lexicon()
        self.no_split = frozenset(data["no_split"])
        self.min_len = int(data["min_stem_length"])
        self.min_count = int(data["min_stem_count"])
        self.min_ratio = float(data["min_stem_ratio"])
        self.enclitics = sorted(data["enclitics"], key=len, reverse=True)
        article = data["article"]
        conj = [""] + list(data["conjunctions"])
        prep = [""] + list(data["prepositions"])
        lam_article = data["lam_article"]
        # candidate proclitic strings that are removed; the article stays with the stem,
        # except in the ل+ال contraction, which swallows it.
        prefixes: set[str] = set()
        for c in conj:
            for p in prep:
                if c or p:
                    prefixes.add(c + p)
            prefixes.add(c + lam_article)
        self.prefixes = sorted(prefixes, key=len, reverse=True)
        self.article = article
        self.lam_article = lam_article

    def count(self, word: str) -> int:
        return self.lexicon.get(word, 0)

    # only ``_split`` (memoised, 100k words) calls this, on its misses: 92 % of these are new words
    # (ANT, 2,400 articles), so a small memo does as well as a large one
    @lru_cache(maxsize=20_000)  # noqa: B019 - one segmenter per process
    def segment(self, word: str) -> Segmentation | None:
        """Segment a normalised Arabic word; ``None`` when nothing is split."""
        if word in self.no_split or len(word) <= self.min_len:
            return None
        whole = self.count(word)
        best: tuple[int, Segmentation] | None = None
        for prefix in [""] + self.prefixes:
            if prefix and not word.startswith(prefix):
                continue
            rest = word[len(prefix):]
            if prefix.endswith(self.lam_article) and prefix != self.lam_article[:1]:
                lookup = self.article + rest  # للتعاون → التعاون
            else:
                lookup = rest
            for enclitic in [""] + self.enclitics:
                if not prefix and not enclitic:
                    continue
                if enclitic and not rest.endswith(enclitic):
                    continue
                stem = rest[: len(rest) - len(enclitic)] if enclitic else rest
                if len(stem) < self.min_len:
                    continue
                key = lookup[: len(lookup) - len(enclitic)] if enclitic else lookup
                if enclitic and key.endswith("ت"):
                    key = key[:-1] + "ه"  # زيارته → زياره
                score = self.count(key)
                if score < self.min_count or score <= whole * self.min_ratio:
                    continue
                if best is None or score > best[0]:
                    best = (score, Segmentation(prefix, len(prefix), len(enclitic), enclitic))
        return best[1] if best else None


@lru_cache(maxsize=2)
def segmenter(language: str = "ar") -> CliticSegmenter:
    return CliticSegmenter(language)


@lru_cache(maxsize=100_000)
def _split(word: str, language: str) -> tuple[int, int, str, str] | None:
    """(stem start, stem end, proclitics, enclitic) of one Arabic token, offsets within the token."""
    view = NormalizedView(word, language)
    cut = segmenter(language).segment(view.view)
    if cut is None:
        return None
    os_, oe = view.to_original(cut.prefix_len, len(view.view) - cut.suffix_len)
    return os_, oe, cut.proclitics, cut.enclitic


def tokenize(text: str, start: int = 0, end: int | None = None, language: str = "ar") -> list[Span]:
    """Token spans of ``text[start:end]`` in original offsets (see module doc for attrs)."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for match in TOKEN_RE.finditer(text, start, end):
        kind = match.lastgroup or "other"
        s, e = match.span()
        attrs: dict[str, object] = {"kind": kind}
        if kind == "ar":
            cut = _split(match.group(), language)
            if cut is not None:
                os_, oe, proclitics, enclitic = cut
                attrs["stem"] = [s + os_, s + oe]
                if proclitics:
                    attrs["proclitics"] = proclitics
                if enclitic:
                    attrs["enclitic"] = enclitic
        spans.append(Span(s, e, attrs))
    return spans


def stem_span(token: Span) -> tuple[int, int]:
    """The token without attached clitics (the token itself when nothing was split)."""
    stem = token.attrs.get("stem")
    if isinstance(stem, list):
        return int(stem[0]), int(stem[1])
    return token.start, token.end
