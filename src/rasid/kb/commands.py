"""CLI: ``rasid build-kb``, ``rasid link``, ``rasid train translit``, ``rasid eval link``,
``rasid bench link``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

Shared = Annotated[Optional[Path], typer.Option(help="The shared data folder (default: ../shared)")]


def _print(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def build_kb_command(shared: Shared = None,
                     out: Annotated[Optional[Path], typer.Option(help="Output folder (default: the shipped KB)")] = None,
                     ) -> None:
    """Build the knowledge base from ../shared/data/gazetteers and lang/ar/actors.yaml."""
    from rasid.kb.build import build_kb

    manifest = build_kb(shared, out)
    typer.echo(f"{manifest['entities']} entities, {manifest['aliases']} aliases")


def link_command(names: Annotated[list[str], typer.Argument(help="Names to link")],
                 type: Annotated[Optional[str], typer.Option("--type", help="PER, ORG, LOC or MISC")] = None,
                 ) -> None:
    """Link names (outside any article) and print what the KB says about each."""
    from rasid.document import Document, Span
    from rasid.kb.link import link_mentions

    text = "\n".join(names)
    spans, pos = [], 0
    for name in names:
        spans.append(Span(pos, pos + len(name), {"type": type}))
        pos += len(name) + 1
    doc = Document(text)
    doc.set_layer("entities", spans)
    link_mentions(doc)
    _print([{"text": doc.span_text(s), **s.attrs} for s in doc.layer("entities")])


def train_translit_command(shared: Shared = None,
                           out: Annotated[Optional[Path], typer.Option(help="Output folder")] = None) -> None:
    """Train the Arabic→Latin name transliterator and report CER on the held-out splits."""
    from rasid.kb.translit import train_translit

    manifest = train_translit(shared, out)
    _print(manifest["held_out"])


def eval_link_command(shared: Shared = None,
                      variants: Annotated[bool, typer.Option(help="Also score gazetteer spelling pairs")] = False,
                      ) -> None:
    """Canonical-name accuracy on the reference gold, KB size, transliteration CER."""
    from rasid.kb.evaluate import eval_link, eval_variants

    result = eval_link(shared)
    if variants:
        result["variants"] = eval_variants(shared)
    _print(result)


def bench_link_command(shared: Shared = None) -> None:
    """KB load time and linking throughput (mentions/s) on ANERcorp's test sentences."""
    from rasid.kb.evaluate import bench_link

    _print(bench_link(shared))


def register_cli(app: typer.Typer, train: typer.Typer, eval_: typer.Typer, bench: typer.Typer) -> None:
    app.command("build-kb")(build_kb_command)
    app.command("link")(link_command)
    train.command("translit")(train_translit_command)
    eval_.command("link")(eval_link_command)
    bench.command("link")(bench_link_command)
