"""Batch ingest on real ANT articles: idempotent, resumable after SIGKILL, bad input, language filter."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from rasid.corpus import Store, sources
from rasid.corpus.ingest import ingest
from tests.corpus.conftest import text_stages, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def test_ingest_is_idempotent_and_counts_copies(tmp_path: Path, ant_records: list[dict[str, Any]]) -> None:
    records = ant_records[:60]
    copy = dict(records[0], docno="COPY-1", source="cnn", url="https://cnn.example/x")
    path = write_jsonl(tmp_path / "a.jsonl", [*records, copy])
    with Store.open(tmp_path / "s.db") as store:
        first = ingest([path], store, workers=1, stages=text_stages())
        assert (first.read, first.added, first.copies, first.errors) == (61, 60, 1, 0)
        digest, counts = store.checksum(), store.counts()
        again = ingest([path], store, workers=1, stages=text_stages())
        assert (again.added, again.copies, again.unchanged) == (0, 0, 61)
        assert store.checksum() == digest and store.counts() == counts
        outlets = {s for m in store.story(store.get_document("COPY-1").id) for s, _ in m.copies}
        assert outlets == {"alarabia", "cnn"}


def test_bad_input_is_reported_and_every_good_document_is_stored(tmp_path: Path, monkeypatch,
                                                                 ant_records: list[dict[str, Any]]) -> None:
    monkeypatch.setattr(sources, "MAX_CHARS", 50_000)
    good = ant_records[100:105]
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in good[:2]]
    lines.append(b'{"docno": "broken", "text": "\xd9\x83\xd9')  # cut in the middle of a line
    lines.append(json.dumps(dict(good[0], docno="cp", text="x")).encode()[:-1])  # not closed
    lines.append(json.dumps({"docno": "cp1256", "source": "old", "text": good[2]["text"]},
                            ensure_ascii=False).encode("cp1256", errors="ignore"))  # another encoding
    lines.append(json.dumps({"docno": "empty", "text": "   "}).encode())
    lines.append(json.dumps({"docno": "huge", "text": "كلمة " * 20_000}, ensure_ascii=False).encode())
    lines.append(json.dumps(dict(good[3], docno=good[0]["docno"]), ensure_ascii=False).encode())  # same id
    lines.append(json.dumps(good[4], ensure_ascii=False).encode())
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with Store.open(tmp_path / "s.db") as store:
        report = ingest([path], store, workers=1, stages=[])
        reasons = dict(report.problems)
        assert set(reasons) == {f"{path}:3", f"{path}:4", f"{path}:6", f"{path}:7"}
        assert "empty" in reasons[f"{path}:6"] and "too long" in reasons[f"{path}:7"]
        assert report.added == 5 and report.renamed == 1
        stored = {d.text for d in store.iter_documents()}
        assert {r["text"] for r in good} <= stored
        assert store.get_document("cp1256").text == good[2]["text"]


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path, ant_records: list[dict[str, Any]]) -> None:
    raw = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ant_records[:30]).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(raw[: len(raw) * 2 // 3])
    with Store.open(tmp_path / "s.db") as store:
        report = ingest([path], store, workers=1, stages=[])
        assert report.errors == 1 and "truncated" in report.problems[0][1]
        assert 5 < report.added < 30


def test_language_filter_skips_other_languages_with_a_reason(tmp_path: Path, ant_records) -> None:
    english = {"docno": "en", "text": "The foreign minister arrived in Pyongyang on Friday for talks "
                                      "with North Korean officials about military cooperation."}
    french = {"docno": "fr", "text": "Le ministre des Affaires étrangères est arrivé vendredi à Pyongyang "
                                     "pour des entretiens avec les dirigeants nord-coréens."}
    path = write_jsonl(tmp_path / "mixed.jsonl", [english, ant_records[0], french])
    with Store.open(tmp_path / "s.db") as store:
        report = ingest([path], store, workers=1, stages=[])
        assert report.added == 1 and report.skipped == 2
        assert [r.split(" (")[0] for _, r in report.problems] == ["language en", "language fr"]
        kept = ingest([path], store, workers=1, stages=[], languages=None)
        assert kept.added == 2


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>bbc</title>
<item><title>{t1}</title><link>https://bbc.example/1</link><pubDate>Mon, 14 May 2018 10:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>{b1}</p>]]></content:encoded></item>
<item><title>{t2}</title><link>https://bbc.example/2</link><description>{b2}</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>cnn</title>
<entry><title>{t}</title><link href="https://cnn.example/a"/><updated>2018-05-15T08:00:00Z</updated>
<content type="html">&lt;p&gt;{b}&lt;/p&gt;</content></entry></feed>"""


def _warc(url: str, html: str) -> bytes:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return head + body + b"\r\n\r\n"


def test_feeds_warc_html_folders_and_globs(tmp_path: Path, ant_records: list[dict[str, Any]]) -> None:
    r = ant_records[200:206]
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "news.rss").write_text(FEED.format(t1=r[0]["title"], b1=r[0]["text"], t2=r[1]["title"],
                                                 b2=r[1]["text"]), encoding="utf-8")
    (folder / "sub" / "cnn.atom").write_text(ATOM.format(t=r[2]["title"], b=r[2]["text"]), encoding="utf-8")
    html = "<html><head><title>{}</title></head><body><article><p>{}</p></article></body></html>"
    warc = _warc("https://sky.example/w", html.format(r[3]["title"], r[3]["text"]))
    (folder / "crawl.warc.gz").write_bytes(gzip.compress(warc))
    (folder / "page.html").write_text(html.format(r[4]["title"], r[4]["text"]), encoding="utf-8")
    (folder / "note.txt").write_bytes(r[5]["text"].encode("cp1256", errors="ignore"))
    with Store.open(tmp_path / "s.db") as store:
        report = ingest([folder], store, workers=1, stages=[])
        assert (report.added, report.errors) == (6, 0)
        docs = list(store.iter_documents())
        by_url = {d.url: d for d in docs}
        assert by_url["https://bbc.example/1"].published is not None
        assert by_url["https://bbc.example/1"].title == r[0]["title"]
        assert by_url["https://cnn.example/a"].source == "cnn"
        assert "https://sky.example/w" in by_url
        assert any(r[5]["text"][:40] in d.text for d in docs)  # the cp1256 .txt file
        assert any(r[4]["text"][:40] in d.text for d in docs)  # the .html file
        again = ingest([str(folder / "**" / "*.atom")], store, workers=1, stages=[])
        assert again.read == 1 and again.added == 0


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from rasid.cli import main; main()", *args]


@pytest.mark.slow
def test_sigkill_mid_ingest_then_resume_gives_the_same_store(tmp_path: Path, ant_records) -> None:
    path = write_jsonl(tmp_path / "slice.jsonl", ant_records[:200])
    stages = ",".join(text_stages())
    common = ["--stages", stages, "--batch", "8", "--quiet", "--workers", "2"]
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    subprocess.run(_cli("ingest", str(path), "--db", str(whole), *common), check=True, cwd=ROOT,
                   capture_output=True, timeout=300)
    proc = subprocess.Popen(_cli("ingest", str(path), "--db", str(killed), *common), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    while _count(killed) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    partial = _count(killed)
    assert 0 < partial < 200, "the kill came too late to test a resume"
    subprocess.run(_cli("ingest", str(path), "--db", str(killed), *common), check=True, cwd=ROOT,
                   capture_output=True, timeout=300)
    with Store.open(whole) as a, Store.open(killed) as b:
        assert a.counts() == b.counts() and a.counts()["documents"] == 200
        assert a.checksum() == b.checksum()


def test_language_id_works_without_any_network(tmp_path: Path) -> None:
    import shutil

    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True) if unshare else None
    if probe is None or probe.returncode != 0:
        pytest.skip("cannot open a network-less namespace here (unshare -n needs root)")
    code = ("from rasid.corpus.ingest import detect_language; "
            "print(detect_language('زار وزير الخارجية الروسي كوريا الشمالية')[0])")
    done = subprocess.run([unshare, "-n", sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ar"
