"""Core commands: analyze, stages, schema, train lexicon, eval gold."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from rasid.errors import InputError, UserError


class OutputFormat(StrEnum):
    json = "json"
    text = "text"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def analyze(
    file: Annotated[Optional[str], typer.Argument(help="Article file (.txt, .html, .json) or - for stdin")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date, ISO 8601 (e.g. 2025-07-11)")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="json or text")] = OutputFormat.json,
    jsonl: Annotated[Optional[str], typer.Option(help="Batch mode: a JSONL file (or -) with one record per line")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
    stages: Annotated[Optional[str], typer.Option(help="Comma-separated stage names (default: all)")] = None,
    internal: Annotated[bool, typer.Option(help="Also export sentences and tokens")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest article accepted, in bytes")] = 10 * 1024 * 1024,
    strict: Annotated[bool, typer.Option(help="Batch mode: exit 1 if any record was skipped")] = False,
    bidi: Annotated[bool, typer.Option(help="Text view: reorder Arabic for terminals without bidi support")] = False,
    ner_mode: Annotated[Optional[str], typer.Option(
        help="NER model: ensemble (default), accurate (reads multilingual-e5-small: ~20x slower, "
             "more names found), crf or neural. Also RASID_NER_MODE.")] = None,
) -> None:
    """Analyse one article (or a JSONL batch) and print the export contract (JSON) or a text view."""
    from rasid.analyze import analyze_file, analyze_jsonl
    from rasid.pipeline import build_pipeline, default_pipeline

    if ner_mode:
        from rasid.entities.ner import MODE_VARIABLE

        os.environ[MODE_VARIABLE] = ner_mode  # read by the ner stage when the pipeline is built
    pipeline = build_pipeline(stages.split(",")) if stages else default_pipeline()
    if file is not None and file.endswith((".jsonl", ".jsonl.gz")) and jsonl is None:
        jsonl = file
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        if jsonl is not None:
            def skip(error: InputError) -> None:
                _err(f"rasid: skipped {error}")

            report = analyze_jsonl(jsonl, out, skip, published, pipeline, internal, max_bytes)
            _err(f"rasid: {report.processed} records analysed, {report.skipped} skipped")
            if strict and report.skipped:
                raise typer.Exit(1)
            return
        if file is None:
            raise UserError("give a FILE (or - for stdin), or --jsonl FILE for batch mode")
        doc = analyze_file(file, published, pipeline, max_bytes)
        if format is OutputFormat.text:
            from rich.console import Console

            from rasid.render import render

            console = Console(file=out, force_terminal=None if out is sys.stdout else False, width=110)
            render(doc, console, visual=bidi)
        else:
            out.write(json.dumps(doc.to_dict(internal), ensure_ascii=False, indent=2) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


def stages_cmd() -> None:
    """List the registered stages with what they require and assign."""
    from rasid.pipeline import stage_info

    for name, version, requires, assigns in stage_info():
        typer.echo(f"{name:12} v{version:4} requires: {', '.join(requires) or '-':32} assigns: {', '.join(assigns)}")


def schema() -> None:
    """Print the JSON Schema of the export contract."""
    from importlib import resources

    typer.echo(resources.files("rasid").joinpath("schema", "document.schema.json").read_text("utf-8"))


def train_lexicon(
    news: Annotated[Optional[Path], typer.Option(help="ANT news JSONL.gz")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Output folder (default: the shipped models/lexicon)")] = None,
) -> None:
    """Rebuild the word-frequency lexicon (clitic segmentation) from the shared news."""
    from rasid.text.lexicon import build_lexicon

    manifest = build_lexicon(news, out)
    typer.echo(json.dumps(manifest, indent=2, ensure_ascii=False))


def eval_gold(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSON files (default: the reference gold)")] = None,  # type: ignore[assignment]
    corpus_dir: Annotated[Optional[Path], typer.Option(help="Where the gold's 'doc' files are")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="Also list, per layer, the gold items missed and "
                                                         "the predictions counted wrong")] = False,
) -> None:
    """Score every layer of the pipeline's output against gold files (P/R/F1 per layer)."""
    from rasid.eval.gold import default_gold_files, evaluate_gold_files, format_errors, format_report

    files = list(gold) if gold else default_gold_files()
    report = evaluate_gold_files(files, corpus_dir)
    if not errors:
        for scores in report["files"].values():
            scores.pop("errors", None)
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        typer.echo(format_report(report))
        if errors:
            typer.echo(format_errors(report))


def demo() -> None:
    """The main job: analyse the bundled corpus into the store and serve the web UI.

    Until the store and web UI are installed, it analyses the reference article in the terminal."""
    from importlib.util import find_spec

    from rasid.eval.gold import SHARED

    reference = SHARED / "corpus" / "lavrov-pyongyang-2025-07-11.txt"
    try:
        has_web = find_spec("rasid.web.demo") is not None
    except ModuleNotFoundError:
        has_web = False
    if has_web:
        from rasid.web.demo import run_demo  # type: ignore[import-not-found]

        run_demo()
        return
    analyze(str(reference), published="2025-07-11", format=OutputFormat.text, bidi=False)


def register_cli(app: typer.Typer, train: typer.Typer, eval_: typer.Typer, bench: typer.Typer) -> None:
    app.command("analyze")(analyze)
    app.command("demo")(demo)
    app.command("stages")(stages_cmd)
    app.command("schema")(schema)
    train.command("lexicon")(train_lexicon)
    eval_.command("gold")(eval_gold)
