"""Whom an event is done to: a relative's antecedent resumed by the verb's object pronoun (مصر التي
زارها), the undergoer of an event noun (الغوطة التي تتعرض لقصف), the two parties after a pair marker
(لقاء بين X وY), and the tests that keep a name after the trigger from being its target (a genitive
of a word between, an adjective, a phrase a nearer trigger takes, a title's body standing for its
holder, the issuer after «الصادر عن»).  A mixin of :class:`rasid.events.arguments.ArgumentFinder`."""

from __future__ import annotations

from rasid.events.argclause import ClauseRules, arg_first, content_chain
from rasid.events.argpatterns import Arg, prep_of
from rasid.events.triggers import Trigger, trigger_lexicon
from rasid.events.words import key


class TargetRules(ClauseRules):
    def resumed_antecedent(self, t: Trigger) -> Arg | None:
        """A verb right after a relative pronoun that carries an object pronoun resuming the
        antecedent: the antecedent is the verb's object, not its subject, when it is a place
        (مصر التي زارها) or when a name right after the verb is its subject (برانسون الذي تحتجزه
        تركيا).  A person before «الذي زاره» with no name after may be the visitor: left as it was."""
        ctx, p = self.ctx, self.p
        k = t.first - 1
        if t.is_noun or t.first != t.last or k < t.sentence.lo or ctx.words[k].key not in p.relatives:
            return None
        word = ctx.words[t.first].key
        enclitic = next((e for e in p.object_enclitics if word.endswith(e) and len(word) > len(e) + 1), None)
        if enclitic is None or word[: -len(enclitic)] not in p.trigger_keys:
            return None
        ante = [x for x in self._args_in(t.sentence.start, ctx.words[k].start) if not x[4]]
        if not ante or len(ctx.words.between(ante[-1][1], ctx.words[k].start)) > 1:
            return None
        s, e, name, typ, pseudo = ante[-1]
        named_subject = t.last + 1 < t.sentence.hi and ctx.entity_at_word(t.last + 1) is not None
        before = ctx.words.between(ctx.words[t.sentence.lo].start, s)
        governed = len(before) > 0 and bool(prep_of(p, ctx.words[before[-1]].key))  # «من مصر التي», not «أمير الكويت الذي»
        if not named_subject and not (typ == "LOC" and governed):
            return None
        return Arg(s, e, name, typ, "", pseudo)

    def _undergoer(self, t: Trigger, lo: int) -> Arg | None:
        """The subject of a verb of undergoing right before an event noun (الغوطة التي تتعرض لقصف)."""
        ctx, p = self.ctx, self.p
        for k in range(t.first - 1, max(t.sentence.lo, t.first - 4) - 1, -1):
            if ctx.words[k].key not in p.patient_verbs:
                continue
            inside = [a for a in self._args_in(ctx.words[k].end, t.start) if not a[4]]
            if inside:  # VSO: «تتعرض مدينة حلب لقصف»
                s, e, name, typ, _ = inside[0]
                return Arg(s, e, name, typ, "")
            j = k - 1
            if j >= t.sentence.lo and ctx.words[j].key in p.relatives:
                j -= 1
            if j < t.sentence.lo:
                return None
            ent = ctx.entity_at_word(j)
            if ent is not None:
                return Arg(ent.start, ent.end, ctx.name(ent), ent.type, "")
            return None
        return None

    def _pair(self, t: Trigger, after: list[Arg]) -> tuple[Arg, Arg] | None:
        """«لقاء (مزمع) بين X و(الرئيس) Y»: the two parties after a pair marker close to a reciprocal noun."""
        ctx = self.ctx
        named = [a for a in after if not a.pseudo and a.marker == ""]
        if len(named) < 2:
            return None
        first, second = named[0], named[1]
        k = ctx.words.index_at(first.start)
        gap = ctx.words.between(t.end, ctx.words[k].start)
        if not gap or len(gap) > 2 or ctx.words[gap[-1]].key not in self.p.pair_markers:
            return None
        k2 = ctx.words.index_at(second.start)
        inner = ctx.words.between(first.end, ctx.words[k2].start)
        head = ctx.words[inner[0]] if inner else ctx.words[k2]
        prefix = ctx.text[head.start:second.start] if not inner else ctx.text[head.start:head.end]
        if len(inner) > 3 or key(prefix[:1]) not in self.p.conj:  # joined by و
            return None
        return first, second

    def _after_other(self, after: list[Arg], a: Arg, actor: Arg | None) -> bool:
        """The name follows another argument that is not the actor, with words between that are not
        titles: it belongs to a phrase of that argument (…إلى فيكتوريا ابنة شقيق سيرغي)."""
        idx = next(n for n, x in enumerate(after) if x is a)
        if idx == 0:
            return False
        prev = after[idx - 1]
        if actor is not None and (prev is actor or prev.start == actor.start):
            return False
        return not self._titled(prev.end, a)

    def _adjectives_only(self, end: int, arg: Arg) -> bool:
        """At most one plain word between ``end`` and ``arg``, an adjective agreeing with the noun in
        definiteness (العقوبات الاقتصادية، قصف مدفعي)."""
        ctx = self.ctx
        gap = ctx.words.between(end, arg.start)
        if len(gap) > 1 or any(ctx.breaks_after(k) for k in range(ctx.words.index_at(end - 1), arg_first(ctx, arg))):
            return False
        head = ctx.words.index_at(end - 1)
        if gap and not self.definite(head):
            return False  # «ترحيل لاجئ أفغاني»: after an indefinite noun the word may be its genitive
        return all(not prep_of(self.p, ctx.words[k].key) and ctx.words[k].key not in self.p.prep_keys
                   and ctx.entity_at_word(k) is None
                   and self.definite(k) == self.definite(head)  # «صد التوغل الأوكراني»: a genitive, no adjective
                   for k in gap)

    def _nearer_takes(self, t: Trigger, a: Arg) -> bool:
        """A trigger between ``t`` and ``a`` (not a purpose noun after ل) marks its own target with
        ``a``'s preposition: the phrase is that event's."""
        needs = trigger_lexicon().needs.get(id(t.entry), frozenset())
        for other in self.triggers:
            if not (t.end <= other.start and other.end <= a.start) or other.purpose:
                continue
            if self.ctx.words[other.first].key in needs:
                continue  # «انسحابه من الاتفاق النووي مع إيران»: the agreement is the withdrawal's own object
            if not t.is_noun and content_chain(self.ctx, t, other, self.triggers):
                continue  # «هدد بفرض رسوم على بكين»: the noun is the verb's content, its phrase the verb's
            if prep_of(self.p, self.ctx.words[other.first].key) == self.p.lam:
                continue
            if a.marker in {key(x) for x in other.entry.get("target", []) if x != "direct"}:
                return True
        return False

    def _indefinite_between(self, t: Trigger, after: list[Arg], a: Arg) -> bool:
        """After a definite event noun, an indefinite word that is no title (انعقاد، طلب) before
        the name: the name is that word's genitive, not the event's («خلال الزيارة انعقاد مجلس…»)."""
        ctx, p = self.ctx, self.p
        if not self.definite(t.first):
            return False
        anchor = max([b.end for b in after if b.end <= a.start] + [t.end])
        gap = ctx.words.between(anchor, a.start)
        if len(gap) != 1:
            return False  # (one word: «والقصف المدفعي ضربت إدلب» is no genitive)
        return any(not self.definite(k) and ctx.words[k].key not in p.titles
                   and not (ctx.words[k].key[:1] in p.clitic_letters and ctx.words[k].key[1:] in p.titles)
                   and not prep_of(p, ctx.words[k].key) and ctx.words[k].key not in p.prep_keys
                   for k in gap)

    def _person_of_title(self, after: list[Arg], a: Arg) -> Arg:
        """«هنأت … رئيس الاتحاد الدولي للجودو الروماني ماريوس فيزر»: a body that is the genitive of a
        title, with a person's name right after it (titles between), stands for that person."""
        ctx = self.ctx
        k = ctx.words.index_at(a.start)
        lead = ctx.text[ctx.words[k].start : a.start]
        if a.type == "PER" or a.pseudo or k == 0 or any(ch not in self.p.quote_marks for ch in lead):
            return a
        head = next((j for j in range(k - 1, max(-1, k - 4), -1) if ctx.words[j].key in self.p.titles), None)
        if head is None or any(ctx.breaks_after(j) or ctx.entity_at_word(j) is not None for j in range(head, k)):
            return a  # (رئيس مجلس إدارة "إير فرانس" جان مارك جاناياك: a title's phrase)
        rest = after[after.index(a) + 1:] if a in after else []
        person = next((b for b in rest if not b.pseudo), None)
        if person is None or person.type != "PER" or person.marker != "":
            return a
        gap = ctx.words.between(a.end, person.start)
        last = ctx.words.index_at(person.start)
        if len(gap) <= 3 and all(ctx.words[g].key in self.p.titles for g in gap) \
                and not any(ctx.breaks_after(g) for g in range(k, last)):
            return person
        return a

    def _issuer(self, a: Arg) -> bool:
        """The name after «الصادر عن» (البيان الصادر عن ميشيل باشليه): who issued the object."""
        ctx, p = self.ctx, self.p
        k = ctx.words.index_at(a.start)
        if ctx.words[k].start != a.start:
            return False
        k -= 1
        while k >= 0 and ctx.words[k].key in p.titles:
            k -= 1  # (الصادر عن المقرر الأممي فرانشيسكا ألبانيزي)
        return k >= 1 and ctx.words[k].key in p.issuer_preps and ctx.words[k - 1].key in p.issued_by
