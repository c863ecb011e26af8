"""``rasid eval time`` prints Rasid's and dateparser's figures side by side."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rasid.cli import app, main


def test_eval_time_prints_both_columns() -> None:
    pytest.importorskip("dateparser")
    result = CliRunner().invoke(app, ["eval", "time"])
    assert result.exit_code == 0, result.output
    lines = {line.split("  ")[0].strip(): line for line in result.output.splitlines()}
    assert "dateparser" in result.output.splitlines()[0]
    row = lines["duckling time"].split()
    rasid, peer = int(row[3]), int(row[5])
    assert rasid > peer  # Rasid reads more of Duckling's corpus than dateparser


def test_eval_time_with_a_missing_shared_folder_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", "time", "--no-peer", "--shared", "/nonexistent"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("rasid: error:") and "not found" in err and "\n" not in err
