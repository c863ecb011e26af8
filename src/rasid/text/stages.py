"""The text stages: boilerplate/headings, paragraphs, sentences, tokens."""

from __future__ import annotations

from rasid.document import Document, Span
from rasid.pipeline import register
from rasid.text.segment import boilerplate_and_headings, paragraphs, split_sentences
from rasid.text.tokens import tokenize


@register("boilerplate")
class BoilerplateStage:
    name = "boilerplate"
    version = "2"  # 2: line-level furniture (related-article titles, teasers, in-line links, heading lines)
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("boilerplate", "headings")

    def __call__(self, doc: Document) -> Document:
        boiler, heads = boilerplate_and_headings(doc.text, doc.language)
        doc.set_layer("boilerplate", boiler)
        doc.set_layer("headings", heads)
        return doc


@register("paragraphs")
class ParagraphStage:
    name = "paragraphs"
    version = "1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("paragraphs",)

    def __call__(self, doc: Document) -> Document:
        doc.set_layer("paragraphs", paragraphs(doc.text))
        return doc


@register("sentences")
class SentenceStage:
    name = "sentences"
    version = "1"
    requires: tuple[str, ...] = ("paragraphs",)
    assigns: tuple[str, ...] = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        spans: list[Span] = []
        for para in doc.layer("paragraphs"):
            spans.extend(split_sentences(doc.text, para.start, para.end))
        doc.set_layer("sentences", spans)
        return doc


@register("tokens")
class TokenStage:
    name = "tokens"
    version = "1"
    requires: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("tokens",)

    def __call__(self, doc: Document) -> Document:
        spans: list[Span] = []
        for sent in doc.layer("sentences"):
            spans.extend(tokenize(doc.text, sent.start, sent.end, doc.language))
        doc.set_layer("tokens", spans)
        return doc
