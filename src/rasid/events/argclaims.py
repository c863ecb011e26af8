"""Arguments taken from the attributions: the subject of the claim an event sits in, the named
holder of the sentence's claim or of the claim that follows an occasion noun (خلال لقاء…، إنه), the
side in a source phrase (الشرطة الألمانية), and a pronoun target that stands for the claim's holder
(فرضت عقوبات عليها).  A mixin of :class:`rasid.events.arguments.ArgumentFinder`."""

from __future__ import annotations

from rasid.events.argclause import ClauseRules
from rasid.events.argpatterns import Arg, _marker
from rasid.events.triggers import Trigger
from rasid.events.words import key

_SUBJECT_REACH = 4  # words from a sentence's opening verb to its subject's name (a title between)


class ClaimRules(ClauseRules):
    def claim_subject(self, t: Trigger) -> Arg | None:
        """The subject of the claim an event sits in; when the claim names none, its named holder
        (نفت موسكو أن تكون أرسلت… → Moscow)."""
        for a in self.attributions:
            if a.claim[0] <= t.start < a.claim[1]:
                ctx = self.ctx
                closed = not t.is_noun and t.first > 0 and self._coordinated(t.first) \
                    and any(ch in self.p.quote_marks for ch in ctx.gap(t.first - 1))
                if closed and a.entity is not None:  # «قالت ماي إن "…"، وطالبت بلجنة»: past the quote, the holder
                    ent = a.entity
                    return Arg(ent.start, ent.end, ctx.name(ent), ent.type, "")
                for s, e, name, typ, pseudo in self._args_in(a.claim[0], t.start):
                    lead = [ctx.words[k].key for k in ctx.words.between(a.claim[0], s)]
                    if _marker(ctx, self.p, a.claim[0], s) == "" and all(w in self.p.particles for w in lead):
                        return Arg(s, e, name, typ, "", pseudo)  # «قال إن روسيا أرسلت», not «أن استقرار ليبيا»
                first = ctx.words.index_at(a.claim[0])
                if t.first - first > 2 or t.is_noun:
                    return None  # the holder reports an event noun (بأن من المقرر ترحيل…), it does not do it
                if a.entity is not None:  # the claim's own first verb
                    ent = a.entity
                    return Arg(ent.start, ent.end, ctx.name(ent), ent.type, "")
                if a.source is not None:  # «ذكرت الشرطة الألمانية أنها اعتقلت» → Germany
                    return self._side_in(a.source[0], a.source[1])
                return None
        return None

    def sentence_holder(self, t: Trigger) -> Arg | None:
        """The named holder of a claim of the trigger's sentence when the trigger is outside that
        claim: the sentence's subject («وقالت ماي خلال لقائها»، «قالت ماي إن "…"، وطالبت بلجنة»)."""
        for a in reversed(self.attributions):
            if a.entity is None or a.source is None or a.elided or a.claim[0] <= t.start < a.claim[1]:
                continue
            if t.sentence.start <= a.source[0] and a.source[1] <= t.start:
                ent = a.entity
                return Arg(ent.start, ent.end, self.ctx.name(ent), ent.type, "")
        return None

    def participle_subject(self, t: Trigger) -> Arg | None:
        """The subject of the clause a participle follows: the first name of its sentence, right after the
        sentence's opening verb and its title words («وتحدى الرئيس التركي رجب طيب أردوغان المسؤولين
        السعوديين، مطالبا إياهم» → Erdoğan), not one governed by a preposition."""
        ctx = self.ctx
        for s, e, name, typ, pseudo in self._args_in(t.sentence.start, t.start):
            k = ctx.words.index_at(s)
            if pseudo or k - t.sentence.lo > _SUBJECT_REACH:
                return None
            if k > t.sentence.lo and ctx.words[k].start == s \
                    and not any(ctx.words[j].key in self.p.prep_keys or ctx.breaks_after(j - 1)
                                for j in range(t.sentence.lo + 1, k + 1)):  # (a dateline «دبي، …» is no subject)
                return Arg(s, e, name, typ, "")
            return None
        return None

    def participle_object(self, t: Trigger, actor: Arg | None) -> Arg | None:
        """«مطالبا إياهم»: a detached object pronoun right after a participle stands for the object of the
        clause before it, the first name (or nationality) after the subject in the sentence."""
        ctx = self.ctx
        if t.last + 1 >= t.sentence.hi or ctx.words[t.last + 1].key not in self.p.object_pronouns:
            return None
        start = actor.end if actor is not None and actor.start >= t.sentence.start else t.sentence.start
        for s, e, name, typ, pseudo in self._args_in(start, t.start):
            if actor is None or name != actor.name:
                return Arg(s, e, name, typ, "", pseudo)
        return None

    def participle_state(self, t: Trigger) -> bool:
        """«بات مطالباً بالبحث»، «وسيكون الأهلي مطالباً»: after a copula the participle is a state, no act."""
        lo = max(t.sentence.lo, t.first - 3)
        return any(self.ctx.words[k].key in self.p.participle_copulas for k in range(lo, t.first))

    def claim_holder(self, t: Trigger) -> Arg | None:
        """The named holder of the claim the trigger sits in («أكد ترامب أن كيم في طريقه، مشيدا» → Trump)."""
        for a in self.attributions:
            if a.claim[0] <= t.start < a.claim[1] and a.entity is not None and not a.elided:
                ent = a.entity
                return Arg(ent.start, ent.end, self.ctx.name(ent), ent.type, "")
        return None

    def participle_holder(self, t: Trigger) -> Arg | None:
        """The named holder of the claim a participle follows (its sentence's, or the previous sentence's
        when the participle opens its own: «وصرح الرئيس السنغالي … أن الطرفين أجريا مباحثات. مشيدا بالصين»)."""
        holder = self.sentence_holder(t)
        if holder is not None or t.first != t.sentence.lo:
            return holder
        previous = [s for s in self.ctx.sentences if s.end <= t.sentence.start]
        if not previous:
            return None
        lo = previous[-1].start
        for a in reversed(self.attributions):
            if a.entity is None or a.source is None or a.elided:
                continue
            if lo <= a.source[0] and a.source[1] <= t.start:
                ent = a.entity
                return Arg(ent.start, ent.end, self.ctx.name(ent), ent.type, "")
        return None

    def holder_before_claim(self, t: Trigger) -> Arg | None:
        """An event noun between a named holder and the opening of its claim is the holder's act
        («وقال وزير الطاقة الروسي ألكسندر نوفاك خلال لقاء جمعه مع نظيره الإيراني، إنه…»)."""
        ctx = self.ctx
        if t.first == 0 or ctx.words[t.first - 1].key not in self.p.occasions:
            return None  # («خلال لقاء»، «أثناء زيارة»: the occasion of the speech)
        for a in self.attributions:
            if a.entity is None or a.source is None or a.elided:
                continue
            if a.source[1] <= t.start and t.end <= a.claim[0] and t.sentence.start <= a.source[0] \
                    and not any(ctx.breaks_after(k) for k in range(ctx.words.index_at(a.source[1] - 1) + 1, t.first)):
                ent = a.entity
                return Arg(ent.start, ent.end, ctx.name(ent), ent.type, "")
        return None

    def pronoun_target(self, t: Trigger, hi: int, spec: list[str]) -> Arg | None:
        """«فرض عقوبات عليها» in a claim: the pronoun after the target's preposition is the claim's
        holder (ورأت روسيا أن بريطانيا … فرضت عقوبات عليها → Russia)."""
        ctx, p = self.ctx, self.p
        preps = {key(x) for x in spec if x != "direct"}
        for k in range(t.last + 1, min(hi, t.last + 3)):
            if p.pronoun_preps.get(ctx.words[k].key) not in preps:
                continue
            for a in self.attributions:
                if a.claim[0] <= t.start < a.claim[1] and a.entity is not None:
                    ent = a.entity
                    return Arg(ent.start, ent.end, ctx.name(ent), ent.type, "")
            return None
        return None

    def _side_in(self, start: int, end: int) -> Arg | None:
        """A nationality after a word for forces or authorities inside a span (الشرطة الألمانية)."""
        ctx, p = self.ctx, self.p
        r = ctx.words.between(start, end)
        for i in r:
            for size in (2, 1):
                if i + size > r.stop:
                    continue
                country = p.demonyms.get(tuple(ctx.words[k].key for k in range(i, i + size)))
                if country and i > r.start and ctx.words[i - 1].key in p.forces:
                    return Arg(ctx.words[i].start, ctx.words[i + size - 1].end, country, "LOC", "", pseudo=True)
        return None
