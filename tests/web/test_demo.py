"""The main job's store (reference article + the Skripal slice of ANT), analysed by the real pipeline,
and the `rasid serve` command as a user runs it."""

from __future__ import annotations

import gzip
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from rasid.corpus.store import Store
from rasid.web.app import create_app
from rasid.web.demo import REFERENCE_NAME, STORY_WORD, build_demo_store, port_free, serve, write_story_slice
from tests.conftest import ROOT
from tests.web.conftest import free_port


def test_story_slice_is_the_multi_outlet_skripal_story(shared_dir: Path, tmp_path: Path) -> None:
    path, n = write_story_slice(shared_dir, tmp_path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert len(records) == n
    assert 100 <= n <= 600  # a few hundred articles: ready in minutes on two cores
    assert all(STORY_WORD in r["text"] or STORY_WORD in (r["title"] or "") for r in records)
    assert len({r["source"] for r in records}) == 5  # every outlet of the ANT corpus covers it
    with gzip.open(shared_dir / "data" / "news" / "ant-multisource-v2.1.jsonl.gz", "rt", encoding="utf-8") as f:
        first_other = next(json.loads(line) for line in f if STORY_WORD not in line)
    assert first_other["docno"] not in {r["docno"] for r in records}


@pytest.fixture(scope="module")
def demo_db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("demo") / "rasid.db"
    messages: list[str] = []
    build_demo_store(db, shared_dir, limit=4, workers=1, echo=messages.append)
    assert any("analysing 5 new articles" in m for m in messages), messages
    yield db


def test_demo_store_holds_the_reference_article_with_its_date(demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        doc = store.get_document(REFERENCE_NAME)
        assert doc.published is not None and doc.published.date().isoformat() == "2025-07-11"
        assert store.counts()["documents"] == 5


def test_demo_rerun_is_idempotent_and_skips_the_analysis(demo_db: Path, shared_dir: Path) -> None:
    with Store.open(demo_db) as store:
        before = store.checksum()
    messages: list[str] = []
    build_demo_store(demo_db, shared_dir, limit=4, workers=1, echo=messages.append)
    assert not any("analysing" in m for m in messages), messages
    with Store.open(demo_db) as store:
        assert store.checksum() == before


def _mark(html: str, text: str) -> str:
    found = re.search(r"<mark ([^>]*)>" + re.escape(text) + "</mark>", html)
    assert found, f"{text} is not highlighted"
    return found.group(1)


@pytest.mark.usefixtures("working_pipeline")
def test_pipeline_output_shows_lavrov_and_friday_on_the_article_page(demo_db: Path) -> None:
    """End to end: the real stages' facts as the reader sees them."""
    with TestClient(create_app(demo_db)) as client:
        html = client.get(f"/article/{REFERENCE_NAME}").text
    lavrov = _mark(html, "سيرجي لافروف")
    assert 'class="ent ent-PER"' in lavrov and 'data-en="Sergey Lavrov"' in lavrov
    friday = _mark(html, "الجمعة")
    assert 'class="time"' in friday and 'data-value="2025-07-11"' in friday


def test_serve_refuses_a_busy_port_with_one_line(demo_db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert not port_free("127.0.0.1", port)
        from rasid.errors import UserError

        with pytest.raises(UserError, match="--port"):
            serve(demo_db, port=port)


def test_rasid_serve_serves_read_only_on_loopback(demo_db: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rasid.cli", "serve", "--db", str(demo_db), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError(proc.stderr.read().decode() if proc.stderr else "no server") from None
                time.sleep(0.3)
        assert health.json()["writable"] is False and health.json()["documents"] == 5
        page = httpx.get(f"http://127.0.0.1:{port}/article/{REFERENCE_NAME}", timeout=10)
        assert page.status_code == 200 and "سيرجي لافروف" in page.text
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert f"http://127.0.0.1:{port}/" in (proc.stderr.read().decode() if proc.stderr else "")


def test_demo_store_made_by_other_stages_or_models_is_rebuilt(shared_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "rasid.db"
    build_demo_store(db, shared_dir, limit=1, workers=1, echo=lambda _m: None)
    db.with_suffix(".fingerprint").write_text("made-by-an-older-rasid\n")
    messages: list[str] = []
    build_demo_store(db, shared_dir, limit=1, workers=1, echo=messages.append)
    assert any("rebuilding" in m for m in messages), messages
    assert any("analysing 2 new articles" in m for m in messages), messages
    with Store.open(db) as store:
        assert store.counts()["documents"] == 2
