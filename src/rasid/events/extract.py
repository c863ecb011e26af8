"""Events: who did what to whom, when, where, how many, how sure and according to whom."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from rasid.document import Span
from rasid.events.arguments import Arg, ArgumentFinder, content_chain, nearest, patterns, prep_of
from rasid.events.attribution import Attribution
from rasid.events.context import Context
from rasid.events.modality import ASSERTED, EXPECTED, assign_modality
from rasid.events.scoring import time_range
from rasid.events.triggers import Trigger, find_triggers


def _quantity(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    out = {k: span.attrs[k] for k in ("value", "min", "max") if span.attrs.get(k) is not None}
    if not out:
        return None
    out["approx"] = bool(span.attrs.get("approx", False))
    return out


def _piece(ctx: Context, arg: Arg | None) -> dict[str, Any] | None:
    if arg is None or arg.start < 0:
        return None
    return ctx.piece(arg.start, arg.end)


def _anaphoric(ctx: Context, t: Trigger) -> bool:
    return t.is_noun and t.first > t.sentence.lo and ctx.words[t.first - 1].key in patterns().anaphora


def _quantity_for(ctx: Context, t: Trigger, quantities: list[Span], clause: tuple[int, int]) -> Span | None:
    lo, hi = clause
    start = ctx.words[lo].start
    end = ctx.words[hi - 1].end
    inside = [q for q in quantities if q.start >= start and q.end <= end
              and q.attrs.get("unit") not in ("multiplier", "percent")]
    holding = [q for q in quantities if q.start <= t.start and t.end <= q.end]  # «60 قتيلاً»
    if holding:
        return holding[0]
    if not t.is_noun:  # «أكثر من 120 شخصا قتلوا وأصيب أكثر من 10 آلاف»: the count right before a verb is its subject
        subject = [q for q in inside if q.end <= t.start and not ctx.words.between(q.end, t.start)]
        if subject:
            return subject[-1]
    after = [q for q in inside if q.start >= t.end and len(ctx.words.between(t.end, q.start)) <= 6]
    if after:
        return after[0]
    toll = [k for k in range(t.last + 1, min(hi, t.last + 12)) if ctx.words[k].key in patterns().toll_verbs]
    if toll and entry_is_victim(t):  # «عدد القتلى في الغوطة خلال يومي الاثنين والثلاثاء بلغ 260»
        past = [q for q in inside if q.start >= ctx.words[toll[0]].end
                and len(ctx.words.between(ctx.words[toll[0]].end, q.start)) <= 2]
        if past:
            return past[0]
    reach = 6 if t.entry.get("actor_is_victim") else 2  # 11 ألف جندي تم إرسالهم
    before = [q for q in quantities if q.end <= t.start and q.start >= t.sentence.start
              and len(ctx.words.between(q.end, t.start)) <= reach]
    if before:
        return before[-1]
    return None


def _planned(ctx: Context, t: Trigger, heads: frozenset[str], complementizers: frozenset[str]) -> bool:
    """A plotting or proposing word earlier in the sentence, then a complementizer before the trigger."""
    head = False
    for i in range(t.sentence.lo, t.first):
        k = ctx.words[i].key
        if k in heads:
            head = True
        elif head and k in complementizers:
            return True
    return False


_BACKGROUND_DAYS = 365  # a partyless event dated this long before publication is background


def extract_events(ctx: Context, attributions: list[Attribution], times: list[Span], quantities: list[Span],
                   published: _dt.datetime | None) -> list[Span]:
    triggers = find_triggers(ctx)
    modality = assign_modality(ctx, triggers, attributions)
    finder = ArgumentFinder(ctx, attributions, triggers)
    p = patterns()
    events: list[Span] = []
    last_in_sentence: dict[int, dict[str, Any]] = {}
    last_trigger: Trigger | None = None
    kept: dict[int, Trigger] = {}  # the last trigger kept as an event, per sentence
    purposes: set[int] = set()  # triggers read as a purpose (لقتل), by first word
    last_end: dict[int, int] = {}  # the last word of the last event's trigger, per sentence
    for t, mod in zip(triggers, modality, strict=False):
        previous, last_trigger = last_trigger, t
        if _anaphoric(ctx, t) or any(a <= t.start < b for a, b in ctx.furniture):
            continue  # a heading or a «read also» link restates or points elsewhere
        if previous is not None and previous.first in purposes and _alternative(ctx, previous, t):
            purposes.add(t.first)
            continue  # «لقتل أو اختطاف بعض الجنود»: the alternative shares the purpose
        if _purpose(ctx, t, previous) or _complement(ctx, t, kept.get(t.sentence.lo), triggers):
            continue
        if t.first > t.sentence.lo and ctx.words[t.first - 1].key in p.content_heads:
            continue  # «بضرورة موافقة إيران»، «بتطوير تعاون بلاده»: a goal talked about, not an event
        if any(t.first - k >= t.sentence.lo and ctx.words[t.first - k].key in p.plan_heads for k in (1, 2)):
            continue  # «خطط لقتل نائبة»، «التخطيط لشن هجوم»: a plot, not an event that took place
        if t.aspect in ("imperfect", "future") and _planned(ctx, t, p.plan_heads, p.plan_complementizers):
            continue  # «اقترح … أن يقتل النائبة، قبل أن يحتجز رهائن»: what a plan would do
        if t.is_participle and finder.participle_state(t):
            continue  # «وسيكون الأهلي مطالباً بتسجيل هدف»: "required to", a state, no demand
        args = finder.find(t, last_in_sentence.get(t.sentence.lo), last_end.get(t.sentence.lo))
        actor: Arg | None = args["actor"]
        target: Arg | None = args["target"]
        entry = t.entry
        if actor is None and entry.get("actor_is_holder"):
            actor = _cue_holder(ctx, t, attributions)  # «وتنفي السعودية صحة المزاعم»: the denial is Saudi Arabia's
        if _passive_person(ctx, t, actor, target):
            actor, target = None, actor  # «واعتقل سكريبال عام 2006»: a person right after the verb, no object
        quantity_span = _quantity_for(ctx, t, quantities, args["clause"]) if t.type in p.quantity_types else None
        victims = bool(entry.get("actor_is_victim"))  # «قتلت القوات الإسرائيلية 136 فلسطينياً»: the counted side
        if t.type in p.nationality_types and quantity_span is not None and (actor is None or args["elided"] or victims):
            nat = finder.nationality_near(quantity_span.start, quantity_span.end) \
                or (finder.side_after(quantity_span.end) if victims else None)  # «ستة من أعضاء حماس»
            if nat is not None:
                actor = nat
        if victims and actor is None:
            actor = finder.side_marked(t, args["clause"][1])  # «قتلى في صفوف المتمردين»
        named_victim = victims and actor is not None and actor.type == "PER" and not actor.pseudo \
            and quantity_span is None and entry["mode"] in p.named_victim["modes"]
        if named_victim:  # «مقتل الصحفي جمال خاشقجي»: a person killed is an attack on him, not a side's toll
            actor, target = None, actor
        if t.is_noun and entry.get("light_verb_object") and not args["light"] and target is None:
            continue
        if t.is_noun and entry.get("definite_is_known") and finder.definite(t.first):
            continue  # «تنفيذ الاتفاق»، «الاتفاق الموقع مع روسيا»: an agreement already known, no new one
        if t.is_noun and actor is None and target is None and (t.purpose or prep_of(p, ctx.words[t.first].key) == p.lam):
            purposes.add(t.first)
            continue  # «التحرك النيابي للوصول إلى مخرج»، «لقتل…»: a purpose with no party of its own
        if (actor is None or target is None) and not args["explicit"]:
            frame = _recent_frame(events, t, ctx)
            if frame is not None:  # a passive or elided argument (11 ألف جندي تم إرسالهم)
                if actor is None and frame["actor"]:
                    actor = Arg(-1, -1, frame["actor"], None, "")
                if target is None and frame["target"] and actor is not None and actor.name == frame["actor"]:
                    target = Arg(-1, -1, frame["target"], None, "")
        dates = [x for x in times if _is_date(x.attrs.get("value"))]
        own = [x for x in dates if _in_clause(ctx, x, args["clause"])]
        content = next((c for c in triggers if c.start >= t.end and _complement(ctx, c, t, triggers)), None)
        if content is not None:  # «هدد بفرض عقوبات … الشهر المقبل»: the date is the content's, not the threat's
            own = [x for x in own if x.start < content.start]
            dates = [x for x in dates if not (content.start <= x.start and _in_clause(ctx, x, args["clause"]))]
        time_span = nearest(own or [x for x in dates if not _in_relative(ctx, x)], t, t.sentence)
        own_time = bool(own)
        if t.is_noun and actor is None and target is None and quantity_span is None \
                and not (entry.get("location_suffices") and (args["location"] or own_time)):
            continue  # a bare event noun (محادثات السلام) names no event; «تظاهرات في بغداد» does
        if actor is None and target is None and args["relative"] and quantity_span is None:
            continue  # «… الذين يهاجمون» with its antecedent not a name: no party at all
        giving = bool(entry.get("giver")) and actor is not None  # «تلقوا أموالا من حماس»: the receivers may go unnamed
        if (actor is None and t.type in p.actor_required) \
                or (target is None and t.type in p.target_required and not giving):
            continue
        if actor is None and target is None and quantity_span is None and not args["location"] \
                and t.type not in p.partyless:
            continue  # «عندما أدين، الجمعة»: no party, count or place: nothing to code
        if victims and actor is None and target is None and quantity_span is None and not args["location"] \
                and (_pronoun_victim(ctx, t) or t.last + 1 >= args["clause"][1]):
            continue  # «قبل قتله»، «لاعتقاد البعض أنه قُتل»: a death of no one named, counted or placed
        if target is None and entry.get("target_required"):
            continue  # a visit to nowhere named (وصل إلى هدفه)
        if actor is None and entry.get("actor_required"):
            continue  # a launch by no one named (من إطلاق صواريخ): too common a verb to code without its agent
        if t.is_noun and args["elided"] and target is None and not args["light"] and quantity_span is None \
                and ctx.words[t.first].key.startswith(p.article) \
                and not (entry.get("location_suffices") and (args["location"] or own_time)):
            continue  # «نتائج اللقاء»: a definite event noun with no arguments of its own re-mentions one
        place = bool(entry.get("place_target"))
        actor_name = finder.state(actor.name, False) if actor else None
        target_name = finder.state(target.name, place) if target else None
        if target_name is not None and target_name == actor_name:
            target, target_name = None, None
        source = next((a for a in reversed(attributions) if a.claim[0] <= t.start and t.end <= a.claim[1]), None)
        attrs: dict[str, Any] = {
            "type": p.named_victim["type"] if named_victim else t.type,
            "mode": p.named_victim["mode"] if named_victim else entry["mode"],
            "actor": actor_name,
            "target": target_name,
            "time": None,
            "location": ctx.name(_entity(ctx, args["location"])) if args["location"] else None,
            "quantity": _quantity(quantity_span),
            "modality": mod,
            "source": source.holder(ctx) if source else None,
            "actor_span": _piece(ctx, actor),
            "target_span": _piece(ctx, target),
        }
        if time_span is not None and _is_date(time_span.attrs.get("value")):
            attrs["time"] = time_span.attrs["value"]
            if mod == ASSERTED and own_time and _after(time_span, published):
                attrs["modality"] = EXPECTED  # «الإضراب العام الأربعاء المقبل»: not yet happened
        elif published is not None:
            attrs["time"] = published.date().isoformat()
            attrs["time_from_publication"] = True
        if actor_name is None and target_name is None and own_time and time_span is not None \
                and _long_before(time_span, published):
            continue  # «إثر احتجاجات حاشدة على حكمه عام 2013»: a partyless event years back is background
        if _repeats(events, attrs, t):
            continue
        events.append(Span(t.start, t.end, attrs))
        kept[t.sentence.lo] = t
        last_in_sentence[t.sentence.lo] = attrs
        last_end[t.sentence.lo] = t.last
    return events


def _cue_holder(ctx: Context, t: Trigger, attributions: list[Attribution]) -> Arg | None:
    """The named holder of the attribution whose cue is the trigger itself (نفى … صحة المزاعم)."""
    for a in attributions:
        if a.entity is not None and not a.elided and a.cue[0] < t.end and t.start < a.cue[1]:
            return Arg(a.entity.start, a.entity.end, ctx.name(a.entity), a.entity.type, "")
    return None


def _passive_person(ctx: Context, t: Trigger, actor: Arg | None, target: Arg | None) -> bool:
    """A verb done to the one named in its genitive as a noun (`genitive: target`: arrest, detain,
    deport, abduct, assassinate, convict) with a person's name right after it and no object reads
    as the unvocalised passive: «واعتقل سكريبال عام 2006»، «اغتيل السادات» — the person undergoes it."""
    return (not t.is_noun and t.entry.get("genitive") == "target" and target is None and actor is not None
            and not actor.pseudo and actor.type == "PER" and actor.start >= t.end
            and not ctx.words.between(t.end, actor.start))


def entry_is_victim(t: Trigger) -> bool:
    return bool(t.entry.get("actor_is_victim"))


def _purpose(ctx: Context, t: Trigger, previous: Trigger | None) -> bool:
    """A verbal noun after ل right after another trigger of its clause is that event's purpose
    (إرسال جنود لمساعدة موسكو), not an event of its own."""
    if previous is None or not t.is_noun or previous.sentence is not t.sentence:
        return False
    if any(ctx.breaks_after(k) for k in range(previous.last, t.first)) or t.first - previous.last > 12:
        return False
    word = ctx.words[t.first].key
    p = patterns()
    return any(word.startswith(c) and word[len(c):] in p.purpose_nouns for c in p.prep_clitics)


def _alternative(ctx: Context, previous: Trigger, t: Trigger) -> bool:
    """Only an alternative conjunction (أو) between two triggers of one clause."""
    gap = range(previous.last + 1, t.first)
    return t.is_noun and len(gap) == 1 and ctx.words[gap[0]].key in patterns().alternatives \
        and not ctx.breaks_after(previous.last)


def _complement(ctx: Context, t: Trigger, governor: Trigger | None, triggers: list[Trigger]) -> bool:
    """A verbal noun right after an event's trigger in its clause is that event's content
    (تعهدت بتقديم مساعدات، طالبت إسرائيل بالانسحاب), and so is a noun joined to it by و (هدد
    بالانسحاب من الاتفاق وفرض عقوبات), not an event of its own; casualties stay."""
    if governor is None or not t.is_noun or t.type == "CASUALTIES" or governor.type == "CASUALTIES":
        return False
    return content_chain(ctx, governor, t, triggers)


def _recent_frame(events: list[Span], t: Trigger, ctx: Context) -> dict[str, Any] | None:
    """The last event of the same type within the two sentences before (or this one); for a definite
    noun, the last of the same mode up to four sentences back when there is one (خلال الزيارة: the
    visit, not the talks told since)."""
    idx = {s.lo: n for n, s in enumerate(ctx.sentences)}
    here = idx.get(t.sentence.lo, 0)
    recent: list[dict[str, Any]] = []
    same_mode: list[dict[str, Any]] = []
    for e in reversed(events):
        if e.attrs["type"] != t.type:
            continue
        sent = ctx.sentence_of(ctx.words.index_at(e.start))
        distance = here - idx.get(sent.lo, 0) if sent is not None else 99
        if distance > 4:
            break
        if distance <= 2:
            recent.append(e.attrs)
        if e.attrs["mode"] == t.entry["mode"] and _definite_noun(ctx, t):
            same_mode.append(e.attrs)  # «وهذه هي الزيارة…»: the visit told a few sentences back
    found = same_mode or recent
    return found[0] if found else None


def _definite_noun(ctx: Context, t: Trigger) -> bool:
    return t.is_noun and ctx.words[t.first].key.startswith(patterns().article)


def _in_clause(ctx: Context, span: Span, clause: tuple[int, int]) -> bool:
    lo, hi = clause
    return ctx.words[lo].start <= span.start and span.end <= ctx.words[hi - 1].end


def _in_relative(ctx: Context, span: Span) -> bool:
    """A time inside a relative clause (الاتفاق، الذي وقع عام 2015) dates its antecedent, not the event."""
    sentence = ctx.sentence_of(ctx.words.index_at(span.start))
    k = ctx.words.index_at(span.start) - 1
    while sentence is not None and k >= sentence.lo and not ctx.breaks_after(k):
        if ctx.words[k].key in patterns().relatives:
            return True
        k -= 1
    return False


def _after(span: Span, published: _dt.datetime | None) -> bool:
    """True when a time expression starts after the publication day."""
    if published is None:
        return False
    start = time_range(span.attrs.get("value"))
    return start is not None and start[0] > published.date()


def _pronoun_victim(ctx: Context, t: Trigger) -> bool:
    """The trigger carries a pronoun for its victim (قتله، مقتلها): no one named or counted."""
    if t.has_pronoun:
        return True
    p = patterns()
    word = ctx.words[t.last].key
    return any(word.endswith(e) and word[: -len(e)] in p.trigger_keys for e in p.object_enclitics)


def _long_before(span: Span, published: _dt.datetime | None) -> bool:
    """True when a time expression ends a year or more before the publication day."""
    if published is None:
        return False
    bounds = time_range(span.attrs.get("value"))
    return bounds is not None and bounds[1] <= published.date() - _dt.timedelta(days=_BACKGROUND_DAYS)


def _is_date(value: Any) -> bool:
    """A TIMEX3 date, interval or reference; a duration (P3D) is no event time."""
    return isinstance(value, str) and bool(value) and not value.startswith("P")


def _entity(ctx: Context, arg: Arg) -> Span:
    for e in ctx.entities:
        if e.start == arg.start and e.end == arg.end:
            return e
    return Span(arg.start, arg.end, {})


def _repeats(events: list[Span], attrs: dict[str, Any], t: Trigger) -> bool:
    """A re-mention of an earlier event (زيارة لافروف after بدأ لافروف زيارة…), or the second half
    of «قتلوا أو أصيبوا»."""
    for e in events:
        a = e.attrs
        if a["type"] == attrs["type"] and attrs["quantity"] and a["quantity"] == attrs["quantity"] \
                and attrs["actor"] in (None, a["actor"]) and attrs["target"] in (None, a["target"]):
            return True  # «طرد 23 دبلوماسيا» told again, with no more arguments than the first time
        if a["type"] != attrs["type"] or a["actor"] != attrs["actor"]:
            continue
        if a["type"] == "CASUALTIES" and attrs["quantity"] and a["quantity"] == attrs["quantity"]:
            return True  # «قتل 11 مسلحا … أسفر عن مصرع 11 مسلحا»: the same toll again
        if attrs["actor"] is None:
            continue
        if t.entry.get("once") and a["mode"] == attrs["mode"]:
            return True  # «استقال رئيس مجلس الإدارة» after «أعلن … استقالته»: an act done once, told again
        if a["type"] == "CASUALTIES" and t.start - e.end < 40 and a["mode"] != attrs["mode"]:
            a["mode"] = f"{a['mode']} or {attrs['mode']}"  # «لقوا حتفهم أو أصيبوا»
            return True
        if t.is_noun and a["mode"] == attrs["mode"] and attrs["quantity"] is None \
                and attrs["target"] in (None, a["target"]):
            return True
    return False
