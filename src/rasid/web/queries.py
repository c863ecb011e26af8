"""Small read-only queries the web pages need and the store's API does not offer (yet).

Only SELECTs over the store's tables (``rasid/corpus/schema.sql``), through its connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasid.corpus.store import Store


@dataclass(frozen=True)
class DocumentRow:
    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    n_words: int
    story_id: str


def list_documents(store: Store, *, outlet: str | None = None, limit: int = 20, offset: int = 0) -> list[DocumentRow]:
    """Documents, the most recently published first."""
    where, params = ("WHERE source = ?", [outlet]) if outlet else ("", [])
    rows = store.db.all(f"SELECT id, title, source, published, n_words, story_id FROM documents {where} "
                        "ORDER BY published DESC, num DESC LIMIT ? OFFSET ?", [*params, int(limit), int(offset)])
    return [DocumentRow(r[0], r[1], r[2], r[3], int(r[4]), r[5]) for r in rows]


def outlets(store: Store) -> list[tuple[str, int]]:
    return [(r[0], int(r[1])) for r in store.db.all(
        "SELECT source, COUNT(*) FROM documents WHERE source IS NOT NULL AND source <> '' "
        "GROUP BY source ORDER BY COUNT(*) DESC, source")]


def event_types(store: Store) -> list[str]:
    return [r[0] for r in store.db.all(
        "SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY type")]


def claim_sentence(store: Store, doc_id: str, text: str, sentence: str) -> tuple[int, int] | None:
    """Offsets of the sentence a claim (its quantity text) came from, preferring the given sentence."""
    rows = store.db.all("SELECT c.sent_start, c.sent_end, SUBSTR(d.text, c.sent_start + 1, c.sent_end - c.sent_start) "
                        "FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.doc_id = ? AND c.text = ? "
                        "ORDER BY c.idx", (doc_id, text))
    for start, end, found in rows:
        if found == sentence:
            return int(start), int(end)
    return (int(rows[0][0]), int(rows[0][1])) if rows else None


def document_event_ids(store: Store, doc_id: str) -> dict[int, str]:
    """Index of each event span of a document → the merged event it belongs to."""
    return {int(r[0]): str(r[1]) for r in store.db.all(
        "SELECT idx, event_id FROM event_mentions WHERE doc_id = ?", (doc_id,))}


def counts(store: Store) -> dict[str, Any]:
    db = store.db
    return {
        "documents": int(db.scalar("SELECT COUNT(*) FROM documents")),
        "stories": int(db.scalar("SELECT COUNT(DISTINCT story_id) FROM documents")),
        "entities": int(db.scalar("SELECT COUNT(*) FROM entities")),
        "events": int(db.scalar("SELECT COUNT(*) FROM events")),
        "claims": int(db.scalar("SELECT COUNT(*) FROM claims")),
    }
