"""CLI: ``rasid serve`` (the web UI and JSON API over a store)."""

from __future__ import annotations

from typing import Optional

import typer


def register_cli(app: typer.Typer, train: typer.Typer, eval_: typer.Typer, bench: typer.Typer) -> None:
    @app.command("serve")
    def serve_cmd(
        db: str = typer.Option("var/rasid.db", "--db", help="SQLite file or postgresql://user@host/db URL"),
        host: str = typer.Option("127.0.0.1", "--host", help="address to listen on (loopback by default)"),
        port: int = typer.Option(8000, "--port", help="TCP port"),
        write_token: Optional[str] = typer.Option(
            None, "--write-token", envvar="RASID_WRITE_TOKEN",
            help="enable upload/ingest for requests sending 'Authorization: Bearer TOKEN' (default: read-only)"),
    ) -> None:
        """Serve the web UI (search, articles, entities, events, claims) and the JSON API."""
        from rasid.web.demo import serve

        serve(db, host=host, port=port, write_token=write_token)

    @bench.command("web")
    def bench_web_cmd(
        db: str = typer.Option("var/rasid.db", "--db", help="store to serve (default: the demo store)"),
        requests: int = typer.Option(2000, "--requests", "-n", help="how many requests"),
        concurrency: int = typer.Option(20, "--concurrency", "-c", help="requests in flight"),
    ) -> None:
        """Bounded load test of the web UI/API on 127.0.0.1: errors and p50/p95 latency."""
        from rasid.web.loadtest import bench_web

        report = bench_web(db, total=requests, concurrency=concurrency)
        typer.echo(report.format())
        for line in report.failures[:10]:
            typer.echo(f"  {line}", err=True)
        if report.errors:
            raise typer.Exit(1)
