"""PLOVER export: records validate, carry offsets and the source of the claim, and bad files fail cleanly."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from rasid.errors import UserError
from rasid.events.evaluate import reference_gold_path, run_document
from rasid.events.gold import load_gold
from rasid.events.plover import export_plover, plover_records, read_documents, validate_records


@pytest.fixture(scope="module")
def reference_doc(shared_dir: Path) -> dict:
    return run_document(load_gold(reference_gold_path(shared_dir)), "gold").to_dict()


def test_reference_events_export_and_validate(reference_doc: dict) -> None:
    records = plover_records(reference_doc)
    assert len(records) == len(reference_doc["events"]) > 5
    assert validate_records(records) == len(records)
    accuse = next(r for r in records if r["event"] == "DISAPPROVE")
    assert (accuse["actor"], accuse["recipient"]) == ("Donald Trump", "Vladimir Putin")
    trigger = accuse["text_info"]["trigger"]
    assert reference_doc["text"][trigger["start"]:trigger["end"]] == trigger["text"] == "اتهم"
    assert trigger["text"] in accuse["text"]
    meet = next(r for r in records if r["recipient"] == "Kim Jong Un")
    assert meet["rasid"]["modality"] == "possible" and meet["rasid"]["claim_source"] == "CNN"
    assert accuse["date"] == "2025-07-11"


def test_invalid_record_is_a_user_error(reference_doc: dict) -> None:
    record = plover_records(reference_doc)[0]
    record["event"] = "PARTY"
    with pytest.raises(UserError, match="event"):
        validate_records([record])


def test_export_writes_jsonl(reference_doc: dict, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(reference_doc, ensure_ascii=False) + "\n", encoding="utf-8")
    out = io.StringIO()
    count = export_plover(read_documents(path), out)
    lines = out.getvalue().splitlines()
    assert count == len(lines) == len(reference_doc["events"])
    assert json.loads(lines[0])["id"].endswith("-E1")


def test_unreadable_input_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(UserError, match="bad.jsonl.*not JSON"):
        list(read_documents(bad))
    with pytest.raises(UserError, match="no such file"):
        list(read_documents(tmp_path / "missing.json"))
