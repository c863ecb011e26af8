"""The corpus store: documents and their facts in SQLite (default) or PostgreSQL.

>>> store = Store.open("corpus.db")            # or "postgresql://user@host/db"
>>> store.add(doc)                             # an analysed rasid.document.Document
>>> store.search("كوريا", outlet="bbc", limit=10)
>>> store.entity("Q423"); store.events(type="CONSULT"); store.claim_series("soldier")

One writer at a time; every document is written in one transaction (a crash never leaves half a
document).  Exact copies are recorded against the stored text; near duplicates share a
``story_id``.  See docs/corpus.md for the whole API.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasid.corpus import claims as _claims
from rasid.corpus import dedup
from rasid.corpus import merge as _merge
from rasid.corpus import search as _search
from rasid.corpus.db import Database, StoreError
from rasid.corpus.facts import Analysed, Copy, analyse_facts
from rasid.corpus.records import (
    AddResult,
    ClaimPoint,
    ClaimSubject,
    EntityProfile,
    EntitySummary,
    EventSummary,
    Hit,
    StoryMember,
)
from rasid.document import Document

DEFAULT_DB = "rasid.db"
FACT_TABLES = ("mentions", "times", "quantities", "attributions", "quotes", "claims")
_INSERT = {
    "mentions": 10, "times": 11, "quantities": 12, "attributions": 9, "quotes": 8, "claims": 18,
}
_COLUMNS = {
    "mentions": "doc_id, idx, start_off, end_off, text, type, entity_id, role, sent_start, sent_end",
    "times": "doc_id, idx, start_off, end_off, text, value, grain, interval_start, interval_end, "
             "sent_start, sent_end",
    "quantities": "doc_id, idx, start_off, end_off, text, value, min_value, max_value, unit, approx, "
                  "sent_start, sent_end",
    "attributions": "doc_id, idx, start_off, end_off, text, source_text, cue, sent_start, sent_end",
    "quotes": "doc_id, idx, start_off, end_off, text, speaker, sent_start, sent_end",
    "claims": "doc_id, idx, subject_key, subject, published, outlet, attributed_source, value, min_value, "
              "max_value, unit, start_off, end_off, text, sent_start, sent_end, terms, context_terms",
}
CHECKSUM_TABLES = {
    "documents": "id, content_hash, story_id, title, source, url, published, n_words, text, data",
    "copies": "doc_id, external_id, source, url, published",
    "entities": "entity_id, canonical, type, wikidata",
    "events": "event_id, merge_key, type, mode, actor_id, target_id, location_id, day, first_seen, last_seen",
    "event_mentions": "doc_id, idx, event_id, start_off, end_off, trigger, type, modality",
    **_COLUMNS,
}


class Store:
    """A corpus store over one database connection (see the module docstring)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, url: str | Path = DEFAULT_DB) -> Store:
        """Open (creating if needed) a SQLite file path / ``sqlite:///path`` or a ``postgresql://`` URL."""
        db = Database(str(url))
        try:
            db.create_schema()
        except BaseException:
            db.close()
            raise
        return cls(db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.db.url

    # -- writing ------------------------------------------------------------------------
    def add(self, doc: Document) -> AddResult:
        """Store one analysed document with every layer it has."""
        return self.add_many([analyse_facts(doc)])[0]

    def add_many(self, items: Iterable[Analysed | Copy]) -> list[AddResult]:
        """Store several documents in one transaction (all or none).

        Statuses: ``added``, ``renamed`` (id taken by another text), ``copy`` (text stored before:
        outlet/URL recorded), ``known`` (nothing new), ``orphan`` (a copy of a text not stored)."""
        with self.db.transaction():
            return [self._add_one(item) for item in items]

    def known_hashes(self) -> set[str]:
        return {r[0] for r in self.db.all("SELECT content_hash FROM documents")}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.transaction():
            yield

    def _add_copy(self, content_hash: str, external_id: str, source: str, url: str,
                  published: str | None) -> AddResult | None:
        row = self.db.one("SELECT id, story_id FROM documents WHERE content_hash = ?", (content_hash,))
        if row is None:
            return None
        cur = self.db.execute("INSERT INTO copies (doc_id, external_id, source, url, published) "
                              "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                              (row[0], external_id, source, url, published))
        return AddResult("copy" if cur.rowcount else "known", row[0], row[1])

    def _add_one(self, a: Analysed | Copy) -> AddResult:
        if isinstance(a, Copy):
            return self._add_copy(a.content_hash, a.doc_id, a.source, a.url, a.published) or AddResult(
                "orphan", a.where, "")
        db = self.db
        data = a.data
        source, url, published = data.get("source") or "", data.get("url") or "", data.get("published")
        copied = self._add_copy(a.content_hash, a.doc_id, source, url, published)
        if copied is not None:
            return copied
        doc_id, status = a.doc_id, "added"
        if db.one("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None:
            doc_id, status = f"{a.doc_id}~{a.content_hash[:8]}", "renamed"
        match = dedup.best_match(db, a.signature, a.n_shingles)
        story_id = doc_id
        if match is not None:
            story_id = db.scalar("SELECT story_id FROM documents WHERE id = ?", (match.doc_id,)) or doc_id
        if a.data_json and data.get("id") == doc_id:
            blob = a.data_json
        else:  # renamed (or built by hand): the stored contract carries the id it is stored under
            blob = json.dumps({**(json.loads(a.data_json) if a.data_json else data), "id": doc_id},
                              ensure_ascii=False, sort_keys=True)
        num = db.scalar(
            "INSERT INTO documents (id, content_hash, story_id, title, source, url, published, day, language, "
            "n_words, text, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING num",
            (doc_id, a.content_hash, story_id, data.get("title"), data.get("source"), data.get("url"),
             published, published[:10] if published else None, data.get("language"), a.n_words, a.text, blob))
        db.execute("INSERT INTO copies (doc_id, external_id, source, url, published) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT DO NOTHING", (doc_id, a.doc_id, source, url, published))
        db.execute("INSERT INTO signatures (doc_id, n_shingles, sig) VALUES (?, ?, ?)",
                   (doc_id, a.n_shingles, a.signature))
        dedup.index_signature(db, doc_id, a.signature, a.n_shingles)
        _search.index_document(db, int(num), a.terms)
        db.executemany("INSERT INTO entities (entity_id, canonical, type, wikidata) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (entity_id) DO NOTHING", a.entities)
        for table in FACT_TABLES:
            marks = ", ".join("?" * _INSERT[table])
            db.executemany(f"INSERT INTO {table} ({_COLUMNS[table]}) VALUES ({marks})",
                           [(doc_id, *r[1:]) for r in a.rows.get(table, [])])
        _merge.add_events(db, doc_id, a.events)
        return AddResult(status, doc_id, story_id)

    # -- documents ----------------------------------------------------------------------
    def get_document(self, doc_id: str) -> Document:
        """The stored Document (text, metadata, contract layers); an id of a copy finds its text."""
        row = self.db.one("SELECT text, data FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            row = self.db.one("SELECT d.text, d.data FROM copies c JOIN documents d ON d.id = c.doc_id "
                              "WHERE c.external_id = ? ORDER BY d.id LIMIT 1", (doc_id,))
        if row is None:
            raise StoreError(f"no document {doc_id!r} in {self.url}")
        return Document.from_dict({**json.loads(row[1]), "text": row[0]})

    def iter_documents(self, batch: int = 500) -> Iterator[Document]:
        last = -1
        while True:
            rows = self.db.all("SELECT num, text, data FROM documents WHERE num > ? ORDER BY num LIMIT ?",
                               (last, batch))
            if not rows:
                return
            for _num, text, data in rows:
                yield Document.from_dict({**json.loads(data), "text": text})
            last = rows[-1][0]

    def story(self, story_id: str) -> list[StoryMember]:
        """Every document of a near-duplicate group with the outlets and URLs of its exact copies."""
        out = []
        for doc_id, title, source, url, published in self.db.all(
                "SELECT id, title, source, url, published FROM documents WHERE story_id = ? ORDER BY published, id",
                (story_id,)):
            copies = self.db.all("SELECT source, url FROM copies WHERE doc_id = ? ORDER BY source, url", (doc_id,))
            out.append(StoryMember(doc_id, title, source, url, published, [(s, u) for s, u in copies]))
        return out

    def counts(self) -> dict[str, int]:
        """Row counts per table, plus ``stories`` (near-duplicate groups) and ``copies``."""
        out = {t: int(self.db.scalar(f"SELECT COUNT(*) FROM {t}"))
               for t in ("documents", "copies", "entities", "events", "event_mentions", *FACT_TABLES)}
        out["stories"] = int(self.db.scalar("SELECT COUNT(DISTINCT story_id) FROM documents"))
        return out

    def checksum(self) -> str:
        """A digest of every stored fact (order-independent of insertion)."""
        digest = hashlib.sha256()
        for table, columns in sorted(CHECKSUM_TABLES.items()):
            rows = sorted(json.dumps([table, *row], ensure_ascii=False, default=str)
                          for row in self.db.all(f"SELECT {columns} FROM {table}"))
            for row in rows:
                digest.update(row.encode("utf-8"))
        return digest.hexdigest()

    # -- reading facts ------------------------------------------------------------------
    def search(self, query: str, *, outlet: str | None = None, date_from: str | None = None,
               date_to: str | None = None, entity: str | None = None, event_type: str | None = None,
               limit: int = 20, offset: int = 0) -> list[Hit]:
        """Arabic full-text search (clitic- and diacritic-insensitive) with filters."""
        return _search.search(self.db, query, outlet=outlet, date_from=date_from, date_to=date_to,
                              entity=entity, event_type=event_type, limit=limit, offset=offset)

    def entities(self, query: str | None = None, type: str | None = None, limit: int = 50) -> list[EntitySummary]:
        return _merge.entities(self.db, query=query, type=type, limit=limit)

    def entity(self, entity_id: str) -> EntityProfile:
        return _merge.entity(self.db, entity_id)

    def events(self, *, type: str | None = None, entity: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 50) -> list[EventSummary]:
        return _merge.events(self.db, type=type, entity=entity, date_from=date_from, date_to=date_to,
                             limit=limit)

    def event(self, event_id: str) -> EventSummary:
        return _merge.event(self.db, event_id)

    def claim_subjects(self, min_documents: int = 1, limit: int = 100) -> list[ClaimSubject]:
        return _claims.subjects(self.db, min_documents=min_documents, limit=limit)

    def claim_series(self, subject: str) -> list[ClaimPoint]:
        """Claims about a subject (its key, or words that the claim's sentence must contain), by date."""
        return _claims.series(self.db, subject)

    def table_rows(self, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Column names and rows of a table, for exports."""
        from rasid.corpus.export import TABLES

        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        columns = TABLES[table]
        return columns, iter(self.db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1, 2"))
