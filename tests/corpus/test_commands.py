"""The commands a user types, over the same API; every one is documented in docs/corpus.md."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from rasid.cli import app
from tests.corpus.conftest import text_stages, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_ingest_search_claims_export_from_the_command_line(tmp_path: Path, ant_records) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", ant_records[:40])
    db = str(tmp_path / "c.db")
    result = runner.invoke(app, ["ingest", str(path), "--db", db, "--workers", "1", "--quiet",
                                 "--stages", ",".join(text_stages())])
    assert result.exit_code == 0, result.output
    assert "added 40" in result.output and "40 documents" in result.output
    word = "الفنانة"
    expected = {r["docno"] for r in ant_records[:40] if re.search(r"(^|\W)[وفبلك]?" + word, r["text"] + " " + r["title"])}
    result = runner.invoke(app, ["search", word, "--db", db, "-n", "50"])
    assert result.exit_code == 0
    found = {line.split("\t")[0] for line in result.output.splitlines() if not line.startswith(" ")}
    assert found and expected <= found
    assert runner.invoke(app, ["claims", "--list", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["export", "jsonl", str(tmp_path / "out.jsonl"), "--db", db])
    assert result.exit_code == 0 and len((tmp_path / "out.jsonl").read_text().splitlines()) == 40


def test_user_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", "from rasid.cli import main; main()", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    missing = run("ingest", str(tmp_path / "nothing.jsonl"), "--db", str(tmp_path / "x.db"), "-q")
    assert missing.returncode == 1 and missing.stderr.strip().count("\n") == 0
    assert "no such file or directory" in missing.stderr
    nodir = run("search", "كوريا", "--db", str(tmp_path / "no" / "x.db"))
    assert nodir.returncode == 1 and "does not exist" in nodir.stderr


def test_every_command_is_documented() -> None:
    doc = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    for command in ("rasid ingest", "rasid search", "rasid claims", "rasid export", "rasid bench corpus",
                    "--dask tcp://", "--workers"):
        assert command in doc
    for fmt in ("jsonl", "csv", "parquet", "plover", "gdelt", "acled"):
        assert f"rasid export {fmt}" in doc


def test_ingest_summary_counts_each_kind_of_problem(tmp_path: Path, ant_records) -> None:
    # five broken lines: the log lists the first few, the summary gives the full count
    path = tmp_path / "broken.jsonl"
    good = write_jsonl(tmp_path / "good.jsonl", ant_records[:2]).read_text(encoding="utf-8")
    path.write_text(good + "{broken json\n" * 5, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", str(tmp_path / "p.db"), "--workers", "1", "--quiet",
                                 "--stages", ",".join(text_stages())])
    assert result.exit_code == 0, result.output
    assert "added 2" in result.output
    kinds = next(line for line in result.output.splitlines() if line.startswith("problems by kind:"))
    assert ": 5" in kinds
