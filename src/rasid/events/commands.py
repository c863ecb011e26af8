"""CLI: ``rasid export-plover``, ``rasid eval events``, ``rasid bench events``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer


def register_cli(app: typer.Typer, train: typer.Typer, eval_: typer.Typer, bench: typer.Typer) -> None:
    @app.command("export-plover")
    def export_plover_cmd(
        file: Annotated[Path, typer.Argument(help="Analysed documents: JSON or JSONL from `rasid analyze`")],
        output: Annotated[Optional[Path], typer.Option("--output", "-o", help="JSONL file (default: stdout)")] = None,
    ) -> None:
        """Write the events of analysed documents as validated PLOVER JSONL."""
        from rasid.events.plover import export_plover, read_documents

        out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            count = export_plover(_analysed(read_documents(file)), out)
        finally:
            if output:
                out.close()
        typer.echo(f"rasid: {count} PLOVER records", err=True)

    @eval_.command("events")
    def eval_events_cmd(
        upstream: Annotated[str, typer.Option(help="pipeline (what users get) or gold (entities, times, "
                                                   "quantities from the gold: the events stages alone)")] = "pipeline",
        gold_dir: Annotated[Optional[Path], typer.Option(help="Folder of unseen *.gold.json")] = None,
    ) -> None:
        """Events, modality, attribution and quote scores: the reference article, then the unseen gold."""
        from rasid.events.evaluate import evaluate, format_table, reference_gold_path, unseen_gold_paths

        typer.echo(f"== reference article (upstream: {upstream})")
        typer.echo(format_table(evaluate([reference_gold_path()], upstream)))
        typer.echo(f"\n== unseen gold, eval/gold (upstream: {upstream})")
        typer.echo(format_table(evaluate(unseen_gold_paths(gold_dir), upstream)))

    @bench.command("events")
    def bench_events_cmd(
        articles: Annotated[int, typer.Option(help="How many news articles")] = 40,
    ) -> None:
        """Time of attribution + quotes + events as a share of the NER stage's time."""
        from rasid.events.bench import bench_events

        result = bench_events(articles)
        for name, seconds in result["seconds"].items():
            typer.echo(f"{name:14}{seconds:9.3f} s")
        typer.echo(f"events stages / ner = {result['events_over_ner']:.3f} over {result['articles']} articles "
                   f"(target: at most 0.5)")


def _analysed(docs: Any) -> Any:
    """Documents as they are when they carry events; else run the default pipeline on their text."""
    from rasid.document import Document
    from rasid.pipeline import default_pipeline

    for doc in docs:
        if "events" in doc or "text" not in doc:
            yield doc
        else:
            yield default_pipeline()(Document.from_dict(doc)).to_dict()
