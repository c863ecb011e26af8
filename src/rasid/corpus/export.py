"""Exports: JSONL documents (the export contract), CSV and Parquet tables, PLOVER JSONL, a
GDELT-style events TSV and an ACLED-style CSV.

Event exports are one row per **merged** event (not per report): ``NumArticles`` /
``num_documents`` counts documents and ``NumSources`` outlets; ``num_stories`` counts
near-duplicate groups.  Column mappings are documented in docs/corpus.md.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasid.errors import UserError

if TYPE_CHECKING:
    from rasid.corpus.store import Store

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt", "acled")
TABLES: dict[str, list[str]] = {
    "documents": ["id", "story_id", "title", "source", "url", "published", "language", "n_words"],
    "copies": ["doc_id", "external_id", "source", "url", "published"],
    "entities": ["entity_id", "canonical", "type", "wikidata"],
    "mentions": ["doc_id", "idx", "start_off", "end_off", "text", "type", "entity_id", "role", "sent_start",
                 "sent_end"],
    "events": ["event_id", "type", "mode", "actor_id", "target_id", "location_id", "day", "first_seen",
               "last_seen"],
    "event_mentions": ["doc_id", "idx", "event_id", "start_off", "end_off", "trigger", "type", "mode", "modality",
                       "actor", "target", "location", "time_value", "quantity", "source", "sent_start", "sent_end"],
    "times": ["doc_id", "idx", "start_off", "end_off", "text", "value", "grain", "interval_start", "interval_end",
              "sent_start", "sent_end"],
    "quantities": ["doc_id", "idx", "start_off", "end_off", "text", "value", "min_value", "max_value", "unit",
                   "approx", "sent_start", "sent_end"],
    "attributions": ["doc_id", "idx", "start_off", "end_off", "text", "source_text", "cue", "sent_start",
                     "sent_end"],
    "quotes": ["doc_id", "idx", "start_off", "end_off", "text", "speaker", "sent_start", "sent_end"],
    "claims": ["doc_id", "idx", "subject_key", "subject", "published", "outlet", "attributed_source", "value",
               "min_value", "max_value", "unit", "start_off", "end_off", "text", "sent_start", "sent_end"],
}
# PLOVER event types (Halterman et al. 2023) → the CAMEO root code GDELT uses.
PLOVER_TO_CAMEO = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "YIELD": "08",
    "REQUEST": "02", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15",
    "SANCTION": "16", "COERCE": "17", "ASSAULT": "18", "FIGHT": "19", "ENGAGE": "20",
}
PLOVER_TO_ACLED = {
    "ASSAULT": ("Violence against civilians", "Attack"), "FIGHT": ("Battles", "Armed clash"),
    "ENGAGE": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "PROTEST": ("Protests", "Peaceful protest"), "COERCE": ("Strategic developments", "Arrests"),
    "MOBILIZE": ("Strategic developments", "Non-violent transfer of territory"),
    "AGREE": ("Strategic developments", "Agreement"), "CONSULT": ("Strategic developments", "Other"),
}
GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Name", "Actor1Code", "Actor2Name",
                 "Actor2Code", "EventCode", "EventRootCode", "QuadClass", "NumMentions", "NumSources",
                 "NumArticles", "ActionGeo_FullName", "ActionGeo_ID", "DATEADDED", "SOURCEURL"]
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2",
                 "location", "source", "source_scale", "notes", "fatalities", "num_documents", "num_stories"]
_QUAD = {"01": 1, "02": 1, "03": 1, "04": 1, "05": 2, "06": 2, "07": 2, "08": 2, "09": 2, "10": 3, "11": 3,
         "12": 3, "13": 3, "14": 3, "15": 3, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4}


def export(store: Store, fmt: str, out: Path, tables: list[str] | None = None) -> list[Path]:
    """Write one format; returns the files written.  ``csv``/``parquet`` write a folder of tables."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        if fmt == "jsonl":
            return [_write_lines(out, (json.dumps(d.to_dict(), ensure_ascii=False) for d in store.iter_documents()))]
        if fmt in ("csv", "parquet"):
            return [_table(store, fmt, out, t) for t in (tables or list(TABLES))]
        rows = list(event_rows(store))
        if fmt == "plover":
            return [_write_lines(out, (json.dumps(plover(r), ensure_ascii=False) for r in rows))]
        if fmt == "gdelt":
            return [_write_csv(out, GDELT_COLUMNS, (gdelt(r) for r in rows), delimiter="\t")]
        return [_write_csv(out, ACLED_COLUMNS, (acled(r) for r in rows))]
    except OSError as exc:
        raise UserError(f"{out}: cannot write the export ({exc.strerror or exc})") from exc


def _write_lines(out: Path, lines: Iterator[str]) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
    return out


def _write_csv(out: Path, header: list[str], rows: Any, delimiter: str = ",") -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return out


def _table(store: Store, fmt: str, folder: Path, table: str) -> Path:
    columns, rows = store.table_rows(table)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        return _write_csv(folder / f"{table}.csv", columns, rows)
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = list(rows)
    arrays = {c: [r[i] for r in data] for i, c in enumerate(columns)}
    target = folder / f"{table}.parquet"
    pq.write_table(pa.table(arrays), target)
    return target


def event_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One dict per merged event with its counts, outlets, first URL and first report sentence."""
    db = store.db
    sql = ("SELECT ev.event_id, ev.type, ev.mode, ev.actor_id, ev.target_id, ev.location_id, ev.day, ev.first_seen, "
           "COUNT(*), COUNT(DISTINCT m.doc_id), COUNT(DISTINCT d.story_id), COUNT(DISTINCT d.source), "
           "MIN(m.modality) FROM events ev JOIN event_mentions m ON m.event_id = ev.event_id "
           "JOIN documents d ON d.id = m.doc_id GROUP BY ev.event_id, ev.type, ev.mode, ev.actor_id, ev.target_id, "
           "ev.location_id, ev.day, ev.first_seen ORDER BY ev.day, ev.event_id")
    names = dict(db.all("SELECT entity_id, canonical FROM entities"))
    for r in db.all(sql):
        first = db.one("SELECT d.url, d.source, SUBSTR(d.text, m.sent_start + 1, m.sent_end - m.sent_start), "
                       "m.quantity FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.event_id = ? "
                       "ORDER BY d.published, d.id, m.idx LIMIT 1", (r[0],)) or (None, None, "", None)
        sources = [s for (s,) in db.all("SELECT DISTINCT d.source FROM event_mentions m JOIN documents d "
                                        "ON d.id = m.doc_id WHERE m.event_id = ? ORDER BY 1", (r[0],)) if s]
        yield {
            "event_id": r[0], "type": r[1], "mode": r[2], "actor_id": r[3], "actor": names.get(r[3], r[3]),
            "target_id": r[4], "target": names.get(r[4], r[4]), "location_id": r[5],
            "location": names.get(r[5], r[5]), "day": r[6], "first_seen": r[7], "mentions": int(r[8]),
            "documents": int(r[9]), "stories": int(r[10]), "n_sources": int(r[11]), "modality": r[12],
            "url": first[0], "sources": sources, "sentence": (first[2] or "").strip(), "quantity": first[3],
        }


def plover(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": e["event_id"], "event_date": e["day"], "event_type": e["type"], "event_mode": e["mode"],
        "event_text": e["sentence"], "actor": e["actor"], "actor_id": e["actor_id"], "recipient": e["target"],
        "recipient_id": e["target_id"], "place": e["location"], "place_id": e["location_id"],
        "modality": e["modality"], "source": e["sources"], "url": e["url"], "num_mentions": e["mentions"],
        "num_documents": e["documents"], "num_stories": e["stories"],
    }


def gdelt(e: dict[str, Any]) -> list[Any]:
    day = (e["day"] or "").replace("-", "")
    code = PLOVER_TO_CAMEO.get(str(e["type"] or "").upper(), "")
    return [e["event_id"], day, day[:6], day[:4], e["actor"], e["actor_id"], e["target"], e["target_id"], code, code,
            _QUAD.get(code, ""), e["mentions"], e["n_sources"], e["documents"], e["location"], e["location_id"],
            (e["first_seen"] or "").replace("-", "")[:8], e["url"]]


def acled(e: dict[str, Any]) -> list[Any]:
    kind, sub = PLOVER_TO_ACLED.get(str(e["type"] or "").upper(), ("Strategic developments", "Other"))
    fatalities = ""
    return [e["event_id"], e["day"], (e["day"] or "")[:4], kind, sub, e["actor"], e["target"], e["location"],
            "; ".join(e["sources"]), "National-International", e["sentence"], fatalities, e["documents"],
            e["stories"]]
