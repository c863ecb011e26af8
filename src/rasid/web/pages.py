"""Server-rendered pages (Jinja2, autoescape on): search, article, entity, events, claims.

Pages use the same store functions as the JSON API; the language comes from ``?lang=`` or the
``lang`` cookie set by ``/lang/{code}`` (Arabic by default).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from rasid.corpus.db import StoreError
from rasid.document import Document
from rasid.errors import UserError
from rasid.web import queries
from rasid.web.chart import ChartPoint, claims_svg, histogram_svg, outlet_colours
from rasid.web.i18n import LANGUAGES, Labels, pick_language
from rasid.web.markup import TYPE_LABEL, quantity_value, ref_text, render_text, tip_lines

router = APIRouter(include_in_schema=False)
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("rasid.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True), auto_reload=False)
    env.globals.update(link=link, safe_href=safe_href, type_label=TYPE_LABEL, ref_text=ref_text)
    return env


def link(prefix: str, ident: str = "", **params: Any) -> str:
    """A local URL: ``prefix`` + the quoted id + the non-empty query parameters."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return prefix + quote(str(ident), safe="") + (f"?{query}" if query else "")


def safe_href(url: str | None) -> str | None:
    """An outside link only when it is plain http(s); ``javascript:`` and the like give no link."""
    if not url:
        return None
    text = str(url).strip()
    return text if text.lower().startswith(("http://", "https://")) and not any(c in text for c in "\"'<>") \
        else None


def labels_for(request: Request) -> Labels:
    return Labels(pick_language(request.query_params.get("lang"), request.cookies.get("lang")))


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    t = labels_for(request)
    html = environment().get_template(template).render(t=t, request_path=request.url.path,
                                                       request_query=str(request.url.query), **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _store(request: Request) -> Any:
    return request.app.state.access.use()


@router.get("/lang/{code}")
def switch_language(code: str, next: str = "/") -> RedirectResponse:
    target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    response = RedirectResponse(target, status_code=303)
    if code in LANGUAGES:
        response.set_cookie("lang", code, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with _store(request) as store:
        context = {"counts": queries.counts(store), "recent": queries.list_documents(store, limit=15),
                   "top": store.entities(limit=15), "subjects": store.claim_subjects(min_documents=2, limit=8),
                   "outlets": queries.outlets(store)}
    return render(request, "home.html", **context)


def _snippet_html(snippet: str, spans: list[tuple[int, int]]) -> Markup:
    out, pos = Markup(), 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += Markup("{}<mark class=\"match\">{}</mark>").format(snippet[pos:start], snippet[start:end])
        pos = end
    return out + Markup("{}").format(snippet[pos:])


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", outlet: str = "", date_from: str = "", date_to: str = "",
                entity: str = "", event_type: str = "", offset: int = Query(0, ge=0)) -> HTMLResponse:
    hits, error = [], None
    with _store(request) as store:
        outlets, types = queries.outlets(store), queries.event_types(store)
        if q.strip():
            try:
                hits = store.search(q[:500], outlet=outlet or None, date_from=date_from or None,
                                    date_to=date_to or None, entity=entity or None, event_type=event_type or None,
                                    limit=20, offset=offset)
            except UserError as exc:
                error = str(exc)
    rows = [(h, _snippet_html(h.snippet, h.spans)) for h in hits]
    form = {"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to, "entity": entity,
            "event_type": event_type}
    return render(request, "search.html", rows=rows, form=form, error=error, offset=offset, outlets=outlets,
                  types=types)


def _parse_range(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    start, _, end = value.partition("-")
    if start.isdigit() and end.isdigit():
        return int(start), int(end)
    return None


def article_facts(doc: Document, t: Labels) -> dict[str, Any]:
    """The side lists of the article page."""
    entities: dict[str, dict[str, Any]] = {}
    for span in doc.layer("entities"):
        key = str(span.attrs.get("entity_id") or span.attrs.get("canonical") or doc.span_text(span))
        item = entities.setdefault(key, {"canonical": span.attrs.get("canonical") or doc.span_text(span),
                                         "type": span.attrs.get("type") or "MISC",
                                         "entity_id": span.attrs.get("entity_id"), "names": Counter()})
        item["names"][doc.span_text(span)] += 1
    times = [(doc.span_text(s), ref_text(s.attrs.get("value")) or "?", i) for i, s in enumerate(doc.layer("times"))]
    quantities = [(doc.span_text(s), quantity_value(s.attrs, t), i) for i, s in enumerate(doc.layer("quantities"))]
    events = []
    for i, span in enumerate(doc.layer("events")):
        a = span.attrs
        events.append({"index": i, "trigger": doc.span_text(span), "type": a.get("type"), "mode": a.get("mode"),
                       "modality": a.get("modality"), "actor": ref_text(a.get("actor")),
                       "target": ref_text(a.get("target")), "time": ref_text(a.get("time")),
                       "location": ref_text(a.get("location")), "source": ref_text(a.get("source")),
                       "tip": "\n".join(tip_lines("events", span, doc, t))})
    quotes = [(ref_text(s.attrs.get("speaker")) or ref_text(s.attrs.get("speaker_span")), doc.span_text(s))
              for s in doc.layer("quotes")]
    attributions = [(ref_text(s.attrs.get("source")), ref_text(s.attrs.get("cue")), doc.span_text(s))
                    for s in doc.layer("attributions")]
    return {"entities": list(entities.values()), "times": times, "quantities": quantities, "events": events,
            "quotes": quotes, "attributions": attributions}


@router.get("/article/{doc_id:path}", response_class=HTMLResponse)
def article_page(request: Request, doc_id: str, hl: str | None = None) -> HTMLResponse:
    t = labels_for(request)
    with _store(request) as store:
        try:
            doc = store.get_document(doc_id)
        except StoreError as exc:
            return error_page(request, 404, str(exc))
        event_ids = queries.document_event_ids(store, doc.id)
        story_id = store.db.scalar("SELECT story_id FROM documents WHERE id = ?", (doc.id,)) or doc.id
        story = [m for m in store.story(story_id) if m.doc_id != doc.id]
    body = render_text(doc, t, _parse_range(hl))
    facts = article_facts(doc, t)
    return render(request, "article.html", doc=doc, body=body, facts=facts, event_ids=event_ids, story=story,
                  published=(doc.published.date().isoformat() if doc.published else None))


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, q: str = "", type: str = "") -> HTMLResponse:
    with _store(request) as store:
        rows = store.entities(query=q or None, type=type or None, limit=200)
    return render(request, "entities.html", rows=rows, form={"q": q, "type": type}, types=ENTITY_TYPES)


@router.get("/entity/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    t = labels_for(request)
    with _store(request) as store:
        try:
            profile = store.entity(entity_id)
        except StoreError as exc:
            return error_page(request, 404, str(exc))
        events = store.events(entity=entity_id, limit=200)
    events.sort(key=lambda e: (e.day or "", e.event_id))
    chart = histogram_svg(profile.timeline, t.timeline)
    return render(request, "entity.html", profile=profile, events=events, chart=chart)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, type: str = "", entity: str = "", date_from: str = "",
                date_to: str = "") -> HTMLResponse:
    with _store(request) as store:
        rows = store.events(type=type or None, entity=entity or None, date_from=date_from or None,
                            date_to=date_to or None, limit=500)
        types = queries.event_types(store)
    form = {"type": type, "entity": entity, "date_from": date_from, "date_to": date_to}
    return render(request, "events.html", rows=rows, form=form, types=types)


@router.get("/event/{event_id:path}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    with _store(request) as store:
        try:
            summary = store.event(event_id)
        except StoreError as exc:
            return error_page(request, 404, str(exc))
    return render(request, "event.html", event=summary)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, subject: str = "") -> HTMLResponse:
    t = labels_for(request)
    charts: list[tuple[str, Markup, dict[str, str]]] = []
    rows: list[tuple[Any, str]] = []
    with _store(request) as store:
        subjects = store.claim_subjects(min_documents=1, limit=60)
        points = store.claim_series(subject[:500]) if subject.strip() else []
        for p in points:
            where = queries.claim_sentence(store, p.doc_id, p.text, p.sentence)
            rows.append((p, link("/article/", p.doc_id, hl=f"{where[0]}-{where[1]}" if where else None) + "#hl"))
    by_unit: dict[str, list[tuple[Any, str]]] = {}
    for p, href in rows:
        by_unit.setdefault(p.unit or "?", []).append((p, href))
    for unit, items in sorted(by_unit.items(), key=lambda kv: -len(kv[1]))[:4]:
        marks = []
        for p, href in items:
            low = p.min_value if p.value is None else p.value
            high = p.max_value if p.value is None else p.value
            if low is None and high is None:
                continue
            low, high = (low if low is not None else high), (high if high is not None else low)
            tip = (f"{(p.published or '?')[:10]} · {p.outlet or '?'} · {p.attributed_source or t.outlet_voice}"
                   f" · {p.shown_value} {p.unit or ''}\n{p.sentence}")
            bound = "" if p.value is not None or (p.min_value is not None and p.max_value is not None) else (
                "min" if p.min_value is not None else "max")
            marks.append(ChartPoint(p.published, float(low or 0), float(high or 0), p.outlet or "?",
                                    bool(p.attributed_source), href, tip, bound))
        if marks:
            charts.append((unit, claims_svg(marks, f"{t.claims_chart} ({unit})"),
                           outlet_colours([m.outlet for m in marks])))
    return render(request, "claims.html", subjects=subjects, subject=subject, charts=charts, rows=rows)
