"""Rules that find who acts in a clause where the plain word order does not say it: a holder noun
that names its owner (اتهم بيان لحماس إسرائيل), a title between an event noun and its genitive
(لقاء العاهل الأردني الملك عبد الله), a noun subject with no name (أن شخصية رفيعة المستوى وصلت), the
first of coordinated subjects (السعودية والإمارات زودتا), the side named after a count (ستة من أعضاء
حماس).  Mixed into :class:`rasid.events.arguments.ArgumentFinder`; words are data."""

from __future__ import annotations

from rasid.document import Span
from rasid.events.argpatterns import Arg, _Patterns, prep_of
from rasid.events.context import Context
from rasid.events.triggers import Trigger, trigger_lexicon
from rasid.events.words import key


class SubjectRules:
    ctx: Context
    p: _Patterns

    def _args_in(self, start: int, end: int) -> list[tuple[int, int, str, str | None, bool]]:
        raise NotImplementedError

    def _forces_before(self, arg: Arg) -> bool:
        raise NotImplementedError

    def _holder_subject(self, t: Trigger, after: list[Arg]) -> Arg | None:
        """A holder noun right after a verb (بيان، متحدث، مصدر) whose phrase names its owner: the
        owner is the subject («اتهم بيان للجناح العسكري لحماس إسرائيل» → Hamas)."""
        ctx = self.ctx
        k = t.last + 1
        if k >= t.sentence.hi or ctx.words[k].key not in self.p.holders or ctx.entity_at_word(k) is not None:
            return None
        for a in after:
            if a.pseudo or len(ctx.words.between(t.end, a.start)) > 4:
                return None
            if a.marker in (self.p.lam, *self.p.owner_preps) or (a.marker == "" and not self.definite(k)):
                return a  # «بيان لحماس»، «متحدث باسم الجيش»، «بيان حماس»; «زار الوزير لبنان»: Lebanon is visited
            return None
        return None

    def _qualifies_object(self, a: Arg) -> bool:
        """A nationality after a noun carrying a preposition («للعلاقات الروسية») describes that
        noun; it is no party (unlike «للقوات الروسية» or «على خمسة إيرانيين»)."""
        ctx = self.ctx
        k = ctx.words.index_at(a.start) - 1
        if k < 0:
            return False
        word = ctx.words[k].key
        return word not in self.p.prep_keys and bool(prep_of(self.p, word)) and word not in self.p.forces

    def _titled(self, end: int, arg: Arg) -> bool:
        """Only title words (العاهل الأردني الملك) between an event noun ending at ``end`` and a name."""
        gap = self.ctx.words.between(end, arg.start)
        return 0 < len(gap) <= 4 and all(self.ctx.words[k].key in self.p.titles for k in gap)

    def definite(self, k: int) -> bool:
        """Word ``k`` has the article (with or without a proclitic: والاتفاق، بالاتفاق)."""
        word = self.ctx.words[k].key
        return word.startswith(self.p.article) or any(
            word.startswith(c + self.p.article) for c in self.p.conj | set(self.p.prep_clitics))

    def _quoted_after(self, t: Trigger, arg: Arg) -> bool:
        """A name inside a quote that opens after the trigger is quoted matter, not the subject
        («ورفض "إملاءات صندوق النقد"»); a quoted name alone («وطلب بنك "إندسلند"») still is."""
        text = self.ctx.text
        between = text[t.end : arg.start]
        marks = [n for n, ch in enumerate(between) if ch in self.p.quote_marks]
        if not marks:
            return False
        only_name = not between[marks[-1] + 1 :].strip() and text[arg.end : arg.end + 1] in self.p.quote_marks
        return not only_name

    def _noun_subject(self, t: Trigger) -> bool:
        """A clause opened by أن/إن whose subject before the verb is a noun phrase with no name
        («أن شخصية رفيعة المستوى وصلت»، «إن القتلى ومصابين … وصلوا»)."""
        ctx, p = self.ctx, self.p
        k = t.first - 1
        nouns = 0
        while k >= t.sentence.lo and t.first - k <= 8 and not ctx.breaks_after(k):
            word = ctx.words[k].key
            if word in p.complementizers:
                return nouns > 0
            if ctx.entity_at_word(k) is not None or word in p.relatives or word in p.subordinators \
                    or word in self.trigger_keys_set() or any(a <= ctx.words[k].start < b for a, b in ctx.masked):
                return False
            if word not in p.particles and word not in p.auxiliaries:
                nouns += 1
            k -= 1
        return False

    def trigger_keys_set(self) -> set[str]:
        if not self.p.trigger_keys:
            self.p.trigger_keys = set(trigger_lexicon().lexicon.index)
        return self.p.trigger_keys

    def _first_conjunct(self, ent: Span) -> Span:
        """The first of names joined by و right before a verb (السعودية والإمارات زودتا → Saudi Arabia)."""
        ctx = self.ctx
        while True:
            k = ctx.words.index_at(ent.start)
            prefix = ctx.text[ctx.words[k].start : ent.start]
            if not prefix or key(prefix) not in self.p.conj or k == 0:
                return ent
            prev = ctx.entity_at_word(k - 1)
            if prev is None or prev is ent or ctx.breaks_after(k - 1) or prev.end > ctx.words[k].start:
                return ent
            ent = prev

    def side_marked(self, t: Trigger, hi: int) -> Arg | None:
        """The side a casualty noun names after صفوف or a member noun («قتلى في صفوف المتمردين»،
        «القتلى والجرحى من عناصر المليشيات»)."""
        ctx, p = self.ctx, self.p
        for k in range(t.last + 1, min(hi, t.last + 4)):
            word = ctx.words[k].key
            if ctx.entity_at_word(k) is not None:
                return None
            if word not in p.side_heads and word not in p.members:
                continue
            limit = ctx.words[min(hi, k + 3) - 1].end
            for s, e, name, typ, pseudo in self._args_in(ctx.words[k].end, limit):
                gap = ctx.words.between(ctx.words[k].end, s)
                if pseudo and not self._forces_before(Arg(s, e, name, typ, "", True)):
                    return None
                if all(ctx.words[j].key in p.members or ctx.words[j].key in p.side_heads for j in gap):
                    return Arg(s, e, name, typ, "", pseudo)
                return None
            return None
        return None

    def side_after(self, end: int) -> Arg | None:
        """The named side right after a count (ستة من أعضاء حركة حماس، ستة عناصر من حماس)."""
        ctx = self.ctx
        for s, e, name, typ, pseudo in self._args_in(end, end + 60):
            gap = ctx.words.between(end, s)
            inner = ctx.words.index_at(s)
            clitic = ctx.words[inner].start < s and key(ctx.text[ctx.words[inner].start : s]) not in self.p.conj
            if pseudo or clitic or len(gap) > 2 or any(ctx.words[k].key not in self.p.members for k in gap):
                return None
            return Arg(s, e, name, typ, "")
        return None

