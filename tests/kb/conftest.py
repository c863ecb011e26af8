from __future__ import annotations

import pytest

from rasid.document import Document, Span
from rasid.kb.link import Linker, default_linker


@pytest.fixture(scope="session")
def linker() -> Linker:
    return default_linker()


def make_doc(text: str, mentions: list[tuple[str, str | None]]) -> Document:
    """A Document whose entities are the given (surface, type) mentions, found left to right."""
    spans, pos = [], 0
    for surface, etype in mentions:
        at = text.index(surface, pos)
        spans.append(Span(at, at + len(surface), {"type": etype}))
        pos = at + len(surface)
    doc = Document(text)
    doc.set_layer("entities", spans)
    return doc
