"""A bounded load test: N requests at C concurrent over a served store (``rasid bench web``).

Requests go round-robin over a mix of pages and API calls built from the store's own contents;
the report gives errors and latency percentiles.  Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rasid.errors import UserError


@dataclass
class LoadReport:
    requests: int
    concurrency: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def format(self) -> str:
        return (f"{self.requests} requests at {self.concurrency} concurrent in {self.seconds:.1f} s "
                f"({self.rate:.0f} req/s): errors {self.errors}, p50 {self.p50_ms:.1f} ms, "
                f"p95 {self.p95_ms:.1f} ms, max {self.max_ms:.1f} ms")


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1)))))
    return ordered[k]


async def _load(base_url: str, paths: Sequence[str], total: int, concurrency: int, timeout_s: float) -> LoadReport:
    import httpx

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    failures: list[str] = []
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30.0) as client:
        async def worker() -> None:
            for n in counter:
                path = paths[n % len(paths)]
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    status = response.status_code
                except httpx.HTTPError as exc:
                    status = 0
                    failures.append(f"{path}: {type(exc).__name__}")
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
                if status != 200 and len(failures) < 20:
                    failures.append(f"{path}: HTTP {status}")

        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), timeout=timeout_s)
        seconds = time.perf_counter() - started
    errors = sum(n for status, n in statuses.items() if status != 200)
    return LoadReport(len(latencies), concurrency, errors, seconds, percentile(latencies, 50),
                      percentile(latencies, 95), max(latencies, default=0.0), statuses, failures)


def run_load(base_url: str, paths: Sequence[str], total: int = 2000, concurrency: int = 20,
             timeout_s: float = 300.0) -> LoadReport:
    """Fire ``total`` GET requests over ``paths`` with ``concurrency`` in flight; bounded by ``timeout_s``."""
    if not paths:
        raise UserError("the load test needs at least one path")
    return asyncio.run(_load(base_url, list(paths), total, concurrency, timeout_s))


def sample_paths(store: Any, n_docs: int = 20) -> list[str]:
    """A realistic mix from a store: article pages, document JSON, search, entity pages, claims."""
    from rasid.web import queries

    docs = [d.doc_id for d in queries.list_documents(store, limit=n_docs)]
    entities = [e.entity_id for e in store.entities(limit=10)]
    paths = ["/", "/api/health", "/api/events?limit=20", "/api/claims?limit=20"]
    for doc_id in docs:
        paths += [f"/article/{quote(doc_id, safe='')}", f"/api/documents/{quote(doc_id, safe='')}"]
    for entity_id in entities:
        paths += [f"/entity/{quote(entity_id, safe='')}", f"/api/entities/{quote(entity_id, safe='')}"]
    for word in ("كوريا", "روسيا", "لافروف", "سكريبال"):
        paths += [f"/api/search?q={quote(word)}", f"/search?q={quote(word)}"]
    return paths


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_web(db: str | Path, total: int = 2000, concurrency: int = 20) -> LoadReport:
    """Serve ``db`` on a free loopback port in a thread and load it."""
    import uvicorn

    from rasid.web.app import create_app

    app = create_app(str(db))
    with app.state.access.use() as store:
        paths = sample_paths(store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise UserError("the web server did not start")
            time.sleep(0.05)
        return run_load(f"http://127.0.0.1:{port}", paths, total, concurrency)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
