"""The PostgreSQL back end, for real: same schema, same answers and same facts as SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.corpus import Store
from rasid.corpus.ingest import ingest
from tests.corpus.conftest import write_jsonl
from tests.corpus.test_store import three_docs


def test_postgres_store_answers_like_sqlite(pg_url: str, tmp_path: Path) -> None:
    with Store.open(pg_url) as pg, Store.open(tmp_path / "s.db") as lite:
        for doc in three_docs():
            assert pg.add(doc).status == lite.add(doc).status == "added"
        assert pg.counts() == lite.counts()
        assert pg.checksum() == lite.checksum()
        for query in ("كوريا", "كورِيا الشماليه", "مسؤول"):
            assert {h.doc_id for h in pg.search(query)} == {h.doc_id for h in lite.search(query)}
        assert {h.doc_id for h in pg.search("روسيا", entity="Q80", date_to="2025-06-01")} == {"a1"}
        assert [p.shown_value for p in pg.claim_series("جندي كوريا روسيا")] == ["11,000", "25,000–30,000", "12,000"]
        assert pg.events(type="CONSULT")[0].documents == 2
        assert pg.entity("Q423").outlets == lite.entity("Q423").outlets


def test_postgres_ingest_is_idempotent_and_transactional(pg_url: str, tmp_path: Path, ant_records,
                                                         monkeypatch) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", ant_records[:25])
    with Store.open(pg_url) as store:
        assert ingest([path], store, workers=1, stages=[]).added == 25
        digest = store.checksum()
        assert ingest([path], store, workers=1, stages=[]).added == 0
        assert store.checksum() == digest
        from rasid.corpus import merge

        def boom(*args: object) -> None:
            raise RuntimeError("crash")

        monkeypatch.setattr(merge, "add_events", boom)
        with pytest.raises(RuntimeError):
            store.add(three_docs()[0])
        assert store.checksum() == digest
