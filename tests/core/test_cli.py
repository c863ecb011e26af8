"""The `rasid` command as a user runs it (a real subprocess)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import REFERENCE, ROOT

LAYERS = ("entities", "times", "quantities", "events", "attributions", "quotes", "boilerplate", "headings")


def rasid(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "rasid.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=600, check=False)


@pytest.fixture(scope="module")
def reference_json() -> dict[str, Any]:
    proc = rasid("analyze", str(REFERENCE), "--published", "2025-07-11")
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def _spans(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for layer in LAYERS:
        for item in data[layer]:
            if layer == "events":
                out.append((layer, item["trigger"]))
            elif layer == "attributions":
                out += [(layer, item["source"]), (layer, item["cue"]), (layer, item["claim"])]
            else:
                out.append((layer, item))
    return out


def test_analyze_returns_the_contract_with_exact_offsets(reference_json: dict[str, Any], reference_text: str) -> None:
    data = reference_json
    assert data["text"] == reference_text
    assert data["published"] == "2025-07-11"
    for key in ("id", "title", "source", *LAYERS):
        assert key in data
    for layer, span in _spans(data):
        assert data["text"][span["start"]:span["end"]] == span["text"], layer
    assert [b["text"] for b in data["boilerplate"]] == ["شاركها."]
    assert [h["text"] for h in data["headings"]] == ["دعم كوري شمالي لروسيا"]


def test_analyze_reads_stdin_and_prints_text_view(reference_text: str) -> None:
    proc = rasid("analyze", "-", "--published", "2025-07-11", "--format", "text", stdin=reference_text.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "سيرجي لافروف" in out and "2025-07-11" in out


def test_bad_file_gives_one_line_error_and_nonzero_exit(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    proc = rasid("analyze", str(path))
    assert proc.returncode == 1
    err = proc.stderr.decode().strip()
    assert err == f"rasid: error: {path}: binary file: looks like a JPEG image, not text"
    assert "Traceback" not in err


def test_bad_published_date_is_a_clear_error() -> None:
    proc = rasid("analyze", str(REFERENCE), "--published", "next friday")
    assert proc.returncode == 1
    assert "--published" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_jsonl_batch_streams_good_records_and_logs_bad_ones(tmp_path: Path, reference_text: str) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ref", "text": reference_text, "published": "2025-07-11"}, ensure_ascii=False),
        '{"id": "broken", "text": "نص',
        json.dumps({"id": "short", "text": "زار لافروف بيونغ يانغ الجمعة."}, ensure_ascii=False),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = rasid("analyze", "--jsonl", str(src), "--output", str(out), "--published", "2025-07-12")
    assert proc.returncode == 0, proc.stderr.decode()
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["ref", "short"]
    assert results[0]["published"] == "2025-07-11"  # the record's own date wins
    assert results[1]["published"] == "2025-07-12"  # --published fills the gap
    err = proc.stderr.decode()
    assert f"skipped {src}:2: malformed JSON" in err
    assert "2 records analysed, 1 skipped" in err
    strict = rasid("analyze", "--jsonl", str(src), "--output", str(out), "--strict")
    assert strict.returncode == 1


def test_eval_gold_prints_every_layer() -> None:
    proc = rasid("eval", "gold")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    for layer in (*LAYERS, "canonical"):
        assert layer in out
    assert "lavrov-pyongyang-2025-07-11.gold.json" in out


def test_schema_and_stages_commands() -> None:
    schema = json.loads(rasid("schema").stdout)
    assert schema["title"].startswith("Rasid")
    stages = rasid("stages").stdout.decode()
    assert "tokens" in stages and "requires: sentences" in stages
