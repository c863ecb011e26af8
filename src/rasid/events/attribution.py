"""Attribution: for each claim, who holds it (the source), the cue that says so, and the claim span.

Verb cues (قال، أكد، أفاد، توقع…) take the noun phrase after them as source and open the claim
with a complementizer, a colon or a quote; a cue with no source after it («وقال إن…») takes the
source from the sentence or the two sentences before.  Prepositional cues (وفق، بحسب، نقلاً عن…)
attribute the rest of the sentence when they open it, else the part before them.  Chains
(«نقلت المصادر عن شهود») keep the first holder in ``chain``.  Cue lists live in
``lang/ar/cues.yaml``.
"""

from __future__ import annotations

from typing import Any

from rasid.document import Span
from rasid.events.context import Context, Sentence, mark_direction
from rasid.events.cuelex import Attribution, cues
from rasid.events.words import Match, pronoun_misread

__all__ = ["Attribution", "attribution_spans", "cues", "find_attributions"]


class _Finder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.cues = cues()
        self.found: list[Attribution] = []
        self.recent_sources: list[tuple[int, tuple[int, int]]] = []  # (sentence no, source)

    # -- noun phrases ----------------------------------------------------------------------
    def noun_phrase(self, i: int, hi: int, told: bool = True) -> tuple[int, int] | None:
        """Word indices [i, j) of the source noun phrase starting at word ``i``."""
        ctx, c = self.ctx, self.cues
        j = i
        while j < hi and j - i < c.max_source:
            w = ctx.words[j]
            in_name = ctx.entity_at_word(j) is not None  # «علي» is a name, not the preposition على
            if any(a <= w.start < b for a, b in ctx.masked):
                break  # «أعلنت الأسبوع الماضي أنه»: a date is no holder
            if not in_name and w.key in c.post_title and j > i and not self.person_in(i, j):
                named = self.person_after(j, hi)  # «السفيرة الأمريكية لدى الأمم المتحدة نيكي هايلي»
                if named is not None:
                    j = named
                    break
            issuer = ctx.entity_at_word(j + 1) if j + 1 < hi else None
            if not in_name and issuer is not None and w.key in c.chain_preps and j > i \
                    and ctx.words[j - 1].key in c.issued_by:
                j = ctx.words.index_at(issuer.end - 1) + 1  # «بيان صادر عن الاتحاد الدولي»: who issued it
                break
            if not in_name and (w.key in c.stops or c.complementizers.match_at(ctx.words, j)
                                or c.verbs.match_at(ctx.words, j)):
                break
            if told and (self.addressee_at(j, first=j == i) or self.told_after_person(i, j)):
                break  # «قال مدير الرابطة لـ"رويترز"»، «أكد لنظيره»، «قال جهانغيري للإذاعة»: who is told is no holder
            j += 1
            if j < hi and ctx.breaks_after(j - 1):
                person = ctx.entity_at_word(j)
                if person is not None and person.type == "PER" and not self.person_in(i, j) \
                        and person.start >= ctx.words[j].start:  # «وزير الطاقة الروسي، ألكسندر نوفاك»
                    j = ctx.words.index_at(person.end - 1) + 1
                break
            if j < hi and any(ch in c.claim_marks for ch in ctx.gap(j - 1)) and not self.quoted_name_at(j):
                break  # a quote opens after the holder («وأضاف الرئيس “نحن…”»), unless it quotes a name
        if j == i:
            return None
        return (i, j)

    def person_in(self, i: int, j: int) -> bool:
        return any(e.type == "PER" for e in self.ctx.entities
                   if self.ctx.words[i].start <= e.start < self.ctx.words[j - 1].end)

    def person_after(self, j: int, hi: int) -> int | None:
        """The word after a person's name that ends a title's prepositional phrase (لدى الأمم
        المتحدة نيكي هايلي), within a few words and before any cue or complementizer."""
        ctx, c = self.ctx, self.cues
        for k in range(j + 1, min(hi, j + 6)):
            ent = ctx.entity_at_word(k)
            if ent is not None and ent.type == "PER":
                return ctx.words.index_at(ent.end - 1) + 1
            if ent is None and (c.complementizers.match_at(ctx.words, k) or c.verbs.match_at(ctx.words, k)
                                or ctx.breaks_after(k)):
                return None
        return None

    def addressee_at(self, j: int, first: bool) -> bool:
        """A word with the preposition ل attached that names who is told: «لـ"رويترز"», «لرويترز»
        (ل + a name), or, right after the cue, any such word that is no holder noun (لنظيره)."""
        ctx, c = self.ctx, self.cues
        w = ctx.words[j]
        if not w.key.startswith(c.addressee):
            return False
        if w.key == c.addressee:
            return True  # «لـ"رويترز"»: the clitic written apart
        ent = ctx.entity_at_word(j)
        if ent is not None:
            return ent.start > w.start  # «لرويترز»: the name starts after the clitic
        return first and len(w.key) > 3 and w.key not in c.holders and w.key[1:2] != c.addressee

    def told_after_person(self, i: int, j: int) -> bool:
        """After a person named in the holder's phrase, a word with ل attached names who is told
        («وقال جهانغيري للإذاعة الحكومية»)."""
        w = self.ctx.words[j]
        return j > i and self.person_in(i, j) and w.key.startswith(self.cues.addressee) and len(w.key) > 3 \
            and self.ctx.entity_at_word(j) is None

    def quoted_name_at(self, j: int) -> bool:
        """A quote opening before word ``j`` that only quotes a name (وكالة “تاس”)."""
        ent = self.ctx.entity_at_word(j)
        if ent is None:
            return False
        tail = self.ctx.text[ent.end : ent.end + 1]
        return bool(tail) and tail in self.cues.claim_marks

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
        opening, closing = self.cues.parens
        for e in inside:  # «وكالة الأنباء الصينية الرسمية (شينخوا)»: the name in brackets
            if self.ctx.text[max(0, e.start - 2) : e.start].strip().endswith(opening) \
                    and self.ctx.text[e.end : e.end + 2].strip()[:1] in (closing, ""):
                return e
        for e in inside:
            lead = self.ctx.words.between(span[0], e.start)
            if len(lead) <= 1:
                return e
            if len(lead) <= 3 and self.ctx.words[lead[-1]].key in self.cues.spokesman_of:
                return e  # «متحدث باسم وزارة الخارجية»، «الناطق الرسمي باسم الجيش»: who speaks for it
            if 2 <= len(lead) <= 4 and self.ctx.words[lead[-1]].key in self.cues.chain_preps \
                    and self.ctx.words[lead[-2]].key in self.cues.issued_by:
                return e  # «بيان صادر عن الاتحاد الدولي»: the body that issued the statement
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
            for n, ch in enumerate(gap_before):
                if ch in c.claim_marks and ch not in "،,":
                    off = ctx.words[k - 1].end + n
                    if ch != ":" and (mark_direction(ctx.text, off) == "close" or not self.long_quote(off)):
                        continue  # «يعتبر ضمن حدود "حريته الشخصية"»: a quoted phrase is no claim
                    return off + 1, "mark"  # (a colon after a quoted name: لـ"رويترز": "…")
            comp = c.complementizers.match_at(ctx.words, k) if ctx.entity_at_word(k) is None else []
            if comp:  # (not the «إن» of «سي إن إن ترك»)
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
                if self.nested(first, k):
                    continue  # «قالت شينخوا إن كيم أكد أنه…»: the inner claim is part of the outer one
                return _trim_end(ctx.text, start, ctx.words[k].start)
        return _trim_end(ctx.text, start, sent.end)

    def nested(self, first: int, k: int) -> bool:
        """A cue verb that is the claim's own verb: near its start, with no clause break, no
        conjunction on it and no participle (those go on with a claim of their own)."""
        ctx, c = self.ctx, self.cues
        if k - first > 3 or any(ctx.breaks_after(j) for j in range(first, k)):
            return False
        word = ctx.words[k].key
        return word not in c.participles and word[:1] not in c.conj

    # -- sources left out («وقال إن…») -----------------------------------------------------
    def elided_source(self, cue_word: int, sent_no: int, sent: Sentence,
                      continues: bool = False) -> tuple[int, int] | None:
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
        reach = self.cues.continue_window if continues else 2  # «وأضاف» goes on with the last holder
        for no, src in reversed(self.recent_sources):
            if sent_no - no <= reach and src[1] <= ctx.words[cue_word].start:
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

    def subject_before(self, cue_word: int, sent: Sentence) -> tuple[int, int] | None:
        """A name right before a cue verb that carries no conjunction, with at most a negation or
        auxiliary between (SVO: «ألمانيا لا ترى»، «لافروف قال»): the holder."""
        ctx, c = self.ctx, self.cues
        if ctx.words[cue_word].key[:1] in c.conj or ctx.words[cue_word].key in c.participles:
            return None
        k = cue_word - 1
        while k >= sent.lo and cue_word - k <= 2 and not ctx.breaks_after(k):
            ent = ctx.entity_at_word(k)
            if ent is not None:
                return (ent.start, ent.end) if ent.end <= ctx.words[cue_word].start else None
            if ctx.words[k].key not in c.negations:
                return None
            k -= 1
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
        subject = self.subject_before(m.first, sent)
        np = None if opens_at_once or subject else self.noun_phrase(m.last + 1, hi)  # «قال: "…"»: no holder after
        if subject is not None:  # «#ألمانيا لا ترى حلا … وإن»: the name before is the holder
            np = None
            opening = self.claim_opening(m.last + 1, hi)
            if opening is None:
                return None
            start = _skip_space(ctx.text, opening[0])
            end = self.claim_end(start, sent, hi)
            if end <= start:
                return None
            self.recent_sources.append((sent_no, subject))
            self.add(Attribution((start, end), (m.start, m.end), subject, [], m.entry.data["modality"]))
            return ctx.words.index_at(start)
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
            source = self.elided_source(m.first, sent_no, sent, m.entry.data["continues"])
            elided = source is not None
        if source is not None and (opening is not None or self.is_source(source)):
            self.recent_sources.append((sent_no, source))
        if opening is None:
            if m.entry.data["nominal"] and np is not None:
                return self.nominal_claim(m, np, sent)  # «نفى الجيش تورط قواته»
            if source is not None and m.first > sent.lo and ctx.words[m.first - 1].key in self.cues.postposed:
                self.postposed_claim(m, source, sent)  # «…، كما أفاد مراسلون لفرانس برس»
            return None
        start = _skip_space(ctx.text, opening[0])
        end = self.claim_end(start, sent, hi)
        if end <= start:
            return None
        self.add(Attribution((start, end), (m.start, m.end), source, chain, m.entry.data["modality"], elided=elided))
        return ctx.words.index_at(start)

    def nominal_claim(self, m: Match, np: tuple[int, int], sent: Sentence) -> int | None:
        """A noun phrase as the claim of a cue such as نفى or أعلن («نفى الجيش الإسرائيلي تورط
        قواته»، «أعلن مصدر أمني، الأحد، تخصيص 350 ألف رجل أمن»): the holder is the name that opens
        the phrase (else the phrase, when it is a holder), the claim runs to the end of its clause."""
        ctx = self.ctx
        ent = ctx.entity_at_word(np[0])
        if ent is not None and ent.start >= ctx.words[np[0]].start:
            source, after = (ent.start, ent.end), ctx.words.index_at(ent.end)
        elif self.is_source(self.span_of(np)):  # «نفت الحكومة أي دور»: the holder noun and its demonym
            holder_words = [k for k in range(np[0], np[1]) if ctx.words[k].key in self.cues.holders]
            if not holder_words:  # a name further in the phrase («نفت الفنانة المصرية X …»): not a holder phrase
                return None
            after = holder_words[-1] + 1
            if after < np[1] and _demonym(ctx.words[after].key):
                after += 1
            source = (ctx.words[np[0]].start, ctx.words[after - 1].end)
        else:
            return None
        while after < sent.hi and any(a <= ctx.words[after].start < b for a, b in ctx.masked) \
                and ctx.breaks_after(after - 1):
            after = ctx.words.index_at(next(b for a, b in ctx.masked if a <= ctx.words[after].start < b))
        if after >= sent.hi or ctx.breaks_after(after - 1) or self.cues.verbs.match_at(ctx.words, after):
            return None
        hi = after
        while hi < sent.hi - 1 and not ctx.breaks_after(hi):
            hi += 1
        start = ctx.words[after].start
        end = _trim_end(ctx.text, start, ctx.words[hi].end)
        if end <= start:
            return None
        self.add(Attribution((start, end), (m.start, m.end), source, [], m.entry.data["modality"], nominal=True))
        return after

    def postposed_claim(self, m: Match, source: tuple[int, int], sent: Sentence) -> None:
        """The claim before «كما + cue»: from the sentence start (or the end of an earlier claim)."""
        ctx = self.ctx
        start = sent.start
        for a in self.found:
            if sent.start <= a.cue[0] < m.start:
                start = max(start, a.claim[1])
        start = _skip_space(ctx.text, start)
        end = _trim_end(ctx.text, start, ctx.words[m.first - 1].start)
        if end > start:
            self.add(Attribution((start, end), (m.start, m.end), source, [], m.entry.data["modality"]))

    def prep_cue(self, m: Match, sent_no: int, sent: Sentence) -> None:
        ctx = self.ctx
        after = m.last + 1
        verb = self.cues.verbs.match_at(ctx.words, after) if after < sent.hi else []
        if verb:  # «حسبما أفادت وكالة الأنباء»: the verb belongs to the cue
            m = Match(m.first, verb[0].last, m.entry, m.start, verb[0].end)
        np = self.noun_phrase(m.last + 1, sent.hi, told=False)  # وفقاً لمركز دمشق: ل opens the holder
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
                vm = self.cues.verbs.match_at(ctx.words, k) \
                    if ctx.words[k].key not in self.cues.not_cues else []
                if vm and vm[0].last == k and pronoun_misread(ctx.words, self.cues.verbs, k):
                    vm = []  # «إضافةً إلى» is no «أضاف» + pronoun
                if vm:
                    resume = self.verb_cue(vm[0], no, sent)
                    k = max(vm[0].last + 1, resume or 0)  # «نقلت رويترز عن مسؤول قوله إن»: one cue
                    continue
                k += 1
        return self.found


def _demonym(word: str) -> bool:
    from rasid.events.argpatterns import patterns  # (argpatterns needs this module's records)

    return (word,) in patterns().demonyms


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
