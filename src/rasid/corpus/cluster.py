"""Cluster mode: the same ingest with extraction on Dask workers, writing from one place.

The client reads the inputs, sends batches of documents to the workers
(``ingest.analyse_batch``: language filter, every pipeline stage, rows to store) and writes the
results to the store in input order, so the store ends exactly as after a local ingest and a
killed run resumes the same way.  At most ``2 × workers`` batches are in flight, which bounds
memory on the client.

    dask scheduler --host 0.0.0.0 --port 8786            # on one machine
    dask worker tcp://HOST:8786 --nworkers 4 --nthreads 1  # on each worker (rasid installed)
    rasid ingest corpus.jsonl.gz --dask tcp://HOST:8786 --db postgresql://...
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from rasid.corpus.ingest import ARABIC_CODES, IngestReport, Progress, Task, analyse_batch, plan, write_results
from rasid.corpus.store import Store
from rasid.errors import UserError

BATCH = 16
CONNECT_TIMEOUT_S = 5


def _batches(tasks: Iterator[Task], size: int) -> Iterator[list[Task]]:
    while True:
        chunk = list(islice(tasks, size))
        if not chunk:
            return
        yield chunk


def ingest_dask(paths: Iterable[str | Path], store: Store, scheduler: str, *,
                stages: Iterable[str] | None = None, languages: Iterable[str] | None = ARABIC_CODES,
                progress: Progress | None = None, batch: int = BATCH) -> IngestReport:
    """Ingest on a Dask cluster at ``scheduler`` (``tcp://HOST:8786``)."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise UserError("cluster mode needs the 'dask[distributed]' package") from exc
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        raise UserError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
    report = IngestReport()
    started = time.perf_counter()
    stage_names = tuple(stages) if stages is not None else None
    langs = frozenset(languages) if languages else None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        tasks = plan(paths, store.known_hashes(), report)

        def results() -> Iterator[Any]:
            pending: deque[Any] = deque()
            for chunk in _batches(tasks, batch):
                pending.append(client.submit(analyse_batch, chunk, stage_names, langs, pure=False))
                while len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

        write_results(store, results(), report, progress)
    finally:
        client.close()
    report.seconds = time.perf_counter() - started
    return report
