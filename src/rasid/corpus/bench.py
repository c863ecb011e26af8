"""``rasid bench corpus``: the ANT corpus end to end into SQLite, with its ceiling alongside.

Reports articles/s, words/s, peak memory (the sum over this process and its workers, sampled:
resident sets, which count pages shared between processes once per process, and proportional
sets, which divide each shared page among the processes sharing it), the writer's CPU time,
the store's size on disk, where the time goes stage by stage, de-duplication counts, search
latency on the resulting store, and the throughput of plain tokenisation of the same texts in the
same run (the ceiling) with the ratio.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from rasid.corpus.ingest import IngestReport, default_workers, ingest
from rasid.corpus.store import Store
from rasid.errors import UserError

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SEARCH_QUERIES = ("كوريا", "ترامب", "سكريبال", "خاشقجي", "الانتخابات العراقية", "قمة سنغافورة")
_WORD = re.compile(r"\w+")


def default_corpus() -> Path:
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "news" / "ant-multisource-v2.1.jsonl.gz"


@dataclass
class BenchResult:
    articles: int
    workers: int
    seconds: float
    words: int
    peak_rss_mb: float
    store_mb: float
    ceiling_words_per_s: float
    report: IngestReport
    counts: dict[str, int]
    exact_groups: int
    near_groups: int
    search_ms: dict[str, float] = field(default_factory=dict)
    peak_pss_mb: float = 0.0
    writer_cpu_s: float = 0.0
    workers_cpu_s: float = 0.0

    @property
    def articles_per_s(self) -> float:
        return self.articles / max(self.seconds, 1e-9)

    @property
    def words_per_s(self) -> float:
        return self.words / max(self.seconds, 1e-9)


def _rss(pid: int) -> int:
    """Resident set size of a process in bytes (``/proc/PID/statm``: cheap); 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        import psutil

        try:
            return int(psutil.Process(pid).memory_info().rss)
        except psutil.Error:
            return 0


def _pss(pid: int) -> int:
    """Proportional set size in bytes (``/proc/PID/smaps_rollup``: each shared page divided among
    the processes that share it); the resident set where that file is missing, 0 when gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return _rss(pid)


class _MemorySampler(threading.Thread):
    """Peak memory of this process plus its children: the sum of resident sets every 0.2 s, and
    the sum of proportional sets (the memory the machine really provides) whenever the resident
    sum is within 2 % of its peak, at most every ``PSS_EVERY_S`` (reading smaps costs ~10 ms)."""

    PSS_EVERY_S = 2.0

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.peak_pss = 0
        self._halt = threading.Event()

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        last_pss = -self.PSS_EVERY_S
        while not self._halt.is_set():
            try:
                pids = [me.pid, *(c.pid for c in me.children(recursive=True))]
            except psutil.Error:
                pids = [me.pid]
            total = sum(_rss(pid) for pid in pids)
            self.peak = max(self.peak, total)
            now = time.monotonic()
            if total >= 0.98 * self.peak and now - last_pss >= self.PSS_EVERY_S:
                self.peak_pss = max(self.peak_pss, sum(_pss(pid) for pid in pids))
                last_pss = now
            self._halt.wait(0.2)

    def stop(self) -> tuple[int, int]:
        self._halt.set()
        self.join()
        return self.peak, self.peak_pss


def _children_cpu() -> float:
    """CPU seconds (user + system) of this process's finished children."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _slice(src: Path, limit: int | None, folder: Path) -> Path:
    if limit is None:
        return src
    target = folder / "slice.jsonl"
    with gzip.open(src, "rt", encoding="utf-8") as inp, target.open("w", encoding="utf-8") as out:
        out.writelines(islice(inp, limit))
    return target


def tokenisation_ceiling(path: Path) -> tuple[int, float]:
    """Words and seconds to read and tokenise the same texts (one process, no analysis)."""
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    started, words = time.perf_counter(), 0
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            words += len(_WORD.findall(json.loads(line).get("text") or ""))
    return words, time.perf_counter() - started


def search_latency(store: Store, queries: tuple[str, ...] = SEARCH_QUERIES, repeat: int = 3) -> dict[str, float]:
    out = {}
    for q in queries:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            store.search(q, limit=20)
            times.append((time.perf_counter() - t) * 1000)
        out[q] = statistics.median(times)
    return out


def bench_corpus(path: Path | None = None, *, limit: int | None = None, workers: int | None = None,
                 db: Path | None = None, stages: list[str] | None = None) -> BenchResult:
    src = path or default_corpus()
    if not src.is_file():
        raise UserError(f"{src}: corpus not found (pass --corpus)")
    n = workers or default_workers()
    with tempfile.TemporaryDirectory(prefix="rasid-bench-") as tmp:
        data = _slice(src, limit, Path(tmp))
        target = db or Path(tmp) / "bench.db"
        if target.exists():
            raise UserError(f"{target} exists; the benchmark needs a new store")
        sampler = _MemorySampler()
        sampler.start()
        with Store.open(target) as store:
            cpu, children = time.process_time(), _children_cpu()
            report = ingest([data], store, workers=n, stages=stages)
            writer_cpu, workers_cpu = time.process_time() - cpu, _children_cpu() - children
            peak, peak_pss = sampler.stop()
            counts = store.counts()
            exact = int(store.db.scalar("SELECT COUNT(*) FROM (SELECT doc_id FROM copies GROUP BY doc_id "
                                        "HAVING COUNT(*) > 1) g"))
            near = int(store.db.scalar("SELECT COUNT(*) FROM (SELECT story_id FROM documents GROUP BY story_id "
                                       "HAVING COUNT(*) > 1) g"))
            latency = search_latency(store)
        size = sum(p.stat().st_size for p in target.parent.glob(target.name + "*"))
        ceiling_words, ceiling_s = tokenisation_ceiling(data)
    return BenchResult(report.read, n, report.seconds, report.words, peak / 2**20, size / 2**20,
                       ceiling_words / max(ceiling_s, 1e-9), report, counts, exact, near, latency,
                       peak_pss / 2**20, writer_cpu, workers_cpu)


def format_bench(r: BenchResult) -> str:
    lines = [
        f"articles        {r.articles:,} read, {r.report.added:,} stored, {r.report.copies:,} exact copies, "
        f"{r.report.skipped:,} skipped, {r.report.errors:,} errors, "
        f"{r.report.incomplete:,} stored with an incomplete analysis",
        f"workers         {r.workers}",
        f"time            {r.seconds:.1f} s",
        f"articles/s      {r.articles_per_s:.1f}"
        + (f" ({r.articles / max(r.seconds - r.report.load_seconds, 1e-9):.1f} once the models are loaded)"
           if r.report.load_seconds else ""),
        f"words/s         {r.words_per_s:,.0f}",
        f"ceiling         {r.ceiling_words_per_s:,.0f} words/s (plain tokenisation, 1 process); "
        f"ratio {r.words_per_s / max(r.ceiling_words_per_s, 1e-9):.4f}",
        f"peak memory     {r.peak_pss_mb:,.0f} MB proportional (PSS, shared pages divided), "
        f"{r.peak_rss_mb:,.0f} MB resident (sum of RSS: shared pages once per process); all processes",
        f"CPU             {r.writer_cpu_s:.1f} s in the writer (reads, plans, loads the models, writes"
        f"{'' if r.workers > 1 else ', analyses'}), {r.workers_cpu_s:.1f} s in worker processes; "
        + (f"models loaded once, in {r.report.load_seconds:.1f} s" if r.report.load_seconds
           else "models loaded by each worker"),
        f"store size      {r.store_mb:,.1f} MB",
        f"dedup           {r.exact_groups:,} exact-copy groups, {r.near_groups:,} near-duplicate stories "
        f"({r.counts['stories']:,} stories for {r.counts['documents']:,} stored documents)",
        f"facts           {r.counts['mentions']:,} mentions of {r.counts['entities']:,} entities, "
        f"{r.counts['event_mentions']:,} event mentions in {r.counts['events']:,} events, {r.counts['claims']:,} claims",
        "search (median) " + ", ".join(f"{q} {ms:.1f} ms" for q, ms in r.search_ms.items()),
        "time by stage (summed over workers):",
    ]
    total = sum(r.report.stage_seconds.values()) or 1e-9
    for name, secs in sorted(r.report.stage_seconds.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {name:<14}{secs:9.1f} s  {100 * secs / total:5.1f}%")
    return "\n".join(lines)


def near_duplicate_pairs(store: Store, n: int = 50, seed: int = 0) -> list[tuple[str, str, float, float]]:
    """A random sample of (story head, member, Jaccard, containment) pairs, for hand-checking precision."""
    import random

    from rasid.corpus.dedup import _minhash, similarity

    rows = store.db.all("SELECT d.id, d.story_id FROM documents d WHERE d.id <> d.story_id ORDER BY d.id")
    picked = random.Random(seed).sample(rows, min(n, len(rows)))
    sigs = {}
    out = []
    for doc_id, story_id in picked:
        for key in (doc_id, story_id):
            if key not in sigs:
                n_sh, sig = store.db.one("SELECT n_shingles, sig FROM signatures WHERE doc_id = ?", (key,)) or (0, b"")
                sigs[key] = (_minhash(bytes(sig)), int(n_sh))
        j, c = similarity(sigs[doc_id][0], sigs[doc_id][1], sigs[story_id][0], sigs[story_id][1])
        out.append((story_id, doc_id, j, c))
    return out
