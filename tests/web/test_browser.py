"""The pages in a real browser (Debian chromium driven by playwright, no browser download).

One browser for the module, one real uvicorn server on 127.0.0.1 for the session; screenshots go
to artifacts/screenshots/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.web.conftest import REFERENCE_ID, LiveServer

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="ar")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_reference_article_shows_lavrov_as_a_person_with_his_english_name(page: Any, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/article/{REFERENCE_ID}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    lavrov = page.locator("#text mark.ent.ent-PER", has_text="سيرجي لافروف").first
    assert lavrov.is_visible()
    assert lavrov.get_attribute("data-en") == "Sergey Lavrov"
    # the English name is drawn beside the Arabic one
    beside = lavrov.evaluate("el => getComputedStyle(el, '::before').content")
    assert "Sergey Lavrov" in beside
    # hovering shows the tooltip and fills the side panel
    lavrov.hover()
    tooltip = lavrov.evaluate("el => getComputedStyle(el, '::after').content")
    assert "Sergey Lavrov" in tooltip
    panel = page.locator("#detail-lines")
    assert "Sergey Lavrov" in panel.inner_text()
    assert panel.is_visible()
    # persons, places and times are drawn in different colours
    colours = {sel: page.locator(sel).first.evaluate("el => getComputedStyle(el).backgroundColor")
               for sel in ("#text mark.ent-PER", "#text mark.ent-LOC", "#text mark.time", "#text mark.qty")}
    assert len(set(colours.values())) == 4, colours
    # boilerplate is greyed out
    boiler = page.locator("#text span.boiler").first
    assert boiler.inner_text().strip() == "شاركها."
    assert boiler.evaluate("el => getComputedStyle(el).color") != page.locator("#text").evaluate(
        "el => getComputedStyle(el).color")
    shot(page, "article")


def test_friday_resolves_to_2025_07_11_on_tap(page: Any, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/article/{REFERENCE_ID}")
    friday = page.locator("#text mark.time", has_text="الجمعة").first
    friday.click()
    assert "2025-07-11" in page.locator("#detail-lines").inner_text()
    assert "2025-07-11" in page.locator("#side-times").inner_text()
    # the side list of events says how sure each report is and who it comes from
    events = page.locator("#side-events li.event")
    assert events.count() >= 10
    assert "asserted" in events.first.inner_text()
    page.locator("#toggle-en").uncheck()
    lavrov = page.locator("#text mark.ent-PER", has_text="سيرجي لافروف").first
    assert lavrov.evaluate("el => getComputedStyle(el, '::before').content") in ("none", "normal")


def test_claims_page_draws_a_chart_whose_marks_lead_to_their_sentences(page: Any, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/claims?subject={quote('soldier||Q423')}")
    chart = page.locator("svg.chart").first
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.locator("svg.chart a.point").count() == 3
    assert page.locator("svg.chart a.point rect").count() == 1  # the 25,000–30,000 range is a bar
    assert page.locator("svg.chart a.point circle").count() == 2
    assert page.locator(".legend-list li").count() == 3  # one colour per outlet
    shot(page, "claims")
    page.locator("svg.chart a.point rect").first.click()
    page.wait_for_url("**/article/**")
    highlighted = page.locator("#hl")
    assert "ما بين 25 إلى 30 ألف جندي" in highlighted.inner_text()


def test_language_switch_turns_the_interface_english_and_back(page: Any, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/article/{REFERENCE_ID}")
    page.locator("#lang-switch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Search" in page.locator("nav").inner_text()
    assert page.locator("#text").get_attribute("dir") == "rtl"  # the article stays right to left
    assert page.url.endswith(f"/article/{REFERENCE_ID}")
    page.locator("#lang-switch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_markup_in_articles_never_runs(page: Any, live_server: LiveServer) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    urls = ["/article/xss-probe", f"/search?q={quote('هجوم')}", "/", "/entities", "/events",
            f"/entity/{quote(chr(34) + 'x' + chr(34) + '><script>window.__pwned=12</script>', safe='')}"
            .replace("%22x%22", "x%22"),
            "/entity/javascript%3Ax", f"/claims?subject={quote('<script>window.__pwned=20</script>')}"]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        for link in page.locator("a").all():  # no link anywhere leads to a script
            href = (link.get_attribute("href") or "").strip().lower()
            assert not href.startswith("javascript:"), (url, href)
        for mark in page.locator("#text mark").all():  # hovering and tapping facts runs no script either
            mark.click()
        assert page.evaluate("typeof window.__pwned") == "undefined", url
    page.goto(live_server.url + "/article/xss-probe")
    text = page.locator("#text").inner_text()
    assert "<script>window.__pwned = 1; alert('x')</script>" in text  # shown as text, not run
    assert page.locator("#text img, #text script, #text svg, #text a").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    shot(page, "xss-probe")
