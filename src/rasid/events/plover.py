"""PLOVER-style JSONL for the events of analysed documents, and its validation.

Fields follow the PLOVER specification (Open Event Data Alliance): ``id``, ``date``, ``actor``,
``recipient``, ``event``, ``mode``, ``context``, ``text``, ``text_info`` (where the event was read,
with offsets) and ``cite_info`` (where the article came from).  What PLOVER has no field for
(modality, the claim's source, time value, location, quantity) sits under ``rasid``.
``CASUALTIES`` extends PLOVER's event types.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonschema

from rasid.errors import UserError

PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "DISAPPROVE", "REJECT",
    "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT", "RETREAT", "CONCEDE",
)
EVENT_TYPES = PLOVER_EVENTS + ("CASUALTIES",)
MODALITIES = ("asserted", "reported", "expected", "likely", "possible", "denied", "negated", "hypothetical")

_OFFSETS = {
    "type": "object",
    "required": ["start", "end", "text"],
    "properties": {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
                   "text": {"type": "string"}},
}
PLOVER_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Rasid PLOVER event record",
    "type": "object",
    "required": ["id", "date", "actor", "recipient", "event", "mode", "context", "text", "text_info", "cite_info"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "date": {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
        "actor": {"type": ["string", "null"]},
        "recipient": {"type": ["string", "null"]},
        "event": {"enum": list(EVENT_TYPES)},
        "mode": {"type": "string"},
        "context": {"type": "array", "items": {"type": "string"}},
        "text": {"type": "string"},
        "text_info": {
            "type": "object",
            "required": ["doc_id", "language", "trigger", "sentence"],
            "properties": {"doc_id": {"type": "string"}, "language": {"type": "string"},
                           "trigger": _OFFSETS, "sentence": {"type": "object"}},
        },
        "cite_info": {"type": "object", "required": ["source", "url", "title", "published"]},
        "rasid": {
            "type": "object",
            "properties": {"modality": {"enum": list(MODALITIES)}, "claim_source": {"type": ["string", "null"]}},
        },
    },
}

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and not _SENTENCE_END.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and not _SENTENCE_END.match(text[right]):
        right += 1
    if right < len(text):
        right += 1
    while left < right and text[left].isspace():
        left += 1
    return left, right


def _date(event: dict[str, Any], published: str | None) -> str | None:
    value = event.get("time")
    if isinstance(value, str):
        m = _DATE.match(value)
        if m:
            return m.group()
    if published:
        m = _DATE.match(published)
        return m.group() if m else None
    return None


def plover_records(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """PLOVER records for the events of one exported document (``Document.to_dict()``)."""
    text = str(doc.get("text", ""))
    out = []
    for n, event in enumerate(doc.get("events") or [], 1):
        trigger = event.get("trigger") or {}
        s, e = _sentence(text, int(trigger.get("start", 0)), int(trigger.get("end", 0)))
        out.append({
            "id": f"{doc.get('id', '')}-E{n}",
            "date": _date(event, doc.get("published")),
            "actor": event.get("actor"),
            "recipient": event.get("target"),
            "event": event.get("type"),
            "mode": event.get("mode") or "",
            "context": list(event.get("context") or []),
            "text": text[s:e].strip(),
            "text_info": {"doc_id": str(doc.get("id", "")), "language": doc.get("language") or "ar",
                          "trigger": {k: trigger.get(k) for k in ("start", "end", "text")},
                          "sentence": {"start": s, "end": e}},
            "cite_info": {"source": doc.get("source"), "url": doc.get("url"), "title": doc.get("title"),
                          "published": doc.get("published")},
            "rasid": {
                "modality": event.get("modality"),
                "claim_source": event.get("source"),
                "time": event.get("time"),
                "time_from_publication": bool(event.get("time_from_publication", False)),
                "location": event.get("location"),
                "quantity": event.get("quantity"),
            },
        })
    return out


def validate_records(records: Iterable[dict[str, Any]]) -> int:
    """Check records against :data:`PLOVER_SCHEMA`; the number checked, or UserError on the first bad one."""
    validator = jsonschema.Draft202012Validator(PLOVER_SCHEMA)
    count = 0
    for count, record in enumerate(records, 1):
        errors = sorted(validator.iter_errors(record), key=lambda err: list(err.path))
        if errors:
            where = "/".join(str(p) for p in errors[0].path) or "(record)"
            raise UserError(f"PLOVER record {count} ({record.get('id', '?')}): {where}: {errors[0].message}")
    return count


def read_documents(path: Path) -> Iterator[dict[str, Any]]:
    """Exported documents from a JSON file (one document or a list) or a JSONL file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UserError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text") from exc
    stripped = raw.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped.rstrip()):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from exc
        yield from (data if isinstance(data, list) else [data])
        return
    for no, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}:{no}: not a JSON line ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise UserError(f"{path}:{no}: a document is a JSON object")
        yield record


def export_plover(documents: Iterable[dict[str, Any]], out: Any) -> int:
    """Write validated PLOVER JSONL for every event of the documents; the number of records."""
    total = 0
    for doc in documents:
        if not isinstance(doc, dict) or "text" not in doc:
            raise UserError("a document without 'text' is not in the export contract")
        records = plover_records(doc)
        validate_records(records)
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        total += len(records)
    return total
