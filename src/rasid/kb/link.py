"""The ``link`` stage: a stable ``entity_id`` and a canonical English name for every entity mention.

Each mention is looked up on its strict key, then (for nationality adjectives) the nationality
table, then its folded key (spelling variants), then bare surnames, then readings with a
proclitic, an organisation head noun or a trailing nationality adjective removed.  A name that
is still unknown is compared by edit distance with the prominent entities (and, more leniently,
with the entities already linked in the same article): a close one is recorded as a *probable
variant*, flagged, never silently merged.  Anything else is an unknown name: its id is a hash of
its folded key and type (stable across articles and runs) and its canonical name a
transliteration.  In-document coreference and roles are in :mod:`rasid.kb.coref`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasid.document import Document, Span
from rasid.kb import coref
from rasid.kb.fold import (
    folded_key,
    fuzzy_key,
    is_arabic,
    letter_count,
    rules,
    similarity,
    strict_key,
    strip_proclitic,
)
from rasid.kb.index import KBEntity, KnowledgeBase, load_kb
from rasid.pipeline import register

VERSION = "1.0"
# How sure each way of matching is (multiplied by the candidate's share of the prior).
TIER_CONFIDENCE = {"exact": 1.0, "nationality": 1.0, "folded": 0.9, "surname": 0.85, "reduced": 0.8,
                   "fuzzy": 0.6}
AMBIGUOUS_SHARE = 0.6
MAX_CANDIDATES = 5
# Below this similarity a fuzzy match is dropped: 0.85 keeps precision about 0.96 on gazetteer
# spelling pairs (``rasid eval link --variants``) and stops the junk 0.8 let through on ANERcorp
# names the KB lacks; entities already linked in the article need less (people more).
FUZZY_THRESHOLD = 0.85
FUZZY_THRESHOLD_IN_DOC = 0.65
FUZZY_THRESHOLD_IN_DOC_PERSON = 0.75
# A folded-key match must also be this close to the alias with its vowels kept (كشمير is not كاشمر).
FOLDED_MIN_SIMILARITY = 0.75


def type_fit(mention_type: str | None, kb_type: str) -> float:
    if mention_type == kb_type:
        return 1.0
    if mention_type in (None, "", "MISC", "NORP"):
        return 0.8
    if mention_type == "GPE":
        mention_type = "LOC"
        if kb_type == "LOC":
            return 1.0
    if {mention_type, kb_type} == {"LOC", "ORG"}:
        return 0.6
    return 0.0


@dataclass
class Link:
    """The linker's verdict on one surface string of one type."""

    method: str
    entity: KBEntity | None = None
    score: float = 0.0
    candidates: list[tuple[KBEntity, float]] = field(default_factory=list)
    nationality: bool = False
    canonical: str = ""
    entity_id: str = ""

    def attrs(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.entity is not None:
            out["entity_id"] = self.entity.id
            out["canonical"] = self.entity.canonical
            if self.entity.wikidata:
                out["wikidata"] = self.entity.wikidata
            if self.entity.country and self.entity.kind != "country":
                out["country"] = self.entity.country
        elif self.entity_id:
            out["entity_id"] = self.entity_id
            out["canonical"] = self.canonical
        else:
            return out
        out["link"] = self.method
        out["link_score"] = round(self.score, 3)
        if self.nationality:
            out["nationality"] = True
        if len(self.candidates) > 1:
            out["candidates"] = [
                {"entity_id": e.id, "canonical": e.canonical, "score": round(s, 3)} for e, s in self.candidates
            ]
            if self.candidates[0][1] < AMBIGUOUS_SHARE:
                out["ambiguous"] = True
        return out


# Links cached per process; names repeat (Zipf), so 100k entries keep most hits at a bounded cost
# in each ingest worker's memory.
LINK_CACHE_LIMIT = 100_000


class Linker:
    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()
        self._cache: dict[tuple[str, str | None], Link] = {}

    # -- one name ----------------------------------------------------------------------------
    def link_name(self, surface: str, mention_type: str | None = None) -> Link:
        """Link one surface string (cached per process)."""
        cache_key = (surface, mention_type)
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = self._link_name(surface, mention_type)
            if len(self._cache) > LINK_CACHE_LIMIT:
                self._cache.clear()
            self._cache[cache_key] = hit
        return hit

    def _link_name(self, surface: str, mention_type: str | None) -> Link:
        key = strict_key(surface)
        if letter_count(key) < 2 or (len(key.replace(" ", "")) < 3 and any(is_arabic(c) for c in key)
                                     and not self.kb.tables["S"].get(key)):
            return Link("none")
        money = currency_of(key)
        if money is not None:  # «دولار» is the currency, never the gazetteers' village «Dolyar»
            return Link("currency", score=1.0, canonical=money, entity_id=f"currency:{money}")
        readings = [(key, False)] + [(r, True) for r in self._reductions(key)]
        first: Link | None = None
        for tier in (self._exact_tier, self._folded_tier):
            for reading, reduced in readings:
                found = tier(reading, mention_type)
                if found is None or found.entity is None:
                    continue
                fit = type_fit(mention_type, found.entity.type)
                if reduced and not (found.entity.fuzzy and _loose_ok(mention_type, fit, found.entity)):
                    continue  # a reading with letters removed must reach a prominent entity
                if reduced:
                    found.method = "reduced"
                    found.score *= TIER_CONFIDENCE["reduced"]
                if fit >= 1.0:
                    return found
                first = first or found
        return first or Link("unknown")

    def _exact_tier(self, key: str, mention_type: str | None) -> Link | None:
        nat_first = mention_type in ("MISC", "NORP", None, "")
        if nat_first:
            found = self._choose(self.kb.lookup("A", key), None, "nationality")
            if found is not None:
                found.nationality = True
                return found
        found = self._choose(self.kb.lookup("S", key), mention_type, "exact")
        if found is None and not nat_first and mention_type != "PER":
            found = self._choose(self.kb.lookup("A", key), None, "nationality")
            if found is not None:
                found.nationality = True
        if found is None and mention_type in ("PER", None, "", "MISC") and " " not in key:
            found = self._choose(self.kb.lookup("N", key), mention_type, "surname")
        return found

    def _folded_tier(self, key: str, mention_type: str | None) -> Link | None:
        if not any(is_arabic(c) for c in key):
            return None
        fkey = folded_key(key)
        if len(fkey) < 3:
            return None
        vowelled = fuzzy_key(key)
        best: dict[int, tuple[KBEntity, float]] = {}
        for ent, alias in self.kb.lookup_folded(fkey):
            sim = similarity(vowelled, alias)
            if sim >= FOLDED_MIN_SIMILARITY and sim > best.get(ent.index, (ent, 0.0))[1]:
                best[ent.index] = (ent, sim)
        found = self._choose([e for e, _ in best.values()], mention_type, "folded",
                             {i: sim for i, (_, sim) in best.items()})
        if found is None and mention_type in ("PER", None, "", "MISC") and " " not in key:
            found = self._choose(self.kb.lookup("M", fkey), mention_type, "surname")
        return found

    def _choose(self, entities: list[KBEntity], mention_type: str | None, method: str,
                closeness: dict[int, float] | None = None) -> Link | None:
        def weight(e: KBEntity) -> float:
            fit = type_fit(mention_type, e.type)
            if method not in ("exact", "nationality") and not _loose_ok(mention_type, fit, e):
                return 0.0
            return (e.prior ** 3) * fit * ((closeness or {}).get(e.index, 1.0) ** 2)

        scored = [(e, weight(e)) for e in entities]
        scored = [(e, s) for e, s in scored if s > 0]
        if not scored:
            return None
        total = sum(s for _, s in scored)
        ranked = sorted(((e, s / total) for e, s in scored), key=lambda t: (-t[1], t[0].id))
        top, share = ranked[0]
        return Link(method, top, TIER_CONFIDENCE[method] * share, ranked[:MAX_CANDIDATES])

    def _reductions(self, key: str) -> list[str]:
        r = rules()
        out = strip_proclitic(key)
        parts = key.split(" ")
        if parts[0].startswith(r.article) and len(parts[0]) > len(r.article) + 2:
            out.append(key[len(r.article):])
        elif len(parts[0]) >= 3 and any(is_arabic(c) for c in parts[0]):
            out.append(r.article + key)
        if len(parts) > 1 and parts[0] in r.org_heads:
            out.append(" ".join(parts[1:]))
        # a trailing nationality adjective («CNN الأميركية», «وكالة تاس الروسية»)
        for cut in (2, 1):
            if len(parts) > cut and self.kb.tables["A"].get(" ".join(parts[-cut:])):
                rest = " ".join(parts[:-cut])
                out.append(rest)
                rest_parts = rest.split(" ")
                if len(rest_parts) > 1 and rest_parts[0] in r.org_heads:
                    out.append(" ".join(rest_parts[1:]))
                break
        return [k for k in out if letter_count(k) >= 2]

    # -- fuzzy -------------------------------------------------------------------------------
    def fuzzy(self, surface: str, mention_type: str | None, in_doc: list[tuple[str, KBEntity]]) -> Link | None:
        """A probable variant of a prominent entity or of one already linked in the article."""
        key = strict_key(surface)
        if not any(is_arabic(c) for c in key) or len(fuzzy_key(key)) < 5:
            return None
        best: tuple[float, KBEntity] | None = None
        fkey = fuzzy_key(key)
        in_doc_threshold = FUZZY_THRESHOLD_IN_DOC_PERSON if mention_type == "PER" else FUZZY_THRESHOLD_IN_DOC
        for name, ent in in_doc:
            other = fuzzy_key(name)
            if not _loose_ok(mention_type, type_fit(mention_type, ent.type), ent) or abs(len(other) - len(fkey)) > 3:
                continue
            sim = similarity(fkey, other)
            if sim >= in_doc_threshold and (best is None or sim > best[0]):
                best = (sim, ent)
        if best is None:
            for ent, sim in self.kb.fuzzy(key, FUZZY_THRESHOLD):
                if _loose_ok(mention_type, type_fit(mention_type, ent.type), ent):
                    if best is None or sim + 0.05 * ent.prior > best[0] + 0.05 * best[1].prior:
                        best = (sim, ent)
        if best is None:
            return None
        return Link("fuzzy", best[1], TIER_CONFIDENCE["fuzzy"] * best[0])


def _loose_ok(mention_type: str | None, fit: float, entity: KBEntity) -> bool:
    """A loose match (folded, surname, reduced, fuzzy) must have the mention's type, or, for a
    mention of unknown type, be a prominent entity: loose matches to anything else are junk."""
    if mention_type in (None, ""):
        return entity.fuzzy
    return fit >= 1.0


@lru_cache(maxsize=4)
def _currency_table(language: str = "ar") -> dict[str, str]:
    """Strict key of each currency name form (``lang/<language>/currencies.yaml``) → its ISO code,
    or its English name when the name alone names no single currency (riyal, dinar)."""
    from rasid import lang

    table: dict[str, str] = {}
    for cur in lang.load(language, "currencies")["currencies"]:
        label = str(cur.get("code") or str(cur["name"]).title())
        for form in cur.get("forms", []):
            table.setdefault(strict_key(str(form)), label)
    return table


def currency_of(key: str, language: str = "ar") -> str | None:
    """The currency a name's strict key spells («الدولار», «بالدولار», «يورو» → USD / EUR), if any."""
    table = _currency_table(language)
    article = rules().article
    for reading in (key, *strip_proclitic(key)):  # بالدولار → الدولار → دولار
        for form in (reading, reading[len(article):] if reading.startswith(article) else reading):
            if form in table:
                return table[form]
    return None


def unknown_id(surface: str, mention_type: str | None) -> str:
    """A stable id for a name the KB lacks: a hash of its folded key and type."""
    key = folded_key(surface) if any(is_arabic(c) for c in surface) else strict_key(surface)
    digest = hashlib.sha1(f"{key}|{mention_type or ''}".encode()).hexdigest()[:12]
    return f"x:{digest}"


@lru_cache(maxsize=100_000)
def render_unknown(surface: str) -> str:
    """A readable Latin rendering of an unknown name (Latin words are kept)."""
    from rasid.kb.translit import transliterate_name

    return transliterate_name(surface)


_LINKER: Linker | None = None


def default_linker() -> Linker:
    global _LINKER
    if _LINKER is None:
        _LINKER = Linker()
    return _LINKER


def _surface(text: str, span: Span) -> str:
    """The name as written, hashtag underscores read as spaces (#أفيغدور_ليبرمان)."""
    return text[span.start:span.end].replace("_", " ")


def link_mentions(doc: Document, linker: Linker | None = None) -> Document:
    """Link every span of ``doc``'s ``entities`` layer in place (and return ``doc``)."""
    linker = linker or default_linker()
    spans = doc.layer("entities")
    out: list[Span] = []
    results: list[Link] = []
    for span in spans:
        surface = _surface(doc.text, span)
        results.append(linker.link_name(surface, span.type))
    in_doc = [(doc.text[s.start:s.end], r.entity) for s, r in zip(spans, results, strict=True)
              if r.entity is not None and r.method in ("exact", "folded")]
    for span, result in zip(spans, results, strict=True):
        surface = _surface(doc.text, span)
        attrs = {k: v for k, v in span.attrs.items() if k not in _LINK_ATTRS}
        if result.method == "unknown":
            fuzzy = linker.fuzzy(surface, span.type, in_doc)
            if fuzzy is not None and fuzzy.entity is not None:
                attrs.update(fuzzy.attrs())
                attrs["probable_variant"] = True
                attrs["variant_of"] = fuzzy.entity.id
            else:
                attrs.update(Link("unknown", entity_id=unknown_id(surface, span.type),
                                  canonical=render_unknown(surface), score=0.0).attrs())
        else:
            attrs.update(result.attrs())
        out.append(Span(span.start, span.end, attrs))
    coref.resolve(doc.text, out, linker)
    doc.set_layer("entities", out)
    return doc


_LINK_ATTRS = frozenset({"entity_id", "canonical", "wikidata", "country", "link", "link_score", "nationality",
                         "candidates", "ambiguous", "probable_variant", "variant_of", "role", "antecedent"})


@register("link")
class LinkStage:
    name = "link"
    version = VERSION
    requires: tuple[str, ...] = ("entities",)
    assigns: tuple[str, ...] = ("entities",)

    def __init__(self) -> None:
        self.linker = default_linker()

    def __call__(self, doc: Document) -> Document:
        return link_mentions(doc, self.linker)
