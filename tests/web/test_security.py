"""Security: escaping, Content-Security-Policy, read-only by default, token, size limit, path traversal."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from rasid.web.app import create_app
from tests.web.conftest import REFERENCE_ID, WRITE_TOKEN

PAGES = ["/", f"/article/{REFERENCE_ID}", "/article/xss-probe", "/search?q=" + quote("هجوم"), "/entities",
         "/entity/Q423", "/events", "/claims?subject=soldier", "/entity/javascript%3Ax"]
AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}


class Inline(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, event handlers, style attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.problems.append("inline <script>")
        if tag == "script" and (names.get("src") or "").startswith(("http:", "https:", "//")):
            self.problems.append(f"script from elsewhere: {names['src']}")
        if tag == "link" and (names.get("href") or "").startswith(("http:", "https:", "//")):
            self.problems.append(f"stylesheet from elsewhere: {names['href']}")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")


@pytest.fixture(scope="module")
def reader(web_store_path: Path) -> TestClient:
    return TestClient(create_app(web_store_path))


@pytest.fixture()
def writer(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path / "w.db", WRITE_TOKEN, max_upload_bytes=4000,
                                 upload_dir=tmp_path / "uploads"))


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_and_a_strict_csp(reader: TestClient, url: str) -> None:
    response = reader.get(url)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    parser = Inline()
    parser.feed(response.text)
    assert parser.problems == []


def test_article_markup_is_shown_as_text(reader: TestClient) -> None:
    html = reader.get("/article/xss-probe").text
    assert "<script>window.__pwned" not in html and "onerror=\"window" not in html
    assert "window.__pwned = 1; alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html  # the document's javascript: URL gives no link
    api = reader.get("/api/documents/xss-probe")
    assert api.headers["content-type"].startswith("application/json")
    assert "content-security-policy" in api.headers


def test_static_files_and_api_carry_the_headers_too(reader: TestClient) -> None:
    for url in ("/static/rasid.js", "/static/rasid.css", "/api/health"):
        response = reader.get(url)
        assert response.status_code == 200 and "script-src 'self'" in response.headers["content-security-policy"]
    assert reader.get("/static/../app.py").status_code == 404


def test_read_only_by_default(reader: TestClient) -> None:
    body = json.dumps({"text": "نص عربي قصير عن كوريا.", "id": "new"}).encode()
    assert reader.post("/api/documents", content=body, headers=AUTH).status_code == 403
    assert reader.post("/api/upload", params={"filename": "a.txt"}, content=b"x", headers=AUTH).status_code == 403
    assert reader.delete(f"/api/documents/{REFERENCE_ID}").status_code == 405
    assert reader.get("/api/documents/new").status_code == 404


def test_writes_need_the_token(writer: TestClient) -> None:
    doc = {"text": "وصل وفد من كوريا الشمالية إلى موسكو.", "id": "manual-1", "published": "2025-07-12",
           "entities": [{"start": 11, "end": 25, "text": "كوريا الشمالية", "type": "LOC", "canonical": "North Korea"}]}
    body = json.dumps(doc, ensure_ascii=False).encode()
    assert writer.post("/api/documents", content=body).status_code == 401
    assert writer.post("/api/documents", content=body, headers={"Authorization": "Bearer wrong-token"}).status_code == 403
    created = writer.post("/api/documents", params={"analyse": "false"}, content=body, headers=AUTH)
    assert created.status_code == 201 and created.json()["status"] == "added"
    stored = writer.get("/api/documents/manual-1").json()
    assert stored["entities"][0]["canonical"] == "North Korea"
    again = writer.post("/api/documents", params={"analyse": "false"}, content=body, headers=AUTH)
    assert again.json()["status"] in ("known", "copy")  # idempotent: the text is stored once
    bad = writer.post("/api/documents", content=b"{not json", headers=AUTH)
    assert bad.status_code == 400


def test_bodies_over_the_limit_are_refused(writer: TestClient) -> None:
    big = json.dumps({"text": "كلمة " * 2000}).encode()
    assert writer.post("/api/documents", content=big, headers=AUTH).status_code == 413

    def chunks() -> object:  # no Content-Length: the limit holds while streaming
        for _ in range(10):
            yield b"x" * 1000

    streamed = writer.post("/api/upload", params={"filename": "big.txt"}, content=chunks(), headers=AUTH)
    assert streamed.status_code == 413


@pytest.mark.parametrize("name", ["../evil.txt", "..%2Fevil.txt", "/etc/passwd.txt", "a/b.txt", "..\\x.txt",
                                  ".hidden.txt", "x.exe", "evil.txt/..", "", "..", "x..txt"])
def test_upload_rejects_path_traversal_and_odd_names(writer: TestClient, tmp_path: Path, name: str) -> None:
    response = writer.post("/api/upload", params={"filename": name}, content=b"hello", headers=AUTH)
    assert response.status_code in (400, 422)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "uploads").exists()


@pytest.mark.usefixtures("working_pipeline")
def test_upload_ingests_an_article_through_the_pipeline(writer: TestClient, reference_text: str) -> None:
    record = {"id": "uploaded-ref", "text": reference_text[:600], "published": "2025-07-11", "source": "upload"}
    body = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    report = writer.post("/api/upload", params={"filename": "batch.jsonl"}, content=body, headers=AUTH)
    assert report.status_code == 201, report.text
    assert report.json()["read"] == 1 and report.json()["added"] == 1, report.json()
    stored = writer.get("/api/documents/uploaded-ref").json()
    assert any(e["text"] == "سيرجي لافروف" for e in stored["entities"])


def test_unknown_hosts_are_refused_on_a_loopback_server(web_store_path: Path) -> None:
    client = TestClient(create_app(web_store_path, allowed_hosts=["127.0.0.1", "localhost"]),
                        base_url="http://127.0.0.1")
    assert client.get("/api/health").status_code == 200
    assert client.get("/api/health", headers={"Host": "evil.example"}).status_code == 400


def test_short_write_tokens_are_refused(tmp_path: Path) -> None:
    from rasid.errors import UserError

    with pytest.raises(UserError, match="at least 8"):
        create_app(tmp_path / "s.db", "abc")
