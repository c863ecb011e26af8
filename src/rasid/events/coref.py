"""Definite descriptions and roles that stand for an entity named earlier in the article.

«الوزير» after «وزير الاقتصاد الألماني بيتر ألتماير», «السفيرة» after «السفيرة الأمريكية … نيكي
هايلي», «التنظيم» after «تنظيم الدولة الإسلامية», «المتمردين» after «المتمردين الحوثيين»: each
such word becomes an entity mention carrying its antecedent's canonical name, so that events,
attributions and quotes can use it as actor, target, source or speaker.

Resolution picks the most recent compatible entity within a few sentences:

* a person role (الوزير، السفيرة، المتحدث…) → a person introduced with the same title right before
  one of its mentions (the feminine title only matches a feminine title: gender agreement for
  free), or whose linked ``role`` is that title's English role;
* a group head (التنظيم، الحركة، الجماعة، الحزب، المتمردين…) → an organisation whose name starts with
  the head (تنظيم الدولة) or that was introduced with it (المتمردين الحوثيين); for heads marked
  ``fallback`` the most recent organisation that is not a news outlet or a holder of claims;
* a generic person noun (الرجل) → the most recent person.

A description right before a name is that name's title (الرئيس دونالد ترمب), not an anaphor.
Words are data (``lang/ar/triggers.yaml`` → ``coreference``); this module holds no Arabic strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rasid import lang
from rasid.document import Span
from rasid.events.context import Context
from rasid.events.words import key, morphology


@dataclass(frozen=True)
class _Heads:
    persons: dict[str, str]  # definite key → bare title key (الوزيرة → وزيرة)
    groups: dict[str, str]
    statements: dict[str, str]
    fallback: frozenset[str]
    any_person: frozenset[str]
    person_roles: dict[str, frozenset[str]]  # bare title key → English roles from roles.yaml
    outlets: frozenset[str]
    window: int
    title_reach: int
    proclitics: tuple[str, ...]
    article: str
    lam_article: str
    spellings: dict[str, str]  # bare key → the bare key of its usual spelling
    construct_persons: frozenset[tuple[str, str]] = frozenset()  # (bare head, bare genitive): رئيس الوزراء
    counterparts: frozenset[str] = frozenset()  # نظيره، نظيرته …: the counterpart of the given nationality
    clitic_forms: dict[str, tuple[int, str]] = field(default_factory=dict)  # ورئيس → (1, رئيس) for those heads
    demonyms: frozenset[str] = frozenset()  # bare nationality adjectives (ايراني)
    nationalities: dict[tuple[str, ...], str] = field(default_factory=dict)  # bare adjective(s) → country


@lru_cache(maxsize=1)
def heads() -> _Heads:
    data = lang.load("ar", "triggers")["coreference"]
    m = morphology()
    article, lam_article = key(m["article"]), key(m["lam_article"])

    def bare(word: str) -> str:
        k = key(word)
        return k[len(article):] if k.startswith(article) else k

    persons = {article + bare(w): bare(w) for w in data["persons"] if " " not in w or key(w).startswith(article)}
    construct = frozenset((bare(w.split()[0]), bare(w.split()[1])) for w in data["persons"]
                          if len(w.split()) == 2 and not key(w).startswith(article))
    groups = {article + bare(w): bare(w) for w in data["groups"]}
    statements = {article + bare(w): bare(w) for w in data["statements"]}
    roles: dict[str, set[str]] = {}
    for item in lang.load("ar", "roles")["roles"]:
        for form in item["ar"]:
            if " " not in form:
                roles.setdefault(bare(form), set()).add(str(item["en"]).lower())
    procl = sorted({key(p) for p in m["proclitics"]["noun"]} - {key(p) for p in m["proclitics"]["noun"]
                                                                  if key(p).endswith(article)},
                   key=len, reverse=True)
    return _Heads(
        persons=persons,
        groups=groups,
        statements=statements,
        fallback=frozenset(article + bare(w) for w in data["fallback_groups"]),
        any_person=frozenset(article + bare(w) for w in data["any_person"]),
        person_roles={k: frozenset(v) for k, v in roles.items()},
        outlets=frozenset(key(w) for w in data["outlet_heads"]),
        window=int(data["window_sentences"]),
        title_reach=int(data["title_reach"]),
        proclitics=tuple(procl),
        article=article,
        lam_article=lam_article,
        spellings={bare(k): bare(v) for k, v in (data.get("group_spellings") or {}).items()},
        construct_persons=construct,
        counterparts=frozenset(key(w) for w in data.get("counterparts", [])),
        clitic_forms={c + stem: (len(c), stem) for c in ("", *procl)
                      for stem in {head for head, _ in construct} | {key(w) for w in data.get("counterparts", [])}},
        demonyms=_demonym_words(article),
        nationalities=_nationalities(article),
    )


def _demonym_words(article: str) -> frozenset[str]:
    from rasid.events.argpatterns import patterns  # (argpatterns builds on the context module)

    return frozenset(v[0] for v in patterns().demonyms if len(v) == 1 and not v[0].startswith(article))


def _nationalities(article: str) -> dict[tuple[str, ...], str]:
    """Nationality adjectives without the article (كوري شمالي، أمريكية) → their country."""
    from rasid.events.argpatterns import patterns

    return {v: c for v, c in patterns().demonyms.items() if v and not any(w.startswith(article) for w in v)}


def _nationality_after(ctx: Context, h: _Heads, i: int) -> str | None:
    """The country of the nationality adjective right after word ``i`` (الرئيس «السنغالي», الزعيم
    «الكوري الشمالي»), or of a country named right after it («زعيم كوريا الشمالية»)."""
    words = ctx.words
    if i + 1 >= len(words) or ctx.breaks_after(i):
        return None
    place = ctx.entity_at_word(i + 1)
    if place is not None:
        name = ctx.name(place)
        return name if name in set(h.nationalities.values()) and words.index_at(place.start) == i + 1 else None
    first = _bare_key(h, words[i + 1].key)
    if i + 2 < len(words) and not ctx.breaks_after(i + 1):
        pair = h.nationalities.get((first, _bare_key(h, words[i + 2].key)))
        if pair is not None:
            return pair
    return h.nationalities.get((first,))


def _countries(h: _Heads, titles: set[str], places: set[str], role: str) -> set[str]:
    """The nationalities a person was introduced with: a nationality adjective among the title words
    (one or two words: الكوري الشمالي), a country named in them («زعيم كوريا الشمالية كيم»), the
    country of a linked role («president of Ukraine»)."""
    known = {h.nationalities[(t,)] for t in titles if (t,) in h.nationalities}
    known |= {h.nationalities[(a, b)] for a in titles for b in titles if (a, b) in h.nationalities}
    known |= places
    countries = set(h.nationalities.values())
    known |= {c for c in countries if role.endswith(" of " + c.lower())}
    return known


_SPLITS: dict[int, tuple[_Heads, dict[str, tuple[int, str]]]] = {}
_SPLITS_LIMIT = 100_000


def _split(h: _Heads, word: str) -> tuple[int, str]:
    """(length of the proclitic, the definite form) of a word such as والوزير، للوزير (memoised)."""
    memo = _SPLITS.get(id(h))
    if memo is None or memo[0] is not h:
        memo = _SPLITS[id(h)] = (h, {})
    found = memo[1].get(word)
    if found is None:
        found = _split_word(h, word)
        if len(memo[1]) < _SPLITS_LIMIT:
            memo[1][word] = found
    return found


def _split_word(h: _Heads, word: str) -> tuple[int, str]:
    if word.startswith(h.lam_article) and (h.article + word[len(h.lam_article):]) in (h.persons | h.groups | h.statements):
        return 2, h.article + word[len(h.lam_article):]  # the span starts after «لل»
    for p in ("",) + h.proclitics:
        if word.startswith(p) and word[len(p):].startswith(h.article):
            return len(p), word[len(p):]
    return 0, word


def _bare_key(h: _Heads, word: str) -> str:
    """A word without its proclitics and article (بالوزير → وزير)."""
    _, definite = _split(h, word)
    return definite[len(h.article):] if definite.startswith(h.article) else definite


def _sentence_index(ctx: Context, word: int) -> int:
    for n, s in enumerate(ctx.sentences):
        if s.lo <= word < s.hi:
            return n
    return -1


def resolve_descriptions(ctx: Context) -> list[Span]:
    """Entity mentions for the definite descriptions and roles of ``ctx`` that have an antecedent."""
    h = heads()
    if not ctx.entities:
        return []
    words = ctx.words
    mentions = [(e, words.index_at(e.start)) for e in ctx.entities]
    introduced: list[tuple[int, set[str]]] = []  # per mention: the bare keys of the words before it
    placed: list[set[str]] = []  # per mention: the countries named among those words
    countries = set(h.nationalities.values())
    issued: list[set[str]] = []  # per mention: the bare keys of the few words after it (في بيان)
    previous_end = 0
    for e, first in mentions:
        sentence = _sentence_index(ctx, first)
        lo = max(0, first - h.title_reach, previous_end, ctx.sentences[sentence].lo if sentence >= 0 else 0)
        previous_end = words.index_at(e.end)
        introduced.append((first, {_bare_key(h, words[k].key) for k in range(lo, first)}))
        placed.append({ctx.name(o) for o, at in mentions if lo <= at < first and ctx.name(o) in countries})
        hi = min(len(words), previous_end + 3, ctx.sentences[sentence].hi if sentence >= 0 else len(words))
        issued.append({_bare_key(h, words[k].key) for k in range(previous_end, hi)})
    titled: dict[str, set[str]] = {}  # canonical name → titles written before any of its mentions
    located: dict[str, set[str]] = {}  # canonical name → countries named in those titles
    earlier: dict[str, Span] = {}  # group head → the organisation it was resolved to last
    out: list[Span] = []
    for i, w in enumerate(words.items):
        n_procl, definite = _split(h, w.key)
        is_person = definite in h.persons or definite in h.any_person
        construct = None  # «ورئيس الوزراء الإثيوبي»: a title made definite by its genitive
        form = h.clitic_forms.get(w.key) if not is_person and i + 1 < len(words) else None
        if form is not None:
            pair = (form[1], _bare_key(h, words[i + 1].key))
            if pair in h.construct_persons and not ctx.breaks_after(i):
                construct, is_person, n_procl = pair, True, form[0]
        ruler = None  # «زعيم كوريا الشمالية»: an indefinite role before a country is that country's holder of it
        if not is_person and i + 1 < len(words) and ctx.entity_at_word(i + 1) is not None:
            for p in ("", *h.proclitics):
                plain = w.key[len(p):]
                if w.key.startswith(p) and not plain.startswith(h.article) and h.article + plain in h.persons:
                    country = _nationality_after(ctx, h, i)
                    if country is not None:
                        ruler, is_person, n_procl, definite = country, True, len(p), h.article + plain
                    break
        counterpart = None  # «مع نظيره الإيراني»: the person introduced with that nationality
        if form is not None and not is_person and form[1] in h.counterparts:
            nationality = _bare_key(h, words[i + 1].key)
            if nationality in h.demonyms and not ctx.breaks_after(i):
                counterpart, is_person, n_procl = nationality, True, form[0]
        is_group = definite in h.groups
        if definite in h.statements and ctx.entity_at_word(i) is None:
            issuer = _issuer(ctx, h, mentions, introduced, issued, i, definite[len(h.article):])
            if issuer is not None:
                out.append(Span(w.start + _split(h, w.key)[0], w.end,
                                {"type": issuer.type, "canonical": ctx.name(issuer), "coref": True}))
            continue
        if not (is_person or is_group):
            continue
        if ctx.entity_at_word(i) is not None:
            continue
        if counterpart is not None:
            if any(idx == i + 2 and e.type == "PER" for e, idx in mentions):
                continue  # «بنظيره الإيراني عباس عراقجي»: named right after
        elif ruler is not None:
            place = ctx.entity_at_word(i + 1)
            after = words.index_at(place.end - 1) + 1 if place is not None else i + 1
            if any(e.type == "PER" and after <= idx <= after + 2 for e, idx in mentions):
                continue  # «زعيم كوريا الشمالية كيم جونغ أون»: a title, the name follows
        elif any(0 <= ctx.words[idx].start - w.end and idx - i <= (3 if is_person else 1) and idx > i
                 and not (is_person and e.type != "PER" and _nationality_after(ctx, h, i) is not None)
                 for e, idx in mentions):
            continue  # a title right before a name (الرئيس الأميركي دونالد ترمب; with a nationality, a person's
            # name: «انتقد الرئيس الأمريكي الاتحاد الأوروبي» is Trump and his object); a group head only
            # right before one: «طالبت النقابة رئاسة جامعة صنعاء» is the union, then its object
        here = _sentence_index(ctx, i)
        antecedent = None
        nation = ruler  # «الرئيس السنغالي» is the person introduced as Senegalese, not the last president
        if nation is None and is_person and counterpart is None and definite not in h.any_person:
            nation = _nationality_after(ctx, h, i + (1 if construct is not None else 0))
        bare = definite[len(h.article):]
        bare = h.spellings.get(bare, bare)
        for (e, first), (_, before), places in zip(reversed(mentions), reversed(introduced), reversed(placed),
                                                   strict=False):
            if first >= i:
                continue
            if here - _sentence_index(ctx, first) > h.window:
                break
            name = ctx.name(e)
            if is_person and e.type == "PER":
                titles = titled.setdefault(name, set())
                titles |= before
                where = located.setdefault(name, set())
                where |= places
                role = str(e.attrs.get("role") or "").lower()
                known = _countries(h, titles | before, where, role) if nation is not None else set()
                if known and nation not in known:
                    continue  # «الرئيس السنغالي» is not the Chinese president named last (unknown: no objection)
                if counterpart is not None:
                    if counterpart in before:
                        antecedent = e
                        break
                    continue
                if construct is not None:
                    if all(part in titles or part in before for part in construct):
                        antecedent = e
                        break
                    continue
                if definite in h.any_person or bare in titles or bare in before \
                        or any(r in role for r in h.person_roles.get(bare, ())):
                    antecedent = e
                    break
            elif is_group and e.type in ("ORG", "MISC", None):
                head = _bare_key(h, words[first].key)
                head = h.spellings.get(head, head)
                if head == bare or bare in before or bare in {h.spellings.get(b, b) for b in before}:
                    antecedent = e
                    break
        if is_group and i + 1 < len(words) and _bare_key(h, words[i + 1].key) in h.demonyms \
                and not (antecedent is not None and _bare_key(h, words[i + 1].key) in
                         {_bare_key(h, x.key) for x in words.items[words.index_at(antecedent.start):
                                                                     words.index_at(antecedent.end - 1) + 1]}):
            continue  # «الاتحاد الإسرائيلي» after «الاتحاد الأرجنتيني»: a body of another country
        if antecedent is None and is_group:
            antecedent = earlier.get(bare)  # «المتمردين» again: the organisation it named before
        if antecedent is None and is_group and definite in h.fallback:
            antecedent = _fallback_group(ctx, h, mentions, i, here)
        if antecedent is None:
            continue
        if is_group:
            earlier[bare] = antecedent
        start = w.start + n_procl
        out.append(Span(start, w.end, {"type": antecedent.type, "canonical": ctx.name(antecedent),
                                       "coref": True}))
    return out


def _issuer(ctx: Context, h: _Heads, mentions: list[tuple[Span, int]], introduced: list[tuple[int, set[str]]],
            issued: list[set[str]], i: int, bare: str) -> Span | None:
    """The entity that issued the statement «البيان» refers to: the most recent one written with
    that noun right before it (بيان أصدرته كتائب القسام) or right after it (الخارجية في بيان)."""
    here = _sentence_index(ctx, i)
    for n in range(len(mentions) - 1, -1, -1):
        e, first = mentions[n]
        if first >= i:
            continue
        if here - _sentence_index(ctx, first) > h.window:
            return None
        if bare in introduced[n][1] or bare in issued[n]:
            return e
    return None


def _fallback_group(ctx: Context, h: _Heads, mentions: list[tuple[Span, int]], i: int, here: int) -> Span | None:
    def outlet(e: Span, first: int) -> bool:
        own = key(ctx.text[e.start:e.end].split()[0]) if ctx.text[e.start:e.end].split() else ""
        return any(w in h.outlets or _bare_key(h, w) in h.outlets for w in (ctx.words[first].key, own))

    outlets = {ctx.name(e) for e, first in mentions if outlet(e, first)}  # «لوكالة الأنباء اليمنية (سبأ)»
    for e, first in reversed(mentions):
        if first >= i or e.type != "ORG":
            continue
        if here - _sentence_index(ctx, first) > h.window:
            return None
        if ctx.name(e) in outlets:
            continue  # a news outlet or a claim holder (وكالة، المرصد), also by its short name («سبأ»), is no armed group
        return e
    return None
