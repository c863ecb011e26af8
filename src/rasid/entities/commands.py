"""CLI commands of the NER area: ``rasid train ner``, ``rasid eval ner``, ``rasid bench ner``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def register_cli(app: typer.Typer, train: typer.Typer, eval_: typer.Typer, bench: typer.Typer) -> None:
    @train.command("ner")
    def train_ner_cmd(
        shared: Optional[Path] = typer.Option(None, help="The shared data folder (default ../shared)."),
        out: Optional[Path] = typer.Option(None, help="Where to write the model (default: the shipped one)."),
    ) -> None:
        """Train the NER model from ../shared/data (deterministic) and write its manifest."""
        from rasid.entities.train import train_ner

        manifest = train_ner(shared, out)
        typer.echo(json.dumps({k: manifest[k] for k in ("version", "training_tokens", "sha256",
                                                         "train_seconds")}, indent=2))

    @eval_.command("ner")
    def eval_ner_cmd(
        conll_file: Optional[Path] = typer.Argument(None, help="CoNLL file (default: ANERcorp CAMeL test)."),
        model: Optional[Path] = typer.Option(None, help="Model folder (default: the shipped model)."),
        doc_sentences: int = typer.Option(
            10, min=0, help="Consecutive sentences taken as one document (0: each sentence alone)."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    ) -> None:
        """Entity-level exact-match P/R/F1 per type, micro and macro; tokens per second."""
        from rasid.entities.evaluate import evaluate_file, format_evaluation

        result = evaluate_file(conll_file, model, doc_sentences)
        typer.echo(json.dumps(result.to_dict(), indent=2) if as_json else format_evaluation(result))

    @bench.command("ner")
    def bench_ner_cmd(
        conll_file: Optional[Path] = typer.Argument(None, help="CoNLL file (default: ANERcorp CAMeL test)."),
        repeat: int = typer.Option(1, min=1, help="Passes over the file."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    ) -> None:
        """Throughput and peak memory of the NER tagger against a whitespace baseline."""
        from rasid.entities.conll import read_conll
        from rasid.entities.evaluate import bench_ner, default_test_file, format_bench

        sentences = [tokens for tokens, _ in read_conll(conll_file or default_test_file())]
        result = bench_ner(sentences, repeat=repeat)
        typer.echo(json.dumps(result, indent=2) if as_json else format_bench(result))
