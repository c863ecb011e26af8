"""The on-disk KB index: two gzip'd TSV tables read into dicts once per process.

``entities.tsv.gz`` holds one row per entity (parsed on first use); ``keys.tsv.gz`` maps name keys
to entity rows in five tables: ``S`` strict keys, ``F`` folded keys, ``N``/``M`` strict/folded
surname keys, ``A`` nationality adjectives (to their country).  Loading parses no JSON and builds
no structure beyond the dicts; the fuzzy n-gram index is built on first use.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasid.errors import UserError
from rasid.kb import KB_DIR
from rasid.kb.fold import fuzzy_key, levenshtein

TABLES = ("S", "F", "N", "M", "A")


@dataclass(frozen=True, slots=True)
class KBEntity:
    index: int
    id: str
    type: str
    kind: str
    canonical: str
    wikidata: str
    country: str
    prior: float
    fuzzy: bool
    lat: float | None
    lon: float | None
    note: str


class KnowledgeBase:
    def __init__(self, directory: Path | None = None, verify: bool = False) -> None:
        self.directory = Path(directory) if directory else KB_DIR
        manifest_path = self.directory / "MANIFEST.json"
        if not manifest_path.is_file():
            raise UserError(f"no knowledge base at {self.directory}; run `rasid build-kb`")
        self.manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        blobs = {name: (self.directory / name).read_bytes() for name in ("entities.tsv.gz", "keys.tsv.gz")}
        if verify:
            for name, blob in blobs.items():
                if hashlib.sha256(blob).hexdigest() != self.manifest["files"][name]["sha256"]:
                    raise UserError(f"{self.directory / name} does not match its MANIFEST checksum")
        self._rows = gzip.decompress(blobs["entities.tsv.gz"]).decode("utf-8").split("\n")[1:]
        if self._rows and not self._rows[-1]:
            self._rows.pop()
        self.tables: dict[str, dict[str, str]] = {t: {} for t in TABLES}
        for line in gzip.decompress(blobs["keys.tsv.gz"]).decode("utf-8").split("\n"):
            if line:
                table, key, value = line.split("\t")
                self.tables[table][key] = value
        self._entities: dict[int, KBEntity] = {}
        self._fuzzy: _FuzzyIndex | None = None
        self._fuzzy_cache: dict[tuple[str, float, int], list[tuple[KBEntity, float]]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def alias_count(self) -> int:
        return int(self.manifest.get("aliases", 0))

    def entity(self, index: int) -> KBEntity:
        ent = self._entities.get(index)
        if ent is None:
            cols = self._rows[index].split("\t")
            ent = KBEntity(index, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], float(cols[6]),
                           cols[7] == "1", float(cols[8]) if cols[8] else None,
                           float(cols[9]) if cols[9] else None, cols[10])
            self._entities[index] = ent
        return ent

    def lookup(self, table: str, key: str) -> list[KBEntity]:
        raw = self.tables[table].get(key)
        if not raw:
            return []
        return [self.entity(int(i)) for i in raw.split(",")]

    def lookup_folded(self, key: str) -> list[tuple[KBEntity, str]]:
        """Entities with this folded key, each with the vowelled (fuzzy) key of the alias."""
        raw = self.tables["F"].get(key)
        if not raw:
            return []
        out = []
        for item in raw.split(","):
            idx, _, alias = item.partition(":")
            out.append((self.entity(int(idx)), alias))
        return out

    def fuzzy(self, name: str, threshold: float = 0.8, limit: int = 5) -> list[tuple[KBEntity, float]]:
        """Prominent entities whose fuzzy key is at least ``threshold`` similar to ``name``'s, best
        first, with the similarity (1 - edit distance / longer length)."""
        with self._lock:
            if self._fuzzy is None:
                self._fuzzy = _FuzzyIndex(self)
        key = (fuzzy_key(name), threshold, limit)
        hit = self._fuzzy_cache.get(key)
        if hit is None:
            hit = self._fuzzy.search(key[0], threshold, limit)
            if len(self._fuzzy_cache) > 100_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[key] = hit
        return hit


class _FuzzyIndex:
    """Character-bigram candidates over the prominent entities' Arabic names, bucketed by length,
    then edit distance.  Only the query's rarest bigrams are scanned: a key within ``d`` edits
    shares all but ``2d`` of the query's bigrams, so it holds one of any ``2d + 1`` of them."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.keys: list[str] = []
        self.gram_sets: list[frozenset[str]] = []
        self.owners: list[list[int]] = []
        self.buckets: dict[int, dict[str, list[int]]] = {}
        seen: dict[str, int] = {}
        for key, raw in kb.tables["S"].items():
            if not key or not ("\u0600" <= key[0] <= "\u06ff"):
                continue
            idxs = [int(i) for i in raw.split(",") if kb.entity(int(i)).fuzzy]
            if not idxs:
                continue
            fkey = fuzzy_key(key)
            if len(fkey) < 4:
                continue
            slot = seen.get(fkey)
            if slot is None:
                slot = seen[fkey] = len(self.keys)
                self.keys.append(fkey)
                self.owners.append([])
                grams = frozenset(fkey[i:i + 2] for i in range(len(fkey) - 1))
                self.gram_sets.append(grams)
                bucket = self.buckets.setdefault(len(fkey), {})
                for gram in grams:
                    bucket.setdefault(gram, []).append(slot)
            self.owners[slot].extend(i for i in idxs if i not in self.owners[slot])

    def search(self, fkey: str, threshold: float, limit: int) -> list[tuple[KBEntity, float]]:
        if len(fkey) < 4:
            return []
        query = frozenset(fkey[i:i + 2] for i in range(len(fkey) - 1))
        widest = int((1.0 - threshold) * (len(fkey) / threshold) + 1e-9)
        scored: list[tuple[float, int]] = []
        for length in range(max(4, len(fkey) - widest), len(fkey) + widest + 1):
            bucket = self.buckets.get(length)
            if not bucket:
                continue
            longest = max(length, len(fkey))
            max_dist = int((1.0 - threshold) * longest + 1e-9)
            if abs(length - len(fkey)) > max_dist:
                continue
            need = len(query) - 2 * max_dist
            if need <= 0:
                continue
            rare = sorted(query, key=lambda g: len(bucket.get(g, ())))[:2 * max_dist + 1]
            candidates = {slot for gram in rare for slot in bucket.get(gram, ())}
            for slot in candidates:
                if len(query & self.gram_sets[slot]) < need:
                    continue
                dist = levenshtein(fkey, self.keys[slot], limit=max_dist)
                if dist <= max_dist:
                    scored.append((1.0 - dist / longest, slot))
        scored.sort(key=lambda t: (-t[0], self.keys[t[1]]))
        out: list[tuple[KBEntity, float]] = []
        for sim, slot in scored:
            for idx in self.owners[slot]:
                out.append((self.kb.entity(idx), round(sim, 3)))
            if len(out) >= limit:
                break
        return out[:limit]


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(directory: str) -> KnowledgeBase:
    return KnowledgeBase(Path(directory))


def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """The KB at ``directory`` (default: the shipped one), loaded once per process."""
    with _lock:
        return _load(str(Path(directory) if directory else KB_DIR))
