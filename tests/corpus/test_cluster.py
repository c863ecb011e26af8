"""Cluster mode against a real local Dask scheduler and two worker processes."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasid.corpus import Store
from rasid.corpus.cluster import ingest_dask
from rasid.corpus.ingest import ingest
from rasid.errors import UserError
from tests.corpus.conftest import _free_port, text_stages, write_jsonl


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    pytest.importorskip("distributed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = [str(Path(sys.executable).parent / "dask")]
    procs = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    for _ in range(2):
        procs.append(subprocess.Popen([*dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                       "--no-dashboard", "--host", "127.0.0.1"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        from distributed import Client

        deadline = time.monotonic() + 90
        while True:
            try:
                with Client(address, timeout=10) as client:
                    client.wait_for_workers(2, timeout=60)
                break
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.mark.slow
def test_dask_ingest_gives_the_same_store_as_a_local_one(scheduler: str, tmp_path: Path, ant_records) -> None:
    copy = dict(ant_records[300], docno="COPY", source="bbc", url="https://bbc.example/c")
    path = write_jsonl(tmp_path / "slice.jsonl", [*ant_records[300:360], copy])
    stages = text_stages()
    with Store.open(tmp_path / "dask.db") as remote, Store.open(tmp_path / "local.db") as local:
        report = ingest_dask([path], remote, scheduler, stages=stages, batch=8)
        assert (report.read, report.added, report.copies) == (61, 60, 1)
        ingest([path], local, workers=1, stages=stages)
        assert remote.counts() == local.counts()
        assert remote.checksum() == local.checksum()
        assert ingest_dask([path], remote, scheduler, stages=stages).added == 0


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    with Store.open(tmp_path / "s.db") as store, pytest.raises(UserError, match="cannot reach the Dask scheduler"):
        ingest_dask([tmp_path], store, f"tcp://127.0.0.1:{_free_port()}")
