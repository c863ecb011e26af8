"""Fixtures for the web tests: stores filled with documents built by hand or from the gold file,
and a real uvicorn server on a free loopback port."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rasid.corpus.store import Store
from rasid.document import Document, Span

REFERENCE_ID = "lavrov-pyongyang-2025-07-11"
WRITE_TOKEN = "test-token-0123456789"
XSS_TEXT = ("خبر عن «هجوم» <script>window.__pwned = 1; alert('x')</script> في العاصمة.\n"
            "\"><img src=x onerror=\"window.__pwned=2\"> وقال المتحدث: <a href=\"javascript:window.__pwned=3\">"
            "اضغط هنا</a> javascript:window.__pwned=4 ثم <svg onload=\"window.__pwned=5\"></svg> انتهى.")


def _find(text: str, needle: str, start: int) -> int:
    at = text.find(needle, start)
    if at < 0:
        at = text.find(needle)
    if at < 0:
        raise AssertionError(f"gold text {needle!r} not in the reference article")
    return at


def gold_document(text: str, gold: dict[str, Any]) -> Document:
    """The reference article with its hand-made gold facts as layers (found by forward search)."""
    doc = Document(text=text, id=REFERENCE_ID, published=dt.datetime(2025, 7, 11, tzinfo=dt.UTC),
                   source="reference", title="لافروف في بيونج يانج")
    layers: dict[str, list[Span]] = {}
    for layer, key, attrs_of in (
        ("entities", "text", lambda g: {k: g[k] for k in ("type", "canonical", "wikidata") if k in g}
         | {"entity_id": g.get("wikidata") or "gold:" + g["canonical"]}),
        ("times", "text", lambda g: {"value": g["value"]}),
        ("quantities", "text", lambda g: {k: v for k, v in g.items() if k != "text"}),
        ("events", "trigger", lambda g: {k: v for k, v in g.items() if k not in ("trigger", "id")}),
        ("quotes", "text", lambda g: {"speaker": g["speaker"]}),
    ):
        pos, spans = 0, []
        for item in gold[layer]:
            at = _find(text, item[key], pos)
            spans.append(Span(at, at + len(item[key]), attrs_of(item)))
            pos = at + len(item[key])
        layers[layer] = spans
    spans = []
    for item in gold["attributions"]:
        at = _find(text, item["claim_contains"], 0)
        src = _find(text, item["source"], 0)
        spans.append(Span(at, at + len(item["claim_contains"]), {
            "source": {"start": src, "end": src + len(item["source"]), "text": item["source"]},
            "cue": {"text": item["cue"]}}))
    layers["attributions"] = spans
    for layer in ("boilerplate", "headings"):
        layers[layer] = [Span(at, at + len(s), {"reason": "gold"}) for s in gold[layer]
                         for at in [text.rfind(s)]]
    for name, spans in layers.items():
        doc.set_layer(name, spans)
    return doc


def outlet_document(n: int, outlet: str, day: str, sentence: str, claims: list[dict[str, Any]]) -> Document:
    """A small hand-made article from one outlet with quantity claims in its sentence."""
    doc = Document(text=sentence, id=f"{outlet}-{n}", source=outlet, title=f"تقرير {outlet} {n}",
                   published=dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC), url=f"https://{outlet}.example/{n}")
    spans = []
    for claim in claims:
        at = sentence.index(claim["text"])
        spans.append(Span(at, at + len(claim["text"]), {k: v for k, v in claim.items() if k != "text"}))
    doc.set_layer("quantities", spans)
    korea = sentence.find("كوريا الشمالية")
    if korea >= 0:
        doc.set_layer("entities", [Span(korea, korea + len("كوريا الشمالية"),
                                        {"type": "LOC", "canonical": "North Korea", "entity_id": "Q423"})])
    return doc


# Three outlets report troop numbers in the same sentence shape on different days.
TROOP_REPORTS = [
    ("bbc", "2025-06-01", "أرسلت كوريا الشمالية 11 ألف جندي إلى روسيا.", [
        {"text": "11 ألف جندي", "value": 11000, "unit": "soldier"}]),
    ("cnn", "2025-07-01", "قد ترسل كوريا الشمالية ما بين 25 إلى 30 ألف جندي إلى روسيا.", [
        {"text": "ما بين 25 إلى 30 ألف جندي", "min": 25000, "max": 30000, "unit": "soldier"}]),
    ("skynews", "2025-07-05", "قالت مصادر إن كوريا الشمالية سترسل 15 ألف جندي إلى روسيا.", [
        {"text": "15 ألف جندي", "value": 15000, "unit": "soldier"}]),
]


@pytest.fixture(scope="session")
def web_store_path(tmp_path_factory: pytest.TempPathFactory, reference_text: str,
                   reference_gold: dict[str, Any]) -> Path:
    """A store with the gold-annotated reference article, three outlets' troop reports and an XSS probe."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store.open(path) as store:
        store.add(gold_document(reference_text, reference_gold))
        for n, (outlet, day, sentence, claims) in enumerate(TROOP_REPORTS):
            store.add(outlet_document(n, outlet, day, sentence, claims))
        store.add(xss_document())
    return path


def xss_document() -> Document:
    """An article whose every field carries markup and script payloads."""
    payload = "\"><img src=x onerror=\"window.__pwned=6\"><script>window.__pwned=7</script>"
    doc = Document(text=XSS_TEXT, id="xss-probe", title="<script>window.__pwned=8</script>عنوان" + payload,
                   source="evil<script>window.__pwned=9</script>", url="javascript:window.__pwned=10",
                   published=dt.datetime(2025, 7, 10, tzinfo=dt.UTC))
    at = XSS_TEXT.index("<script>")
    hit = XSS_TEXT.index("هجوم")
    doc.set_layer("entities", [
        Span(at, at + len("<script>"), {"type": "PER", "canonical": "<img src=x onerror=window.__pwned=11>",
                                        "entity_id": "x\"><script>window.__pwned=12</script>"}),
        Span(hit, hit + 4, {"type": "ORG", "canonical": "javascript:window.__pwned=13", "entity_id": "javascript:x"}),
    ])
    doc.set_layer("events", [Span(hit, hit + 4, {"type": "<b>ASSAULT</b>", "mode": "<i>x</i>",
                                                "actor": "<script>window.__pwned=14</script>",
                                                "modality": "\"><img src=x onerror=window.__pwned=15>"})])
    return doc


@pytest.fixture(scope="session")
def working_pipeline(reference_text: str) -> None:
    """Skip (saying why) the end-to-end checks while a stage of the default pipeline raises on the
    reference article: that stage's own tests report the failure; these check what the reader sees."""
    from rasid.pipeline import default_pipeline

    try:
        default_pipeline()(Document(text=reference_text, published=dt.datetime(2025, 7, 11, tzinfo=dt.UTC)))
    except Exception as exc:  # noqa: BLE001 - any stage failure
        pytest.skip(f"the default pipeline fails on the reference article: {type(exc).__name__}: {exc}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving an app in a background thread on 127.0.0.1."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(web_store_path: Path) -> Iterator[LiveServer]:
    from rasid.web.app import create_app

    app = create_app(web_store_path, WRITE_TOKEN, allowed_hosts=["127.0.0.1", "localhost"])
    with LiveServer(app) as server:
        yield server
