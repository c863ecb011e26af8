"""Corpus scale: ingest, de-duplication, the store (SQLite/PostgreSQL), search, cross-article
events, claim series, exports and the Dask cluster mode.  See docs/corpus.md."""

from __future__ import annotations

from rasid.corpus.store import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
