"""Across articles: one id per entity, one event per real-world happening.

Entities get their id in ``facts.entity_key`` (the linker's id, else type + folded name), so the
same entity has one id in every article.  An event mention joins an existing event when the type,
actor and target agree and its day is within :data:`EVENT_WINDOW_DAYS` of that event's day;
otherwise it starts a new one.  A mention with neither actor nor target is never merged (nothing
says two of them are the same happening).  Counts are of documents and of stories (near-duplicate groups),
never of copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from rasid.corpus.db import Database, StoreError
from rasid.corpus.records import EntityProfile, EntitySummary, EventMention, EventSummary
from rasid.corpus.terms import query_terms

EVENT_WINDOW_DAYS = 3


def merge_key(event: dict[str, Any]) -> str | None:
    """Type, actor and target; None (never merged) when neither actor nor target is known."""
    if not (event.get("actor_id") or event.get("target_id")):
        return None
    return "|".join(str(event.get(k) or "") for k in ("type", "actor_id", "target_id"))


def _days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0 if a == b else EVENT_WINDOW_DAYS + 1
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return EVENT_WINDOW_DAYS + 1


def add_events(db: Database, doc_id: str, events: list[dict[str, Any]]) -> None:
    """Attach each event mention of a document to a merged event (creating it when new)."""
    for ev in events:
        merged = merge_key(ev)
        key = merged or f"{ev.get('type') or ''}|{doc_id}|{ev['idx']}"
        best: tuple[int, str] | None = None
        for event_id, day in db.all("SELECT event_id, day FROM events WHERE merge_key = ?",
                                    (key,)) if merged else []:
            gap = _days_apart(day, ev["day"])
            if gap <= EVENT_WINDOW_DAYS and (best is None or (gap, event_id) < best):
                best = (gap, event_id)
        published = ev.get("published")
        if best is None:
            event_id = "ev-" + hashlib.sha1(f"{key}|{doc_id}|{ev['idx']}".encode()).hexdigest()[:12]
            db.execute("INSERT INTO events (event_id, merge_key, type, mode, actor_id, target_id, location_id, day, "
                       "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (event_id, key, ev["type"], ev["mode"], ev["actor_id"], ev["target_id"],
                        ev["location_id"], ev["day"], published, published))
        else:
            event_id = best[1]
            if published:
                db.execute("UPDATE events SET first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? "
                           "ELSE first_seen END, last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? "
                           "ELSE last_seen END WHERE event_id = ?",
                           (published, published, published, published, event_id))
            if ev["location_id"]:
                db.execute("UPDATE events SET location_id = ? WHERE event_id = ? AND location_id IS NULL",
                           (ev["location_id"], event_id))
        s_start, s_end = ev["sentence"]
        db.execute("INSERT INTO event_mentions (doc_id, idx, event_id, start_off, end_off, trigger, type, mode, "
                   "modality, actor, target, location, time_value, quantity, source, sent_start, sent_end) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (doc_id, ev["idx"], event_id, ev["start"], ev["end"], ev["trigger"], ev["type"], ev["mode"],
                    ev["modality"], ev["actor"], ev["target"], ev["location"], ev["time_value"], ev["quantity"],
                    ev["source"], s_start, s_end))


def _name(db: Database, entity_id: str | None, fallback: str | None = None) -> str | None:
    if not entity_id:
        return fallback
    row = db.one("SELECT canonical FROM entities WHERE entity_id = ?", (entity_id,))
    return row[0] if row else fallback or entity_id.split(":", 1)[-1]


def entities(db: Database, query: str | None = None, type: str | None = None,
             limit: int = 50) -> list[EntitySummary]:
    """Entities by number of documents that mention them (optionally filtered by name and type)."""
    where, params = [], []
    if type:
        where.append("e.type = ?")
        params.append(type)
    for term in query_terms(query or ""):
        where.append("(LOWER(e.canonical) LIKE ? OR e.entity_id IN "
                     "(SELECT entity_id FROM mentions WHERE text LIKE ?) OR e.entity_id LIKE ?)")
        params += [f"%{term.lower()}%", f"%{term}%", f"%{term}%"]
    sql = ("SELECT e.entity_id, e.canonical, e.type, COUNT(*), COUNT(DISTINCT m.doc_id) FROM entities e "
           "JOIN mentions m ON m.entity_id = e.entity_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " GROUP BY e.entity_id, e.canonical, e.type ORDER BY COUNT(DISTINCT m.doc_id) DESC, e.entity_id LIMIT ?")
    return [EntitySummary(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in db.all(sql, [*params, int(limit)])]


def entity(db: Database, entity_id: str) -> EntityProfile:
    """Names, aliases, roles, timeline, co-mentioned entities and outlets of one entity."""
    row = db.one("SELECT entity_id, canonical, type, wikidata FROM entities WHERE entity_id = ?", (entity_id,))
    if row is None:
        raise StoreError(f"no entity {entity_id!r}")
    profile = EntityProfile(row[0], row[1], row[2], row[3])
    pairs = lambda sql: [(r[0], int(r[1])) for r in db.all(sql, (entity_id,))]  # noqa: E731
    profile.aliases = pairs("SELECT text, COUNT(*) FROM mentions WHERE entity_id = ? GROUP BY text "
                            "ORDER BY COUNT(*) DESC, text")
    profile.roles = pairs("SELECT role, COUNT(*) FROM mentions WHERE entity_id = ? AND role IS NOT NULL "
                          "GROUP BY role ORDER BY COUNT(*) DESC, role")
    profile.timeline = pairs("SELECT d.day, COUNT(DISTINCT d.id) FROM mentions m JOIN documents d ON d.id = m.doc_id "
                             "WHERE m.entity_id = ? AND d.day IS NOT NULL GROUP BY d.day ORDER BY d.day")
    profile.outlets = pairs("SELECT d.source, COUNT(DISTINCT d.id) FROM mentions m JOIN documents d "
                            "ON d.id = m.doc_id WHERE m.entity_id = ? AND d.source IS NOT NULL GROUP BY d.source "
                            "ORDER BY COUNT(DISTINCT d.id) DESC, d.source")
    profile.co_mentions = [(r[0], r[1], int(r[2])) for r in db.all(
        "SELECT o.entity_id, e.canonical, COUNT(DISTINCT o.doc_id) FROM mentions m "
        "JOIN mentions o ON o.doc_id = m.doc_id AND o.entity_id <> m.entity_id "
        "JOIN entities e ON e.entity_id = o.entity_id WHERE m.entity_id = ? "
        "GROUP BY o.entity_id, e.canonical ORDER BY COUNT(DISTINCT o.doc_id) DESC, o.entity_id LIMIT 30",
        (entity_id,))]
    return profile


_EVENT_COLUMNS = ("SELECT ev.event_id, ev.type, ev.mode, ev.actor_id, ev.target_id, ev.location_id, ev.day, "
                  "ev.first_seen, ev.last_seen, COUNT(*), COUNT(DISTINCT m.doc_id), COUNT(DISTINCT d.story_id) "
                  "FROM events ev JOIN event_mentions m ON m.event_id = ev.event_id "
                  "JOIN documents d ON d.id = m.doc_id")
_EVENT_GROUP = (" GROUP BY ev.event_id, ev.type, ev.mode, ev.actor_id, ev.target_id, ev.location_id, ev.day, "
                "ev.first_seen, ev.last_seen")


def _summary(db: Database, r: tuple[Any, ...]) -> EventSummary:
    sources = [s for (s,) in db.all("SELECT DISTINCT d.source FROM event_mentions m JOIN documents d ON "
                                    "d.id = m.doc_id WHERE m.event_id = ? AND d.source IS NOT NULL ORDER BY d.source",
                                    (r[0],))]
    return EventSummary(r[0], r[1], r[2], _name(db, r[3]), _name(db, r[4]), _name(db, r[5]), r[6], r[7], r[8],
                        int(r[9]), int(r[10]), int(r[11]), sources)


def events(db: Database, *, type: str | None = None, entity: str | None = None, date_from: str | None = None,
           date_to: str | None = None, limit: int = 50) -> list[EventSummary]:
    """Merged events, most reported (in stories) first."""
    where, params = [], []
    if type:
        where.append("ev.type = ?")
        params.append(type)
    if entity:
        where.append("(ev.actor_id = ? OR ev.target_id = ? OR ev.location_id = ?)")
        params += [entity, entity, entity]
    if date_from:
        where.append("ev.day >= ?")
        params.append(date_from[:10])
    if date_to:
        where.append("ev.day <= ?")
        params.append(date_to[:10])
    sql = (_EVENT_COLUMNS + (" WHERE " + " AND ".join(where) if where else "") + _EVENT_GROUP
           + " ORDER BY COUNT(DISTINCT d.story_id) DESC, COUNT(*) DESC, ev.event_id LIMIT ?")
    return [_summary(db, r) for r in db.all(sql, [*params, int(limit)])]


def event(db: Database, event_id: str) -> EventSummary:
    """One merged event with every report of it (outlet, date, trigger, sentence)."""
    row = db.one(_EVENT_COLUMNS + " WHERE ev.event_id = ?" + _EVENT_GROUP, (event_id,))
    if row is None:
        raise StoreError(f"no event {event_id!r}")
    summary = _summary(db, row)
    for doc_id, source, url, published, trigger, s, e, modality, sentence in db.all(
            "SELECT d.id, d.source, d.url, d.published, m.trigger, m.start_off, m.end_off, m.modality, "
            "SUBSTR(d.text, m.sent_start + 1, m.sent_end - m.sent_start) FROM event_mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE m.event_id = ? ORDER BY d.published, d.id, m.idx", (event_id,)):
        summary.reports.append(EventMention(doc_id, source, url, published, trigger, s, e, modality,
                                            sentence.strip()))
    return summary
