"""Event triggers: PLOVER-typed verbs (conjugated, clitic-prefixed) and verbal nouns from
``lang/ar/triggers.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasid import lang
from rasid.events.context import Context, Sentence
from rasid.events.sport import gated, sport_sentences
from rasid.events.words import Entry, Lexicon, Match, conjugate, expand, key, key_set, pronoun_misread


@dataclass
class Trigger:
    first: int  # word indices
    last: int
    start: int  # original offsets
    end: int
    entry: dict[str, Any]
    aspect: str  # perfect, imperfect, future, noun, noun+pronoun, phrase, participle
    sentence: Sentence
    purpose: bool = False  # a perfect form with ل attached (لقتل): a verbal noun of purpose

    @property
    def type(self) -> str:
        return str(self.entry["type"])

    @property
    def is_noun(self) -> bool:
        return self.aspect.startswith("noun")

    @property
    def is_participle(self) -> bool:
        """An active participle in the accusative after a clause (مشيدا، مطالبا، محذرا): its subject is
        the sentence's subject, never a name after it."""
        return self.aspect == "participle"

    @property
    def has_pronoun(self) -> bool:
        """A noun with a possessive pronoun (زيارته): its actor is the pronoun's referent."""
        return self.aspect == "noun+pronoun"


class _Triggers:
    def __init__(self) -> None:
        data = lang.load("ar", "triggers")
        self.lexicon = Lexicon()
        self.needs: dict[int, frozenset[str]] = {}
        self.unless: dict[int, frozenset[str]] = {}
        self.not_triggers = {key(w) for w in data.get("not_triggers", [])}
        self.bare_perfect: dict[str, list[dict[str, Any]]] = {}  # a perfect form without clitics → its entries
        for item in data["triggers"]:
            by_aspect: dict[str, set[str]] = {}
            for form, aspect in conjugate(item.get("perfect"), item.get("imperfect")).items():
                by_aspect.setdefault(aspect, set()).update(expand(form, "verb"))
                if aspect == "perfect":
                    self.bare_perfect.setdefault(key(form), []).append(item)
            for aspect, forms in (item.get("verbs") or {}).items():
                for form in forms:
                    by_aspect.setdefault(aspect, set()).update(expand(form, "verb"))
            nouns: set[str] = set()
            possessed: set[str] = set()
            for form in item.get("nouns", []):
                parts = form.split()
                if len(parts) == 1:
                    bare = expand(form, "noun", enclitics=False)
                    nouns |= bare
                    possessed |= expand(form, "noun") - bare
                else:
                    self.lexicon.add_phrase(form, "noun", Entry(item, "noun"))
            if nouns:
                by_aspect.setdefault("noun", set()).update(nouns)
            if possessed:
                by_aspect.setdefault("noun+pronoun", set()).update(possessed)
            for form in item.get("participles", []):  # «مشيدا بالصين»: an act of the sentence's subject
                by_aspect.setdefault("participle", set()).update(expand(form, "particle"))
            for aspect, keys in by_aspect.items():
                self.lexicon.add(keys, [], Entry(item, aspect))
            for phrase in item.get("phrases", []):
                self.lexicon.add_phrase(phrase["text"], "verb", Entry(item, phrase.get("aspect", "perfect")))
            if item.get("needs"):
                self.needs[id(item)] = key_set(item["needs"], "noun")
            if item.get("unless"):
                self.unless[id(item)] = key_set(item["unless"], "noun")


@lru_cache(maxsize=1)
def trigger_lexicon() -> _Triggers:
    return _Triggers()


def find_triggers(ctx: Context) -> list[Trigger]:
    lex = trigger_lexicon()
    found: list[Trigger] = []
    skip = [(s.start, s.end) for s in ctx.entities] + list(ctx.masked)
    prep_words = _prep_words()
    tags = _hashtags(ctx)
    for sent in ctx.sentences:
        k = sent.lo
        while k < sent.hi:
            matches = lex.lexicon.match_at(ctx.words, k)
            if not matches or ctx.words[k].key in lex.not_triggers:
                k += 1
                continue
            k = matches[0].last + 1
            m = next((c for c in _choose(ctx, matches, matches[0].first, sent, prep_words)
                      if _needs_met(ctx, lex, c, sent)), None)
            if m is None:
                continue
            counted = m.entry.data.get("actor_is_victim") and any(a <= m.start < b for a, b in ctx.counted)
            if any(a <= m.start < b for a, b in skip) and not counted:  # «60 قتيلاً» keeps its trigger
                continue  # a word inside a name, a number or a date (ما يصل إلى 30 ألف) is no trigger
            if any(a <= m.start < b for a, b in tags):
                continue  # «#طالب_لجوء»: a topic tag, not a clause
            if m.first == m.last and not m.entry.aspect.startswith("noun") \
                    and pronoun_misread(ctx.words, lex.lexicon, m.first):
                continue  # «رحلة» is no «رحل» + pronoun
            item = m.entry.data
            aspect = m.entry.aspect
            if not aspect.startswith(("noun", "phrase")) and m.first == m.last and m.first > sent.lo \
                    and ctx.words[m.first - 1].key in prep_words:
                aspect = "noun"  # «بالتورط في قتل مئات المدنيين»: after a preposition, the verbal noun
            if aspect == "perfect" and m.first == m.last and found and found[-1].last == m.first - 1 \
                    and not found[-1].is_noun and found[-1].sentence is sent:
                continue  # «رفضت طلب اللجوء»: a form right after a verb is its object noun, not a verb
            if gated(item) and any(s is sent for s in sport_sentences(ctx)):
                continue  # a sports page or sentence: a match is no meeting, a team's «هجوم» no attack
            purpose = aspect == "perfect" and m.first == m.last and _lam_attached(lex, ctx.words[m.first].key, m.entry)
            if purpose:
                aspect = "noun"  # «لقتل أو اختطاف»: ل + the verb's form is a verbal noun of purpose
            found.append(Trigger(m.first, m.last, m.start, m.end, item, aspect, sent, purpose))
    return found


def _hashtags(ctx: Context) -> list[tuple[int, int]]:
    """Spans of hashtags (#طالب_لجوء): a mark, then word characters and underscores."""
    mark = lang.load("ar", "triggers")["arguments"]["hashtag_mark"]
    out = []
    pos = ctx.text.find(mark)
    while pos >= 0:
        end = pos + len(mark)
        while end < len(ctx.text) and (ctx.text[end].isalnum() or ctx.text[end] == "_"):
            end += 1
        out.append((pos, end))
        pos = ctx.text.find(mark, end)
    return out


def _lam_attached(lex: _Triggers, word: str, entry: Entry) -> bool:
    """The word is ل (or و/ف + ل) + a perfect form of the same entry (لقتل), not a form of its own."""
    for clitic in _lam_clitics():
        if word.startswith(clitic) and len(word) > len(clitic) + 1:
            if any(item is entry.data for item in lex.bare_perfect.get(word[len(clitic):], [])):
                return True  # «لقتل»; not «لرفضه» (its refusal: a noun with its owner's pronoun)
    return False


@lru_cache(maxsize=1)
def _lam_clitics() -> tuple[str, ...]:
    """Verb proclitics that hold ل (ل، ول، فل), longest first."""
    lam = key(lang.load("ar", "triggers")["arguments"]["owner_prep"])
    verb = [key(c) for c in lang.load("ar", "triggers")["morphology"]["proclitics"]["verb"]]
    return tuple(sorted((c for c in verb if c.endswith(lam)), key=len, reverse=True))


@lru_cache(maxsize=1)
def _prep_words() -> frozenset[str]:
    args = lang.load("ar", "triggers")["arguments"]
    return key_set(args["target_preps"] + args["location_preps"])


@lru_cache(maxsize=1)
def _agent_markers() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(key(w) for w in m.split()) for m in lang.load("ar", "triggers")["arguments"]["agent_markers"])


def _agent_follows(ctx: Context, k: int, sent: Sentence) -> bool:
    """An agent marker (من قبل، على يد) right after the word: an event noun (or a passive)."""
    for marker in _agent_markers():
        if k + len(marker) <= sent.hi and all(ctx.words[k + j].key == w for j, w in enumerate(marker)):
            return True
    return False


@lru_cache(maxsize=1)
def _nominal_heads() -> frozenset[str]:
    """Words after which a verb-or-noun form is the noun (قرار طرد، بعد قصف)."""
    return key_set(lang.load("ar", "triggers")["arguments"]["nominal_heads"])


def _needs_met(ctx: Context, lex: _Triggers, m: Match, sent: Sentence) -> bool:
    """An entry with `needs` counts only with one of its words around (نشر + قوات)."""
    item = m.entry.data
    unless = lex.unless.get(id(item))
    if unless is not None:  # «أصيب … بالإغماء»، «إصابته بكسر»: an illness or a sports injury, no casualty
        reach = range(m.last + 1, min(sent.hi, m.last + 1 + int(item.get("unless_window", 4))))
        if any(ctx.words[j].key in unless for j in reach):
            return False
    needs = lex.needs.get(id(item))
    if needs is None:
        return True
    window = int(item.get("window", 4))
    back = int(item.get("window_before", 0))
    hi = m.last + 1 + window
    if item.get("window_skips_names") and not m.entry.aspect.startswith("noun"):
        # a verb's subject (a name, a date, a count) does not use up the window; a noun's object follows it
        hi, counted = m.last + 1, 0
        while hi < sent.hi and counted < window:
            w = ctx.words[hi]
            if ctx.entity_at_word(hi) is None and not any(a <= w.start < b for a, b in ctx.masked):
                counted += 1
            hi += 1
    around = range(max(sent.lo, m.first - back), min(sent.hi, hi))
    return any(ctx.words[j].key in needs for j in around if j != m.first)


def _choose(ctx: Context, matches: list[Match], k: int, sent: Sentence, prep_words: frozenset[str]) -> list[Match]:
    """The longest matches in order of preference; between a verb and a noun reading of one word
    (صد، تعهد), the noun after a preposition (في صد التوغل), else the verb."""
    longest = [m for m in matches if m.last == matches[0].last]
    nouns = [m for m in longest if m.entry.aspect.startswith("noun")]
    verbs = [m for m in longest if not m.entry.aspect.startswith("noun")]
    if nouns and verbs:
        nominal = k > sent.lo and (ctx.words[k - 1].key in prep_words or ctx.words[k - 1].key in _nominal_heads()
                                   or ctx.entity_at_word(k - 1) is not None) \
            or _agent_follows(ctx, matches[0].last + 1, sent)  # «وقصف من قبل النظام»
        return nouns + verbs if nominal else verbs + nouns  # «في صد التوغل»، «قرار لندن طرد»
    return longest
