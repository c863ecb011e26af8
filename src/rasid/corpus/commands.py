"""CLI: ``rasid ingest``, ``rasid search``, ``rasid claims``, ``rasid export``, ``rasid bench corpus``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional

import typer

from rasid.corpus.store import DEFAULT_DB, Store

DB_HELP = "SQLite file or postgresql://user@host/db URL"


def _progress_ingest(paths: list[str], store: Store, workers: int | None, dask: str | None,
                     languages: list[str] | None, quiet: bool, stages: list[str] | None, batch: int) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from rasid.corpus.cluster import ingest_dask
    from rasid.corpus.ingest import ingest
    from rasid.corpus.sources import estimate_total

    total = estimate_total(paths)
    columns = [TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn()]
    with Progress(*columns, disable=quiet, transient=False) as bar:
        task = bar.add_task("ingest", total=total, rate=0.0)

        def tick(n: int, report: Any) -> None:
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, advance=n, rate=(bar.tasks[0].completed + n) / elapsed)

        if dask:
            return ingest_dask(paths, store, dask, stages=stages, languages=languages, progress=tick)
        return ingest(paths, store, workers=workers, stages=stages, languages=languages, progress=tick,
                      batch_size=batch)


def register_cli(app: typer.Typer, train: typer.Typer, eval_: typer.Typer, bench: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        paths: list[str] = typer.Argument(..., help="files, folders, globs, .jsonl(.gz), feeds, WARC"),
        db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
        workers: Optional[int] = typer.Option(None, "--workers", "-w", help="processes (default: cores)"),
        dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler, e.g. tcp://HOST:8786"),
        any_language: bool = typer.Option(False, "--any-language", help="keep non-Arabic documents"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
        stages: Optional[str] = typer.Option(None, "--stages", help="comma-separated stages (default: all)"),
        batch: int = typer.Option(32, "--batch", help="documents per transaction"),
    ) -> None:
        """Analyse and store a corpus (idempotent, resumable after a kill)."""
        stage_list = None if stages is None else [s for s in stages.split(",") if s.strip()]
        logging.basicConfig(level=logging.WARNING, format="rasid: %(message)s")
        with Store.open(db) as store:
            from rasid.corpus.ingest import ARABIC_CODES

            report = _progress_ingest(paths, store, workers, dask, None if any_language else sorted(ARABIC_CODES),
                                      quiet, stage_list, batch)
            counts = store.counts()
        typer.echo(f"read {report.read}, added {report.added} ({report.renamed} renamed ids), "
                   f"copies {report.copies}, already stored {report.unchanged}, skipped {report.skipped}, "
                   f"errors {report.errors}, incomplete analyses {report.incomplete}; {report.seconds:.1f} s, "
                   f"{report.added / max(report.seconds, 1e-9):.1f} docs/s")
        repeated = {kind: n for kind, n in report.reasons.items() if n > 1}
        if repeated:  # the log lists a reason a few times, then only counts it: give the counts
            typer.echo("problems by kind: " + "; ".join(f"{kind}: {n}" for kind, n in sorted(repeated.items())))
        typer.echo(f"store {db}: {counts['documents']} documents in {counts['stories']} stories, "
                   f"{counts['entities']} entities, {counts['events']} events, {counts['claims']} claims")

    @app.command("search")
    def search_cmd(
        query: str = typer.Argument(..., help="Arabic words (clitics and diacritics don't matter)"),
        db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
        outlet: Optional[str] = typer.Option(None, "--outlet"),
        date_from: Optional[str] = typer.Option(None, "--from", help="YYYY-MM-DD"),
        date_to: Optional[str] = typer.Option(None, "--to", help="YYYY-MM-DD"),
        entity: Optional[str] = typer.Option(None, "--entity", help="entity id"),
        event_type: Optional[str] = typer.Option(None, "--event-type"),
        limit: int = typer.Option(10, "--limit", "-n"),
    ) -> None:
        """Full-text search over the stored corpus."""
        with Store.open(db) as store:
            hits = store.search(query, outlet=outlet, date_from=date_from, date_to=date_to, entity=entity,
                                event_type=event_type, limit=limit)
        for hit in hits:
            typer.echo(f"{hit.doc_id}\t{hit.source or '-'}\t{(hit.published or '-')[:10]}\t{hit.title or ''}")
            typer.echo("    " + " ".join(hit.snippet.split()))
        if not hits:
            typer.echo("no match", err=True)

    @app.command("claims")
    def claims_cmd(
        subject: Optional[str] = typer.Argument(None, help="subject key or words the claim sentence contains"),
        db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
        list_subjects: bool = typer.Option(False, "--list", help="list subjects with claims"),
        limit: int = typer.Option(30, "--limit", "-n"),
    ) -> None:
        """How estimates about one subject evolved: date, outlet, attributed source, value."""
        with Store.open(db) as store:
            if list_subjects or not subject:
                for s in store.claim_subjects(min_documents=2, limit=limit):
                    typer.echo(f"{s.documents:5d} docs {s.stories:5d} stories  {s.subject_key}\t{s.subject}")
                return
            points = store.claim_series(subject)
        for p in points[:limit] if limit else points:
            typer.echo(f"{(p.published or '-')[:10]}\t{p.outlet or '-'}\t{p.attributed_source or '(outlet)'}\t"
                       f"{p.shown_value} {p.unit or ''}\t{p.text}")
        if not points:
            typer.echo("no claims about that subject", err=True)

    @app.command("export")
    def export_cmd(
        fmt: str = typer.Argument(..., help="jsonl | csv | parquet | plover | gdelt | acled"),
        out: Path = typer.Argument(..., help="output file (csv/parquet: a folder)"),
        db: str = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    ) -> None:
        """Export the store (documents, tables, or merged events in PLOVER/GDELT/ACLED shape)."""
        from rasid.corpus.export import export

        with Store.open(db) as store:
            for path in export(store, fmt, out):
                typer.echo(str(path))

    @bench.command("corpus")
    def bench_corpus_cmd(
        path: Optional[Path] = typer.Option(None, "--corpus", help="default: ../shared ANT corpus"),
        limit: Optional[int] = typer.Option(None, "--limit", help="first N articles only"),
        workers: Optional[int] = typer.Option(None, "--workers", "-w"),
        db: Optional[Path] = typer.Option(None, "--db", help="keep the store here (default: a temp file)"),
        stages: Optional[str] = typer.Option(None, "--stages", help="comma-separated stages (default: all)"),
    ) -> None:
        """The ANT corpus end to end into SQLite: articles/s, words/s, memory, store size, ceiling ratio."""
        from rasid.corpus.bench import bench_corpus, format_bench

        stage_list = None if stages is None else [s for s in stages.split(",") if s.strip()]
        typer.echo(format_bench(bench_corpus(path, limit=limit, workers=workers, db=db, stages=stage_list)))
