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
from rasid.events.words import Match, key, pronoun_misread

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
            if not in_name and w.key in c.chain_preps and j > i and ctx.words[j - 1].key in c.issued_by:
                issuer = ctx.entity_at_word(j + 1) if j + 1 < hi else None
                if issuer is not None:
                    j = ctx.words.index_at(issuer.end - 1) + 1  # «بيان صادر عن الاتحاد الدولي»: who issued it
                    break
                body = self.noun_phrase(j + 1, hi, told) if j + 1 < hi else None
                if body is not None:  # «بيان صادر عن مكتب ماي»: a body with a name in it
                    j = body[1]
                    break
            if not in_name and j > i and w.key in self.cues.statement_nouns:
                break  # «وأصدرت وزارة الدفاع البلجيكية بيانا»: what was issued is no part of the holder
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

    def verb_at(self, k: int, hi: int) -> list[Match]:
        """The verb cue at word ``k``: an impersonal form (ويذكر أن) only with a holder after it
        («ويرى محللون أن»), and no noun read as a verb and a pronoun («إفادة»، «إضافةً إلى»)."""
        ctx, c = self.ctx, self.cues
        vm = c.verbs.match_at(ctx.words, k)
        if not vm:
            return []
        if ctx.words[k].key in c.not_cues and not (ctx.words[k].key in self.cues.cues_with_holder
                                                   and self.holder_at(k + 1, hi) and not self.negated(k)):
            return []
        if vm[0].last + 1 < hi and ctx.words[vm[0].last + 1].key in self.cues.not_speech_objects:
            return []  # «لفت الانتباه إلى»: no speech
        if vm[0].last == k and pronoun_misread(ctx.words, c.verbs, k):
            return []
        return vm

    def negated(self, k: int) -> bool:
        """A negation right before word ``k`` («لم يذكر المسؤول»)."""
        return k > 0 and self.ctx.words[k - 1].key.lstrip("وف") in self.cues.negations

    def holder_at(self, k: int, hi: int) -> bool:
        """A name or a holder noun opens at word ``k``."""
        ctx = self.ctx
        if k >= hi:
            return False
        ent = ctx.entity_at_word(k)
        if ent is not None and ent.start >= ctx.words[k].start:
            return True
        return ctx.words[k].key in self.cues.holders

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
            if comp and k > 0 and ctx.words[k - 1].key in self.cues.not_claim_before:
                comp = []  # «قال كيم قبل أن يبدأ …: "…"»: a time clause, not the claim
            if comp and k > j + 1 and ctx.words[k].key[:1] in c.conj:
                return None  # «إن ألمانيا لا ترى حلا … وإن على أوروبا»: «وإن» goes on with an outer claim
            if comp:  # (not the «إن» of «سي إن إن ترك»)
                return ctx.words[comp[0].last].end, "comp"
            if (k > j or (k > 0 and ctx.breaks_after(k - 1) and ctx.words[k].key[:1] in c.conj)) \
                    and self.verb_at(k, hi):
                return None  # another cue, or a cue opening the next clause («…، ويرى محللون أن»)
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
            if self.verb_at(k, hi) and self.claim_opening(k + 1, hi):
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
        word = ctx.words[cue_word].key
        participle = word in self.cues.participles \
            or (word[:1] == self.cues.addressee and word[1:] in self.cues.verbs.index)  # «…، لتقول»
        if participle:  # «قالت لندن إنها تدرس طلب … يوليا سكريبال مؤكدة»، «ومزح الزعيم مع رئيس الجنوب قائلا»
            return self.sentence_speaker(cue_word, sent) or self.sentence_subject(cue_word, sent) \
                or self.clause_subject(cue_word, sent) or self.recent_source(cue_word, sent_no, 2)
        # an entity right before the cue in the same clause (يماني جبر ميسكيل قد كتب), past a
        # relative pronoun («السفارة الروسية التي اعتبرت»)
        last = cue_word - 1
        if last > sent.lo and ctx.words[last].key in self.cues.relatives and not ctx.breaks_after(last - 1):
            last -= 1
        for k in range(last, max(sent.lo, last - 3) - 1, -1):
            if ctx.breaks_after(k):
                break
            ent = ctx.entity_at_word(k)
            if ent is not None:
                return ent.start, ent.end
            if ctx.words[k].key in self.cues.holders and not self.governed(k, sent.lo):  # «وكانت السلطات
                while last > k and (ctx.words[last].key in self.cues.statement_nouns  # المصرية أعلنت أنه…»
                                    or ctx.words[last].key in self.cues.negations):
                    last -= 1  # «وأصدرت وزارة الدفاع البلجيكية بيانا قالت فيه»، «ومصادر بالمفوضية قد قالت»
                return ctx.words[k].start, ctx.words[last].end
        if cue_word - sent.lo >= 2:  # «وتحدث ترمب بلهجة … وقال إن»: the holder of the sentence goes on
            found = self.sentence_speaker(cue_word, sent) or self.recent_source(cue_word, sent_no, 0, named=False) \
                or self.sentence_subject(cue_word, sent)
            if found is not None:
                return found
        reach = self.cues.continue_window if continues else 2  # «وأضاف» goes on with the last holder
        return self.recent_source(cue_word, sent_no, reach)

    def recent_source(self, cue_word: int, sent_no: int, reach: int,
                      named: bool = True) -> tuple[int, int] | None:
        """The last holder of the ``reach`` sentences before, else a person or body named in the two
        sentences before («وقال إن…» after «وصل الوزير شكري…»), not one governed by a preposition
        («المدعية العامة للمحكمة الجنائية الدولية، فاتو بنسودا»)."""
        ctx = self.ctx
        for no, src in reversed(self.recent_sources):
            if sent_no - no <= reach and src[1] <= ctx.words[cue_word].start:
                return src
        for back in (1, 2) if named else ():
            if sent_no - back < 0:
                break
            prev = ctx.sentences[sent_no - back]
            names = [e for e in ctx.entities if prev.start <= e.start < prev.end and e.type in ("PER", "ORG")
                     and not self.governed(ctx.words.index_at(e.start), prev.lo)]
            if names:
                return names[0].start, names[0].end
        return None

    def clause_subject(self, cue_word: int, sent: Sentence) -> tuple[int, int] | None:
        """The noun phrase after the verb that opens the clause right before the cue («…، وتتنهد
        امرأة كبيرة في السن، لتقول»)."""
        ctx = self.ctx
        end = cue_word - 1
        if end <= sent.lo or not ctx.breaks_after(end):
            return None
        first = end
        while first > sent.lo and not ctx.breaks_after(first - 1):
            first -= 1
        if first >= end or ctx.words[first].key[:1] not in self.cues.conj:
            return None
        if ctx.words[first].key[1:] in self.cues.negations:
            first += 1  # «ولم يتسن للشرطة تأكيد ذلك»: the verb comes after the particle
        if first + 1 > end or self.governed(first + 1, first):
            return None
        np = self.noun_phrase(first + 1, end + 1)
        return self.span_of(np) if np is not None else None

    def sentence_speaker(self, cue_word: int, sent: Sentence) -> tuple[int, int] | None:
        """The holder of the last claim found earlier in the sentence (the current speaker)."""
        start = self.ctx.words[cue_word].start
        for a in reversed(self.found):
            if sent.start <= a.cue[0] < start and a.source is not None:
                return a.source
        return None

    def governed(self, k: int, lo: int) -> bool:
        """Word ``k`` is governed by a preposition: one before it («في لندن»، «مع رئيس الجنوب») or
        one written on it («للمحكمة»، «لإيران»)."""
        ctx, more = self.ctx, self.cues
        if k > lo and ctx.words[k - 1].key in more.not_holder and ctx.entity_at_word(k - 1) is None:
            return True
        w = ctx.words[k]
        ent = ctx.entity_at_word(k)
        if ent is not None and ent.start > w.start:
            prefix = key(ctx.text[w.start:ent.start]).lstrip("وف")
            return prefix.startswith(more.prep_clitics)
        article = self.cues.source_clitic + self.cues.source_clitic  # «للشرطة» = ل + الشرطة
        return (w.key[:1] in more.prep_clitics and w.key[1:] in self.cues.holders) \
            or (w.key.startswith(article) and "ا" + w.key[1:] in self.cues.holders)

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
        """The first name or holder after the sentence's first verb, before the cue, past an opening
        aside («من جهته، انتقد البيت الأبيض»), not one governed by a preposition («في لندن»)."""
        ctx = self.ctx
        lo = sent.lo
        dash = next((k for k in range(lo, min(cue_word, lo + 6)) if "--" in ctx.gap(k) or "—" in ctx.gap(k)), None)
        if dash is not None:
            lo = dash + 1  # «لندن، بريطانيا (CNN) -- وصف مكتب رئيسة الوزراء …»: past the dateline
        if ctx.words[lo].key in self.cues.not_holder:
            aside = next((k for k in range(lo, min(cue_word, lo + 3)) if ctx.breaks_after(k)), None)
            if aside is not None:
                lo = aside + 1
        for k in range(lo, min(cue_word, lo + 4)):  # the subject follows the first verb
            if self.governed(k, lo):
                continue
            ent = ctx.entity_at_word(k)
            if ent is not None and ent.start >= sent.start:
                return ent.start, ent.end
            if ctx.words[k].key in self.cues.holders:
                np = self.noun_phrase(k, cue_word)
                if np is not None:
                    return self.span_of(np)
        return None

    def holder_span(self, np: tuple[int, int]) -> tuple[int, int]:
        """A holder's phrase found with no claim after it, cut after the person named in it («الرئيس
        الفرنسي إيمانويل ماكرون أيضا مشاركة بلاده»), else after its last holder noun and the names
        and demonyms right after («المفوضية عدد المقاعد»)."""
        ctx = self.ctx
        a, b = np
        persons = [e for e in ctx.entities if e.type == "PER" and ctx.words[a].start <= e.start < ctx.words[b - 1].end]
        if persons:
            return ctx.words[a].start, max(persons[0].end, ctx.words[a].end)
        holder = [k for k in range(a, b) if ctx.words[k].key in self.cues.holders]
        if not holder:
            return self.span_of(np)
        end = holder[-1] + 1
        while end < b and (_demonym(ctx.words[end].key) or ctx.entity_at_word(end) is not None):
            end += 1
        return self.span_of((a, end))

    # -- cues ------------------------------------------------------------------------------
    def verb_cue(self, m: Match, sent_no: int, sent: Sentence) -> int | None:
        """Find the attribution a verb cue opens; the word index where its claim starts, if any."""
        ctx = self.ctx
        hi = sent.hi
        chain: list[tuple[int, int]] = []
        opens_at_once = m.last + 1 < hi and any(ch in self.cues.claim_marks for ch in ctx.gap(m.last)) \
            and not self.quoted_name_at(m.last + 1)  # «ونقلت "رويترز" عن …»: a quoted name is no claim
        subject = self.subject_before(m.first, sent)
        first = m.last + 1
        if first + 1 < hi and ctx.words[first].key in self.cues.resumptives and not ctx.breaks_after(first):
            first += 1  # «مؤتمرا صحفيا، قال فيه الرئيس ماكرون إن»: the holder comes after «فيه»
        np = None if opens_at_once or subject else self.noun_phrase(first, hi)  # «قال: "…"»: no holder after
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
        if np and ctx.entity_at_word(np[0]) is None and (
                ctx.words[np[0]].key in self.cues.not_holder
                or (ctx.words[np[0]].key[:1] == self.cues.addressee and not self.is_source(self.span_of(np)))):
            np_aside = np  # «لتقول بحسرة وألم "…"»، «وأكد من جهة أخرى أن»، «قالت للعربية.نت، إن»: no holder
            np = None
        else:
            np_aside = None
        source = self.span_of(np) if np else None
        after = np[1] if np else (np_aside[1] if np_aside else m.last + 1)
        if m.entry.data["chain"] and after < hi and ctx.words[after].key in self.cues.chain_preps:
            np2 = self.noun_phrase(after + 1, hi)
            if np2 and source:
                chain = [source]
                source = self.span_of(np2)
                after = np2[1]
        relayed = self.relayed_by(after, hi) if source is not None and after < hi \
            and ctx.breaks_after(after - 1) else None
        if relayed is not None:  # «وأضافت الصحيفة، نقلا عن مصدر …: "…"»: the claim comes after the relay
            after = relayed[2]
        opening = self.claim_opening(after, hi) if after < hi or after == m.last + 1 else None
        if relayed is not None and (opening is None or self.verb_at(after, hi)):
            opening = self.colon_opening(after, hi)  # «نقلا عن مصدر قالت إنه مطلع …: "…"»
        if source is not None and not self.is_source(source) and (opening is None or chain):
            source = None  # a noun phrase after a verb cue that opens a claim is its holder
            after = m.last + 1
            opening = self.claim_opening(after, hi)
        elided = False
        if source is None and opening is not None:
            source = self.elided_source(m.first, sent_no, sent, m.entry.data["continues"])
            elided = source is not None
        if source is not None and (opening is not None or self.is_source(source)):
            self.recent_sources.append((sent_no, source if opening is not None or np is None or chain else self.holder_span(np)))
        if opening is None:
            if np is not None and (m.entry.data["nominal"] or (ctx.words[m.first].key in self.cues.dated_nominal
                                                              and self.dated_after(np[1], sent) is not None)):
                return self.nominal_claim(m, np, sent)  # «نفى الجيش تورط قواته»
            if source is not None and m.first > sent.lo and ctx.words[m.first - 1].key in self.cues.postposed:
                self.postposed_claim(m, source, sent)  # «…، كما أفاد مراسلون لفرانس برس»
            return None
        start = _skip_space(ctx.text, opening[0])
        end = self.claim_end(start, sent, hi)
        if end <= start:
            return None
        self.add(Attribution((start, end), (m.start, m.end), source, chain, m.entry.data["modality"], elided=elided))
        if relayed is not None and source is not None:  # both links: the relay holds the claim too
            prep, relay, _ = relayed
            links = [source] if any(ctx.words[k].key in self.cues.chain_preps for k in range(prep.first, prep.last + 1)) else []
            self.recent_sources.append((sent_no, relay))
            self.add(Attribution((start, end), (prep.start, prep.end), relay, links, None))
        return ctx.words.index_at(start)

    def relayed_by(self, k: int, hi: int) -> tuple[Match, tuple[int, int], int] | None:
        """A prepositional cue set off after a holder («وأضاف المصدر، وفق ما أوردت وكالة الأنباء
        السعودية أن…»، «وأضافت الصحيفة، نقلا عن مصدر…»): the cue, its holder and the word after it."""
        ctx = self.ctx
        pm = self.cues.preps.match_at(ctx.words, k)
        if not pm:
            return None
        prep = self.with_verb(pm[0], hi)
        np = self.noun_phrase(prep.last + 1, hi, told=False)
        if np is None:
            return None
        relay = self.span_of(np)
        if prep.entry.data.get("lam") and ctx.words[np[0]].key.startswith(self.cues.source_clitic):
            relay = (relay[0] + len(self.cues.source_clitic), relay[1])
        if not self.is_source(relay):
            return None
        return prep, relay, np[1]

    def with_verb(self, m: Match, hi: int) -> Match:
        """A prepositional cue with the verb after it, past «ما» («حسبما أفادت»، «وفق ما أوردت»)."""
        ctx = self.ctx
        k = m.last + 1
        if k + 1 < hi and ctx.words[k].key in self.cues.prep_links:
            k += 1
        verb = self.cues.verbs.match_at(ctx.words, k) if k < hi else []
        return Match(m.first, verb[0].last, m.entry, m.start, verb[0].end) if verb else m

    def colon_opening(self, k: int, hi: int) -> tuple[int, str] | None:
        """A colon that opens the claim further on in the sentence."""
        ctx = self.ctx
        for j in range(max(k, 1), hi):
            gap = ctx.text[ctx.words[j - 1].end : ctx.words[j].start]
            if ":" in gap:
                return ctx.words[j - 1].end + gap.index(":") + 1, "mark"
        return None

    def nominal_claim(self, m: Match, np: tuple[int, int], sent: Sentence) -> int | None:
        """A noun phrase as the claim of a cue such as نفى or أعلن («نفى الجيش الإسرائيلي تورط
        قواته»، «أعلن مصدر أمني، الأحد، تخصيص 350 ألف رجل أمن»): the holder is the name that opens
        the phrase (else the phrase, when it is a holder), the claim runs to the end of its clause."""
        ctx = self.ctx
        ent = ctx.entity_at_word(np[0])
        dated = self.dated_after(np[1], sent)
        if dated is not None and self.is_source(self.span_of(np)):
            source, after = self.span_of(np), dated  # «أعلنت السلطات الأفغانية، الاثنين، عن مقتل…»
        elif ent is not None and ent.start >= ctx.words[np[0]].start:
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
        if after >= sent.hi or (ctx.breaks_after(after - 1) and after != dated) \
                or self.cues.verbs.match_at(ctx.words, after):
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

    def dated_after(self, k: int, sent: Sentence) -> int | None:
        """The word after a date set off by commas right after word ``k - 1`` («مصدر أمني، الأحد،
        تخصيص…»), if there is one."""
        ctx = self.ctx
        if k >= sent.hi or not ctx.breaks_after(k - 1):
            return None
        j = k
        while j < sent.hi and any(a <= ctx.words[j].start < b for a, b in ctx.masked):
            j += 1
        return j if k < j < sent.hi and ctx.breaks_after(j - 1) else None

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
        m = self.with_verb(m, sent.hi)  # «حسبما أفادت وكالة الأنباء»: the verb belongs to the cue
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
                if sent.start <= a.cue[0] < m.start:  # (and after its holder: «…، بحسب أرقام لوزارة الطاقة، فيما»)
                    held = a.source[1] if a.source is not None and a.source[1] <= m.start else 0
                    start = max(start, a.claim[1], held)
            start = _skip_space(ctx.text, start)
            end = _trim_end(ctx.text, start, self.clause_end(np[1], sent) or m.start)
        if end > start:
            self.add(Attribution((start, end), (m.start, m.end), source, [], None))

    def clause_end(self, k: int, sent: Sentence) -> int | None:
        """Where the clause a prepositional cue stands in ends, when it goes on after the cue's holder
        («وتطرق الاجتماع، بحسب "تاس" إلى مناقشة…»، «فيما يبلغ إنتاج إيران وفق "أوبك"، نحو 3.45
        ملايين»); None when a new clause (a conjunction, a cue) or the sentence's end follows."""
        ctx = self.ctx
        if k >= sent.hi or ctx.words[k].key[:1] in self.cues.conj or self.verb_at(k, sent.hi) \
                or self.cues.preps.match_at(ctx.words, k):
            return None
        opening = next((n for n, ch in enumerate(ctx.gap(k - 1)) if ch in self.cues.claim_marks), None)
        if opening is not None and mark_direction(ctx.text, ctx.words[k - 1].end + opening) != "close":
            return None  # «وفق ما ذكر موقع "تلغراف"»: the holder's name goes on in quotes
        while k < sent.hi - 1 and not ctx.breaks_after(k):
            k += 1
        return ctx.words[k].end

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
                vm = self.verb_at(k, sent.hi)
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
