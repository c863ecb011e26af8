"""The clause of an event trigger and the candidate arguments in it: the word range of the clause,
the entities and nationality adjectives before and after the trigger (each with the preposition
governing it), and the word tests the argument rules share (armed-forces nouns, و-coordination,
time adverbials, governed names).  Base of the mixins of
:class:`rasid.events.arguments.ArgumentFinder`; patterns live in ``lang/ar/triggers.yaml``."""

from __future__ import annotations

from collections.abc import Sequence

from rasid.document import Span
from rasid.events.argpatterns import Arg, _marker, _Patterns, patterns, prep_of
from rasid.events.attribution import Attribution
from rasid.events.context import Context, Sentence
from rasid.events.subjects import SubjectRules
from rasid.events.triggers import Trigger, trigger_lexicon
from rasid.events.words import key


class ClauseRules(SubjectRules):
    ctx: Context
    p: _Patterns
    triggers: list[Trigger]
    trigger_starts: list[int]
    attributions: list[Attribution]
    sources: list[tuple[int, int]]
    pseudo: list[Arg]

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
                keys[k] in p.titles for k in ctx.words.between(e, follows[0].start)) \
                and not (i > 0 and keys[i - 1] in p.force_bodies)  # «الشرطة التركية أندرو برونسون»: the body's
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

    def _joined(self, a: Arg, actor: Arg) -> bool:
        ctx = self.ctx
        if actor.start < 0 or a.start < actor.end:
            return False
        k = ctx.words.index_at(a.start)
        between = ctx.words.between(actor.end, ctx.words[k].start)
        prefix = ctx.text[ctx.words[k].start : a.start]
        if between and len(between) <= 3 and ctx.words.between(actor.end, a.start) == between:
            # «شي جينبينغ والسنغالي ماكي سال»: و on the other party's title (up to three title words)
            first = ctx.words[between[0]].key
            conj = next((c for c in self.p.conj if first.startswith(c) and first[len(c):] in self.p.titles), None)
            return conj is not None and all(ctx.words[j].key in self.p.titles for j in between[1:]) and not prefix
        return not between and bool(prefix) and key(prefix) in self.p.conj

    def _governed(self, a: Arg) -> bool:
        """A name after a preposition, written apart (مع موسكو) or attached (لموسكو)."""
        ctx = self.ctx
        k = ctx.words.index_at(a.start)
        if ctx.words[k].start < a.start:
            clitic = key(ctx.text[ctx.words[k].start : a.start])
            return clitic in self.p.prep_clitics
        return k > 0 and ctx.words[k - 1].key in self.p.prep_keys

    def _time_adverbial(self, k: int) -> int:
        """The number of words of a time adverbial ending at word ``k`` (في وقت سابق), else 0."""
        for phrase in self.p.time_adverbials:
            n = len(phrase)
            if k - n + 1 >= 0 and tuple(self.ctx.words[i].key for i in range(k - n + 1, k + 1)) == phrase:
                return n
        return 0


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
