"""``rasid build-kb``: the knowledge base from ../shared/data/gazetteers plus the curated YAML.

Sources, in merge order: countries (mledoze JSON, umpirsky CSV names, curated country extras),
places (dr5hn countries-states-cities, world cities), curated places and curated actors
(``lang/ar/actors.yaml``), nationality adjectives (``lang/ar/nationalities.yaml``).  The output
is deterministic: two builds from the same inputs give byte-identical files.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid import lang
from rasid.errors import UserError
from rasid.kb import KB_DIR, KB_VERSION, default_shared_dir
from rasid.kb.fold import folded_key, fuzzy_key, is_arabic, nationality_forms, strict_key

ENTITY_COLUMNS = ("id", "type", "kind", "canonical", "wikidata", "country", "prior", "fuzzy",
                  "lat", "lon", "note")


@dataclass
class Entity:
    id: str
    type: str
    kind: str
    canonical: str
    wikidata: str = ""
    country: str = ""
    prior: float = 0.1
    lat: str = ""
    lon: str = ""
    note: str = ""
    names: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    fuzzy: bool = False


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or hashlib.sha1(text.encode()).hexdigest()[:8]


def _population_prior(population: str, kind: str) -> float:
    try:
        pop = float(population)
    except ValueError:
        pop = 0.0
    base = 0.1 if pop <= 0 else 0.15 + 0.5 * min(1.0, math.log10(pop + 1) / 7.0)
    if kind == "capital":
        base = max(base, 0.7)
    elif kind == "adm1":
        base += 0.05
    return round(base, 3)


class _Builder:
    def __init__(self, shared: Path) -> None:
        self.gaz = shared / "data" / "gazetteers"
        if not self.gaz.is_dir():
            raise UserError(f"gazetteers not found at {self.gaz} (pass --shared PATH)")
        self.entities: list[Entity] = []
        self.by_place: dict[tuple[str, str], Entity] = {}
        self.by_country: dict[str, Entity] = {}
        self.country_names: dict[str, str] = {}

    def add(self, entity: Entity) -> Entity:
        self.entities.append(entity)
        if entity.type == "LOC" and entity.kind != "country":
            self.by_place.setdefault((entity.country, entity.canonical.lower()), entity)
        return entity

    # -- countries ---------------------------------------------------------------------------
    def countries(self) -> None:
        curated = lang.load("ar", "actors").get("countries", {})
        data = json.loads((self.gaz / "countries-mledoze.json").read_text(encoding="utf-8"))
        for row in sorted(data, key=lambda r: r["cca2"]):
            code = row["cca2"]
            extra = curated.get(code, {})
            wikidata = extra.get("wikidata", "")
            ent = Entity(id=wikidata or f"iso:{code}", type="LOC", kind="country",
                         canonical=row["name"]["common"], wikidata=wikidata, country=code,
                         prior=1.0 if row.get("independent") else 0.8, fuzzy=True)
            lat, lon = (row.get("latlng") or ["", ""])[:2] if row.get("latlng") else ("", "")
            ent.lat, ent.lon = _coord(lat), _coord(lon)
            ara = row.get("translations", {}).get("ara", {})
            ent.names.update(n for n in (ara.get("common"), ara.get("official")) if n)
            ent.names.update([row["name"]["common"], row["name"]["official"]])
            ent.names.update(a for a in row.get("altSpellings", []) if len(a) >= 3 and _latin(a))
            ent.names.update(extra.get("ar", []))
            self.by_country[code] = ent
            for name in (row["name"]["common"], row["name"]["official"], *row.get("altSpellings", [])):
                self.country_names.setdefault(name.lower(), code)
            self.add(ent)
        for path in sorted((self.gaz / "country-list-umpirsky").glob("country_ar*.csv")):
            with path.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    country = self.by_country.get(row["id"])
                    if country is not None:
                        country.names.add(row["value"])

    # -- places ------------------------------------------------------------------------------
    def places(self) -> None:
        path = self.gaz / "places-csc-ar.tsv"
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        qid_count: dict[str, int] = {}
        for row in rows:
            qid = row["wikiDataId"].strip()
            if qid:
                qid_count[qid] = qid_count.get(qid, 0) + 1
        for row in rows:
            if not row["name_ar"].strip():
                continue
            qid = row["wikiDataId"].strip()
            certain = qid if qid and qid_count[qid] == 1 else ""
            kind = row["type"] or "place"
            ent = Entity(id=certain or f"csc:{row['id']}", type="LOC", kind=kind,
                         canonical=row["name"], wikidata=certain, country=row["country_code"],
                         prior=_population_prior(row["population"], kind),
                         lat=_coord(row["latitude"]), lon=_coord(row["longitude"]))
            ent.names.update([row["name_ar"], row["name"]])
            ent.fuzzy = kind == "capital" or ent.prior >= 0.5
            self.add(ent)
        with (self.gaz / "world-cities-ar-en.csv").open(encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                code = self.country_names.get(row["CountryNameEn"].lower(), "")
                key = (code, row["CityNameEn"].lower())
                found = self.by_place.get(key)
                if found is None:
                    ent = self.add(Entity(id=f"wc:{code or 'xx'}:{_slug(row['CityNameEn'])}", type="LOC",
                                          kind="city", canonical=row["CityNameEn"], country=code,
                                          prior=_population_prior(row["Population"], "city")))
                else:
                    ent = found
                    ent.prior = max(ent.prior, _population_prior(row["Population"], "city"))
                ent.fuzzy = ent.fuzzy or ent.prior >= 0.5
                ent.names.update([row["CityNameAr"], row["CityNameEn"]])

    # -- curated -----------------------------------------------------------------------------
    def curated(self) -> None:
        data = lang.load("ar", "actors")
        for item in data.get("places", []):
            code = item.get("country", "")
            ent = self.by_place.get((code, item["en"].lower()))
            if ent is None:
                ent = self.add(Entity(id=item.get("wikidata") or f"kb:{_slug(item['en'])}", type="LOC",
                                      kind=item.get("kind", "place"), canonical=item["en"], country=code))
            if item.get("wikidata"):
                ent.wikidata = item["wikidata"]
                ent.id = item["wikidata"]
            ent.kind = item.get("kind", ent.kind)
            ent.prior = max(ent.prior, 0.9)
            ent.fuzzy = True
            ent.names.update([item["en"], *item.get("ar", [])])
        for item in data.get("actors", []):
            ent = self.add(Entity(id=item.get("wikidata") or f"kb:{_slug(item['en'])}", type=item["type"],
                                  kind="actor", canonical=item["en"], wikidata=item.get("wikidata", ""),
                                  country=item.get("country", ""), prior=0.95, fuzzy=True,
                                  note=item.get("role", "")))
            ent.names.update([item["en"], *item.get("ar", []), *item.get("acronyms", [])])
            ent.surnames.update(item.get("surnames", []))

    def finish(self) -> None:
        seen: dict[str, int] = {}
        for ent in self.entities:
            count = seen.get(ent.id, 0)
            seen[ent.id] = count + 1
            if count:
                ent.id = f"{ent.id}-{count + 1}"


def _coord(value: Any) -> str:
    try:
        return f"{float(value):.3f}"
    except (TypeError, ValueError):
        return ""


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def _nationality_keys(by_country: dict[str, Entity], index: dict[str, int]) -> dict[str, list[int]]:
    data = lang.load("ar", "nationalities")
    out: dict[str, list[int]] = {}
    for item in data["stems"]:
        codes = item.get("countries") or [item["country"]]
        targets = [index[by_country[c].id] for c in codes if c in by_country]
        forms: list[str] = []
        for stem in item["stem"]:
            forms += nationality_forms(stem, data["suffixes"], data["article"])
        for plural in item.get("plurals", []):
            forms += [plural, data["article"] + plural]
        for form in forms:
            key = strict_key(form)
            slot = out.setdefault(key, [])
            slot.extend(t for t in targets if t not in slot)
    return out


def _keys(entities: list[Entity]) -> dict[str, dict[str, list[Any]]]:
    tables: dict[str, dict[str, list[Any]]] = {"S": {}, "F": {}, "N": {}, "M": {}}

    def put(table: str, key: str, idx: int) -> None:
        if len(key.replace(" ", "")) < 2:
            return
        slot = tables[table].setdefault(key, [])
        if idx not in slot:
            slot.append(idx)

    folded: dict[str, set[str]] = {}
    for idx, ent in enumerate(entities):
        for name in sorted(ent.names):
            skey = strict_key(name)
            put("S", skey, idx)
            if ent.fuzzy and any(is_arabic(ch) for ch in skey):
                folded.setdefault(folded_key(name), set()).add(f"{idx}:{fuzzy_key(name)}")
        for name in sorted(ent.surnames):
            put("N", strict_key(name), idx)
            put("M", folded_key(name), idx)
    # folded keys keep each alias's vowelled key, so a loose match can be checked against it
    tables["F"] = {key: sorted(values) for key, values in folded.items()}
    return tables


def build_kb(shared: Path | None = None, out_dir: Path | None = None) -> dict[str, Any]:
    """Build the KB files into ``out_dir`` (default: the shipped ``models/kb``); returns the manifest."""
    shared = Path(shared) if shared else default_shared_dir()
    out_dir = Path(out_dir) if out_dir else KB_DIR
    builder = _Builder(shared)
    builder.countries()
    builder.places()
    builder.curated()
    builder.finish()
    entities = builder.entities
    index = {ent.id: i for i, ent in enumerate(entities)}
    tables = _keys(entities)
    tables["A"] = _nationality_keys(builder.by_country, index)

    ent_lines = ["\t".join(ENTITY_COLUMNS)]
    for ent in entities:
        row = [ent.id, ent.type, ent.kind, ent.canonical, ent.wikidata, ent.country, f"{ent.prior:.3f}",
               "1" if ent.fuzzy else "", ent.lat, ent.lon, ent.note]
        ent_lines.append("\t".join(_clean(v) for v in row))
    key_lines = []
    for table in ("S", "F", "N", "M", "A"):
        for key in sorted(tables[table]):
            key_lines.append(f"{table}\t{_clean(key)}\t{','.join(map(str, tables[table][key]))}")

    out_dir.mkdir(parents=True, exist_ok=True)
    files = {"entities.tsv.gz": "\n".join(ent_lines) + "\n", "keys.tsv.gz": "\n".join(key_lines) + "\n"}
    manifest: dict[str, Any] = {
        "name": "kb",
        "version": KB_VERSION,
        "built_by": "rasid build-kb",
        "sources": ["data/gazetteers/countries-mledoze.json (ODbL)",
                    "data/gazetteers/country-list-umpirsky (MIT)",
                    "data/gazetteers/places-csc-ar.tsv (ODbL)",
                    "data/gazetteers/world-cities-ar-en.csv (CC BY 4.0)",
                    "rasid/lang/ar/actors.yaml", "rasid/lang/ar/nationalities.yaml"],
        "entities": len(entities),
        "aliases": sum(len(ent.names) + len(ent.surnames) for ent in entities),
        "keys": {t: len(tables[t]) for t in tables},
        "files": {},
    }
    for name, text in files.items():
        blob = _gzip(text.encode("utf-8"))
        (out_dir / name).write_bytes(blob)
        manifest["files"][name] = {"sha256": hashlib.sha256(blob).hexdigest(), "bytes": len(blob)}
    (out_dir / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return manifest


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def _gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as handle:
        handle.write(data)
    return buffer.getvalue()
