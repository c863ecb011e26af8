"""Exports a user can open elsewhere: the JSONL contract, CSV, Parquet, PLOVER, GDELT, ACLED."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from rasid.corpus import Store
from rasid.corpus.export import export
from rasid.errors import UserError
from tests.corpus.test_store import three_docs


@pytest.fixture
def filled(store: Store) -> Store:
    for doc in three_docs():
        store.add(doc)
    return store


def test_jsonl_documents_follow_the_export_contract(filled: Store, tmp_path: Path) -> None:
    (path,) = export(filled, "jsonl", tmp_path / "docs.jsonl")
    schema = json.loads(resources.files("rasid").joinpath("schema/document.schema.json").read_text())
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    for row in rows:
        jsonschema.validate(row, schema)
        for q in row["quantities"]:
            assert row["text"][q["start"]:q["end"]] == q["text"]


def test_csv_and_parquet_tables_hold_every_row(filled: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    counts = filled.counts()
    export(filled, "csv", tmp_path / "csv")
    export(filled, "parquet", tmp_path / "pq")
    for table in ("documents", "mentions", "events", "event_mentions", "claims"):
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8") as handle:
            assert sum(1 for _ in csv.DictReader(handle)) == counts[table]
        assert pq.read_table(tmp_path / "pq" / f"{table}.parquet").num_rows == counts[table]
    claims = pq.read_table(tmp_path / "pq" / "claims.parquet").to_pylist()
    assert {c["outlet"] for c in claims} == {"bbc", "cnn", "france24"}


def test_event_exports_count_events_not_reports(filled: Store, tmp_path: Path) -> None:
    (plover,) = export(filled, "plover", tmp_path / "events.jsonl")
    events = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert len(events) == 2  # two reports of one meeting + one fight
    consult = next(e for e in events if e["event_type"] == "CONSULT")
    assert consult["num_documents"] == 2 and consult["source"] == ["bbc", "cnn"]
    assert consult["event_date"] == "2025-06-01" and "والتقى" in consult["event_text"]
    (gdelt,) = export(filled, "gdelt", tmp_path / "events.tsv")
    rows = list(csv.DictReader(gdelt.open(encoding="utf-8"), delimiter="\t"))
    row = next(r for r in rows if r["EventRootCode"] == "04")
    assert (row["SQLDATE"], row["NumArticles"], row["NumSources"], row["Actor1Code"]) == ("20250601", "2", "2", "Q80")
    (acled,) = export(filled, "acled", tmp_path / "events.csv")
    fights = [r for r in csv.DictReader(acled.open(encoding="utf-8")) if r["event_type"] == "Battles"]
    assert len(fights) == 1 and fights[0]["source"] == "france24"


def test_unknown_format_is_a_user_error(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="unknown export format"):
        export(filled, "xml", tmp_path / "x")
