"""JSON endpoints under ``/api`` over the same store functions the CLI and Python API use.

Read endpoints are open; ``POST /api/documents`` and ``POST /api/upload`` need the start-up token
(``Authorization: Bearer …``), refuse bodies over the size limit and file names that are not plain.
The OpenAPI description is at ``/api/openapi.json``.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import re
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from rasid.corpus.db import StoreError
from rasid.corpus.export import event_rows, plover
from rasid.corpus.sources import ALL_SUFFIXES
from rasid.corpus.store import Store
from rasid.document import Document, DocumentError
from rasid.web import queries

router = APIRouter(prefix="/api", tags=["api"])
SAFE_NAME = re.compile(r"^[^\W_][\w.\-]{0,119}$")
EVENT_CSV_COLUMNS = ["event_id", "day", "type", "mode", "actor", "actor_id", "target", "target_id", "location",
                     "location_id", "modality", "mentions", "documents", "stories", "sources", "url", "sentence"]


def _store(request: Request) -> Any:
    return request.app.state.access.use()


def _not_found(exc: StoreError) -> HTTPException:
    return HTTPException(status_code=404, detail=str(exc))


# -- reading -----------------------------------------------------------------------------------
@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    with _store(request) as store:
        return {"ok": True, "writable": request.app.state.write_token is not None, **queries.counts(store)}


@router.get("/documents")
def documents(request: Request, outlet: str | None = None, limit: int = Query(20, ge=1, le=500),
              offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
    """Stored documents, the most recently published first."""
    with _store(request) as store:
        return [asdict(d) for d in queries.list_documents(store, outlet=outlet, limit=limit, offset=offset)]


@router.get("/documents/{doc_id:path}")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    """One document in the export contract (text, metadata, every stored layer)."""
    with _store(request) as store:
        try:
            return store.get_document(doc_id).to_dict()
        except StoreError as exc:
            raise _not_found(exc) from exc


@router.get("/search")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500), outlet: str | None = None,
           date_from: str | None = None, date_to: str | None = None, entity: str | None = None,
           event_type: str | None = None, limit: int = Query(20, ge=1, le=200),
           offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
    """Arabic full-text search (clitic- and diacritic-insensitive) with filters."""
    with _store(request) as store:
        hits = store.search(q, outlet=outlet or None, date_from=date_from or None, date_to=date_to or None,
                            entity=entity or None, event_type=event_type or None, limit=limit, offset=offset)
    return [asdict(h) for h in hits]


@router.get("/entities")
def entities(request: Request, q: str | None = None, type: str | None = None,
             limit: int = Query(50, ge=1, le=500)) -> list[dict[str, Any]]:
    with _store(request) as store:
        return [asdict(e) for e in store.entities(query=q or None, type=type or None, limit=limit)]


@router.get("/entities/{entity_id:path}")
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    """Names, aliases, roles, timeline, co-mentioned entities and outlets of one entity."""
    with _store(request) as store:
        try:
            return asdict(store.entity(entity_id))
        except StoreError as exc:
            raise _not_found(exc) from exc


@router.get("/events")
def events(request: Request, type: str | None = None, entity: str | None = None, date_from: str | None = None,
           date_to: str | None = None, limit: int = Query(50, ge=1, le=1000)) -> list[dict[str, Any]]:
    """Merged events (one per happening, with how many documents and stories report it)."""
    with _store(request) as store:
        return [asdict(e) for e in store.events(type=type or None, entity=entity or None,
                                                date_from=date_from or None, date_to=date_to or None, limit=limit)]


@router.get("/events/{event_id:path}")
def event(request: Request, event_id: str) -> dict[str, Any]:
    with _store(request) as store:
        try:
            return asdict(store.event(event_id))
        except StoreError as exc:
            raise _not_found(exc) from exc


@router.get("/claims")
def claim_subjects(request: Request, min_documents: int = Query(1, ge=1),
                   limit: int = Query(100, ge=1, le=1000)) -> list[dict[str, Any]]:
    """Tracked quantities (claim subjects), the most covered first."""
    with _store(request) as store:
        return [asdict(s) for s in store.claim_subjects(min_documents=min_documents, limit=limit)]


@router.get("/claims/series")
def claim_series(request: Request, subject: str = Query(..., min_length=1, max_length=500)) -> list[dict[str, Any]]:
    """Every claim about a subject (key or words), by date, with outlet, attributed source and value."""
    with _store(request) as store:
        return [{**asdict(p), "shown_value": p.shown_value} for p in store.claim_series(subject)]


def filtered_event_rows(store: Store, type: str | None = None, entity: str | None = None,
                        date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
    """Merged events as export rows, filtered like ``store.events``."""
    out = []
    for row in event_rows(store):
        if type and row["type"] != type:
            continue
        if entity and entity not in (row["actor_id"], row["target_id"], row["location_id"]):
            continue
        day = row["day"] or ""
        if (date_from and day < date_from[:10]) or (date_to and day > date_to[:10]):
            continue
        out.append(row)
    return out


def _csv_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EVENT_CSV_COLUMNS)
    for row in rows:
        writer.writerow(["; ".join(row[c]) if c == "sources" else ("" if row[c] is None else row[c])
                         for c in EVENT_CSV_COLUMNS])
    yield buffer.getvalue()


@router.get("/export/events.csv")
def export_events_csv(request: Request, type: str | None = None, entity: str | None = None,
                      date_from: str | None = None, date_to: str | None = None) -> StreamingResponse:
    with _store(request) as store:
        rows = filtered_event_rows(store, type or None, entity or None, date_from or None, date_to or None)
    return StreamingResponse(_csv_lines(rows), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/export/events.plover.jsonl")
def export_events_plover(request: Request, type: str | None = None, entity: str | None = None,
                         date_from: str | None = None, date_to: str | None = None) -> StreamingResponse:
    with _store(request) as store:
        rows = filtered_event_rows(store, type or None, entity or None, date_from or None, date_to or None)
    lines = (json.dumps(plover(r), ensure_ascii=False) + "\n" for r in rows)
    return StreamingResponse(lines, media_type="application/x-ndjson; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.plover.jsonl"'})


# -- writing (token required) ------------------------------------------------------------------
def require_writer(request: Request) -> None:
    token = request.app.state.write_token
    if token is None:
        raise HTTPException(status_code=403, detail="this server is read-only (start it with --write-token)")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not value:
        raise HTTPException(status_code=401, detail="send the write token as 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(value.strip().encode("utf-8"), str(token).encode("utf-8")):
        raise HTTPException(status_code=403, detail="wrong write token")


async def read_limited(request: Request) -> bytes:
    """The request body, refused (413) as soon as it passes the size limit."""
    limit = int(request.app.state.max_upload_bytes)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(status_code=413, detail=f"the body is larger than the limit ({limit:,} bytes)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(status_code=413, detail=f"the body is larger than the limit ({limit:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def safe_upload_path(folder: Path, filename: str) -> Path:
    """A plain file name with a known suffix inside ``folder``; anything else is refused (400)."""
    name = filename.strip()
    if (not SAFE_NAME.match(name) or ".." in name or not name.lower().endswith(ALL_SUFFIXES)):
        raise HTTPException(status_code=400, detail="the file name must be a plain name (letters, digits, "
                            f"'.', '-', '_') ending in one of {', '.join(ALL_SUFFIXES)}; no folders")
    base = folder.resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise HTTPException(status_code=400, detail="the file name must not point outside the upload folder")
    return target


def _add_document(store: Store, doc: Document, analyse: bool) -> dict[str, Any]:
    from rasid.corpus.facts import analyse_facts
    from rasid.corpus.ingest import Skipped
    from rasid.corpus.ingest import analyse as analyse_document

    item = analyse_document(f"POST {doc.id}", doc) if analyse else analyse_facts(doc)
    if isinstance(item, Skipped):
        raise HTTPException(status_code=422, detail=item.reason)
    return asdict(store.add_many([item])[0])


@router.post("/documents", status_code=201)
async def post_document(request: Request, analyse: bool = True) -> dict[str, Any]:
    """Store one article (JSON: ``text`` and optional ``title``, ``published``, ``source``, ``url``, ``id``,
    or a whole export-contract document); analysed with the default pipeline unless ``analyse=false``."""
    require_writer(request)
    body = await read_limited(request)
    try:
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("a JSON object was expected")
        doc = Document.from_dict(data)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, DocumentError) as exc:
        raise HTTPException(status_code=400, detail=f"not an article: {exc}") from exc
    if not doc.text.strip():
        raise HTTPException(status_code=400, detail="empty article (no text)")
    access = request.app.state.access

    def work() -> dict[str, Any]:
        with access.use() as store:
            return _add_document(store, doc, analyse)

    return await run_in_threadpool(work)


@router.post("/upload", status_code=201)
async def upload(request: Request, filename: str = Query(..., max_length=120)) -> dict[str, Any]:
    """Ingest one file (the raw body) as the batch ingest would: .txt, .html, .json, .jsonl(.gz), feeds, WARC."""
    require_writer(request)
    folder: Path = request.app.state.upload_dir
    safe_upload_path(folder, filename)  # refuse before reading the body
    body = await read_limited(request)
    if not body:
        raise HTTPException(status_code=400, detail="empty upload")
    sub = folder / hashlib.sha1(body).hexdigest()[:12]
    sub.mkdir(parents=True, exist_ok=True)
    target = safe_upload_path(sub, filename)
    target.write_bytes(body)
    access = request.app.state.access

    def work() -> dict[str, Any]:
        from rasid.corpus.ingest import ingest

        with access.use() as store:
            report = ingest([target], store, workers=1)
        return {k: v for k, v in asdict(report).items() if k != "stage_seconds"}

    return await run_in_threadpool(work)
