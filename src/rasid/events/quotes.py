"""Direct quotes and their speakers.

Marks are paired within a paragraph: guillemets by direction, the other marks («"»، “ ”) by the
spaces around them (a mark after a space opens, one before a space closes), so mismatched marks as
found in real text (”…” opening with a closing mark) pair up.  Nested quotes keep the outer one;
a quote that never closes is dropped, unless the next paragraph opens with a quotation mark (a
quote running over paragraphs, closed only in the last).  A quoted name (“منظمة شنغهاي للتعاون”)
is not a quote, nor is a quoted span right after a noun that names it (منطقة “…”، مشروع “…”), nor
a single quoted word that no describing frame governs (تهديدات “إرهابية”); a short quote needs a
speech context in its sentence.  The speaker is the source of the claim the quote sits in (a named person in that source
before a description of one; the body an unnamed spokesperson speaks for), else the subject of the
speech verb before it, else the speaker named in the previous sentence.  Word lists:
``lang/ar/quotes.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid import lang
from rasid.document import Span
from rasid.events.attribution import Attribution, cues
from rasid.events.context import Context, mark_direction
from rasid.events.words import key, key_set, morphology, pronoun_misread

_SUBJECT_REACH = 5  # words after a speech verb within which its subject (VSO) stands


@dataclass
class Quote:
    start: int  # the quoted text, without marks
    end: int
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None


class _Marks:
    def __init__(self) -> None:
        data = lang.load("ar", "cues")
        marks = data["quote_marks"]
        self.open = set(marks["open"])
        self.close = set(marks["close"])
        self.either = set(marks["either"])
        self.all = self.open | self.close | self.either
        self.short = int(data["short_quote_words"])
        self.speech = key_set(data["speech_verbs"], "verb")
        q = lang.load("ar", "quotes")
        m = morphology()
        proclitics = [key(p) for p in m["proclitics"]["noun"] if not key(p).endswith(key(m["article"]))]
        heads = {key(w) for w in q["name_heads"]}
        # the indefinite noun with its proclitics only: «تنظيم “…”»، «بتنظيم “…”» name the quote;
        # «الحملة “…”»، «حملته “…”» do not
        self.name_heads = heads | {p + h for p in proclitics for h in heads} | key_set(q["naming_words"], "noun")
        self.name_links = {key(w) for w in q["name_links"]}
        self.addressee_links = {key(w) for w in q["addressee_links"]}
        self.joiners = set(q["name_joiners"])
        self.name_max = int(q["name_max_words"])
        self.frames = key_set(q["frame_words"], "particle") | {key(w) for w in q["frame_words"]}
        self.frame_reach = int(q["frame_reach"])
        self.describing = self.speech | key_set(q["frame_verbs"], "verb")
        self.spokespeople = key_set([w for w in q["spokespeople"] if " " not in w], "noun")
        self.bodies = {key(adj): {key(w) for w in nouns} for adj, nouns in q["spokesperson_bodies"].items()}
        self.spokes_window = int(q["spokesperson_window"])
        self.participles = key_set(q["manner_participles"], "noun")
        self.subject_reach = int(q["subject_reach"])
        self.bodies_speaking = key_set(q["body_nouns"], "noun")
        self.body_max = int(q["body_max_words"])
        self.statements = key_set(q["statement_nouns"], "noun")


@lru_cache(maxsize=1)
def marks() -> _Marks:
    return _Marks()


def pair_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (marks excluded), outermost quotes only, per paragraph."""
    mk = marks()
    out: list[tuple[int, int]] = []
    pos = 0
    paras = text.split("\n")
    for n, para in enumerate(paras):
        stack: list[tuple[int, str]] = []  # (offset of the opening mark, kind)
        for j, ch in enumerate(para):
            if ch not in mk.all:
                continue
            i = pos + j
            if ch in mk.open:
                stack.append((i, "guillemet"))
                continue
            if ch in mk.close:
                while stack and stack[-1][1] != "guillemet":
                    stack.pop()
                if stack:
                    start, _ = stack.pop()
                    if not stack:
                        out.append((start + 1, i))
                continue
            direction = mark_direction(text, i)
            inner_open = bool(stack) and stack[-1][1] == "either"
            if direction == "open" or (direction == "" and not inner_open):
                stack.append((i, "either"))
            elif inner_open:
                start, _ = stack.pop()
                if not stack:
                    out.append((start + 1, i))
        nxt = next((p.lstrip() for p in paras[n + 1:] if p.strip()), "")
        if len(stack) == 1 and nxt[:1] in mk.all:
            # a quote running over paragraphs opens each one and closes only in the last: this
            # paragraph's part ends with it
            end = pos + len(para.rstrip())
            if end > stack[0][0] + 1:
                out.append((stack[0][0] + 1, end))
        pos += len(para) + 1
    return [(s, e) for s, e in out if text[s:e].strip()]


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,"):
        e -= 1
    return s, e


def _covered_by_entities(ctx: Context, s: int, e: int) -> bool:
    covered = sum(min(e, x.end) - max(s, x.start) for x in ctx.entities if x.start < e and s < x.end)
    letters = sum(1 for ch in ctx.text[s:e] if not ch.isspace())
    return letters > 0 and covered >= 0.8 * (e - s)


def find_quotes(ctx: Context, attributions: list[Attribution]) -> list[Quote]:
    mk = marks()
    found: list[Quote] = []
    for s0, e0 in pair_quotes(ctx.text):
        s, e = _trimmed(ctx.text, s0, e0)
        if e <= s or not any(ch.isalpha() for ch in ctx.text[s:e]):
            continue
        if _covered_by_entities(ctx, s, e):
            continue
        words = ctx.words.between(s, e)
        if _named_by_noun(ctx, s0, len(words)) or (len(words) == 1 and not _framed(ctx, s0)):
            continue
        quote = Quote(s, e)
        _resolve_speaker(ctx, quote, attributions, found)
        if len(words) < mk.short and not _speech_context(ctx, quote, attributions):
            continue
        found.append(quote)
    return found


def _is_cue(ctx: Context, k: int) -> bool:
    """A speech verb or a verb cue at word ``k`` (not a noun in ة read as a verb + ه: «إفادة»)."""
    if ctx.words[k].key in marks().speech:
        return True
    return bool(cues().verbs.match_at(ctx.words, k)) and not pronoun_misread(ctx.words, cues().verbs, k)


def _word_before(ctx: Context, offset: int) -> int:
    """Index of the last word ending at or before ``offset`` (-1 when none)."""
    return ctx.words.index_at(offset) - 1


def _named_by_noun(ctx: Context, mark: int, n_words: int) -> bool:
    """The quote opening at ``mark`` follows a noun that names it (منطقة “…”، المسمى بـ“…”), past a
    name of the entity it belongs to (مشروع الأمير محمد بن سلمان “رؤية 2030”)."""
    mk = marks()
    if n_words > mk.name_max:
        return False
    k = _word_before(ctx, mark)
    if k >= 0 and ctx.words[k].key in mk.addressee_links and not any(ch.isspace() for ch in ctx.text[ctx.words[k].end:mark]):
        return True  # «قال لـ“العربية.نت”»: who is told
    if k >= 0 and ctx.words[k].key in mk.name_links:
        k -= 1
    ent = ctx.entity_at_word(k) if k >= 0 and ctx.words[k].key not in mk.name_heads else None
    if ent is not None and ent.end <= mark and not ent.attrs.get("coref"):
        k = ctx.words.index_at(ent.start) - 1
        if k > 0 and ctx.words[k].key not in mk.name_heads and not ctx.breaks_after(k - 1):
            k -= 1  # «مشروع الأمير محمد بن سلمان “…”»: a title before the name
    if k < 0 or ctx.words[k].key not in mk.name_heads:
        return False
    if any(not (ch.isspace() or ch.isalnum()) for ch in ctx.text[ctx.words[_word_before(ctx, mark)].end:mark]
           if ch not in mk.joiners and ch not in mk.all):
        return False  # «بخطاب بثه التلفزيون، “…”»: a quote set off by a comma is no name
    return True


def _framed(ctx: Context, mark: int) -> bool:
    """A describing frame governs the one-word quote opening at ``mark``: a colon before it, a
    describing verb a few words before it, or a frame word (بأنه، بـ، أن) a few words before it
    after a describing verb of its sentence."""
    mk = marks()
    k = _word_before(ctx, mark)
    if k < 0:
        return False
    if ":" in ctx.text[ctx.words[k].end:mark]:
        return True
    sent = ctx.sentence_of(k)
    lo = sent.lo if sent else 0
    for j in range(k, max(lo, k - mk.frame_reach + 1) - 1, -1):
        if ctx.words[j].key in mk.describing:
            return True
        if ctx.words[j].key in mk.frames:
            return any(ctx.words[i].key in mk.describing for i in range(lo, j))
    return False


def _speech_context(ctx: Context, q: Quote, attributions: list[Attribution]) -> bool:
    if any(a.claim[0] <= q.start and q.end <= a.claim[1] for a in attributions):
        return True
    sent = next((x for x in ctx.sentences if x.start <= q.start < x.end), None)
    if sent is None:
        return False
    for k in range(sent.lo, min(sent.hi, ctx.words.index_at(q.start))):
        if _is_cue(ctx, k):
            return True
    return False


def _resolve_speaker(ctx: Context, q: Quote, attributions: list[Attribution], earlier: list[Quote]) -> None:
    # 1. the holder of the claim the quote sits in (or that the quote is)
    # a quote may run past its claim's sentence («… بالوكالة.. والآن …»): it belongs where it starts
    holders = [a for a in attributions if a.claim[0] <= q.start + 1 <= a.claim[1] + 1]
    for a in holders:
        going_on = _participle_speaker(ctx, a, q, earlier)
        if going_on is not None:
            q.speaker, q.speaker_span = going_on
            return
        if a.source is not None and not _no_speaker(ctx, a) and not _nameless_recovered(ctx, a):
            ent = _named_person(ctx, a) or a.entity
            if ent is not None:
                q.speaker, q.speaker_span = ctx.name(ent), (ent.start, ent.end)
                return
            body = _body_by_head(ctx, a.source, q.start, attributions) or _issuer(ctx, a.source, attributions)
            if body is not None:
                named = next((e for e in ctx.entities if e.start == body[0] and not e.attrs.get("coref")), None)
                q.speaker = ctx.name(named) if named is not None else ctx.text[body[0]:body[1]]
                q.speaker_span = (named.start, named.end) if named is not None else body
                return
            src = _without_statement(ctx, a.source)
            q.speaker, q.speaker_span = ctx.text[src[0]:src[1]], src
            return
    sent = next((x for x in ctx.sentences if x.start <= q.start < x.end), None)
    if sent is None:
        return
    qword = ctx.words.index_at(q.start)
    # 2. the subject of the last speech verb (or cue) before the quote in its sentence
    verb = None
    for k in range(min(qword, sent.hi) - 1, sent.lo - 1, -1):
        if _is_cue(ctx, k):
            verb = k
            break
    people = [e for e in ctx.entities if e.type in ("PER", "ORG") and sent.start <= e.start and e.end <= q.start]
    if verb is not None:
        vstart = ctx.words[verb].start
        same = [e for e in earlier if vstart < e.start < q.start and e.speaker and e.speaker_span]
        if same:  # «انتقد "…" للرئيس ترامب التي انسحبت من "…"»: the verb's quotes share a speaker
            q.speaker, q.speaker_span = same[-1].speaker, same[-1].speaker_span
            return
        body = _body_subject(ctx, verb, min(qword, sent.hi))
        if body is not None:
            q.speaker, q.speaker_span = ctx.text[body[0]:body[1]], body
            return
        subject = ctx.entity_at_word(verb + 1) if verb + 1 < min(qword, sent.hi) else None
        if subject is not None and subject.start >= ctx.words[verb].end and subject.end <= q.start \
                and subject not in people:  # «انتقد البيت الأبيض "…"»: a name of any kind right after the verb
            people = sorted([*people, subject], key=lambda e: e.start)
        reach = ctx.words[min(verb + _SUBJECT_REACH, len(ctx.words) - 1)].end
        quoted = pair_quotes(ctx.text) if any(e.start >= vstart for e in people) else []
        after = [e for e in people if vstart <= e.start < reach  # the verb's subject, not a name
                 and not any(a <= e.start < b for a, b in quoted)]  # further on or inside a quote
        before = [e for e in people if e.end <= vstart]
        told = [e for e in earlier if sent.start <= e.start < vstart and e.speaker and e.speaker_span]
        if not after and told:  # «وصف X … "…" التي وصفها بأنها "…"»: the sentence's speaker goes on
            q.speaker, q.speaker_span = told[-1].speaker, told[-1].speaker_span
            return
        pick = after[0] if after else (before[-1] if before else None)
        if pick is None:
            # a verb with its subject left out: the speaker of the previous quote or attribution
            prev = _previous_speaker(ctx, q, attributions, earlier, sent.start)
            if prev:
                q.speaker, q.speaker_span = prev
            return
        q.speaker, q.speaker_span = ctx.name(pick), (pick.start, pick.end)
        return
    persons = [e for e in people if e.type == "PER"]
    if persons:
        q.speaker, q.speaker_span = ctx.name(persons[0]), (persons[0].start, persons[0].end)
        return
    # 3. a speaker named in the previous sentence
    prev = _previous_speaker(ctx, q, attributions, earlier, sent.start)
    if prev:
        q.speaker, q.speaker_span = prev


def _body_subject(ctx: Context, verb: int, hi: int) -> tuple[int, int] | None:
    """A body with no name right after a speech verb, its phrase ended by a comma or a bracket
    («وصف مكتب رئيسة الوزراء البريطانية، تيريزا ماي، …»): the speaker as written."""
    mk = marks()
    j = verb + 1
    if j >= hi or ctx.words[j].key not in mk.bodies_speaking or ctx.entity_at_word(j) is not None:
        return None
    opening = cues().parens[0]
    for end in range(j, min(hi, j + mk.body_max)):
        if end > j and ctx.entity_at_word(end) is not None:
            return None
        gap = ctx.gap(end)
        if ctx.breaks_after(end) or opening in gap:
            return ctx.words[j].start, ctx.words[end].end
        if any(ch in mk.all for ch in gap):
            return None
    return None


def _no_speaker(ctx: Context, a: Attribution) -> bool:
    """The holder phrase opens with a word that no speaker opens with («بحسرة وألم»، «من جهة أخرى»)."""
    if a.source is None:
        return True
    k = ctx.words.index_at(a.source[0])
    return k < len(ctx.words) and ctx.words[k].key in cues().not_holder and ctx.entity_at_word(k) is None


def _nameless_recovered(ctx: Context, a: Attribution) -> bool:
    """A holder recovered from another clause (``elided``) with no name and no holder noun in it
    («وتتنهد امرأة كبيرة في السن، لتقول "…"»): it holds the claim, but names no speaker."""
    if not a.elided or a.entity is not None or a.source is None:
        return False
    return not any(ctx.words[k].key in cues().holders for k in ctx.words.between(*a.source))


def _named_person(ctx: Context, a: Attribution) -> Span | None:
    """A person named in the holder phrase, before a description resolved to someone else
    («الناطق باسم الوزارة المستهدفة داود نعيمي»: نعيمي, not whom «الناطق» was taken for)."""
    if a.source is None or (a.entity is not None and not a.entity.attrs.get("coref")):
        return None
    return next((e for e in ctx.entities if e.type == "PER" and not e.attrs.get("coref")
                 and a.source[0] <= e.start and e.end <= a.source[1]), None)


def _participle_speaker(ctx: Context, a: Attribution, q: Quote,
                        earlier: list[Quote]) -> tuple[str, tuple[int, int]] | None:
    """The speaker a participle cue (قائلة، محذرا) goes on with: the speaker of an earlier quote of the
    sentence, else — when the holder found for it stands after a preposition, or none was found —
    the subject after the sentence's first verb («وعادت ماي … في لندن … قائلة "…"»: ماي, not لندن)."""
    mk = marks()
    k = ctx.words.index_at(a.cue[0])
    if k >= len(ctx.words) or not (ctx.words[k].key in cues().participles or ctx.words[k].key in mk.participles):
        return None
    sent = ctx.sentence_of(k)
    if sent is None:
        return None
    same = [e for e in earlier if sent.start <= e.start < a.cue[0] and e.speaker and e.speaker_span]
    if same:
        return same[-1].speaker or "", same[-1].speaker_span or (0, 0)
    if a.source is not None:
        before = ctx.words.index_at(a.source[0]) - 1
        if before < sent.lo or ctx.words[before].key not in cues().not_holder:
            return None
    limit = a.source[0] if a.source is not None else a.cue[0]
    for j in range(sent.lo, min(k, sent.lo + mk.subject_reach)):
        ent = ctx.entity_at_word(j)
        if ent is not None and ent.type in ("PER", "ORG") and ent.start >= sent.start and ent.end <= limit:
            return ctx.name(ent), (ent.start, ent.end)
    return None


def _bare(word_key: str) -> str:
    article = key(morphology()["article"])
    return word_key[len(article):] if word_key.startswith(article) and len(word_key) > len(article) + 2 else word_key


def _window_start(ctx: Context, k: int) -> int:
    """Where the sentences a spokesperson or a statement may look back over begin: the start of the
    sentence ``spokesperson_window`` sentences before word ``k``'s."""
    here = ctx.sentence_of(k)
    first = ctx.sentences.index(here) if here is not None else 0
    return ctx.sentences[max(0, first - marks().spokes_window)].start


def _body_by_head(ctx: Context, source: tuple[int, int], before: int,
                  attributions: list[Attribution]) -> tuple[int, int] | None:
    """The body an unnamed spokesperson speaks for: «المتحدثة باسم الوزارة» → the ministry, «متحدث
    عسكري» → the army, named before (an entity, or the holder of an earlier claim) by a name that
    opens with that noun.  None when the holder is no such spokesperson or no body is found."""
    mk = marks()
    span = ctx.words.between(*source)
    k = next((j for j in span if ctx.words[j].key in mk.spokespeople), None)
    if k is None or k + 1 >= len(ctx.words) or ctx.words[k + 1].start >= source[1]:
        return None
    nxt = ctx.words[k + 1].key
    if nxt in cues().spokesman_of and k + 2 < len(ctx.words) and ctx.words[k + 2].start < source[1]:
        if ctx.entity_at_word(k + 2) is not None:
            return None  # «باسم وزارة الخارجية الروسية»: the attribution names it
        heads = {_bare(ctx.words[k + 2].key)}
    elif nxt in mk.bodies:
        heads = {_bare(h) for h in mk.bodies[nxt]}
    else:
        return None
    lo = _window_start(ctx, k)
    spans = [(e.start, e.end) for e in ctx.entities if not e.attrs.get("coref")]
    spans += [a.source for a in attributions if a.source is not None]
    for s, e in sorted((x for x in spans if lo <= x[0] and x[1] <= source[0]), reverse=True):
        w = ctx.words.index_at(s)
        if w < len(ctx.words) and _bare(ctx.words[w].key) in heads:
            return s, e
    return None


def _without_statement(ctx: Context, source: tuple[int, int]) -> tuple[int, int]:
    """A holder phrase with no name, less a statement noun closing it («وزارة الدفاع البلجيكية بيانا»)."""
    span = ctx.words.between(*source)
    if len(span) > 1 and ctx.words[span[-1]].key in marks().statements:
        return source[0], ctx.words[span[-2]].end
    return source


def _issuer(ctx: Context, source: tuple[int, int], attributions: list[Attribution]) -> tuple[int, int] | None:
    """The body a statement speaks for when «البيان» alone is the holder («وأشار البيان»): the
    holder of the last claim before it, within a few sentences, introduced with a statement
    («وأصدرت وزارة الدفاع بيانا قالت فيه»، «قالت الوزارة في بيان»)."""
    mk = marks()
    span = ctx.words.between(*source)
    article = key(morphology()["article"])
    if len(span) != 1 or ctx.words[span[0]].key not in mk.statements or not ctx.words[span[0]].key.startswith(article):
        return None
    lo = _window_start(ctx, span[0])
    for a in sorted((a for a in attributions if a.source is not None and lo <= a.source[0]
                     and a.source[1] <= source[0]), key=lambda a: a.source[0] if a.source else 0, reverse=True):
        assert a.source is not None
        words = ctx.words.between(*a.source)
        if not words or ctx.words[words[0]].key in mk.statements:
            continue  # a statement itself
        near = range(words[-1], min(len(ctx.words), words[-1] + 4))
        if not any(ctx.words[j].key in mk.statements for j in near):
            continue
        if a.entity is not None:
            return a.entity.start, a.entity.end
        return _without_statement(ctx, a.source)
    return None


def _previous_speaker(ctx: Context, q: Quote, attributions: list[Attribution], earlier: list[Quote],
                      sent_start: int) -> tuple[str, tuple[int, int]] | None:
    idx = next((i for i, x in enumerate(ctx.sentences) if x.start == sent_start), 0)
    if idx == 0:
        return None
    prev = ctx.sentences[idx - 1]
    for a in reversed(attributions):
        if a.source is not None and prev.start <= a.cue[0] < sent_start and not _no_speaker(ctx, a):
            if _nameless_recovered(ctx, a):
                return None  # the previous sentence's holder names no speaker
            return a.holder(ctx) or "", a.source
    for e in reversed(earlier):
        if prev.start <= e.start < sent_start and e.speaker and e.speaker_span:
            return e.speaker, e.speaker_span
    persons = [e for e in ctx.entities if e.type == "PER" and prev.start <= e.start < sent_start]
    if persons:
        return ctx.name(persons[-1]), (persons[-1].start, persons[-1].end)
    return None


def quote_spans(ctx: Context, found: list[Quote]) -> list[Span]:
    spans = []
    for q in found:
        attrs: dict[str, Any] = {"speaker": q.speaker,
                                 "speaker_span": ctx.piece(*q.speaker_span) if q.speaker_span else None}
        spans.append(Span(q.start, q.end, attrs))
    return spans
