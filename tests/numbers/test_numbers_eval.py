"""Floors on Duckling's own Arabic corpora (a little under today's figures; raise, never lower)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasid.numbers.evaluate import evaluate_numbers, reference_quantities

# dimension label → floor (today: 163/163, 161/161, 30/30, 29/29, 64/64, 13/14, 22/22)
FLOORS = {
    "Numeral": 0.99,
    "Numeral ar-EG": 0.99,
    "Ordinal": 0.96,
    "Quantity": 0.96,
    "AmountOfMoney": 0.97,
    "Temperature": 0.92,
    "Volume": 0.95,
}


@pytest.fixture(scope="module")
def scores(shared_dir: Path) -> dict[str, object]:
    return {s.label: s for s in evaluate_numbers(shared_dir)}


@pytest.mark.parametrize("label", list(FLOORS))
def test_duckling_floor(scores: dict[str, object], label: str) -> None:
    s = scores[label]
    assert s.accuracy >= FLOORS[label], s.misses  # type: ignore[attr-defined]
    assert s.accuracy >= s.floor  # type: ignore[attr-defined]  # the issue's target


def test_duckling_negatives_give_nothing(shared_dir: Path) -> None:
    from rasid.numbers.quantities import find_quantities

    negatives = [
        json.loads(line)["text"]
        for line in (shared_dir / "eval/peers/duckling-ar/quantity.jsonl").read_text("utf-8").splitlines()
        if line.strip() and json.loads(line)["negative"]
    ]
    assert negatives, "Duckling's quantity corpus has negatives"
    assert [t for t in negatives if find_quantities(t)] == []


def test_we_read_number_words_better_than_pyarabic(scores: dict[str, object]) -> None:
    pytest.importorskip("pyarabic")
    for label in ("Numeral", "Numeral ar-EG"):
        s = scores[label]
        assert s.words_pyarabic is not None  # type: ignore[attr-defined]
        assert s.words_ours > s.words_pyarabic  # type: ignore[attr-defined]


def test_wojood_numeric_mentions_floor(shared_dir: Path) -> None:
    """Data annotated by others: Wojood's CARDINAL/ORDINAL mentions (today 337/351, 1895/1933)."""
    from rasid.numbers.evaluate import evaluate_wojood

    score = evaluate_wojood(shared_dir)
    found, mentions = score.recall(("CARDINAL", "ORDINAL"))
    assert mentions > 300 and found / mentions >= 0.94
    assert score.ours_inside / score.ours >= 0.96
    found, mentions = score.recall(("MONEY", "PERCENT", "QUANTITY"))
    assert found / mentions >= 0.75


def test_reference_article_quantities_all_right(shared_dir: Path) -> None:
    right, total = reference_quantities(shared_dir)
    assert total == 5 and right == total


def test_cli_eval_numbers_prints_the_table(shared_dir: Path) -> None:
    import typer

    from rasid.numbers.commands import register_cli

    app, train, eval_, bench = typer.Typer(), typer.Typer(), typer.Typer(), typer.Typer()
    app.add_typer(train, name="train")
    app.add_typer(eval_, name="eval")
    app.add_typer(bench, name="bench")
    register_cli(app, train, eval_, bench)
    result = CliRunner().invoke(app, ["eval", "numbers", "--shared", str(shared_dir)],
                                env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "Numeral ar-EG" in result.output and "pyarabic" in result.output
    assert "reference article: 5/5" in result.output
    assert "Wojood sample" in result.output
    missing = CliRunner().invoke(app, ["eval", "numbers", "--shared", "/nonexistent"])
    assert missing.exit_code != 0


def test_the_examples_in_docs_numbers_md_hold() -> None:
    """Each `expression  # result` line of the doc's python block prints that result."""
    import re

    from rasid.numbers import find_numerals, parse_numeral
    from rasid.numbers.quantities import find_quantities

    doc = (Path(__file__).resolve().parents[2] / "docs" / "numbers.md").read_text("utf-8")
    block = re.search(r"```python\n(.*?)```", doc, re.S)
    assert block is not None
    names = {"find_numerals": find_numerals, "parse_numeral": parse_numeral, "find_quantities": find_quantities}
    checked = 0
    lines = block.group(1).splitlines()
    for i, line in enumerate(lines):
        if line.startswith("from ") or not line.strip():
            continue
        if "  # " in line:
            expr, want = line.split("  # ", 1)
        elif i + 1 < len(lines) and lines[i + 1].startswith("# "):
            expr, want = line, lines[i + 1][2:]
        else:
            continue
        assert repr(eval(expr, names)) == want.strip(), expr
        checked += 1
    assert checked == 3
