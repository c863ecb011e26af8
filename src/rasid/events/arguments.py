"""Arguments of an event: actor, target, location, time and quantity.

Arguments are entities (canonical names after linking) found around the trigger in its clause,
each with the preposition that governs it (``مع نظيرته … تشوي`` → مع).  Verbs take their subject
from the name after them (VSO), the name right before them (SVO) or a relative pronoun's
antecedent; verbal nouns from the genitive after them or the subject of a light verb (بدأ X زيارة).
A subject left out («وتعهد بتقديم…») is the previous event's actor in the sentence, else the subject
of the claim the event is in; when none is found the actor stays ``None``.  Where no entity fills a
slot, a nationality adjective does (جندي كوري شمالي → North Korea).  Patterns live in
``lang/ar/triggers.yaml``.
"""


from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rasid.document import Span
from rasid.events.argpatterns import Arg, _marker, patterns, prep_of
from rasid.events.attribution import Attribution
from rasid.events.context import Context, Sentence
from rasid.events.subjects import SubjectRules
from rasid.events.triggers import Trigger, trigger_lexicon
from rasid.events.words import key

__all__ = ["Arg", "ArgumentFinder", "content_chain", "nearest", "patterns", "prep_of"]


_CONTENT_REACH = 8  # words from a threat to the name in its content


class ArgumentFinder(SubjectRules):
    def __init__(self, ctx: Context, attributions: list[Attribution], triggers: Sequence[Trigger] = ()) -> None:
        self.ctx = ctx
        self.trigger_starts = sorted(t.start for t in triggers)
        self.triggers = list(triggers)
        self.p = patterns()
        self.attributions = attributions
        self.sources = [a.source for a in attributions if a.source and not a.elided]
        self.pseudo = self._nationalities()

    # -- candidates ------------------------------------------------------------------------
    def _nationalities(self) -> list[Arg]:
        """Nationality adjectives that do not describe a named person (الرئيس الأميركي دونالد ترمب)."""
        ctx, p = self.ctx, self.p
        out: list[Arg] = []
        n = len(ctx.words)
        keys = [w.key for w in ctx.words.items]
        i = 0
        while i < n:
            if keys[i] not in p.demonym_firsts:
                i += 1
                continue
            hit = None
            for size in (2, 1):
                if i + size <= n:
                    country = p.demonyms.get(tuple(keys[i:i + size]))
                    if country:
                        hit = (size, country)
                        break
            if hit is None:
                i += 1
                continue
            size, country = hit
            s, e = ctx.words[i].start, ctx.words[i + size - 1].end
            inside = any(x.start <= s < x.end for x in ctx.entities) or any(a <= s < b for a, b in self.sources)
            follows = [x for x in ctx.entities if e <= x.start <= e + 30]
            apposition = bool(follows) and all(  # «الرئيس الأميركي دونالد ترمب»، «العاهل الأردني الملك عبد الله»
                keys[k] in p.titles for k in ctx.words.between(e, follows[0].start))
            modifier = any(0 <= s - x.end <= 1 for x in ctx.entities)  # كورسك الروسية
            if not inside and not apposition and not modifier:
                out.append(Arg(s, e, country, "LOC", "", pseudo=True))
            i += size
        return out

    def _args_in(self, start: int, end: int) -> list[tuple[int, int, str, str | None, bool]]:
        items = [(x.start, x.end, self.ctx.name(x), x.type, False) for x in self.ctx.entities
                 if start <= x.start and x.end <= end and not self._in_source(x.start)]
        items += [(a.start, a.end, a.name, a.type, True) for a in self.pseudo if start <= a.start and a.end <= end]
        return sorted(items)

    def _in_source(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.sources)

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

    def clause(self, t: Trigger) -> tuple[int, int]:
        """Word range [lo, hi) of the trigger's clause."""
        ctx, p = self.ctx, self.p
        lo = t.first
        while lo > t.sentence.lo and ctx.words[lo - 1].key not in p.subordinators:
            if ctx.breaks_after(lo - 1):
                m = lo - 1  # «يبدأ أبي أحمد، غدا الأربعاء، زيارة»: a date or a name between commas is an aside
                while m > t.sentence.lo and not ctx.breaks_after(m - 1):
                    m -= 1
                near = all(ctx.words[k].key in p.auxiliaries for k in range(lo, t.first))  # (قد هدد)
                if not (near and m > t.sentence.lo and ctx.aside(m, lo)):
                    break
                lo = m
            lo -= 1
        hi = t.last + 1
        while hi < t.sentence.hi and not ctx.breaks_after(hi - 1) and ctx.words[hi].key not in p.subordinators \
                and ctx.words[hi].key not in p.relatives:
            hi += 1
        return lo, hi

    def after(self, t: Trigger, hi: int) -> list[Arg]:
        ctx = self.ctx
        end = ctx.words[hi - 1].end if hi > 0 else t.end
        out = []
        anchor = t.end
        for s, e, name, typ, pseudo in self._args_in(t.end, end):
            marker = _marker(ctx, self.p, anchor, s)
            if marker is None:
                break
            out.append(Arg(s, e, name, typ, marker, pseudo, len(ctx.words.between(anchor, s))))
            anchor = e
        return out

    def before(self, t: Trigger, lo: int) -> list[Arg]:
        ctx = self.ctx
        start = ctx.words[lo].start
        out = []
        for s, e, name, typ, pseudo in self._args_in(start, t.start):
            out.append(Arg(s, e, name, typ, "", pseudo))
        return out

    # -- slots -----------------------------------------------------------------------------
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

    def _relative_between(self, lo: int | None, hi: int) -> bool:
        """A relative pronoun after a name between the previous event and this one: the subject
        changed («نسبت لندن المسؤولية لروسيا التي تنفي ذلك وطلبت زيارة…»: Russia asks, not London)."""
        if lo is None:
            return False
        ctx = self.ctx
        return any(ctx.words[k].key in self.p.relatives and ctx.entity_at_word(k - 1) is not None
                   for k in range(lo + 1, hi))

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

    def _title_phrase_before(self, t: Trigger, a: Arg) -> bool:
        """«وندد المتحدث باسم وزارة الخارجية بهرام قاسمي»: a person named after a title phrase that opens
        right after the trigger (a title word first, no comma) is as near as a name right after it."""
        ctx = self.ctx
        gap = ctx.words.between(t.end, a.start)
        return a.type == "PER" and 0 < len(gap) <= 6 and ctx.words[gap[0]].key in self.p.titles \
            and not any(ctx.breaks_after(k) for k in gap)

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

    def _definite_between(self, t: Trigger, arg: Arg) -> bool:
        """A definite noun right after a verb, no title, is the verb's subject («قصفت الطائرات مواقع
        ميليشيات X»): a name further on belongs to the object."""
        ctx = self.ctx
        gap = [k for k in ctx.words.between(t.end, arg.start) if ctx.words[k].end <= arg.start]
        return bool(gap) and self.definite(gap[0]) and ctx.words[gap[0]].key not in self.p.titles \
            and ctx.words[gap[0]].key not in self.p.holders and ctx.entity_at_word(gap[0]) is None

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

    def _clitic_prep_gap(self, t: Trigger, arg: Arg) -> bool:
        """«يطالبون بإطلاق سراح نورا»: a word with ب/ل attached before the name makes it no subject."""
        ctx = self.ctx
        gap = ctx.words.between(t.end, arg.start)
        return bool(gap) and len(ctx.words[gap[0]].key) > 3 and ctx.words[gap[0]].key[0] in self.p.clitic_letters

    def _forces_before(self, arg: Arg) -> bool:
        """«القوات الروسية»، «طائرات إسرائيلية»، «الجيش الوطني اليمني»: a nationality after a word for
        armed forces or authorities, or after one adjective that follows such a word."""
        ctx = self.ctx
        k = ctx.words.index_at(arg.start)
        if k > 0 and ctx.words[k - 1].key in self.p.forces:
            return True
        if k < 2 or ctx.words[k - 2].key not in self.p.forces or ctx.breaks_after(k - 2):
            return False
        middle = ctx.words[k - 1].key
        return not prep_of(self.p, middle) and middle not in self.p.prep_keys and ctx.entity_at_word(k - 1) is None

    def _coordinated(self, k: int) -> bool:
        """A word carrying the conjunction و/ف: the trigger itself or a short particle (ولم، وقد)."""
        w = self.ctx.words[k].key
        if not w or w[0] not in self.p.conj:
            return False
        if not self.p.trigger_keys:
            self.p.trigger_keys = set(trigger_lexicon().lexicon.index)
        return w[1:] in self.p.particles or w[1:] in self.p.trigger_keys

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

    def _count_after(self, t: Trigger) -> bool:
        """A count starts right after the trigger (a quantity, a number, «أكثر من»)."""
        ctx = self.ctx
        k = t.last + 1
        if k >= len(ctx.words) or ctx.breaks_after(t.last):
            return False
        w = ctx.words[k]
        return any(a <= w.start < b for a, b in ctx.counted) or any(ch.isdigit() for ch in w.key) \
            or w.key in self.p.count_openers

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

    def _time_adverbial(self, k: int) -> int:
        """The number of words of a time adverbial ending at word ``k`` (في وقت سابق), else 0."""
        for phrase in self.p.time_adverbials:
            n = len(phrase)
            if k - n + 1 >= 0 and tuple(self.ctx.words[i].key for i in range(k - n + 1, k + 1)) == phrase:
                return n
        return 0

    def _governed(self, a: Arg) -> bool:
        """A name after a preposition, written apart (مع موسكو) or attached (لموسكو)."""
        ctx = self.ctx
        k = ctx.words.index_at(a.start)
        if ctx.words[k].start < a.start:
            clitic = key(ctx.text[ctx.words[k].start : a.start])
            return clitic in self.p.prep_clitics
        return k > 0 and ctx.words[k - 1].key in self.p.prep_keys

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

    def _joined(self, a: Arg, actor: Arg) -> bool:
        ctx = self.ctx
        if actor.start < 0 or a.start < actor.end:
            return False
        k = ctx.words.index_at(a.start)
        between = ctx.words.between(actor.end, ctx.words[k].start)
        prefix = ctx.text[ctx.words[k].start : a.start]
        return not between and bool(prefix) and key(prefix) in self.p.conj

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

    def find(self, t: Trigger, previous: dict[str, Any] | None, previous_last: int | None = None) -> dict[str, Any]:
        """Actor, target and location for one trigger; ``previous`` is the last event of its sentence."""
        lo, hi = self.clause(t)
        after = self.after(t, hi)
        if not t.is_noun:  # «هدد بالانسحاب من الاتفاق وفرض عقوبات على إيران»: the content's phrases are in reach
            chain = [c for c in self.triggers if t.end <= c.start and c.last < hi
                     and content_chain(self.ctx, t, c, self.triggers)]
            if chain:
                seen = after[-1].end if after else t.end
                after += [a for a in self.after(chain[-1], hi) if a.start >= seen]
        spec = list(t.entry.get("target", []))
        actor: Arg | None = None
        light = False
        direct_after = [a for a in after if a.marker == "" and not a.pseudo]
        direct_after = [a for a in direct_after if (a.gap <= 3 or self._title_phrase_before(t, a))
                        and not self._clitic_prep_gap(t, a)
                        and not self._quoted_after(t, a)]  # «ورفض "إملاءات صندوق النقد"»: an object
        first = after[0] if after else None
        nationality_subject = first is not None and first.pseudo and first.marker == "" \
            and first.gap <= 2 and self._forces_before(first) \
            and (t.is_noun or not t.entry.get("actor_is_victim"))  # «قصف القوات الحكومية السورية»; who kills is no victim
        patient_genitive = t.is_noun and t.entry.get("genitive") == "target"
        noun_side = t.is_noun and t.type in self.p.noun_nationality_types and first is not None and first.pseudo \
            and first.marker == "" and self._adjectives_only(t.end, first)
        pronoun_subject = not t.is_noun and self._pronoun_subject(t)
        resumed: Arg | None = None
        pair = self._pair(t, after) if t.is_noun and t.entry.get("reciprocal") else None
        if pair is not None:
            actor = pair[0]  # «لقاء مزمع بين كيم والرئيس الأميركي دونالد ترامب»
        elif t.has_pronoun or pronoun_subject:
            pass  # زيارته، «أنها رفضت»: the actor is the pronoun's referent (previous actor, claim holder)
        elif patient_genitive:
            light, actor = self.light_verb_subject(t, lo)  # «اعتقال منصور»: the genitive is who is arrested
        elif t.is_noun:
            if nationality_subject:
                actor = first  # انسحاب القوات الروسية
            elif direct_after and (direct_after[0].start - t.end <= 2 or self._titled(t.end, direct_after[0])):
                actor = direct_after.pop(0)  # «لقاء العاهل الأردني الملك عبد الله الثاني»
            else:
                light, actor = self.light_verb_subject(t, lo)
                if actor is None and not light and noun_side:
                    actor = first  # «العقوبات الأمريكية»، «الغارات الجوية الإسرائيلية»
                if actor is None and not light:
                    near = [a for a in self.before(t, lo) if not a.pseudo]
                    if near and self._owned_by(near[-1], t):
                        actor = near[-1]
                if actor is None and not light:
                    actor = self._lam_owner(t, after, spec)  # «قصف مدفعي وصاروخي للتحالف العربي»
        else:
            resumed = self.resumed_antecedent(t)
            actor = None if resumed is not None else self.subject_before(t, lo)
            if actor is None:
                actor = self._holder_subject(t, after)  # «اتهم بيان للجناح العسكري لحماس إسرائيل»
            if actor is None and nationality_subject:
                actor = first  # قصفت طائرات إسرائيلية …
            elif actor is None and direct_after and not self._noun_subject(t) \
                    and not self._definite_between(t, direct_after[0]):
                only_place = len(direct_after) == 1 and t.entry.get("place_target") and direct_after[0].type == "LOC"
                if not only_place:  # «زار الوزير لبنان»: the one name after a visit verb is where
                    actor = direct_after.pop(0)
        if actor is None and t.is_noun and after and not after[0].pseudo and after[0].marker == "":
            gap = self.ctx.words.between(t.end, after[0].start)
            if len(gap) == 1 and self.ctx.words[gap[0]].key in self.p.forces:
                actor = after[0]  # «بقصف طيران التحالف»، «لقصف قوات التحالف»: the forces' owner acts
        if actor is not None and actor.start > 0 and t.entry.get("actor_is_victim"):
            k = self.ctx.words.index_at(actor.start)
            if k > 0 and self.ctx.words[k - 1].key in self.p.weapon_agents:
                actor = None  # «أصيب بها برصاص الجيش الإسرائيلي»: who fired did not suffer the toll
        agent = self._agent(t, hi)
        if agent is not None:
            actor = agent
            after = [a for a in after if a.start != agent.start]
        undergoer = self._undergoer(t, lo) if t.is_noun else None
        if actor is not None and actor in after:
            actor = self._person_of_title(after, actor)  # «استقال رئيس مجلس إدارة "إير فرانس" جان مارك جاناياك»
        elided = actor is None
        inherit = t.entry.get("inherit_actor", True)
        relative = actor is None and not t.is_noun and t.first > t.sentence.lo and resumed is None \
            and ctx_key(self.ctx, t.first - 1) in self.p.relatives
        if relative:
            inherit = False  # «… الذين يهاجمون»: the subject is the relative's antecedent, found or not
        explicit = actor is None and not t.is_noun and self._noun_subject(t)
        if explicit:
            inherit = False  # «أن شخصية رفيعة المستوى وصلت»: the subject is there, and no name
        if actor is None and t.type not in self.p.quantity_types and self._count_after(t):
            inherit = False  # «إثر رفض أكثر من 55% من الموظفين»: a count right after the trigger is its subject
        if actor is None and inherit and previous is not None and previous.get("actor") \
                and previous.get("type") not in self.p.victim_types \
                and not self._relative_between(previous_last, t.first):  # the dead are no one's subject
            actor = Arg(-1, -1, previous["actor"], None, "")
        if actor is None and inherit:
            actor = self.claim_subject(t)
        if actor is None and noun_side:
            actor = first  # «أمر بإعادة فرض العقوبات الأميركية»: a light verb's subject first, else the side
        if actor is None and t.has_pronoun:  # «أعلن ترامب انسحابه»: the clause's subject
            named = [a for a in self.before(t, lo) if not a.pseudo]
            actor = named[-1] if named else None
        if actor is None and inherit and (t.has_pronoun or self._coordinated(t.first)):
            actor = self.sentence_holder(t)  # «وقالت ماي خلال لقائها…»، «قالت ماي إن "…"، وطالبت بلجنة»
        if actor is None and inherit and t.is_noun:
            actor = self.holder_before_claim(t)  # «وقال نوفاك خلال لقاء جمعه مع نظيره، إنه…»
        target = undergoer if undergoer is not None else resumed
        if target is not None and actor is not None and target.name == actor.name:
            target = None
        spec_keys = {key(x) for x in spec}
        genitive_actor = t.is_noun and actor is not None and actor.start >= t.end and not patient_genitive
        co_actor = actor if actor is not None else Arg(-1, -1, "", None, "")
        for a in after if target is None else ():
            if a is actor or (actor is not None and a.name == actor.name) \
                    or (a.pseudo and (not spec or self._qualifies_object(a))) \
                    or (actor is not None and t.end <= a.start < actor.start):
                continue  # (nor a nationality after a preposition: «للعلاقات الروسية»; nor the subject's title)
            if actor is not None and self._joined(a, co_actor):
                if t.entry.get("reciprocal"):
                    target = a  # «اجتمع زعماء كوريا الشمالية والصين»: the other party
                    break
                co_actor = a
                continue  # «سفراء فرنسا وإيطاليا وبريطانيا»: names joined to the actor by و are co-actors
            # «مواقع لحزب الله»: a ل-phrase after the object noun names the object's owner
            owner = a.marker == self.p.lam and a.gap >= 1 and a is not after[0] and self.p.lam not in spec_keys
            if patient_genitive and a.marker == "" and a.gap <= 1:
                target = a
                break
            if a.marker == "" and a.gap >= 1 and self._after_other(after, a, actor):
                continue  # «رفضت طلب تأشيرة إلى فيكتوريا ابنة شقيق سيرغي»: a genitive of the words between
            if t.is_noun and a.marker == "" and not owner and a.gap >= 1 and not a.pseudo \
                    and self._indefinite_between(t, after, a):
                continue  # «خلال الزيارة انعقاد مجلس الأعمال»: the name is the genitive of the word between
            inner = any(t.end <= s < a.start for s in self.trigger_starts)
            if (a.marker == "" or owner) and inner:
                continue  # «أدانت اعتقال منصور»: the name is the inner event's, not the condemnation's
            if a.marker and self._nearer_takes(t, a):
                continue  # «الهجوم مع قصف … على مواقع المتمردين»: the على-phrase is the shelling's
            if genitive_actor and a.marker == self.p.lam and actor is not None and a.start >= actor.end \
                    and len(self.ctx.words.between(actor.end, a.start)) <= 1:
                target = a  # «قصف القوات السورية لمنطقة الغوطة»: noun, its subject, then ل + its object
                break
            if ((a.marker == "" or owner) and "direct" in spec) or (a.marker and a.marker in {key(s) for s in spec}) \
                    or ("direct" in spec and self._issuer(a)):
                target = self._person_of_title(after, a)  # (أدانت مصر البيان الصادر عن باشليه: its author)
                break
        if pair is not None:
            target = pair[1]
        giver = t.entry.get("giver")
        if giver is not None:  # «تلقوا الأموال من حركة حماس»: the one named after من gives, the subject receives
            source = next((a for a in after if a.marker == key(giver) and not a.pseudo), None)
            receiver = actor if actor is not None and actor.start >= 0 else None
            actor, target = source, receiver
        location = None
        for a in after:
            if a is target or a is actor or a.pseudo or a.type not in ("LOC", None):
                continue
            if a.marker in self.p.location_preps:
                location = a
                break
        if target is None and light and actor is not None and actor.start >= 0 and t.entry.get("reciprocal"):
            # «توصلت إيران وروسيا إلى اتفاق»: the name joined to the light verb's subject is the other party
            target = next((a for a in self.before(t, lo) if not a.pseudo and self._joined(a, actor)), None)
        if target is None and t.entry.get("target_in_content") and not t.is_noun:
            # «هددت موسكو بالرد "قريبا" على قرار لندن»: the first name in the threat's content
            end = self.ctx.words[hi - 1].end if hi > 0 else t.end
            named = [Arg(s, e, name, typ, "", pseudo) for s, e, name, typ, pseudo in self._args_in(t.end, end)
                     if not pseudo and (actor is None or name != actor.name)
                     and (actor is None or not t.end <= actor.start or s >= actor.end)  # not in the subject's title
                     and len(self.ctx.words.between(t.end, s)) <= _CONTENT_REACH]
            target = named[0] if named else None
        if target is None and spec:
            target = self.pronoun_target(t, hi, spec)
            if target is not None and actor is not None and target.name == actor.name:
                target = None
        if location is None and t.entry.get("location_suffices"):  # «الاحتجاجات في الشارع الأردني»
            location = next((a for a in after if a.pseudo and a.marker in self.p.location_preps and a.gap <= 2), None)
        return {"actor": actor, "target": target, "location": location, "elided": elided, "light": light,
                "relative": relative, "explicit": explicit,
                "clause": (lo, hi)}

    def nationality_near(self, start: int, end: int) -> Arg | None:
        """A nationality adjective right after a span (the counted noun of a quantity)."""
        for a in self.pseudo:
            gap = self.ctx.words.between(end, a.start)
            crossed = len(gap) > 1 and any(self.ctx.words[k].key not in self.p.members
                                           and self.ctx.words[k].key not in self.p.forces
                                           for k in gap)  # «آخرين برصاص القوات الإسرائيلية»: the shooters
            if end <= a.start and not crossed and (len(gap) <= 1 or (len(gap) <= 3 and self._forces_before(a))):
                return a  # «4 آلاف جندي كوري شمالي»، «العشرات من الجنود السودانيين»
            if start <= a.start < end:
                return a
        return None

    def state(self, name: str | None, place: bool) -> str | None:
        """A capital standing for its state, unless it is a destination."""
        if name is None or place:
            return name
        return str(self.p.capitals.get(name, name))


def content_chain(ctx: Context, governor: Trigger, t: Trigger, triggers: Sequence[Trigger]) -> bool:
    """The noun ``t`` is the content of the verb ``governor``: right after it (هدد بفرض رسوم), or
    joined by و to a noun that is («هدد بالانسحاب من الاتفاق وفرض عقوبات على إيران»)."""
    p = patterns()
    if not t.is_noun or any(ctx.breaks_after(k) for k in range(governor.last, t.first)):
        return False
    if 0 < t.first - governor.last <= 4:
        return True
    if 0 < t.first - governor.last <= p.content_light_reach and not governor.is_noun \
            and ctx.words[t.first - 1].key in p.content_light_verbs:
        return True  # «توعد ترمب الأسبوع الماضي بفرض رسوم»: the threat's content
    for c in triggers:
        if not (governor.last < c.first and c.last < t.first) or not c.is_noun or t.first - c.last > 5:
            continue
        joined = any(ctx.words[k].key[:1] in p.conj and len(ctx.words[k].key) > 2
                     for k in range(c.last + 1, t.first + 1))
        if joined and content_chain(ctx, governor, c, triggers):
            return True
    return False


def arg_first(ctx: Context, arg: Arg) -> int:
    return ctx.words.index_at(arg.start)


def ctx_key(ctx: Context, i: int) -> str:
    return ctx.words[i].key


def nearest(spans: list[Span], t: Trigger, sentence: Sentence, before_ok: bool = True) -> Span | None:
    best = None
    best_d = 10**9
    for s in spans:
        if s.start < sentence.start or s.end > sentence.end:
            continue
        if s.start >= t.end:
            d = s.start - t.end
        elif before_ok and s.end <= t.start:
            d = t.start - s.end
        else:
            continue
        if d < best_d:
            best, best_d = s, d
    return best
