"""Read one article from .txt, .html, .json, or a stream of records from .jsonl.

Every failure is an :class:`~rasid.errors.InputError` naming the file (and line); batch readers
yield the error in place of the record so the caller can log a skip and go on.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from rasid.document import Document, DocumentError, parse_published
from rasid.errors import InputError
from rasid.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, decode_legacy_arabic

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)
TEXT_KEYS = ("text", "body", "content")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("published", "published_at", "date", "time", "time_raw", "datetime")
URL_KEYS = ("url", "link")
SOURCE_KEYS = ("source", "outlet", "site")
ID_KEYS = ("id", "docno", "doc_id")


def parse_date_text(value: Any) -> dt.datetime | None:
    """ISO 8601 or RFC 822 ("Sun, 18 Feb 2018 21:35:43 +0400"); ``None`` when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(float(value), tz=dt.UTC)
    text = str(value).strip()
    try:
        return parse_published(text)
    except DocumentError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"unreadable date {text!r} (use ISO 8601, e.g. 2025-07-11)") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def document_from_record(record: Any, where: str) -> Document:
    """A JSON record (``text`` and optional ``title``, ``published``, ``url``, ``source``, ``id``)."""
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object with a 'text' field, got {type(record).__name__}")
    text = _first(record, TEXT_KEYS)
    if not isinstance(text, str):
        raise InputError(where, "record has no 'text' string")
    if not text.strip():
        raise InputError(where, "record has an empty 'text'")
    try:
        published = parse_date_text(_first(record, DATE_KEYS))
    except ValueError as exc:
        raise InputError(where, str(exc)) from exc
    ident = _first(record, ID_KEYS)
    meta = {k: v for k, v in record.items() if k in ("category", "abstract", "language") and v}
    return Document(
        text=text,
        id=str(ident) if ident is not None else "",
        title=_first(record, TITLE_KEYS),
        source=_first(record, SOURCE_KEYS),
        url=_first(record, URL_KEYS),
        published=published,
        meta=meta,
    )


def document_from_html(html: str, where: str) -> Document:
    import trafilatura
    from htmldate import find_date

    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False, favor_precision=True
    )
    data = json.loads(extracted) if extracted else {}
    # one block per line in trafilatura's output: keep them as paragraphs
    text = "\n\n".join(line.strip() for line in (data.get("text") or "").splitlines() if line.strip())
    if len(text.replace(" ", "")) < 20:
        raise InputError(where, "no article text found in the HTML")
    published: dt.datetime | None = None
    date = data.get("date") or find_date(html, original_date=True)
    if date:
        try:
            published = parse_date_text(date)
        except ValueError:
            published = None
    return Document(
        text=text,
        title=data.get("title") or None,
        source=data.get("sitename") or data.get("hostname") or None,
        url=data.get("url") or None,
        published=published,
        meta={"format": "html"},
    )


def _looks_like_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:512]))


def read_bytes(data: bytes, where: str, suffix: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One article from raw bytes; ``suffix`` (".txt", ".html", ".json") picks the reader."""
    suffix = suffix.lower()
    text, encoding = decode_bytes(data, where, max_bytes)
    if suffix in (".html", ".htm", ".xhtml") or (suffix not in (".json", ".txt") and _looks_like_html(data)):
        doc = document_from_html(text, where)
    elif suffix == ".json":
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
        doc = document_from_record(record, where)
    else:
        doc = Document(text=text)
    doc.meta.setdefault("encoding", encoding)
    doc.meta.setdefault("path", where)
    return doc


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One article from a file (``-`` reads standard input)."""
    if str(path) == "-":
        data = _read_limited(sys.stdin.buffer, "<stdin>", max_bytes)
        return read_bytes(data, "<stdin>", "", max_bytes)
    p = Path(path)
    where = str(path)
    if not p.exists():
        raise InputError(where, "no such file")
    if p.is_dir():
        raise InputError(where, "is a directory (use `rasid ingest` for folders)")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(
            where,
            f"file is {size / (1024 * 1024):.1f} MB, over the {max_bytes / (1024 * 1024):.1f} MB limit "
            "for one article (raise it with --max-bytes, or ingest a corpus file instead)",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror}") from exc
    return read_bytes(data, where, p.suffix, max_bytes)


def _read_limited(stream: BinaryIO, where: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(where, f"input is over the {max_bytes / (1024 * 1024):.1f} MB limit for one article")
    return data


def _open_lines(path: str | Path) -> BinaryIO:
    if str(path) == "-":
        return sys.stdin.buffer
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.suffix == ".gz":
        return gzip.open(p, "rb")  # type: ignore[return-value]
    return open(p, "rb")


RecordReader = Callable[[Any, str], Document]


def iter_jsonl_records(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, to_document: RecordReader = document_from_record
) -> Iterator[tuple[int, Document | InputError]]:
    """Stream ``(line_number, Document | InputError)`` from a JSONL file (``.gz`` too), one line at
    a time; ``to_document`` turns a parsed record into a Document (or raises InputError)."""
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        handle = _open_lines(path)
    except OSError as exc:
        yield 0, InputError(name, f"cannot open: {exc.strerror or exc}")
        return
    number = 0
    try:
        for number, raw in enumerate(handle, start=1):
            where = f"{name}:{number}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield number, InputError(where, f"record is over the {max_bytes / (1024 * 1024):.1f} MB limit")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                try:  # a line from a Windows-1256 source, recognised as Arabic text, is kept
                    line, _encoding = decode_legacy_arabic(raw, where, exc)
                except InputError as bad:
                    yield number, bad
                    continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, InputError(where, f"malformed JSON at column {exc.colno}: {exc.msg}")
                continue
            try:
                yield number, to_document(record, where)
            except InputError as exc:
                yield number, exc
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        where = f"{name}:{number + 1}"
        yield number + 1, InputError(where, f"the file is truncated or corrupt ({exc})")
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
