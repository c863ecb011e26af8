"""Analyse articles: the Python API behind ``rasid analyze``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from rasid.document import Document
from rasid.errors import InputError
from rasid.ingest import DEFAULT_MAX_BYTES, iter_jsonl_records, parse_date_text, read_path
from rasid.pipeline import Pipeline, default_pipeline


def _published(value: str | dt.datetime | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return parse_date_text(value)
    except ValueError as exc:
        raise InputError("--published", str(exc)) from exc


def analyze_document(doc: Document, pipeline: Pipeline | None = None) -> Document:
    return (pipeline or default_pipeline())(doc)


def analyze_file(
    path: str | Path,
    published: str | dt.datetime | None = None,
    pipeline: Pipeline | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read one article (txt/html/json, or ``-`` for stdin) and analyse it.

    ``published`` overrides the date found in the file (HTML metadata, JSON field)."""
    doc = read_path(path, max_bytes=max_bytes)
    override = _published(published)
    if override is not None:
        doc.published = override
    return analyze_document(doc, pipeline)


@dataclass
class BatchReport:
    processed: int = 0
    skipped: int = 0


def analyze_jsonl(
    path: str | Path,
    out: TextIO,
    on_skip: Callable[[InputError], None],
    published: str | dt.datetime | None = None,
    pipeline: Pipeline | None = None,
    include_internal: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> BatchReport:
    """Stream records from a JSONL file, write one result per line; bad lines are skipped and
    reported through ``on_skip``; nothing is held in memory beyond one record."""
    pipe = pipeline or default_pipeline()
    default_date = _published(published)
    report = BatchReport()
    for _number, item in iter_jsonl_records(path, max_bytes=max_bytes):
        if isinstance(item, InputError):
            report.skipped += 1
            on_skip(item)
            continue
        if item.published is None and default_date is not None:
            item.published = default_date
        try:
            result = pipe(item)
        except Exception as exc:  # a stage bug must not lose the other records
            report.skipped += 1
            on_skip(InputError(f"{path}:{_number}", f"analysis failed: {type(exc).__name__}: {exc}"))
            continue
        out.write(json.dumps(result.to_dict(include_internal), ensure_ascii=False) + "\n")
        out.flush()
        report.processed += 1
    return report


def iter_analyzed(docs: Iterator[Document], pipeline: Pipeline | None = None) -> Iterator[dict[str, Any]]:
    pipe = pipeline or default_pipeline()
    for doc in docs:
        yield pipe(doc).to_dict()
