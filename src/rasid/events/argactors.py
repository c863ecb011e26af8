"""Who acts: the subject of a verb before it (SVO, a relative pronoun's antecedent, a name fronted
after أن), the owner of an event noun (a name right before it, a ل-phrase), the subject of a light
verb whose object is the event noun (بدأ لافروف زيارة), the agent after «من قبل», and the tests that
keep a name after the trigger from being taken as its subject.  A mixin of
:class:`rasid.events.arguments.ArgumentFinder`; words are data."""

from __future__ import annotations

from rasid.events.argclause import ClauseRules
from rasid.events.argpatterns import Arg, _marker, prep_of
from rasid.events.triggers import Trigger
from rasid.events.words import key


class ActorRules(ClauseRules):
    def subject_before(self, t: Trigger, lo: int) -> Arg | None:
        """A name right before the trigger (SVO) or the antecedent of a relative pronoun."""
        ctx, p = self.ctx, self.p
        k = t.first - 1
        steps = 0
        if self._coordinated(t.first):
            return None  # «…لبنان ولم يلتق»: a coordinated verb's subject is not the name before it
        if k >= t.sentence.lo and ctx.words[k].key in p.verb_first_particles:
            return None  # «بعد أن اتهمت إسرائيل»: after أن the subject follows the verb
        while k >= t.sentence.lo and steps < 3:
            if self._coordinated(k) and ctx.entity_at_word(k) is None:
                return None
            if ctx.words[k].key in p.relatives:
                ante = [x for x in self._args_in(t.sentence.start, ctx.words[k].start) if not x[4]]
                gap = ctx.words.between(ante[-1][1], ctx.words[k].start) if ante else range(0)
                if any(ctx.words[g].start in self.trigger_starts for g in gap):
                    return None  # «مصر الهجوم الذي استهدف»: the antecedent is the event noun, no name
                if k == t.first - 1 and t.last + 1 < t.sentence.hi and ante and ante[-1][3] == "LOC" \
                        and ctx.words[t.last + 1].key in p.resumptive_preps:
                    return None  # «البصرة التي قتل فيها 7 أشخاص»: the place is where, not who
                if ante and len(gap) <= 1:
                    s, e, name, typ, pseudo = ante[-1]
                    return Arg(s, e, name, typ, "", pseudo)
                return None
            if k < lo:
                return self._fronted_subject(t, k) if steps == 0 else None
            hits = [x for x in self._args_in(ctx.words[k].start, ctx.words[k].end + 1)]
            ent = ctx.entity_at_word(k)
            before_ent = ctx.words.index_at(ent.start) - 1 if ent is not None else -1
            if before_ent >= t.sentence.lo and ctx.words[before_ent].key in p.medium_preps:
                return None  # «بيانا عبر تويتر انتقد فيه»: a medium is not the subject
            if ent is not None and not self._in_source(ent.start):
                if _marker(self.ctx, p, ctx.words[max(lo, k - 3)].start, ent.start) in ("", None) or k == lo:
                    ent = self._first_conjunct(ent)  # «كلاً من السعودية والإمارات زودتا»
                    return Arg(ent.start, ent.end, ctx.name(ent), ent.type, "")
            elif hits and hits[0][4]:
                s, e, name, typ, _ = hits[0]
                pseudo_arg = Arg(s, e, name, typ, "", True)
                # «جندي أميركي قتل»: a nationality after a force noun right before the verb is its subject
                return pseudo_arg if steps == 0 and self._forces_before(pseudo_arg) else None
            k -= 1
            steps += 1
        return None

    def _fronted_subject(self, t: Trigger, k: int) -> Arg | None:
        """«أن شركة موانئ دبي العالمية، اتهمت»: a name right after «أن» (and at most one head noun),
        set off by a comma right before the verb, is its subject."""
        ctx, p = self.ctx, self.p
        ent = ctx.entity_at_word(k)
        if ent is None or ent.end > ctx.words[t.first].start or self._in_source(ent.start):
            return None
        f = ctx.words.index_at(ent.start)
        if ctx.words.between(ent.end, ctx.words[t.first].start):
            return None
        if not any(j >= t.sentence.lo and ctx.words[j].key in p.verb_first_particles for j in (f - 1, f - 2)):
            return None
        if f - 2 >= t.sentence.lo and ctx.words[f - 1].key not in p.verb_first_particles \
                and (ctx.words[f - 1].start in self.trigger_starts or ctx.entity_at_word(f - 1) is not None):
            return None
        return Arg(ent.start, ent.end, ctx.name(ent), ent.type, "")

    def _owned_by(self, name: Arg, t: Trigger) -> bool:
        """A name right before an event noun acts in it, unless the noun is definite («وصفت
        الوكالة الزيارة»: the verb's object), carries a preposition («من تركيا بمقتل»), counts
        victims, or a word such as إثر stands between («مرسي إثر احتجاجات»)."""
        ctx = self.ctx
        gap = ctx.words.between(name.end, t.start)
        if len(gap) > 1 or self.definite(t.first) or t.entry.get("actor_is_victim") or t.purpose:
            return False
        if prep_of(self.p, ctx.words[t.first].key):
            return False
        return not any(ctx.words[k].key in self.p.nominal_heads or ctx.words[k].key in self.p.prep_keys for k in gap)

    def _lam_owner(self, t: Trigger, after: list[Arg], spec: list[str]) -> Arg | None:
        """An indefinite event noun owned by a ل-phrase is that party's act («قصف مدفعي للتحالف»،
        «غارات للتحالف»), unless ل marks the noun's target (زيارة لروسيا)."""
        ctx, p = self.ctx, self.p
        if self.definite(t.first) or t.entry.get("actor_is_victim") or p.lam in {key(x) for x in spec}:
            return None
        for a in after[:1]:
            gap = [k for k in ctx.words.between(t.end, a.start) if ctx.words[k].end <= a.start]
            if a.pseudo and gap:
                gap = gap[:-1]  # «للجيش السوري»: the force noun carries the ل
            if a.marker == p.lam and (not a.pseudo or self._forces_before(a)) and len(gap) <= 3 \
                    and all(not prep_of(p, ctx.words[k].key) and ctx.words[k].key not in p.prep_keys for k in gap):
                return a
        return None

    def light_verb_subject(self, t: Trigger, lo: int) -> tuple[bool, Arg | None]:
        """(is the noun a light verb's object, that verb's subject): بدأ لافروف زيارة، يجري خلالها محادثات،
        أعلنت ماي في وقت سابق عن سلسلة من العقوبات."""
        ctx, p = self.ctx, self.p
        skipped = 0  # dates and time adverbials are no words of the phrase
        links = True  # «عن سلسلة من» right before the noun
        k = t.first - 1
        while k >= max(lo, t.first - 7 - skipped):
            w = ctx.words[k].key
            if k == t.first - 1 and w in p.light_verb_preps:
                k -= 1
                continue  # «توصلت إيران وروسيا إلى اتفاق»
            if links and w in p.light_verb_links:
                k -= 1
                continue  # «أعلنت عن سلسلة من العقوبات»، «شن سلسلة من الغارات»
            links = False
            adverbial = self._time_adverbial(k)
            if adverbial or ctx.dated_aside(k, k + 1):
                skipped += max(adverbial, 1)
                k -= max(adverbial, 1)
                continue  # «أعلنت في وقت سابق الأربعاء عن…»
            if w in p.complementizers:
                return False, None  # «أعلن الجيش أن القصف…»: the noun is in the claim
            if prep_of(p, w) and ctx.entity_at_word(k) is None:
                return False, None  # the noun is in a prepositional phrase (يقدم هراء في محادثات)
            announce = w in p.announce_verbs
            if w in p.light_verbs or announce:
                if announce and (t.entry.get("actor_is_victim") or not self._only_subject(k + 1, t.first)):
                    return False, None  # «أعلنت الوزارة مقتل 10 أشخاص»: who announces a toll did not suffer it;
                    # «أعلن التنظيم مسؤوليته عن الهجوم»: the noun is another word's
                undated = [a for a in self.before(t, lo) if not any(x <= a.start < y for x, y in ctx.dated)]
                between = [a for a in undated if a.start >= ctx.words[k].end
                           and (not a.pseudo or self._forces_before(a))]  # «شنت قوات الجيش اليمني هجوما»
                if between:
                    return True, between[0]
                prior = [a for a in undated if a.end <= ctx.words[k].start and not a.pseudo
                         and not self._governed(a)]  # «مع موسكو من خلال فرض عقوبات»: not the subject
                # (a name inside a date is none: «أعلنت الحكومة في نيسان/أبريل 2016 اتفاقية»)
                n = len(prior) - 1
                while n > 0 and self._joined(prior[n], prior[n - 1]):
                    n -= 1  # «البشير ورئيس الوزراء الإثيوبي سيجريان مباحثات»: the first of joined subjects
                return True, prior[n] if prior else None
            k -= 1
        return False, None

    def _only_subject(self, i: int, j: int) -> bool:
        """Words [i, j) hold only names, titles, dates and the links of a light verb (عن سلسلة من)."""
        ctx, p = self.ctx, self.p
        k = j - 1
        while k >= i:
            n = self._time_adverbial(k)
            if n:
                k -= n
                continue
            w = ctx.words[k].key
            if not (ctx.entity_at_word(k) is not None or w in p.titles or w in p.light_verb_links
                    or ctx.dated_aside(k, k + 1)):
                return False
            k -= 1
        return True

    def _agent(self, t: Trigger, hi: int) -> Arg | None:
        """The agent after «من قبل» / «على يد» in the trigger's clause (قصف من قبل النظام السوري)."""
        ctx, p = self.ctx, self.p
        for k in range(t.last + 1, hi):
            for marker in p.agent_markers:
                if k + len(marker) > hi or tuple(ctx.words[k + j].key for j in range(len(marker))) != marker:
                    continue
                after = ctx.words[k + len(marker) - 1].end
                limit = ctx.words[min(hi, k + len(marker) + 3) - 1].end
                found = self._args_in(after, limit)
                if found:
                    s, e, name, typ, pseudo = found[0]
                    return Arg(s, e, name, typ, "", pseudo)
                return None
        return None

    def _relative_between(self, lo: int | None, hi: int) -> bool:
        """A relative pronoun after a name between the previous event and this one: the subject
        changed («نسبت لندن المسؤولية لروسيا التي تنفي ذلك وطلبت زيارة…»: Russia asks, not London)."""
        if lo is None:
            return False
        ctx = self.ctx
        return any(ctx.words[k].key in self.p.relatives and ctx.entity_at_word(k - 1) is not None
                   for k in range(lo + 1, hi))

    def _pronoun_subject(self, t: Trigger) -> bool:
        """«أعلنت الوزارة أنها رفضت طلب…»: the pronoun on the complementizer is the verb's subject."""
        ctx, p = self.ctx, self.p
        k = t.first - 1
        while k >= t.sentence.lo and t.first - k <= 3:
            word = ctx.words[k].key
            if word in p.pronoun_complementizers:
                return True
            if word not in p.auxiliaries and word not in p.particles:
                return False
            k -= 1
        return False

    def _title_phrase_before(self, t: Trigger, a: Arg) -> bool:
        """«وندد المتحدث باسم وزارة الخارجية بهرام قاسمي»: a person named after a title phrase that opens
        right after the trigger (a title word first, no comma) is as near as a name right after it."""
        ctx = self.ctx
        gap = ctx.words.between(t.end, a.start)
        return a.type == "PER" and 0 < len(gap) <= 6 and ctx.words[gap[0]].key in self.p.titles \
            and not any(ctx.breaks_after(k) for k in gap)

    def _definite_between(self, t: Trigger, arg: Arg) -> bool:
        """A definite noun right after a verb, no title, is the verb's subject («قصفت الطائرات مواقع
        ميليشيات X»): a name further on belongs to the object."""
        ctx = self.ctx
        gap = [k for k in ctx.words.between(t.end, arg.start) if ctx.words[k].end <= arg.start]
        return bool(gap) and self.definite(gap[0]) and ctx.words[gap[0]].key not in self.p.titles \
            and ctx.words[gap[0]].key not in self.p.holders and ctx.entity_at_word(gap[0]) is None

    def _definite_before_forces(self, t: Trigger, arg: Arg) -> bool:
        """«ويتهم البحث الحكومة المكسيكية»: a definite noun (no title, force, holder or name) right
        after the verb is its subject; the forces and nationality after it are the object."""
        gap = [k for k in self.ctx.words.between(t.end, arg.start) if self.ctx.words[k].end <= arg.start]
        return len(gap) >= 2 and self._definite_between(t, arg) and self.ctx.words[gap[0]].key not in self.p.forces

    def _clitic_prep_gap(self, t: Trigger, arg: Arg) -> bool:
        """«يطالبون بإطلاق سراح نورا»: a word with ب/ل attached before the name makes it no subject."""
        ctx = self.ctx
        gap = ctx.words.between(t.end, arg.start)
        return bool(gap) and len(ctx.words[gap[0]].key) > 3 and ctx.words[gap[0]].key[0] in self.p.clitic_letters

    def _count_after(self, t: Trigger) -> bool:
        """A count starts right after the trigger (a quantity, a number, «أكثر من»)."""
        ctx = self.ctx
        k = t.last + 1
        if k >= len(ctx.words) or ctx.breaks_after(t.last):
            return False
        w = ctx.words[k]
        return any(a <= w.start < b for a, b in ctx.counted) or any(ch.isdigit() for ch in w.key) \
            or w.key in self.p.count_openers
