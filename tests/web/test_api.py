"""The JSON API and the pages over a store filled by hand (FastAPI's TestClient, no server)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from rasid.web.app import create_app
from tests.web.conftest import REFERENCE_ID


@pytest.fixture(scope="module")
def client(web_store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(web_store_path)) as c:
        yield c


def test_health_counts_the_store(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["documents"] == 5 and body["writable"] is False
    assert body["claims"] >= 3


def test_document_comes_back_in_the_export_contract(client: TestClient) -> None:
    data = client.get(f"/api/documents/{REFERENCE_ID}").json()
    assert data["published"] == "2025-07-11"
    lavrov = data["entities"][0]
    assert (lavrov["text"], lavrov["type"], lavrov["canonical"]) == ("سيرجي لافروف", "PER", "Sergey Lavrov")
    assert data["text"][lavrov["start"]:lavrov["end"]] == "سيرجي لافروف"
    missing = client.get("/api/documents/no-such-doc")
    assert missing.status_code == 404 and "no-such-doc" in missing.json()["detail"]


def test_search_marks_the_match_in_the_snippet_and_filters_by_outlet(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "لافروف"}).json()
    assert [h["doc_id"] for h in hits] == [REFERENCE_ID]
    snippet, spans = hits[0]["snippet"], hits[0]["spans"]
    assert spans and all("لافروف" in snippet[s:e] for s, e in spans)
    everywhere = {h["doc_id"] for h in client.get("/api/search", params={"q": "كوريا"}).json()}
    assert {"bbc-0", "cnn-1", "skynews-2", REFERENCE_ID} <= everywhere
    only_cnn = client.get("/api/search", params={"q": "كوريا", "outlet": "cnn"}).json()
    assert [h["doc_id"] for h in only_cnn] == ["cnn-1"]
    in_june = client.get("/api/search", params={"q": "كوريا", "date_from": "2025-06-01",
                                                "date_to": "2025-06-30"}).json()
    assert [h["doc_id"] for h in in_june] == ["bbc-0"]


def test_entity_profile_gathers_names_and_outlets(client: TestClient) -> None:
    profile = client.get("/api/entities/Q423").json()
    assert profile["canonical"] == "North Korea"
    assert {name for name, _ in profile["aliases"]} == {"كوريا الشمالية"}
    assert {o for o, _ in profile["outlets"]} == {"bbc", "cnn", "skynews", "reference"}
    found = client.get("/api/entities", params={"q": "Lavrov"}).json()
    assert found[0]["canonical"] == "Sergey Lavrov"


def test_claim_series_follows_the_troop_numbers_by_outlet(client: TestClient) -> None:
    subjects = {s["subject_key"]: s for s in client.get("/api/claims").json()}
    assert subjects["soldier||Q423"]["documents"] == 3
    series = client.get("/api/claims/series", params={"subject": "soldier||Q423"}).json()
    assert [(p["outlet"], p["value"], p["min_value"], p["max_value"]) for p in series] == [
        ("bbc", 11000, None, None), ("cnn", None, 25000, 30000), ("skynews", 15000, None, None)]


def test_event_exports_are_csv_and_plover_jsonl(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 1000}).json()
    table = list(csv.DictReader(io.StringIO(client.get("/api/export/events.csv").text)))
    assert len(table) == len(events) > 10
    assert {r["type"] for r in table} >= {"CONSULT", "MOBILIZE"}
    consult = client.get("/api/export/events.plover.jsonl", params={"type": "CONSULT"})
    lines = [json.loads(line) for line in consult.text.splitlines()]
    assert lines and {r["event_type"] for r in lines} == {"CONSULT"}
    assert consult.headers["content-disposition"].startswith("attachment")


def test_openapi_describes_the_endpoints(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/search", "/api/documents/{doc_id}", "/api/entities/{entity_id}", "/api/events",
                 "/api/claims/series", "/api/upload"):
        assert path in paths


@pytest.mark.parametrize("params,status", [
    ({"q": ""}, 422), ({"q": "x" * 501}, 422), ({"q": "كوريا", "limit": 100000}, 422),
    ({"q": "!!! ..."}, 400), ({"q": "كوريا", "date_from": "yesterday"}, 400),
])
def test_bad_search_input_is_refused_with_a_message(client: TestClient, params: dict[str, object],
                                                    status: int) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    assert response.json().get("detail") or response.json().get("error")


def test_pages_render_in_both_languages(client: TestClient) -> None:
    ar = client.get(f"/article/{REFERENCE_ID}")
    en = client.get(f"/article/{REFERENCE_ID}", params={"lang": "en"})
    assert '<html lang="ar" dir="rtl">' in ar.text and '<html lang="en" dir="ltr">' in en.text
    assert "الأحداث" in ar.text and "Events" in en.text
    for url in ("/", "/search?q=" + quote("لافروف"), "/entities", "/entity/Q423", "/events", "/claims",
                "/claims?subject=soldier", "/event/" + client.get("/api/events").json()[0]["event_id"]):
        assert client.get(url).status_code == 200, url
    assert client.get("/article/nope").status_code == 404
    assert client.get("/entity/nope").status_code == 404
    page = client.get("/search", params={"q": "..."})
    assert page.status_code == 200 and 'class="error"' in page.text


def test_language_cookie_and_safe_redirect(client: TestClient) -> None:
    response = client.get("/lang/en", params={"next": "/entities"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/entities"
    assert "lang=en" in response.headers["set-cookie"]
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.get("/lang/en", params={"next": evil}, follow_redirects=False)
        assert response.headers["location"] == "/"
