"""Where articles come from: files, directories, globs, JSONL (ANT or the export contract),
RSS/Atom feed files and WARC archives.

:func:`iter_sources` yields ``(where, Document | InputError)`` so one bad record never stops a
batch: the caller logs the error and goes on.
"""

from __future__ import annotations

import email.utils
import glob
import gzip
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from rasid.document import Document, DocumentError, parse_published
from rasid.errors import InputError, UserError
from rasid.ingest import decode_bytes, document_from_html, iter_jsonl_records, read_path

MAX_CHARS = 2_000_000
Item = tuple[str, Document | InputError]
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".feed")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
ALL_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + JSONL_SUFFIXES + (".json",)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named by paths, directories (recursively, known suffixes) and globs, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        text = str(raw)
        if any(ch in text for ch in "*?["):
            found = sorted(Path(p) for p in glob.glob(text, recursive=True))
            if not found:
                raise UserError(f"{text}: no file matches this pattern")
            candidates = found
        else:
            path = Path(text)
            if not path.exists():
                raise UserError(f"{text}: no such file or directory")
            candidates = [path]
        for path in candidates:
            if path.is_dir():
                out.extend(sorted(p for p in path.rglob("*") if p.is_file() and _known(p)))
            elif path.is_file():
                out.append(path)
    return list(dict.fromkeys(out))


def _known(path: Path) -> bool:
    return path.name.lower().endswith(ALL_SUFFIXES)


def check(doc: Document, where: str) -> Document:
    if not doc.text.strip():
        raise InputError(where, "empty article (no text)")
    if len(doc.text) > MAX_CHARS:
        raise InputError(where, f"article too long ({len(doc.text):,} characters; the limit is {MAX_CHARS:,})")
    return doc


def _rfc822(value: Any) -> Any:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        try:
            return parse_published(str(value))
        except DocumentError:
            return None


def record_to_document(record: Any, where: str) -> Document:
    """An ANT record (docno, source, url, time_raw, title, abstract, text) or a contract document."""
    if not isinstance(record, dict):
        raise InputError(where, "a JSON object was expected")
    if not isinstance(record.get("text"), str):
        raise InputError(where, "no 'text' string")
    try:
        if "docno" in record or "time_raw" in record:
            meta = {k: record[k] for k in ("category", "abstract") if record.get(k)}
            doc = Document(text=record["text"], id=str(record.get("docno") or ""), title=record.get("title"),
                           source=record.get("source"), url=record.get("url"),
                           published=_rfc822(record.get("time_raw")), meta=meta)
        else:
            doc = Document.from_dict(record)
    except (DocumentError, KeyError, TypeError, ValueError) as exc:
        raise InputError(where, str(exc)) from exc
    return check(doc, where)


def iter_jsonl(path: Path) -> Iterator[Item]:
    for number, item in iter_jsonl_records(path, max_bytes=4 * MAX_CHARS, to_document=record_to_document):
        yield (item.where if isinstance(item, InputError) else f"{path}:{number}"), item


def html_to_document(html: str, where: str, url: str | None = None) -> Document:
    """An article from HTML (the project's extractor), keeping the URL it was fetched from."""
    doc = document_from_html(html, where)
    if url:
        doc.url = url
    return check(doc, where)


_LOCAL = re.compile(r"^\{[^}]*\}")


def _local(tag: Any) -> str:
    return _LOCAL.sub("", str(tag)).lower()


def iter_feed(path: Path) -> Iterator[Item]:
    """Items of an RSS 2.0 or Atom file (the item's full content when present, else its summary)."""
    try:
        root = etree.parse(str(path), etree.XMLParser(recover=True, resolve_entities=False, no_network=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        yield str(path), InputError(str(path), f"not a readable feed ({exc})")
        return
    if root is None:
        yield str(path), InputError(str(path), "not a readable feed (empty)")
        return
    channel = next((c.findtext("title") for c in root.iter() if _local(c.tag) == "channel"), None)
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    for n, item in enumerate(items, 1):
        where = f"{path}#{n}"
        fields: dict[str, str] = {}
        for child in item:
            name = _local(child.tag)
            value = child.get("href") if name == "link" and child.get("href") else (child.text or "")
            fields.setdefault(name, value.strip())
        body = fields.get("encoded") or fields.get("content") or fields.get("description") or fields.get("summary") or ""
        if "<" in body:
            body = etree.fromstring(f"<div>{body}</div>", etree.HTMLParser()).xpath("string()") if body else ""
        published = _rfc822(fields.get("pubdate") or fields.get("published") or fields.get("updated")
                            or fields.get("date"))
        try:
            doc = Document(text=body.strip(), id=fields.get("guid") or fields.get("id") or "",
                           title=fields.get("title"), source=channel or path.stem,
                           url=fields.get("link"), published=published)
            yield where, check(doc, where)
        except (InputError, DocumentError) as exc:
            yield where, exc if isinstance(exc, InputError) else InputError(where, str(exc))


def _warc_records(handle: IO[bytes]) -> Iterator[tuple[dict[str, str], bytes]]:
    while True:
        line = handle.readline()
        if not line:
            return
        if not line.strip():
            continue
        if not line.startswith(b"WARC/"):
            raise ValueError(f"expected a WARC record header, found {line[:30]!r}")
        headers: dict[str, str] = {}
        for raw in iter(handle.readline, b""):
            if not raw.strip():
                break
            key, _, value = raw.decode("utf-8", "replace").partition(":")
            headers[key.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        yield headers, handle.read(length)


def iter_warc(path: Path) -> Iterator[Item]:
    """HTML responses of a WARC file, extracted like HTML files."""
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    n = 0
    try:
        with opener(path, "rb") as handle:
            for headers, payload in _warc_records(io.BufferedReader(handle)):
                if headers.get("warc-type") != "response":
                    continue
                n += 1
                where = f"{path}#{n}"
                head, _, body = payload.partition(b"\r\n\r\n")
                if b"html" not in head.lower():
                    continue
                try:
                    html, _encoding = decode_bytes(body, where, max_bytes=4 * MAX_CHARS)
                    yield where, html_to_document(html, where, url=headers.get("warc-target-uri"))
                except InputError as exc:
                    yield where, exc
    except (OSError, EOFError, ValueError) as exc:
        yield f"{path}#{n + 1}", InputError(f"{path}#{n + 1}", f"the WARC file is truncated or corrupt ({exc})")


def _single(path: Path) -> Iterator[Item]:
    """One article file (.txt, .html, .json) through the project's reader (encodings, HTML, JSON)."""
    where = str(path)
    try:
        yield where, check(read_path(path), where)
    except InputError as exc:
        yield where, exc


def iter_path(path: Path) -> Iterator[Item]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from iter_jsonl(path)
    elif name.endswith(WARC_SUFFIXES):
        yield from iter_warc(path)
    elif name.endswith(FEED_SUFFIXES):
        yield from iter_feed(path)
    else:
        yield from _single(path)


def estimate_total(paths: Iterable[str | Path]) -> int | None:
    """How many records the paths hold (JSONL lines, one per plain file); None if unknown."""
    total = 0
    for path in expand(paths):
        name = path.name.lower()
        if name.endswith(JSONL_SUFFIXES):
            opener: Any = gzip.open if name.endswith(".gz") else open
            try:
                with opener(path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except (OSError, EOFError):
                return None
        elif name.endswith(WARC_SUFFIXES + FEED_SUFFIXES):
            return None
        else:
            total += 1
    return total


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every document (or input error) under the given paths, in a stable order."""
    for path in expand(paths):
        yield from iter_path(path)
