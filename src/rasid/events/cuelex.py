"""Attribution records and the cue lexicon (``lang/ar/cues.yaml``) they are found with."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rasid import lang
from rasid.document import Span
from rasid.events.context import Context
from rasid.events.words import Entry, Lexicon, conjugate, expand, key, key_set


@dataclass
class Attribution:
    claim: tuple[int, int]
    cue: tuple[int, int]
    source: tuple[int, int] | None
    chain: list[tuple[int, int]] = field(default_factory=list)
    modality: str | None = None
    entity: Span | None = None  # the named entity inside the source, if any
    elided: bool = False  # the source was recovered from elsewhere («وقال إن…»)
    nominal: bool = False  # the claim is a noun phrase (نفى الجيش تورط قواته), not a clause

    def holder(self, ctx: Context) -> str | None:
        """The source as a name: the entity's canonical name when there is one, else the text."""
        if self.entity is not None:
            return ctx.name(self.entity)
        if self.source is None:
            return None
        return ctx.text[self.source[0] : self.source[1]]


class _Cues:
    def __init__(self) -> None:
        data = lang.load("ar", "cues")
        self.verbs = Lexicon()
        for item in data["verbs"]:
            forms = dict.fromkeys(conjugate(item.get("perfect"), item.get("imperfect")), "")
            keys: set[str] = set()
            for form in forms:
                keys |= expand(form, "verb")
            for form in item.get("verbs", []):
                keys |= expand(form, "verb")
            entry = Entry({"modality": item.get("modality"), "chain": bool(item.get("chain")),
                           "continues": bool(item.get("continues")), "nominal": bool(item.get("nominal_claim"))})
            self.verbs.add(keys, [], entry)
            for phrase in item.get("phrases", []):  # «جاء في بيان مونشن»
                self.verbs.add_phrase(phrase, "verb", entry)
        self.preps = Lexicon()
        self.source_clitic = key(data["source_clitic"])
        for phrase in data["preps"]:
            self.preps.add_phrase(phrase, "particle", Entry({}))
            parts = phrase.split()
            if len(parts) == 2 and key(parts[1]) == self.source_clitic:  # the ل is written on the noun
                self.preps.add_phrase(parts[0], "particle", Entry({"lam": True}))
        self.complementizers = Lexicon()
        for phrase in data["complementizers"]:
            self.complementizers.add_phrase(phrase, "particle", Entry({}))
        self.claim_marks = "".join(data["claim_marks"])
        args = lang.load("ar", "triggers")["arguments"]
        enclitics = lang.load("ar", "triggers")["morphology"]["enclitics"]
        stops = key_set(data["source_stops"])
        self.stops = stops | {s + key(e) for s in stops for e in enclitics} | key_set(args["relatives"]) \
            | key_set(args["subordinators"])  # عن، عنه، عليه …
        self.participles = key_set(data["participles"])
        self.not_cues = {key(w) for w in data["not_cues"]}
        self.min_quote_claim = int(data["min_quote_claim_words"])
        self.chain_preps = key_set(data["chain_preps"])
        self.holders = key_set(data["holders"], "noun")
        self.max_source = int(data["max_source_words"])
        self.post_title = {key(w) for w in data["title_prepositions"]}
        self.spokesman_of = {key(w) for w in data["spokesman_of"]}
        self.issued_by = {key(w) for w in data.get("issued_by", [])}
        self.addressee = key(data["addressee_clitic"])
        self.conj = {key(w) for w in lang.load("ar", "triggers")["morphology"]["proclitics"]["conj"]}
        self.continue_window = int(data["continue_window_sentences"])
        self.parens = tuple(data["parentheses"])
        self.negations = {key(w) for w in data["pre_cue_particles"]}
        self.postposed = {key(w) for w in data["postposed_markers"]}
        # holder phrases and claims (attribution): statement nouns, words before «أن» that make no claim,
        # relatives, and the holder openers shared with quotes (``quotes.yaml``)
        self.statement_nouns = key_set(data["statement_nouns"])
        self.not_claim_before = key_set(data["not_claim_before"])
        self.relatives = key_set(data["holder_relatives"])
        self.prep_clitics = tuple(key(w) for w in data["holder_prep_clitics"])
        self.prep_links = key_set(data["prep_verb_links"])
        self.cues_with_holder = key_set(data["cues_with_holder"])
        self.resumptives = key_set(data["resumptives"])
        self.not_speech_objects = key_set(data["not_speech_objects"], "noun")
        self.dated_nominal: set[str] = set()
        for item in data["nominal_after_date"]:
            for form in conjugate(item.get("perfect"), item.get("imperfect")):
                self.dated_nominal |= expand(form, "verb")
        starts = lang.load("ar", "quotes")["not_speaker_starts"]
        self.not_holder = key_set(starts, "particle") | {key(w) for w in starts}


@lru_cache(maxsize=1)
def cues() -> _Cues:
    return _Cues()
