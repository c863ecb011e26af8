"""The events commands are thin skins over the library, documented in --help."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasid.cli import app
from rasid.events.evaluate import reference_gold_path, run_document
from rasid.events.gold import load_gold

runner = CliRunner()


def test_export_plover_command(tmp_path: Path, shared_dir: Path) -> None:
    doc = run_document(load_gold(reference_gold_path(shared_dir)), "gold").to_dict()
    src = tmp_path / "doc.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["export-plover", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(doc["events"])


def test_commands_are_documented() -> None:
    for args in (["export-plover", "--help"], ["eval", "events", "--help"], ["bench", "events", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        assert "Usage" in result.output
