"""Readers for one article (.txt, .html, .json) and for record streams (.jsonl)."""

from rasid.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from rasid.ingest.readers import (
    document_from_html,
    document_from_record,
    iter_jsonl_records,
    parse_date_text,
    read_bytes,
    read_path,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "decode_bytes",
    "document_from_html",
    "document_from_record",
    "iter_jsonl_records",
    "parse_date_text",
    "read_bytes",
    "read_path",
]
