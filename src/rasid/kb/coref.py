"""In-document coreference and roles for linked entity mentions.

* A surname-only person mention (لافروف) joins an earlier (or, failing that, later) full name in
  the same article whose first or last word has the same folded key (سيرجي لافروف).
* A title right before a name, optionally followed by a nationality adjective
  («وزير الخارجية الروسي سيرجي لافروف», «بالزعيم الكوري الشمالي كيم جونج أون»), or right after it
  in apposition («لافروف، وزير الخارجية»), becomes the entity's ``role`` in that article, e.g.
  "foreign minister of Russia"; every mention of the entity carries it.

Titles and adjectives are data (``lang/ar/roles.yaml``, ``lang/ar/nationalities.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rasid import lang
from rasid.document import Span
from rasid.kb.fold import folded_key, nationality_forms, rules, strict_key

if TYPE_CHECKING:
    from rasid.kb.link import Linker

_WINDOW = 100
_SENTENCE_END = re.compile(r"[.!?؟\n]")


@dataclass(frozen=True)
class RoleMatcher:
    before: re.Pattern[str]
    after: re.Pattern[str]
    roles: dict[str, dict[str, Any]]
    template: str


@lru_cache(maxsize=1)
def role_matcher() -> RoleMatcher:
    data = lang.load("ar", "roles")
    nat = lang.load("ar", "nationalities")
    roles: dict[str, dict[str, Any]] = {}
    for item in data["roles"]:
        for form in item["ar"]:
            roles.setdefault(strict_key(form), item)
    nat_forms: set[str] = set()
    for item in nat["stems"]:
        for stem in item["stem"]:
            nat_forms.update(strict_key(f) for f in nationality_forms(stem, nat["suffixes"], nat["article"]))
    role_alt = "|".join(re.escape(k) for k in sorted(roles, key=len, reverse=True))
    nat_alt = "|".join(re.escape(k) for k in sorted(nat_forms, key=len, reverse=True))
    procl = "".join(re.escape(p) for p in rules().proclitics)
    before = re.compile(rf"(?:^|\s)[{procl}]?(?P<role>{role_alt})(?:\s+(?P<nat>{nat_alt}))?\s*$")
    after = re.compile(rf"^\s*(?P<role>{role_alt})(?:\s+(?P<nat>{nat_alt}))?(?:\s|$)")
    return RoleMatcher(before, after, roles, data.get("with_country", "{role} of {country}"))


def find_role(text: str, start: int, end: int, linker: Linker) -> str | None:
    """The title written right before ``text[start:end]`` (or right after it, after a comma)."""
    m = role_matcher()
    window = text[max(0, start - _WINDOW):start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends:
        window = window[ends[-1]:]
    found = m.before.search(strict_key(window)) if window.strip() else None
    if found is None:
        tail = text[end:end + _WINDOW]
        stripped = tail.lstrip()
        if stripped[:1] in ("،", ","):
            found = m.after.search(strict_key(stripped[1:]))
    if found is None:
        return None
    item = m.roles[found.group("role")]
    role = str(item["en"])
    country = None
    if found.group("nat"):
        countries = linker.kb.lookup("A", found.group("nat"))
        if len(countries) == 1:
            country = countries[0].canonical
    if country:
        template = str(item.get("with_country", m.template))
        return template.format(role=role, country=country)
    return role


_ENTITY_KEYS = ("entity_id", "canonical", "wikidata", "country")
_DROP_ON_COREF = ("candidates", "ambiguous", "probable_variant", "variant_of", "nationality")


def _is_person(span: Span, linker: Linker) -> bool:
    if span.attrs.get("type") == "PER":
        return True
    return False


def resolve(text: str, spans: list[Span], linker: Linker) -> None:
    """Surname coreference and roles, in place on linked entity spans (in document order)."""
    people = [s for s in spans if _is_person(s, linker)]
    full = [s for s in people if len(strict_key(text[s.start:s.end]).split(" ")) >= 2]
    for span in people:
        words = strict_key(text[span.start:span.end]).split(" ")
        if len(words) != 1 or span.attrs.get("link") == "exact" or span in full:
            continue
        key = folded_key(words[0])
        before = [a for a in full if a.end <= span.start and _shares_word(text, a, key)]
        after = [a for a in full if a.start >= span.end and _shares_word(text, a, key)]
        antecedent = before[-1] if before else (after[0] if after else None)
        if antecedent is None or "entity_id" not in antecedent.attrs:
            continue
        for name in _DROP_ON_COREF:
            span.attrs.pop(name, None)
        for name in _ENTITY_KEYS:
            span.attrs.pop(name, None)
            if name in antecedent.attrs:
                span.attrs[name] = antecedent.attrs[name]
        span.attrs["link"] = "coref"
        span.attrs["link_score"] = antecedent.attrs.get("link_score", 0.0)
        span.attrs["antecedent"] = [antecedent.start, antecedent.end]
    roles: dict[str, str] = {}
    for span in people:
        role = find_role(text, span.start, span.end, linker)
        if role:
            span.attrs["role"] = role
            ent = span.attrs.get("entity_id")
            if ent and ent not in roles:
                roles[ent] = role
    for span in spans:
        ent = span.attrs.get("entity_id")
        if ent in roles and "role" not in span.attrs:
            span.attrs["role"] = roles[ent]


def _shares_word(text: str, antecedent: Span, key: str) -> bool:
    words = strict_key(text[antecedent.start:antecedent.end]).split(" ")
    return folded_key(words[-1]) == key or folded_key(words[0]) == key
