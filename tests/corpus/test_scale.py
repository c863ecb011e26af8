"""What was changed for corpus-scale speed and memory keeps its results: forked workers store what
one process stores, the one-pass gazetteer finds what a plain longest-first lookup finds, and the
benchmark's proportional memory counts pages shared between processes once."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from rasid.corpus import Store
from rasid.corpus.bench import _MemorySampler
from rasid.corpus.ingest import FORK, ingest
from rasid.document import Document, Span
from rasid.kb.dictionary import Gazetteer, default_gazetteer
from rasid.kb.fold import strict_key
from rasid.pipeline import build_pipeline
from tests.corpus.conftest import text_stages, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def test_two_workers_store_exactly_what_one_process_stores(tmp_path: Path, ant_records) -> None:
    copies = [{**r, "docno": f"{r['docno']}-copy", "source": "agency", "url": f"https://agency.example/{k}"}
              for k, r in enumerate(ant_records[:5])]
    path = write_jsonl(tmp_path / "slice.jsonl", ant_records[:60] + copies)
    with Store.open(tmp_path / "one.db") as one, Store.open(tmp_path / "two.db") as two:
        r1 = ingest([path], one, workers=1, stages=text_stages(), batch_size=8)
        r2 = ingest([path], two, workers=2, stages=text_stages(), batch_size=8)
        assert (r1.added, r1.copies) == (r2.added, r2.copies) == (60, 5)
        assert one.counts() == two.counts()
        assert one.checksum() == two.checksum()
        assert r2.stage_seconds.get("tokens", 0) > 0  # the stages ran on the workers and were timed


def _plain_longest_first(gaz: Gazetteer, doc: Document, tokens: list[Span]) -> list[tuple[int, int, str]]:
    """The gazetteer's rule written the plain way: at each token, every length from the longest
    down, the strict key of the joined text looked up in the table."""
    text, n, out, i = doc.text, len(tokens), [], 0
    stop = [t.attrs.get("kind") in ("punct", "num") for t in tokens]
    while i < n:
        found = None
        if not stop[i]:
            rest, j = [], i + 1
            while j < n and j - i < gaz.max_words and not stop[j]:
                if tokens[j].start > tokens[j - 1].end + 1 and "\n" in text[tokens[j - 1].end:tokens[j].start]:
                    break
                rest.append(text[tokens[j].start:tokens[j].end])
                j += 1
            tok, kind = tokens[i], tokens[i].attrs.get("kind", "ar")
            stem, stem_at = tok.attrs.get("stem"), None
            if kind == "ar" and tok.attrs.get("proclitics") and stem and tok.start < stem[0] < tok.end:
                stem_at = stem[0] - tok.start
            readings = gaz._first_readings(text[tok.start:tok.end], kind, stem_at)
            for size in range(len(rest), -1, -1):
                for offset, first in readings:
                    entry = gaz.entries.get(strict_key(" ".join([first, *rest[:size]])))
                    if entry is not None and entry.words == size + 1 and (offset == 0 or size or entry.curated):
                        found = (tok.start + offset, tokens[i + size].end, entry.type, i + size + 1)
                        break
                if found:
                    break
        if found is None:
            i += 1
        else:
            out.append(found[:3])
            i = found[3]
    return out


def test_one_pass_gazetteer_finds_what_the_plain_lookup_finds(ant_records: list[dict[str, Any]]) -> None:
    gaz = default_gazetteer()
    pipeline = build_pipeline(["boilerplate", "paragraphs", "sentences", "tokens"])
    total = 0
    for record in ant_records[:80]:
        doc = pipeline(Document(text=record["text"], id=record["docno"]))
        tokens = doc.layer("tokens")
        fast = [(m.start, m.end, m.entry.type) for m in gaz.find(doc, tokens)]
        assert fast == _plain_longest_first(gaz, doc, tokens), record["docno"]
        total += len(fast)
    assert total > 150  # real news names countries, cities and groups in nearly every article


def _hold(ready: Any, done: Any) -> None:
    ready.set()
    done.wait(30)


@pytest.mark.skipif(not FORK or not Path("/proc/self/smaps_rollup").exists(), reason="needs fork and Linux smaps")
def test_proportional_memory_counts_pages_shared_with_a_forked_child_once() -> None:
    ballast = bytearray(b"\x01") * (96 * 2**20)  # touched pages, then shared copy-on-write with the child
    ctx = multiprocessing.get_context("fork")
    ready, done = ctx.Event(), ctx.Event()
    child = ctx.Process(target=_hold, args=(ready, done))
    child.start()
    try:
        assert ready.wait(30)
        sampler = _MemorySampler()
        sampler.start()
        time.sleep(0.5)
        rss, pss = sampler.stop()
    finally:
        done.set()
        child.join(30)
    assert len(ballast) and rss - pss > 64 * 2**20  # the 96 MB counted twice in RSS, once in PSS
    assert pss > 96 * 2**20


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux-only")
def test_workers_end_when_the_ingest_process_is_killed_alone(tmp_path: Path, ant_records) -> None:
    import psutil

    path = write_jsonl(tmp_path / "slice.jsonl", ant_records * 3)
    cmd = [sys.executable, "-c", "from rasid.cli import main; main()", "ingest", str(path), "--db",
           str(tmp_path / "c.db"), "--stages", ",".join(text_stages()), "--quiet", "--workers", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 120
        while len(workers := parent.children()) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) >= 2, "the ingest ended before its workers could be seen"
        proc.kill()  # SIGKILL to the writer only, not to its process group
        proc.wait(timeout=30)
        gone, alive = psutil.wait_procs(workers, timeout=15)
        assert not alive, f"{len(alive)} worker(s) left running after the ingest process died"
    finally:
        for p in psutil.Process().children(recursive=True):
            p.kill()
