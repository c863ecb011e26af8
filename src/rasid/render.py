"""Terminal rendering of an analysed document (rich): highlighted text plus tables of facts."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from rasid.document import Document

STYLES: dict[str, str] = {
    "PER": "bold magenta",
    "ORG": "bold cyan",
    "LOC": "bold green",
    "MISC": "bold yellow",
    "times": "underline blue",
    "quantities": "bold red",
    "quotes": "italic",
    "boilerplate": "dim strike",
    "headings": "bold underline",
}


def _style_for(layer: str, attrs: dict[str, Any]) -> str:
    if layer == "entities":
        return STYLES.get(str(attrs.get("type")), "bold")
    return STYLES.get(layer, "")


def highlighted_text(doc: Document) -> Text:
    text = Text(doc.text)
    for layer in ("boilerplate", "headings", "quotes", "times", "quantities", "entities"):
        for span in doc.layer(layer):
            style = _style_for(layer, span.attrs)
            if style and span.end > span.start:
                text.stylize(style, span.start, span.end)
    return text


def _table(title: str, columns: list[str], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    return table


def _fmt(value: Any) -> str:
    return "" if value is None else str(value)


def fact_tables(doc: Document, visual: bool = False) -> list[Table]:
    data = doc.to_dict()
    if visual:
        from rasid.bidi_text import visual_line

        def _v(value: str) -> str:
            return visual_line(Text(value)).plain
    else:
        def _v(value: str) -> str:
            return value
    tables: list[Table] = []
    if data["entities"]:
        tables.append(_table("Entities", ["text", "type", "canonical", "id"], [
            [_v(e["text"]), _fmt(e.get("type")), _fmt(e.get("canonical")), _fmt(e.get("entity_id"))]
            for e in data["entities"]]))
    if data["times"]:
        tables.append(_table("Times", ["text", "value", "grain"], [
            [_v(t["text"]), _fmt(t.get("value")), _fmt(t.get("grain"))] for t in data["times"]]))
    if data["quantities"]:
        tables.append(_table("Quantities", ["text", "value", "unit"], [
            [_v(q["text"]),
             _fmt(q.get("value")) if "value" in q else f"{_fmt(q.get('min'))}–{_fmt(q.get('max'))}",
             _fmt(q.get("unit"))] for q in data["quantities"]]))
    if data["events"]:
        tables.append(_table("Events", ["trigger", "type", "actor", "target", "modality", "source"], [
            [_v(e["trigger"]["text"]), _fmt(e.get("type")), _fmt(e.get("actor")), _fmt(e.get("target")),
             _fmt(e.get("modality")), _fmt(e.get("source"))] for e in data["events"]]))
    if data["attributions"]:
        tables.append(_table("Attributions", ["source", "cue", "claim"], [
            [_v(a["source"]["text"]), _v(a["cue"]["text"]), _v(a["claim"]["text"][:60])] for a in data["attributions"]]))
    if data["quotes"]:
        tables.append(_table("Quotes", ["quote", "speaker"], [
            [_v(q["text"]), _fmt(q.get("speaker"))] for q in data["quotes"]]))
    return tables


def render(doc: Document, console: Console, visual: bool = False) -> None:
    """Print the article with its spans highlighted, then tables of facts.

    ``visual`` reorders Arabic for terminals without bidirectional support (see rasid.bidi_text)."""
    header = Text()
    if doc.title:
        header.append(doc.title + "\n", style="bold")
    meta = " · ".join(x for x in (doc.source, doc.published.isoformat() if doc.published else None, doc.id) if x)
    header.append(meta, style="dim")
    legend = Text("  ".join(f"[{k}]" for k in ("PER", "ORG", "LOC", "MISC")), style="dim")
    for key in ("PER", "ORG", "LOC", "MISC"):
        start = legend.plain.index(f"[{key}]")
        legend.stylize(STYLES[key], start, start + len(key) + 2)
    body = highlighted_text(doc)
    if visual:
        from rasid.bidi_text import visual_lines

        width = max(40, console.width - 2)
        lines = visual_lines(body, width)
        body = Text("\n").join(Text(" " * max(0, width - len(line))) + line for line in lines)
    console.print(Group(header, legend, Text(""), body, Text("")))
    for table in fact_tables(doc, visual):
        console.print(table)
