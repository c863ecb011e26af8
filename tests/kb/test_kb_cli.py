from __future__ import annotations

import json

from typer.testing import CliRunner

from rasid.cli import app


def test_link_command_prints_linked_names() -> None:
    result = CliRunner().invoke(app, ["link", "--type", "LOC", "بيونغ يانغ", "طرابلس"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out[0]["canonical"] == "Pyongyang"
    assert out[1]["ambiguous"] is True


def test_kb_commands_are_documented() -> None:
    runner = CliRunner()
    for args in (["build-kb", "--help"], ["train", "translit", "--help"], ["eval", "link", "--help"],
                 ["bench", "link", "--help"], ["link", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and len(result.output.strip()) > 40, args
