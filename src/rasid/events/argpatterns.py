"""Argument patterns of the events engine, read once from ``lang/ar/triggers.yaml`` (relative
pronouns, light verbs, prepositions, forces, demonyms, titles…), and the arguments' record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasid import lang
from rasid.events.context import Context
from rasid.events.words import conjugate, expand, key, key_set, morphology


@dataclass
class Arg:
    start: int
    end: int
    name: str
    type: str | None
    marker: str  # preposition governing it, "" when direct
    pseudo: bool = False  # a nationality adjective standing in for a country
    gap: int = 0  # words between it and the previous argument (or the trigger)


class _Patterns:
    def __init__(self) -> None:
        data = lang.load("ar", "triggers")
        a = data["arguments"]
        self.relatives = key_set(a["relatives"])
        self.nominal_heads = key_set(a["nominal_heads"])
        self.weapon_agents = key_set(a.get("weapon_agents", []))
        self.content_heads = key_set(a.get("content_heads", []), "noun")
        plan = a.get("plan_heads", {})
        plan_keys = set(key_set(plan.get("nouns", []), "noun"))
        for item in plan.get("verbs", []):
            for form in conjugate(item.get("perfect"), item.get("imperfect")):
                plan_keys |= expand(form, "verb")
        self.plan_heads = frozenset(plan_keys)
        self.plan_complementizers = key_set(plan.get("complementizers", []))
        self.object_enclitics = sorted((key(e) for e in morphology()["verb_enclitics"]
                                        if e not in a["first_person"]), key=len, reverse=True)
        self.resumptive_preps = {key(x) + key(e) for x in a["target_preps"] + a["location_preps"]
                                 for e in morphology()["verb_enclitics"] if e not in a["first_person"]}
        self.pronoun_preps = {key(x) + key(e): key(x) for x in a["target_preps"]  # عليها → على
                              for e in morphology()["verb_enclitics"] if e not in a["first_person"]}
        self.subordinators = key_set(a["subordinators"]) | {
            s + key(e) for s in key_set(a["subordinators"]) for e in morphology()["enclitics"]}  # لكنه
        self.verb_first_particles = key_set(a.get("verb_first_particles", []))
        self.medium_preps = key_set(a.get("medium_preps", []))
        self.object_pronouns = key_set(a.get("object_pronouns", []))
        self.dual_parties = key_set(a.get("dual_parties", []), "noun")
        self.party_preps = list(a.get("party_preps", []))
        self.participle_copulas = key_set(a.get("participle_copulas", []), "verb")
        self.light_verbs = key_set(a["light_verbs"], "verb")
        self.content_light_verbs = key_set(a.get("content_light_verbs", []))
        self.content_light_reach = int(a.get("content_light_reach", 0))
        conj = morphology()["conjugation"]
        imperfect = {key(x) for x in [conj["imperfect_prefix"], *conj["imperfect_prefix_alternates"]]}
        future = key(conj["future_prefix"])  # «سيجريان مباحثات»: the future of a light verb is one too
        self.light_verbs |= {c + future + w for w in key_set(a["light_verbs"]) if w[:1] in imperfect
                             for c in ("", *(key(x) for x in morphology()["proclitics"]["conj"]))}
        self.anaphora = key_set(a["anaphora"])
        self.location_preps = {key(p) for p in a["location_preps"]}
        self.target_preps = {key(p) for p in a["target_preps"]}
        self.prep_keys: dict[str, str] = {}
        for p in a["target_preps"] + a["location_preps"]:
            for k in expand(p, "particle"):
                self.prep_keys[k] = key(p)
        self.prep_clitics = {key(k): key(v) for k, v in a["prep_clitics"].items()}
        self.max_gap = int(a["max_gap"])
        self.quantity_types = set(a["quantity_types"])
        self.nationality_types = set(a["nationality_actor_types"])
        self.capitals = dict(data["capitals"])
        self.article = key(morphology()["article"])
        self.lam_article = key(morphology()["lam_article"])
        self.lam = key(a["owner_prep"])
        self.conj = {key(c) for c in morphology()["proclitics"]["conj"]}
        self.trigger_keys: set[str] = set()  # filled from the trigger lexicon on first use
        self.particles = {key(w) for w in a["particles"]}
        self.forces = key_set(a["forces"], "noun")
        self.force_bodies = key_set(a.get("force_bodies", []), "noun")
        self.agent_markers = [tuple(key(w) for w in m.split()) for m in a["agent_markers"]]
        self.pair_markers = {key(w) for w in a.get("pair_markers", [])}
        self.patient_verbs = key_set(a["patient_verbs"], "verb")
        self.clitic_letters = {key(c) for c in a["prep_clitics"] if len(c) == 1}
        # verbal nouns, which after ل make a purpose phrase (لمساعدة موسكو)
        self.purpose_nouns = {key(n) for item in data["triggers"] for n in item.get("nouns", []) if " " not in n}
        self.actor_required = set(a["actor_required_types"])
        self.target_required = set(a["target_required_types"])
        suffixes = [""] + [key(s) for s in data["demonym_suffixes"]]
        self.demonyms: dict[tuple[str, ...], str] = {}
        for country, forms in data["demonyms"].items():
            for form in forms:
                words = [key(w) for w in form.split()]
                variants: list[tuple[str, ...]] = [()]
                for w in words:
                    options = [art + w + suf for art in ("", self.article) for suf in suffixes]
                    variants = [v + (o,) for v in variants for o in options]
                for v in variants:
                    self.demonyms[v] = country
        self.demonym_firsts = frozenset(v[0] for v in self.demonyms if v)  # a quick "cannot start one"
        # words of a person's title (العاهل الأردني الملك): they may stand between an event noun and its genitive
        titles = {w for item in lang.load("ar", "roles")["roles"] for form in item["ar"] for w in form.split()}
        titles |= set(data["coreference"]["persons"]) | set(a.get("title_duals", []))
        self.titles = key_set(titles, "noun") | {w for v in self.demonyms for w in v}
        self.members = key_set(a["member_nouns"], "noun")
        self.holders = key_set(lang.load("ar", "cues")["holders"], "noun")
        self.owner_preps = {key(w) for w in a["holder_owner_preps"]}
        self.auxiliaries = key_set(a["auxiliaries"])
        self.toll_verbs = key_set(a["toll_verbs"], "verb")
        self.victim_types = {item["type"] for item in data["triggers"] if item.get("actor_is_victim")}
        self.complementizers = key_set(lang.load("ar", "cues")["complementizers"])
        self.noun_nationality_types = set(a["nationality_noun_actor_types"])
        self.pronoun_complementizers = key_set(a["pronoun_complementizers"])
        self.side_heads = key_set(a["side_heads"], "noun")
        self.alternatives = key_set(a["alternatives"])
        self.light_verb_preps = key_set(a["light_verb_preps"])
        self.light_verb_links = key_set(a["light_verb_links"])
        self.announce_verbs = key_set(a["announce_verbs"], "verb")
        self.time_adverbials = [tuple(key(w) for w in phrase.split()) for phrase in a["time_adverbials"]]
        self.partyless = set(a["partyless_types"])
        self.named_victim = dict(a["named_victim"])
        self.count_openers = key_set(a["count_openers"])
        self.occasions = key_set(a["occasions"])
        cues = lang.load("ar", "cues")
        self.issued_by = key_set(cues.get("issued_by", []))
        self.issuer_preps = key_set(cues["chain_preps"])
        self.quote_marks = "".join(lang.load("ar", "cues")["claim_marks"]).replace(":", "")


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    return _Patterns()


def _marker(ctx: Context, p: _Patterns, anchor_end: int, ent_start: int) -> str | None:
    """The preposition governing an entity starting at ``ent_start`` after ``anchor_end``;
    "" when direct, None when too far."""
    w = ctx.words
    first = w.index_at(ent_start)
    if first < len(w) and w[first].start < ent_start:  # a clitic inside the entity's word (لكوريا)
        clitic = ctx.text[w[first].start : ent_start]
        return p.prep_clitics.get(key(clitic), "")
    gap = [k for k in w.between(anchor_end, ent_start)
           if not any(a <= w[k].start < b for a, b in ctx.masked)]  # a number counts as one word
    units = len(gap) + len({(a, b) for a, b in ctx.masked if anchor_end <= a and b <= ent_start})
    if units > p.max_gap:
        return None
    found = ""
    for k in gap:  # the preposition nearest the entity governs it (مزيداً من الجنود إلى روسيا)
        marker = prep_of(p, w[k].key)
        if marker:
            found = marker
    return found


def prep_of(p: _Patterns, word: str) -> str:
    """The preposition a word is or starts with (بالزعيم، لمساعدة), else ""."""
    if word in p.prep_keys:
        return p.prep_keys[word]
    for clitic, prep in p.prep_clitics.items():
        if word.startswith(clitic + p.article) or (clitic.endswith(p.lam) and word.startswith(clitic[:-1] + p.lam_article)):
            return prep
        if word.startswith(clitic) and word[len(clitic):] in p.purpose_nouns:
            return prep
    return ""
