"""Arguments of an event: actor, target, location, time and quantity.

Arguments are entities (canonical names after linking) found around the trigger in its clause,
each with the preposition that governs it (``مع نظيرته … تشوي`` → مع).  Verbs take their subject
from the name after them (VSO), the name right before them (SVO) or a relative pronoun's
antecedent; verbal nouns from the genitive after them or the subject of a light verb (بدأ X زيارة).
A subject left out («وتعهد بتقديم…») is the previous event's actor in the sentence, else the subject
of the claim the event is in; when none is found the actor stays ``None``.  Where no entity fills a
slot, a nationality adjective does (جندي كوري شمالي → North Korea).  Patterns live in
``lang/ar/triggers.yaml``.

:class:`ArgumentFinder` holds the decision (:meth:`ArgumentFinder.find`); its rules are mixins by
role: the clause and its candidates (``argclause``), actors (``argactors``), arguments from the
attributions (``argclaims``), targets and pairs (``argtargets``), and the subjects that plain word
order does not give (``subjects``).
"""


from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rasid.events.argactors import ActorRules
from rasid.events.argclaims import ClaimRules
from rasid.events.argclause import content_chain, ctx_key, nearest
from rasid.events.argpatterns import Arg, patterns, prep_of
from rasid.events.argtargets import TargetRules
from rasid.events.attribution import Attribution
from rasid.events.context import Context
from rasid.events.triggers import Trigger
from rasid.events.words import key

__all__ = ["Arg", "ArgumentFinder", "content_chain", "nearest", "patterns", "prep_of"]


_CONTENT_REACH = 8  # words from a threat to the name in its content


class ArgumentFinder(ActorRules, ClaimRules, TargetRules):
    def __init__(self, ctx: Context, attributions: list[Attribution], triggers: Sequence[Trigger] = ()) -> None:
        self.ctx = ctx
        self.trigger_starts = sorted(t.start for t in triggers)
        self.triggers = list(triggers)
        self.p = patterns()
        self.attributions = attributions
        self.sources = [a.source for a in attributions if a.source and not a.elided]
        self.pseudo = self._nationalities()

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
            and (t.is_noun or not t.entry.get("actor_is_victim")) \
            and not (not t.is_noun and self._definite_before_forces(t, first))  # «قصف القوات الحكومية السورية»; who kills is no victim
        patient_genitive = t.is_noun and t.entry.get("genitive") == "target"
        noun_side = t.is_noun and t.type in self.p.noun_nationality_types and first is not None and first.pseudo \
            and first.marker == "" and self._adjectives_only(t.end, first)
        pronoun_subject = not t.is_noun and self._pronoun_subject(t)
        resumed: Arg | None = None
        pair = self._pair(t, after) if t.is_noun and t.entry.get("reciprocal") else None
        if pair is not None:
            actor = pair[0]  # «لقاء مزمع بين كيم والرئيس الأميركي دونالد ترامب»
        elif t.is_participle:
            actor = self._participle_actor(t, previous, previous_last)
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
        if actor is None and inherit and t.is_participle:
            actor = self.participle_holder(t)  # «وصرح الرئيس السنغالي … أن …. مشيدا بالصين» → Sall
        if actor is None and inherit and t.is_noun:
            actor = self.holder_before_claim(t)  # «وقال نوفاك خلال لقاء جمعه مع نظيره، إنه…»
        target = undergoer if undergoer is not None else resumed
        if target is None and t.is_participle:
            target = self.participle_object(t, actor)  # «مطالبا إياهم» → the clause's object
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
        dual = self._dual_parties(t, lo) if t.entry.get("reciprocal") else None
        if dual is not None:
            actor, target = dual  # «أن الطرفين أجريا مباحثات»: the two parties named before
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

    def _dual_parties(self, t: Trigger, lo: int) -> tuple[Arg, Arg] | None:
        """A dual subject (الطرفان، الجانبين) right before the trigger, between a light verb and it, or right
        after a verb: the last two parties named before it in its sentence."""
        ctx = self.ctx
        near = list(range(max(lo, t.first - 3), t.first))
        if not t.is_noun and t.last + 1 < t.sentence.hi:
            near.append(t.last + 1)
        dual = next((k for k in near if ctx.words[k].key in self.p.dual_parties), None)
        if dual is None:
            return None
        end = ctx.words[dual].start
        for start in (t.sentence.start,):  # (the previous sentence too: wrong more often than right on ANT)
            found = [(s, e, name, typ) for s, e, name, typ, pseudo in self._args_in(start, end) if not pseudo]
            for a in self.attributions:  # «وصرح الرئيس السنغالي … مع نظيره الصيني أن الطرفين»: the holder too
                if a.entity is not None and a.source is not None and start <= a.source[0] and a.source[1] <= end:
                    found.append((a.source[0], a.source[1], ctx.name(a.entity), a.entity.type))
            names: list[Arg] = []
            for s, e, name, typ in sorted(found, reverse=True):
                if self._off_party(s):
                    continue  # «في باريس»، «لموقع سكاي نيوز»: a place or a medium, not a party
                if typ in ("PER", "ORG", "LOC", None) and not any(n.name == name for n in names):
                    names.append(Arg(s, e, name, typ, ""))
                if len(names) == 2:
                    return names[1], names[0]
        return None

    def _off_party(self, start: int) -> bool:
        """A name governed by a preposition other than مع and ب (attached or the word before it)."""
        ctx, p = self.ctx, self.p
        k = ctx.words.index_at(start)
        allowed = {key(w) for w in self.p.party_preps}
        if ctx.words[k].start < start:  # a clitic inside the name's word (لموقع، بالرئيس)
            return p.prep_clitics.get(key(ctx.text[ctx.words[k].start:start]), "") not in allowed | {""}
        return k > 0 and p.prep_keys.get(ctx.words[k - 1].key, "") not in allowed | {""}

    def _participle_actor(self, t: Trigger, previous: dict[str, Any] | None, previous_last: int | None) -> Arg | None:
        """A participle continues the clause before it: the actor of the event before it in the sentence
        (in the same claim, when it is in one: «ذكرت ماركا أن راموس وبخ رونالدو، مطالبا إياه» → Ramos),
        else the named holder of its claim («أكد ترامب أن كيم في طريقه، مشيدا» → Trump), else the
        sentence's subject («وتحدى … أردوغان المسؤولين السعوديين، مطالبا إياهم» → Erdoğan)."""
        claim = next((a.claim for a in self.attributions if a.claim[0] <= t.start < a.claim[1]), None)
        if previous is not None and previous.get("actor") and previous_last is not None \
                and previous.get("type") not in self.p.victim_types \
                and (claim is None or self.ctx.words[previous_last].start >= claim[0]):
            return Arg(-1, -1, previous["actor"], None, "")
        return self.claim_holder(t) or self.participle_subject(t)

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
