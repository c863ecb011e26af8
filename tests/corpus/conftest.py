from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from rasid.corpus import Store
from rasid.document import Document, Span
from rasid.pipeline import registered_stages

ANT = Path("data/news/ant-multisource-v2.1.jsonl.gz")


@pytest.fixture(scope="session")
def ant_records(shared_dir: Path) -> list[dict[str, Any]]:
    """The first 400 ANT articles (real news nobody here wrote)."""
    with gzip.open(shared_dir / ANT, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in islice(handle, 400)]


@pytest.fixture(scope="session")
def ant_path(shared_dir: Path) -> Path:
    return shared_dir / ANT


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "corpus.db") as s:
        yield s


def text_stages() -> list[str]:
    """Stages that exist in this checkout and are cheap (used where real layers help a test)."""
    have = set(registered_stages())
    return [s for s in ("boilerplate", "paragraphs", "sentences", "tokens") if s in have]


def span_of(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    i = text.index(piece, start)
    return i, i + len(piece)


def make_doc(text: str, doc_id: str, source: str, published: str, *,
             entities: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
             quantities: list[tuple[str, dict[str, Any]]] = (),  # type: ignore[assignment]
             events: list[tuple[str, dict[str, Any]]] = (),  # type: ignore[assignment]
             attributions: list[tuple[str, str, str]] = ()) -> Document:  # type: ignore[assignment]
    """A hand-built analysed document: (piece, type, entity id) entities, (piece, attrs) quantities..."""
    doc = Document(text=text, id=doc_id, source=source, url=f"https://{source}.example/{doc_id}",
                   published=published, title=text.split("\n")[0][:60])
    doc.set_layer("entities", [Span(*span_of(text, p), {"type": t, "entity_id": e, "canonical": e})
                               for p, t, e in entities])
    doc.set_layer("quantities", [Span(*span_of(text, p), dict(a)) for p, a in quantities])
    evs = []
    for trigger, attrs in events:
        evs.append(Span(*span_of(text, trigger), {"modality": "asserted", **attrs}))
    doc.set_layer("events", evs)
    atts = []
    for claim, source_text, cue in attributions:
        s, e = span_of(text, claim)
        ss, se = span_of(text, source_text)
        cs, ce = span_of(text, cue)
        atts.append(Span(s, e, {"source": {"start": ss, "end": se, "text": source_text},
                                "cue": {"start": cs, "end": ce, "text": cue}}))
    doc.set_layer("attributions", atts)
    return doc


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 (Debian `postgresql` server binaries)."""
    import glob
    import os
    import shutil
    import subprocess

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql")
    import tempfile

    bindir = Path(initdb).parent
    base = Path(tempfile.mkdtemp(prefix="rasid-pg-"))  # outside pytest's 0700 root-only folder
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as")
        if not runuser:
            pytest.skip("running as root without runuser to drop privileges for PostgreSQL")
        prefix = [runuser, "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "--encoding=UTF8", "--locale=C.UTF-8"], check=True, capture_output=True, timeout=120)
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-t", "60", "-l", str(base / "log"),
                    "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(postgres_server: str) -> str:
    """A fresh database on the throwaway server."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect(postgres_server + "/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{postgres_server}/{name}"
