"""A bounded load test on 127.0.0.1: 2,000 requests at 20 concurrent on a real uvicorn server."""

from __future__ import annotations

from pathlib import Path

from rasid.corpus.store import Store
from rasid.web.loadtest import percentile, run_load, sample_paths
from tests.web.conftest import LiveServer

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def test_percentile_picks_the_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 95) == 95.0 and percentile(values, 50) in (50.0, 51.0)
    assert percentile([], 95) == 0.0


def test_two_thousand_requests_at_twenty_concurrent_without_errors(live_server: LiveServer,
                                                                    web_store_path: Path) -> None:
    with Store.open(web_store_path) as store:
        paths = sample_paths(store)
    assert any(p.startswith("/article/") for p in paths) and any(p.startswith("/api/search") for p in paths)
    report = run_load(live_server.url, paths, total=2000, concurrency=20, timeout_s=240)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "web-load-test.txt").write_text(report.format() + "\n", encoding="utf-8")
    print(report.format())
    assert report.requests == 2000
    assert report.errors == 0, report.failures
    assert report.statuses == {200: 2000}
    assert 0 < report.p50_ms <= report.p95_ms <= report.max_ms
