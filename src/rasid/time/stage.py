"""The ``times`` stage: time expressions of each sentence, resolved against the publication date."""

from __future__ import annotations

from rasid.document import Document, Span
from rasid.pipeline import register
from rasid.time.extract import find_times


@register("times")
class TimeStage:
    """Fills the ``times`` layer: ``value`` (TIMEX3), ``grain``, ``interval_start``,
    ``interval_end`` (exclusive), ``resolved`` (false without a publication date)."""

    name = "times"
    version = "1"
    requires: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("times",)

    def __call__(self, doc: Document) -> Document:
        spans: list[Span] = []
        sentences = doc.layer("sentences") or [Span(0, len(doc.text))]
        for sentence in sentences:
            chunk = doc.text[sentence.start:sentence.end]
            for m in find_times(chunk, doc.published, language=doc.language or "ar"):
                spans.append(Span(sentence.start + m.start, sentence.start + m.end, m.attrs()))
        doc.set_layer("times", spans)
        return doc
