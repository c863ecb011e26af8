"""Attribution: for each claim, who holds it (the source), the cue that says so, and the claim span.

Verb cues (قال، أكد، أفاد، توقع…) take the noun phrase after them as source and open the claim
with a complementizer, a colon or a quote; a cue with no source after it («وقال إن…») takes the
source from the sentence or the two sentences before.  Prepositional cues (وفق، بحسب، نقلاً عن…)
attribute the rest of the sentence when they open it, else the part before them.  Chains
(«نقلت المصادر عن شهود») keep the first holder in ``chain``.  Cue lists live in
``lang/ar/cues.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasid import lang
from rasid.document import Span
from rasid.events.context import Context, Sentence, mark_direction
from rasid.events.words import Entry, Lexicon, Match, conjugate, expand, key, key_set


@dataclass
class Attribution:
    claim: tuple[int, int]
    cue: tuple[int, int]
    source: tuple[int, int] | None
    chain: list[tuple[int, int]] = field(default_factory=list)
    modality: str | None = None
    entity: Span | None = None  # the named entity inside the source, if any
    elided: bool = False  # the source was recovered from elsewhere («وقال إن…»)

    def holder(self, ctx: Context) -> str | None:
        """The source as a name: the entity's canonical name when there is one, else the text."""
        if self.entity is not None:
            return ctx.name(self.entity)
        if self.source is None:
            return None
        return ctx.text[self.source[0] : self.source[1]]


class _Cues:
    def __init__(self) -> None:
        data = lang.load("ar", "cues")
        self.verbs = Lexicon()
        for item in data["verbs"]:
            forms = dict.fromkeys(conjugate(item.get("perfect"), item.get("imperfect")), "")
            keys: set[str] = set()
            for form in forms:
                keys |= expand(form, "verb")
            for form in item.get("verbs", []):
                keys |= expand(form, "verb")
            entry = Entry({"modality": item.get("modality"), "chain": bool(item.get("chain"))})
            self.verbs.add(keys, [], entry)
        self.preps = Lexicon()
        self.source_clitic = key(data["source_clitic"])
        for phrase in data["preps"]:
            self.preps.add_phrase(phrase, "particle", Entry({}))
            parts = phrase.split()
            if len(parts) == 2 and key(parts[1]) == self.source_clitic:  # the ل is written on the noun
                self.preps.add_phrase(parts[0], "particle", Entry({"lam": True}))
        self.complementizers = Lexicon()
        for phrase in data["complementizers"]:
            self.complementizers.add_phrase(phrase, "particle", Entry({}))
        self.claim_marks = "".join(data["claim_marks"])
        args = lang.load("ar", "triggers")["arguments"]
        enclitics = lang.load("ar", "triggers")["morphology"]["enclitics"]
        stops = key_set(data["source_stops"])
        self.stops = stops | {s + key(e) for s in stops for e in enclitics} | key_set(args["relatives"]) \
            | key_set(args["subordinators"])  # عن، عنه، عليه …
        self.participles = key_set(data["participles"])
        self.not_cues = {key(w) for w in data["not_cues"]}
        self.min_quote_claim = int(data["min_quote_claim_words"])
        self.chain_preps = key_set(data["chain_preps"])
        self.holders = key_set(data["holders"], "noun")
        self.max_source = int(data["max_source_words"])


@lru_cache(maxsize=1)
def cues() -> _Cues:
    return _Cues()


class _Finder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.cues = cues()
        self.found: list[Attribution] = []
        self.recent_sources: list[tuple[int, tuple[int, int]]] = []  # (sentence no, source)

    # -- noun phrases ----------------------------------------------------------------------
    def noun_phrase(self, i: int, hi: int) -> tuple[int, int] | None:
        """Word indices [i, j) of the source noun phrase starting at word ``i``."""
        ctx, c = self.ctx, self.cues
        j = i
        while j < hi and j - i < c.max_source:
            w = ctx.words[j]
            in_name = ctx.entity_at_word(j) is not None  # «علي» is a name, not the preposition على
            if any(a <= w.start < b for a, b in ctx.masked):
                break  # «أعلنت الأسبوع الماضي أنه»: a date is no holder
            if not in_name and (w.key in c.stops or c.complementizers.match_at(ctx.words, j)
                                or c.verbs.match_at(ctx.words, j)):
                break
            j += 1
            if j < hi and ctx.breaks_after(j - 1):
                break
            if j < hi and any(ch in c.claim_marks for ch in ctx.gap(j - 1)) and ctx.entity_at_word(j) is None:
                break  # a quote opens after the holder («وأضاف الرئيس “نحن…”»), unless it quotes a name
        if j == i:
            return None
        return (i, j)

    def span_of(self, words: tuple[int, int]) -> tuple[int, int]:
        a, b = words
        start, end = self.ctx.words[a].start, self.ctx.words[b - 1].end
        # keep a closing quote that belongs to a quoted name inside the phrase (وكالة “تاس”)
        tail = self.ctx.text[end : end + 1]
        if tail and tail in self.cues.claim_marks and self.ctx.text[start:end].count(tail) % 2 == 0:
            if any(ch in self.cues.claim_marks for ch in self.ctx.text[start:end]):
                end += 1
        return start, end

    def entity_in(self, span: tuple[int, int]) -> Span | None:
        """The named holder inside a source: a person anywhere in it («المتحدث باسم الحكومة مايكل
        ماكوي»), else a name that opens it (after at most one noun: «شبكة CNN»); a name deeper in the
        phrase («رئيس بعثة الأمم المتحدة») is not the holder."""
        inside = [e for e in self.ctx.entities if e.start < span[1] and span[0] < e.end]
        persons = [e for e in inside if e.type == "PER"]
        if persons:
            return persons[0]
        for e in inside:
            if len(self.ctx.words.between(span[0], e.start)) <= 1:
                return e
        return None

    def is_source(self, span: tuple[int, int]) -> bool:
        if self.entity_in(span) is not None:
            return True
        r = self.ctx.words.between(span[0], span[1])
        return any(self.ctx.words[k].key in self.cues.holders for k in r)

    # -- claims ----------------------------------------------------------------------------
    def claim_opening(self, j: int, hi: int, limit: int = 16) -> tuple[int, str] | None:
        """Offset where a claim opens after word ``j`` (a complementizer or a claim mark)."""
        ctx, c = self.ctx, self.cues
        k = j
        while k < hi and k - j < limit:
            gap_before = ctx.text[ctx.words[k - 1].end : ctx.words[k].start] if k > 0 else ""
            for ch in gap_before:
                if ch in c.claim_marks and ch not in "،,":
                    off = ctx.words[k - 1].end + gap_before.index(ch)
                    if ch != ":" and (mark_direction(ctx.text, off) == "close" or not self.long_quote(off)):
                        break  # «يعتبر ضمن حدود "حريته الشخصية"»: a quoted phrase is no claim
                    return off + 1, "mark"
            comp = c.complementizers.match_at(ctx.words, k)
            if comp:
                return ctx.words[comp[0].last].end, "comp"
            if k > j and c.verbs.match_at(ctx.words, k):
                return None
            k += 1
        return None

    def long_quote(self, mark: int) -> bool:
        """True when the quote opening at ``mark`` runs for at least a few words."""
        ctx = self.ctx
        first = ctx.words.index_at(mark)
        count = 0
        for k in range(first, min(len(ctx.words), first + self.cues.min_quote_claim)):
            if k > first and any(ch in self.cues.claim_marks for ch in ctx.text[ctx.words[k - 1].end:ctx.words[k].start]):
                break
            count += 1
        return count >= self.cues.min_quote_claim

    def claim_end(self, start: int, sent: Sentence, hi: int) -> int:
        """A claim ends at the sentence end or before the next verb cue that opens its own claim."""
        ctx = self.ctx
        first = ctx.words.index_at(start)
        for k in range(first + 1, hi):
            if self.cues.verbs.match_at(ctx.words, k) and self.claim_opening(k + 1, hi):
                return _trim_end(ctx.text, start, ctx.words[k].start)
        return _trim_end(ctx.text, start, sent.end)

    # -- sources left out («وقال إن…») -----------------------------------------------------
    def elided_source(self, cue_word: int, sent_no: int, sent: Sentence) -> tuple[int, int] | None:
        """The holder of a cue with no source after it: a name right before it, the sentence's
        subject for a participle (مؤكداً، مشيراً), the last holder of the two sentences before, or a
        person or body named there."""
        ctx = self.ctx
        participle = ctx.words[cue_word].key in self.cues.participles
        # an entity right before the cue in the same clause (يماني جبر ميسكيل قد كتب)
        for k in range(cue_word - 1, max(sent.lo, cue_word - 4) - 1, -1):
            if ctx.breaks_after(k):
                break
            ent = ctx.entity_at_word(k)
            if ent is not None:
                return ent.start, ent.end
            if ctx.words[k].key in self.cues.holders:  # «وكانت السلطات المصرية أعلنت أنه…»
                return ctx.words[k].start, ctx.words[cue_word - 1].end
        if participle:
            subject = self.sentence_subject(cue_word, sent)
            if subject is not None:
                return subject
        for no, src in reversed(self.recent_sources):
            if sent_no - no <= 2 and src[1] <= ctx.words[cue_word].start:
                return src
        # a person or body named in the two sentences before («وقال إن…» after «وصل الوزير شكري…»)
        for back in (1, 2):
            if sent_no - back < 0:
                break
            prev = ctx.sentences[sent_no - back]
            named = [e for e in ctx.entities if prev.start <= e.start < prev.end and e.type in ("PER", "ORG")]
            if named:
                return named[0].start, named[0].end
        return None

    def sentence_subject(self, cue_word: int, sent: Sentence) -> tuple[int, int] | None:
        """The first name or holder after the sentence's first verb, before the cue."""
        ctx = self.ctx
        for k in range(sent.lo, min(cue_word, sent.lo + 4)):  # the subject follows the first verb
            ent = ctx.entity_at_word(k)
            if ent is not None and ent.start >= sent.start:
                return ent.start, ent.end
            if ctx.words[k].key in self.cues.holders:
                np = self.noun_phrase(k, cue_word)
                if np is not None:
                    return self.span_of(np)
        return None

    # -- cues ------------------------------------------------------------------------------
    def verb_cue(self, m: Match, sent_no: int, sent: Sentence) -> int | None:
        """Find the attribution a verb cue opens; the word index where its claim starts, if any."""
        ctx = self.ctx
        hi = sent.hi
        chain: list[tuple[int, int]] = []
        opens_at_once = m.last + 1 < hi and any(ch in self.cues.claim_marks for ch in ctx.gap(m.last))
        np = None if opens_at_once else self.noun_phrase(m.last + 1, hi)  # «قال: "…"» has no holder after it
        source = self.span_of(np) if np else None
        after = np[1] if np else m.last + 1
        if m.entry.data["chain"] and after < hi and ctx.words[after].key in self.cues.chain_preps:
            np2 = self.noun_phrase(after + 1, hi)
            if np2 and source:
                chain = [source]
                source = self.span_of(np2)
                after = np2[1]
        opening = self.claim_opening(after, hi) if after < hi or after == m.last + 1 else None
        if source is not None and not self.is_source(source) and (opening is None or chain):
            source = None  # a noun phrase after a verb cue that opens a claim is its holder
            after = m.last + 1
            opening = self.claim_opening(after, hi)
        elided = False
        if source is None and opening is not None:
            source = self.elided_source(m.first, sent_no, sent)
            elided = source is not None
        if source is not None and (opening is not None or self.is_source(source)):
            self.recent_sources.append((sent_no, source))
        if opening is None:
            return None
        start = _skip_space(ctx.text, opening[0])
        end = self.claim_end(start, sent, hi)
        if end <= start:
            return None
        self.add(Attribution((start, end), (m.start, m.end), source, chain, m.entry.data["modality"], elided=elided))
        return ctx.words.index_at(start)

    def prep_cue(self, m: Match, sent_no: int, sent: Sentence) -> None:
        ctx = self.ctx
        after = m.last + 1
        verb = self.cues.verbs.match_at(ctx.words, after) if after < sent.hi else []
        if verb:  # «حسبما أفادت وكالة الأنباء»: the verb belongs to the cue
            m = Match(m.first, verb[0].last, m.entry, m.start, verb[0].end)
        np = self.noun_phrase(m.last + 1, sent.hi)
        if np is None:
            return
        source = self.span_of(np)
        lam = self.cues.source_clitic
        if m.entry.data.get("lam") and ctx.words[np[0]].key.startswith(lam):
            source = (source[0] + len(lam), source[1])  # وفقاً لوكالة الأنباء → وكالة الأنباء
        if not self.is_source(source):
            return
        self.recent_sources.append((sent_no, source))
        opens_sentence = all(ctx.words[k].key in self.cues.stops or len(ctx.words[k].key) <= 1
                             for k in range(sent.lo, m.first))
        if opens_sentence:
            k = np[1]
            comp = self.cues.complementizers.match_at(ctx.words, k) if k < sent.hi else []
            start = ctx.words[comp[0].last].end if comp else source[1]
            start = _skip_space(ctx.text, start)
            end = _trim_end(ctx.text, start, sent.end)
        else:
            start = sent.start
            for a in self.found:  # a claim already found in this sentence ends where this one starts
                if sent.start <= a.cue[0] < m.start:
                    start = max(start, a.claim[1])
            start = _skip_space(ctx.text, start)
            end = _trim_end(ctx.text, start, m.start)
        if end > start:
            self.add(Attribution((start, end), (m.start, m.end), source, [], None))

    def add(self, a: Attribution) -> None:
        if a.source is not None:
            a.entity = self.entity_in(a.source)
        self.found.append(a)

    def run(self) -> list[Attribution]:
        ctx = self.ctx
        for no, sent in enumerate(ctx.sentences):
            k = sent.lo
            while k < sent.hi:
                pm = self.cues.preps.match_at(ctx.words, k)
                if pm:
                    self.prep_cue(pm[0], no, sent)
                    k = pm[0].last + 1
                    continue
                vm = self.cues.verbs.match_at(ctx.words, k) if ctx.words[k].key not in self.cues.not_cues else []
                if vm:
                    resume = self.verb_cue(vm[0], no, sent)
                    k = max(vm[0].last + 1, resume or 0)  # «نقلت رويترز عن مسؤول قوله إن»: one cue
                    continue
                k += 1
        return self.found


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] in "،,:"):
        pos += 1
    return pos


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,.:؛;"):
        end -= 1
    return end


def find_attributions(ctx: Context) -> list[Attribution]:
    """Every attribution in the text, in order."""
    return _Finder(ctx).run()


def attribution_spans(ctx: Context, found: list[Attribution]) -> list[Span]:
    spans = []
    for a in found:
        attrs: dict[str, Any] = {
            "source": _source_piece(ctx, a),
            "cue": ctx.piece(*a.cue),
        }
        if a.chain:
            attrs["chain"] = [ctx.piece(*c) for c in a.chain]
        if a.modality:
            attrs["modality"] = a.modality
        spans.append(Span(a.claim[0], a.claim[1], attrs))
    return spans


def _source_piece(ctx: Context, a: Attribution) -> dict[str, Any] | None:
    if a.source is None:
        return None
    piece = ctx.piece(*a.source)
    if a.entity is not None and a.entity.attrs.get("canonical"):
        piece["canonical"] = a.entity.attrs["canonical"]
    return piece
