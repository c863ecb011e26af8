"""CLI: ``rasid eval numbers`` and ``rasid bench numbers`` (thin skins over rasid.numbers.evaluate)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from rasid.numbers.evaluate import (
    default_shared_dir,
    evaluate_numbers,
    evaluate_wojood,
    news_texts,
    reference_quantities,
    throughput,
)


def _pct(right: int | None, total: int) -> str:
    if right is None or not total:
        return "–"
    return f"{right}/{total} ({100 * right / total:.1f}%)"


def register_cli(app: Any, train: Any, eval_: Any, bench: Any) -> None:
    @eval_.command("numbers")
    def eval_numbers(
        shared: Path = typer.Option(None, help="The shared data folder (default: ../shared)."),
        misses: bool = typer.Option(False, help="List the examples we get wrong."),
    ) -> None:
        """Numerals, ordinals and quantities on Duckling's Arabic corpora, beside pyarabic."""
        root = shared or default_shared_dir()
        scores = evaluate_numbers(root)
        table = Table(title="Numbers on Duckling's Arabic corpora (Duckling's rule: one parse = whole example)")
        for column in ("dimension", "Rasid", "pyarabic", "Rasid (words only)", "pyarabic (words only)", "floor"):
            table.add_column(column)
        for s in scores:
            table.add_row(s.label, _pct(s.ours, s.total), _pct(s.pyarabic, s.total),
                          _pct(s.words_ours, s.words_total), _pct(s.words_pyarabic, s.words_total),
                          f"{100 * s.floor:.0f}%")
        console = Console()
        console.print(table)
        right, total = reference_quantities(root)
        console.print(f"reference article: {right}/{total} gold quantities right")
        woj = evaluate_wojood(root)
        found, mentions = woj.recall(("CARDINAL", "ORDINAL"))
        console.print(f"Wojood sample: numerals found in {_pct(found, mentions)} CARDINAL/ORDINAL mentions; "
                      f"{_pct(woj.ours_inside, woj.ours)} of our numerals inside a numeric mention")
        found, mentions = woj.recall(("MONEY", "PERCENT", "QUANTITY"))
        console.print(f"Wojood sample: quantities found in {_pct(found, mentions)} MONEY/PERCENT/QUANTITY mentions")
        if misses:
            for s in scores:
                for text in s.misses:
                    console.print(f"miss [{s.label}] {text}")

    @bench.command("numbers")
    def bench_numbers(
        shared: Path = typer.Option(None, help="The shared data folder (default: ../shared)."),
        megabytes: float = typer.Option(5.0, help="How much news text to read (MB of UTF-8)."),
    ) -> None:
        """Throughput of numerals + quantities on running news text, one core."""
        result = throughput(news_texts(shared, megabytes))
        typer.echo(
            f"{result['megabytes']:.1f} MB of news, {int(result['quantities'])} quantities: "
            f"{result['ours_mb_s']:.2f} MB per CPU second (a bare digit regex: {result['regex_mb_s']:.1f})"
        )
