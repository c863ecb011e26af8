"""Arabic full-text search over the store.

Each document is indexed under the normalised words of its title and text plus their
clitic-stripped variants (``rasid.corpus.terms``): SQLite FTS5 (contentless) or a PostgreSQL
``tsvector`` (``simple`` configuration, GIN index).  A query's words must all match; results are
ranked by the engine, filtered by outlet, date range, entity id and event type, and come with a
snippet cut from the stored original text with the matched words marked.
"""

from __future__ import annotations

from typing import Any

from rasid.corpus.db import Database
from rasid.corpus.records import Hit
from rasid.corpus.terms import matches, query_terms
from rasid.errors import UserError

SNIPPET_CHARS = 240


def index_document(db: Database, num: int, terms: str) -> None:
    if db.dialect == "sqlite":
        db.execute("INSERT INTO doc_search (rowid, terms) VALUES (?, ?)", (num, terms))
    else:
        db.execute("INSERT INTO doc_search (num, terms) VALUES (?, to_tsvector('simple', ?))", (num, terms))


def _check_day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    text = str(value)[:10]
    if len(text) < 4 or not text[:4].isdigit():
        raise UserError(f"{name} must be a date like 2018-05-01, not {value!r}")
    return text


def search(db: Database, query: str, *, outlet: str | None = None, date_from: str | None = None,
           date_to: str | None = None, entity: str | None = None, event_type: str | None = None,
           limit: int = 20, offset: int = 0) -> list[Hit]:
    terms = query_terms(query)
    if not terms:
        raise UserError("the search query has no words")
    where: list[str] = []
    params: list[Any] = []
    if db.dialect == "sqlite":
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        base = ("SELECT d.id, d.title, d.source, d.published, d.text, d.story_id FROM doc_search s "
                "JOIN documents d ON d.num = s.rowid WHERE doc_search MATCH ?")
        order = "s.rank, d.num"
    else:
        match = " ".join(terms)
        base = ("SELECT d.id, d.title, d.source, d.published, d.text, d.story_id FROM doc_search s "
                "JOIN documents d ON d.num = s.num WHERE s.terms @@ plainto_tsquery('simple', ?)")
        order = "ts_rank(s.terms, plainto_tsquery('simple', ?)) DESC, d.num"
    params.append(match)
    if outlet:
        where.append("d.source = ?")
        params.append(outlet)
    day_from, day_to = _check_day(date_from, "date_from"), _check_day(date_to, "date_to")
    if day_from:
        where.append("d.day >= ?")
        params.append(day_from)
    if day_to:
        where.append("d.day <= ?")
        params.append(day_to)
    if entity:
        where.append("d.id IN (SELECT doc_id FROM mentions WHERE entity_id = ?)")
        params.append(entity)
    if event_type:
        where.append("d.id IN (SELECT doc_id FROM event_mentions WHERE type = ?)")
        params.append(event_type)
    sql = base + "".join(f" AND {w}" for w in where) + f" ORDER BY {order} LIMIT ? OFFSET ?"
    if db.dialect == "postgresql":
        params.append(match)
    params += [int(limit), int(offset)]
    hits = []
    for doc_id, title, source, published, text, story_id in db.all(sql, params):
        snippet, spans, offsets = make_snippet(text, terms)
        hits.append(Hit(doc_id, title, source, published, snippet, spans, offsets, story_id))
    return hits


def make_snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> tuple[
        str, list[tuple[int, int]], list[tuple[int, int]]]:
    """A window of the original text around the first match, the matched words in it and in the text."""
    found = matches(text, terms)
    if not found:  # matched in the title only
        cut = text[:width]
        return cut, [], []
    centre = found[0][0]
    start = max(0, centre - width // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space and space - end < 20 else end
    spans = [(s - start, e - start) for s, e in found if s >= start and e <= end]
    return text[start:end], spans, found
