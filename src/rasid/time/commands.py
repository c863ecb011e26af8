"""CLI: ``rasid eval time`` and ``rasid bench time`` (a few lines over library functions)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer


def register_cli(app: Any, train: Any, eval_: Any, bench: Any) -> None:
    @eval_.command("time")
    def eval_time(
        shared: Path = typer.Option(None, help="The shared data folder (default: ../shared)."),
        no_peer: bool = typer.Option(False, "--no-peer", help="Do not score dateparser."),
        failures: bool = typer.Option(False, help="List the examples Rasid gets wrong."),
    ) -> None:
        """Duckling's Arabic Time/Duration corpora and dateparser's Arabic tests: Rasid vs dateparser."""
        from rasid.time.evaluate import evaluate_time, format_detection, format_table, score_wojood

        scores = evaluate_time(shared, with_peer=not no_peer)
        typer.echo(format_table(scores))
        typer.echo(format_detection(score_wojood(shared, with_peer=not no_peer)))
        if failures:
            for s in scores:
                for f in s.failures:
                    typer.echo(f"  [{s.name}] {f}")

    @bench.command("time")
    def bench_time(limit: int = typer.Option(2000, help="Articles of ../shared/data/news to read.")) -> None:
        """Throughput of time extraction on real news text, one core."""
        from rasid.time.bench import bench_times

        r = bench_times(limit=limit)
        typer.echo(f"{r.articles} articles, {r.megabytes:.2f} MB, {r.mentions} times in {r.seconds:.2f} s "
                   f"({r.cpu_seconds:.2f} s CPU): {r.mb_per_second:.2f} MB/s wall, "
                   f"{r.mb_per_cpu_second:.2f} MB per CPU second")
