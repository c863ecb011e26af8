"""The main job (``make demo`` → ``rasid demo``): fill a store with the reference article and a
multi-outlet slice of the shared ANT corpus, then serve the web UI on 127.0.0.1 and print the URL.

The slice is every ANT article that mentions «سكريبال» (the Skripal poisoning, covered by all five
outlets).  Re-running is idempotent and fast: when every text of the slice is already stored the
ingest is skipped.
"""

from __future__ import annotations

import gzip
import json
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.errors import UserError

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
REFERENCE_NAME = "lavrov-pyongyang-2025-07-11"
REFERENCE_PUBLISHED = "2025-07-11"
ANT_FILE = Path("data") / "news" / "ant-multisource-v2.1.jsonl.gz"
STORY_WORD = "سكريبال"
DEFAULT_DB = REPO / "var" / "rasid.db"
DEFAULT_PORT = 8000
LOOPBACK = ("127.0.0.1", "localhost", "::1")

Echo = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class DemoCorpus:
    reference: Path
    ant_slice: Path
    articles: int


def write_reference(shared: Path, folder: Path) -> Path:
    """The reference article as a JSON record carrying its publication date (2025-07-11)."""
    source = shared / "corpus" / f"{REFERENCE_NAME}.txt"
    if not source.is_file():
        raise UserError(f"{source}: the reference article is missing (is ../shared in place?)")
    record = {"id": REFERENCE_NAME, "text": source.read_text(encoding="utf-8").replace("\r\n", "\n"),
              "published": REFERENCE_PUBLISHED, "source": "reference", "title": None}
    target = folder / f"{REFERENCE_NAME}.json"
    data = json.dumps(record, ensure_ascii=False)
    if not target.is_file() or target.read_text(encoding="utf-8") != data:
        target.write_text(data, encoding="utf-8")
    return target


def write_story_slice(shared: Path, folder: Path, word: str = STORY_WORD, limit: int | None = None) -> tuple[Path, int]:
    """Every ANT record whose title or text mentions ``word``, as a JSONL file (made once)."""
    source = shared / ANT_FILE
    if not source.is_file():
        raise UserError(f"{source}: the shared ANT corpus is missing (is ../shared in place?)")
    target = folder / f"ant-{'story' if word != STORY_WORD else 'skripal'}{'-' + str(limit) if limit else ''}.jsonl"
    if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        with target.open(encoding="utf-8") as handle:
            return target, sum(1 for line in handle if line.strip())
    lines: list[str] = []
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            if word not in line:  # cheap pre-filter on the raw line, then check the fields
                continue
            record = json.loads(line)
            if word in (record.get("text") or "") or word in (record.get("title") or ""):
                lines.append(json.dumps(record, ensure_ascii=False))
                if limit and len(lines) >= limit:
                    break
    partial = target.with_suffix(".part")
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.replace(target)
    return target, len(lines)


def prepare_demo_corpus(folder: Path, shared: Path = SHARED, limit: int | None = None) -> DemoCorpus:
    folder.mkdir(parents=True, exist_ok=True)
    reference = write_reference(shared, folder)
    ant_slice, n = write_story_slice(shared, folder, limit=limit)
    return DemoCorpus(reference, ant_slice, n + 1)


def _pending(paths: list[Path], known: set[str]) -> int:
    """How many texts under ``paths`` are not in the store yet (no analysis: just hashes)."""
    from rasid.corpus.facts import content_hash
    from rasid.corpus.sources import iter_sources

    return sum(1 for _, item in iter_sources(paths)
               if not isinstance(item, Exception) and content_hash(item.text) not in known)


def build_demo_store(db: Path = DEFAULT_DB, shared: Path = SHARED, limit: int | None = None,
                     workers: int | None = None, echo: Echo = _stderr) -> dict[str, Any]:
    """Ingest the demo corpus into ``db`` (skipped when everything is stored); returns store counts."""
    from rasid.corpus.ingest import ingest
    from rasid.corpus.store import Store

    db.parent.mkdir(parents=True, exist_ok=True)
    _discard_stale_store(db, echo)
    corpus = prepare_demo_corpus(db.parent / "demo-corpus", shared, limit)
    paths = [corpus.reference, corpus.ant_slice]
    with Store.open(db) as store:
        pending = _pending(paths, store.known_hashes())
        if pending:
            echo(f"rasid demo: analysing {pending} new articles (the reference article and every ANT article "
                 f"mentioning {STORY_WORD}) into {db} …")
            started = time.perf_counter()
            done = [0]

            def progress(n: int, report: Any) -> None:
                done[0] += n
                echo(f"  {done[0]}/{corpus.articles} read, {report.added} added, {report.copies} copies, "
                     f"{report.skipped} skipped ({time.perf_counter() - started:.0f} s)")

            report = ingest(paths, store, workers=workers, progress=progress)
            echo(f"rasid demo: added {report.added}, copies {report.copies}, skipped {report.skipped}, "
                 f"errors {report.errors} in {report.seconds:.0f} s")
        counts = store.counts()
    echo(f"rasid demo: store {db}: {counts['documents']} documents, {counts['entities']} entities, "
         f"{counts['events']} events, {counts['claims']} claims")
    return counts


def analysis_fingerprint() -> str:
    """What the stored analyses depend on: the stages' names and versions and the shipped models."""
    import hashlib
    from importlib import resources

    from rasid import __version__
    from rasid.corpus.db import SCHEMA_VERSION
    from rasid.pipeline import stage_info

    parts = [__version__, str(SCHEMA_VERSION)]
    parts += [f"{name}:{version}" for name, version, _req, _ass in stage_info()]
    models = resources.files("rasid.models")
    for manifest in sorted(Path(str(models)).glob("*/MANIFEST.json")):
        parts.append(hashlib.sha256(manifest.read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _discard_stale_store(db: Path, echo: Echo) -> None:
    """The demo store is derived data: rebuild it when the code or models that made it changed."""
    stamp = db.with_suffix(".fingerprint")
    current = analysis_fingerprint()
    if db.exists() and (not stamp.exists() or stamp.read_text().strip() != current):
        echo(f"rasid demo: {db} was built by another version of the stages or models; rebuilding it")
        for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            path.unlink(missing_ok=True)
    stamp.write_text(current + "\n")


def port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def serve(db: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT, write_token: str | None = None,
          echo: Echo = _stderr, open_hint: str = "") -> None:
    """Serve the UI over the store ``db`` until interrupted (prints the URL first)."""
    import uvicorn

    from rasid.web.app import create_app

    if not (0 < port < 65536):
        raise UserError(f"port {port} is not a TCP port (1-65535)")
    if not port_free(host, port):
        raise UserError(f"cannot listen on {host}:{port} (in use or not an address of this machine); "
                        "pick another with --port")
    allowed = ["127.0.0.1", "localhost"] if host in LOOPBACK else None
    app = create_app(str(db), write_token, allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    echo(f"rasid: serving {db} at http://{shown}:{port}/ {open_hint}(Ctrl-C stops; "
         f"{'writes need the token' if write_token else 'read-only'})")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def run_demo(db: Path = DEFAULT_DB, host: str = "127.0.0.1", port: int = DEFAULT_PORT, serve_ui: bool = True) -> None:
    """The README's first command: build (or reuse) the demo store, then serve the UI and print its URL."""
    build_demo_store(db)
    if not serve_ui:
        return
    chosen = next((p for p in range(port, port + 20) if port_free(host, p)), None)
    if chosen is None:
        raise UserError(f"no free port between {port} and {port + 19} on {host}")
    serve(db, host=host, port=chosen, open_hint=f"— open http://{host}:{chosen}/article/{REFERENCE_NAME} ")
