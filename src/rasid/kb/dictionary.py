"""The ``gazetteer`` stage: mentions of curated KB names that the statistical NER missed.

The NER has high precision and low recall on organisations, armed groups and outlets
(«للحوثيين», «التحالف العربي»).  This stage walks the token stream and looks up word n-grams,
longest first, in the KB's own strict-key table (:mod:`rasid.kb.index`), restricted to prominent
entities (countries, capitals, big cities, curated actors and places).  The first word may carry
proclitics (و ف ب ل ك لل): the span starts after them.  A match is added to ``entities`` only
where it overlaps no NER span; an NER span that is a strict prefix of a longer known name is
extended to it.  One-word aliases that are also common words (the lexicon sees their other
definiteness form often: الشرق/شرق) or listed in ``lang/ar/gazetteer.yaml`` are never tagged
alone, and neither is a key the KB gives to entities of different types.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from rasid import lang
from rasid.document import Document, Span
from rasid.kb.fold import is_arabic, rules, strict_key, strip_proclitic
from rasid.kb.index import KBEntity, KnowledgeBase, load_kb
from rasid.pipeline import register
from rasid.text.lexicon import load_lexicon

VERSION = "1.0"
SOURCE = "gazetteer"
READINGS_MEMO = 20_000  # token forms whose first-word readings are kept (cleared when full; ~9 MB)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a key names: the KB type and the entity's row (the best by prior)."""

    type: str
    index: int
    words: int
    curated: bool = True


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # original offsets of the name (proclitics left out)
    end: int
    first: int  # token indices [first, last)
    last: int
    entry: Entry


class Gazetteer:
    """Lookup tables built once per process from the KB and ``lang/ar/gazetteer.yaml``."""

    def __init__(self, kb: KnowledgeBase | None = None, lexicon: dict[str, int] | None = None) -> None:
        self.kb = kb or load_kb()
        config = lang.load("ar", "gazetteer")
        self.max_words = int(config["max_words"])
        self.score_multi = float(config["score_multi_word"])
        self.score_one = float(config["score_one_word"])
        kinds = frozenset(config["kinds"])
        never = frozenset(strict_key(w) for w in config.get("never_alone", []))
        counts = _strict_counts(load_lexicon() if lexicon is None else lexicon)
        ratio, min_count = float(config["common_ratio"]), int(config["common_min_count"])
        verb_ratio, place_min = float(config["verb_ratio"]), int(config["place_min_count"])
        article = rules().article
        conj = rules().proclitics[0]
        self.counts = counts
        self.place_prior = float(config["place_min_prior"])
        self.entries: dict[str, Entry] = {}
        for key, raw in self.kb.tables["S"].items():
            if key in never or not key:
                continue
            ents = [self.kb.entity(int(i)) for i in raw.split(",")]
            ents = [e for e in ents if e.fuzzy and e.kind in kinds]
            if not ents or len({e.type for e in ents}) > 1:
                continue  # not prominent, or ambiguous between types
            arabic = any(is_arabic(c) for c in key)
            if not arabic and not (key.isascii() and len(key) >= 2 and ents[0].kind == "actor"):
                continue  # Latin names: curated actors' acronyms only (CNN, NATO)
            if arabic and " " not in key:
                if _common_word(key, counts, article, ratio, min_count):
                    continue
                seen = counts.get(key, 0)
                if counts.get(conj + key, 0) >= verb_ratio * max(seen, 1) and seen >= min_count:
                    continue  # و+word as common as the word: a verb or particle (كان, ذكر)
                if not _curated(ents) and (seen < place_min or not any(
                        e.kind == "capital" or e.prior >= self.place_prior for e in ents)):
                    continue  # a minor place news hardly names: likely a homograph (معرفة, كيف)
            if arabic and len(key.replace(" ", "")) < 3:
                continue
            best = max(ents, key=lambda e: (e.prior, -e.index))
            self.entries[key] = Entry(best.type, best.index, key.count(" ") + 1, _curated(ents))
        # every word-level beginning of a name ("a", "a b", "a b c" for "a b c"): lookups stop early
        self.prefixes: frozenset[str] = frozenset(
            " ".join(parts[:k]) for parts in (key.split(" ") for key in self.entries) for k in range(1, len(parts) + 1))
        self._readings_memo: dict[tuple[str, str, int | None], tuple[tuple[int, str], ...]] = {}

    # -- matching ----------------------------------------------------------------------------
    def _first_readings(self, text: str, kind: str, stem_at: int | None) -> tuple[tuple[int, str], ...]:
        """(offset in the token, strict key) readings of a name's first token: as written and
        without proclitics (``stem_at``: where the tokens layer's ``stem`` starts, or by stripping
        و ف ب ل ك لل).  Memoised per token form: the same words recur in every article."""
        memo_key = (text, kind, stem_at)
        found = self._readings_memo.get(memo_key)
        if found is not None:
            return found
        out = [(0, text)]
        if kind == "ar":
            if stem_at is not None:
                out.append((stem_at, text[stem_at:]))
            key = strict_key(text)
            for reading in strip_proclitic(key):
                if self.counts.get(key, 0) > self.counts.get(reading, 0):
                    continue  # the token as written is the commoner word (كانت is not ك + انت)
                cut = _cut_offset(text, key, reading, rules().lil, rules().article)
                if cut is not None and all(cut != s for s, _ in out):
                    out.append((cut, reading))
        found = tuple((offset, strict_key(first)) for offset, first in out)
        if len(self._readings_memo) >= READINGS_MEMO:
            self._readings_memo.clear()
        self._readings_memo[memo_key] = found
        return found

    def find(self, doc: Document, tokens: list[Span]) -> list[Match]:
        """Longest-first, left-to-right matches over ``tokens`` (one sentence or a whole text).

        One pass: a token starts a lookup only when one of its readings is the first word of a
        known name (``self.prefixes``); the name then grows a token at a time while it is still
        the beginning of a known name.  Keys are joined from per-token strict keys, which equals
        the strict key of the joined text (the key folds character by character and collapses
        separators)."""
        text = doc.text
        n = len(tokens)
        breaks = [t.attrs.get("kind") in ("punct", "num") for t in tokens]
        matches: list[Match] = []
        i = 0
        while i < n:
            found = None if breaks[i] else self._match_at(text, tokens, breaks, i)
            if found is None:
                i += 1
            else:
                matches.append(found)
                i = found.last
        return matches

    def _match_at(self, text: str, tokens: list[Span], breaks: list[bool], i: int) -> Match | None:
        token = tokens[i]
        attrs = token.attrs
        kind = attrs.get("kind", "ar")
        stem = attrs.get("stem")
        stem_at = None
        if kind == "ar" and attrs.get("proclitics") and isinstance(stem, (list, tuple)) \
                and token.start < stem[0] < token.end:
            stem_at = int(stem[0]) - token.start
        readings = self._first_readings(text[token.start:token.end], kind, stem_at)
        prefixes, entries = self.prefixes, self.entries
        best: tuple[int, int, Entry] | None = None  # (size, offset in the first token, entry)
        for offset, first in readings:
            if first not in prefixes:
                continue
            key, size, j = first, 0, i
            while True:
                entry = entries.get(key)
                if entry is not None and entry.words == size + 1 and (offset == 0 or size > 0 or entry.curated) \
                        and (best is None or size > best[0]):
                    # proclitic readings and Latin names: the surface must be a whole key
                    best = (size, offset, entry)
                j += 1
                if j >= len(tokens) or j - i >= self.max_words or breaks[j]:
                    break
                if tokens[j].start > tokens[j - 1].end + 1 and "\n" in text[tokens[j - 1].end:tokens[j].start]:
                    break
                word = strict_key(text[tokens[j].start:tokens[j].end])
                if word:
                    key = f"{key} {word}" if key else word
                    if key not in prefixes:
                        break
                size += 1
        if best is None:
            return None
        size, offset, entry = best
        return Match(token.start + offset, tokens[i + size].end, i, i + size + 1, entry)

    def score(self, match: Match) -> float:
        return self.score_multi if match.entry.words > 1 else self.score_one


def _curated(ents: list[KBEntity]) -> bool:
    """Countries, continents and the curated actors and places (prior 0.9 and above)."""
    return any(e.kind in ("country", "continent") or e.prior >= 0.9 for e in ents)


def _strict_counts(lexicon: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for word, count in lexicon.items():
        key = strict_key(word)
        out[key] = out.get(key, 0) + count
    return out


def _common_word(key: str, counts: dict[str, int], article: str, ratio: float, min_count: int) -> bool:
    """A one-word alias whose other definiteness form is frequent is a common word (الشرق/شرق)."""
    other = key[len(article):] if key.startswith(article) else article + key
    seen = counts.get(key, 0)
    return counts.get(other, 0) >= max(min_count, ratio * seen)


def _cut_offset(text: str, key: str, reading: str, lil: str, article: str) -> int | None:
    """How many original characters of ``text`` precede ``reading`` (marks skipped): a reading
    of لل+X as ال+X starts after the first ل (the span cannot include the elided alef)."""
    if key.startswith(lil) and reading.startswith(article) and reading[len(article):] == key[len(lil):]:
        removed = 1
    elif key.endswith(reading):
        removed = len(key) - len(reading)
    else:
        return None
    letters = 0
    for pos, ch in enumerate(text):
        if ch.isalpha():
            if letters == removed:
                return pos
            letters += 1
    return None


_LOCK = threading.Lock()
_GAZETTEER: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    global _GAZETTEER
    with _LOCK:
        if _GAZETTEER is None:
            _GAZETTEER = Gazetteer()
        return _GAZETTEER


def add_mentions(doc: Document, gazetteer: Gazetteer | None = None) -> list[Span]:
    """The ``entities`` layer with gazetteer mentions added (NER spans kept; an NER span that is
    a strict prefix of a longer known name is extended to it)."""
    gaz = gazetteer or default_gazetteer()
    existing = list(doc.layer("entities"))
    tokens = doc.layer("tokens")
    out = list(existing)
    for match in gaz.find(doc, tokens):
        overlapping = [k for k, s in enumerate(out) if s.start < match.end and match.start < s.end]
        attrs: dict[str, Any] = {"type": match.entry.type, "score": gaz.score(match), "source": SOURCE}
        if not overlapping:
            out.append(Span(match.start, match.end, attrs))
            continue
        if len(overlapping) == 1:
            span = out[overlapping[0]]
            if span.start == match.start and span.end < match.end and span.attrs.get("source") != SOURCE:
                extended = dict(span.attrs)
                extended.update(type=match.entry.type, source=SOURCE, extended_from=[span.start, span.end])
                out[overlapping[0]] = Span(span.start, match.end, extended)
    return out


@register("gazetteer")
class GazetteerStage:
    name = "gazetteer"
    version = VERSION
    requires: tuple[str, ...] = ("tokens", "entities")
    assigns: tuple[str, ...] = ("entities",)

    def __init__(self) -> None:
        self.gazetteer = default_gazetteer()

    def __call__(self, doc: Document) -> Document:
        doc.set_layer("entities", add_mentions(doc, self.gazetteer))
        return doc


# -- scoring on CoNLL files (ANERcorp) ---------------------------------------------------------
def conll_documents(sentences: list[tuple[list[str], list[str]]], doc_sentences: int = 10) -> list[Document]:
    """Documents of ``doc_sentences`` CoNLL sentences each (one line per sentence) with their
    ``sentences`` and ``tokens`` layers built from the file's tokens."""
    docs = []
    for i in range(0, len(sentences), doc_sentences):
        chunk = sentences[i:i + doc_sentences]
        text_parts: list[str] = []
        tokens: list[Span] = []
        sents: list[Span] = []
        pos = 0
        for words, _ in chunk:
            start = pos
            for word in words:
                tokens.append(Span(pos, pos + len(word), {"kind": _token_kind(word)}))
                text_parts.append(word + " ")
                pos += len(word) + 1
            sents.append(Span(start, max(start, pos - 1)))
            text_parts[-1:] = [text_parts[-1][:-1] + "\n"] if text_parts else []
        doc = Document(text="".join(text_parts))
        doc.set_layer("tokens", tokens)
        doc.set_layer("sentences", [s for s in sents if s.end > s.start])
        docs.append(doc)
    return docs


def _token_kind(word: str) -> str:
    if not any(ch.isalnum() for ch in word):
        return "punct"
    if word.isdigit():
        return "num"
    if word.isascii():
        return "latin"
    return "ar"


def bio_tags(doc: Document, spans: list[Span]) -> list[list[str]]:
    """Per-sentence BIO tags of ``doc``'s tokens for ``spans`` (a token belongs to the span it
    overlaps; the first such token gets B-)."""
    tokens = doc.layer("tokens")
    tags = ["O"] * len(tokens)
    for span in spans:
        first = True
        for k, tok in enumerate(tokens):
            if tok.start < span.end and span.start < tok.end:
                tags[k] = ("B-" if first else "I-") + str(span.type)
                first = False
    out, k = [], 0
    for sent in doc.layer("sentences"):
        n = sum(1 for t in tokens if sent.start <= t.start < sent.end)
        out.append(tags[k:k + n])
        k += n
    return out


def score_conll(path: Any, doc_sentences: int = 10) -> dict[str, Any]:
    """Exact-match entity scores (:mod:`rasid.entities.conll` conventions) of the ``ner`` stage
    alone and followed by the ``gazetteer`` stage, on one CoNLL file."""
    from rasid.entities.conll import read_conll, score
    from rasid.entities.ner import tag_document
    from rasid.entities.tagger import load_tagger

    sentences = read_conll(path)
    tagger = load_tagger(None)
    gaz = default_gazetteer()
    gold: list[list[str]] = []
    alone: list[list[str]] = []
    both: list[list[str]] = []
    for doc in conll_documents(sentences, doc_sentences):
        ner_spans = tag_document(doc, tagger)
        doc.set_layer("entities", ner_spans)
        alone.extend(bio_tags(doc, ner_spans))
        both.extend(bio_tags(doc, add_mentions(doc, gaz)))
    gold = [tags for _, tags in sentences]
    return {"ner": score(gold, alone), "ner+gazetteer": score(gold, both)}
