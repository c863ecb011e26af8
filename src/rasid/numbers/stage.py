"""The ``quantities`` stage: quantities of the text as a span layer."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from rasid import lang
from rasid.document import Document, Span
from rasid.numbers.quantities import find_quantities
from rasid.pipeline import register


@lru_cache(maxsize=16)  # looked up once per process, not once per document
def _supported(language: str) -> bool:
    try:
        return bool(lang.data_path(language, "units.yaml").is_file())
    except (ModuleNotFoundError, FileNotFoundError, ValueError):
        return False


@register("quantities")
class QuantityStage:
    """Numbers with their unit, bounds and approximation; a quantity never crosses a sentence."""

    name = "quantities"
    version = "1"
    requires: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("quantities",)

    def __call__(self, doc: Document) -> Document:
        if not _supported(doc.language):
            doc.set_layer("quantities", [])
            return doc
        sentences = doc.layer("sentences")
        starts = [s.start for s in sentences]
        spans: list[Span] = []
        for q in find_quantities(doc.text, doc.language):
            if sentences:
                k = bisect_right(starts, q.start) - 1
                if k < 0 or q.end > sentences[k].end:
                    continue
            spans.append(Span(q.start, q.end, q.attrs))
        doc.set_layer("quantities", spans)
        return doc
