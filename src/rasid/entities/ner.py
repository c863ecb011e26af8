"""The ``ner`` stage: tag the tokens of each sentence and fill the ``entities`` layer.

An entity span starts after the proclitics attached to its first word («لكوريا الشمالية» →
«كوريا الشمالية», «وموسكو» → «موسكو») and carries ``type`` (PER/LOC/ORG/MISC) and ``score`` (the
mean probability of its tokens' labels).  ``mode`` picks the model: ``crf``, ``neural``,
``ensemble`` or the slower ``accurate`` (see :mod:`rasid.entities.tagger`); without one, the
``RASID_NER_MODE`` environment variable, else ``ensemble``.
"""

from __future__ import annotations

import os
from bisect import bisect_left

from rasid.document import Document, Span
from rasid.entities.conll import entity_spans
from rasid.entities.lexicon import fold
from rasid.entities.tagger import DEFAULT_MODE, NerTagger, load_tagger
from rasid.pipeline import register

MODE_VARIABLE = "RASID_NER_MODE"


def peel_offset(token: str, cut: int) -> int:
    """Original characters to skip so that ``cut`` folded letters are left out (marks included)."""
    if cut <= 0:
        return 0
    seen = 0
    for i, ch in enumerate(token):
        if fold(ch):
            seen += 1
        if seen == cut:
            j = i + 1
            while j < len(token) and not fold(token[j]):
                j += 1
            return j if j < len(token) else 0
    return 0


def entity_start(token: Span, word: str, tagger: NerTagger) -> int:
    """Where a name starting in ``token`` begins: after its proclitics.  The tokens layer's
    ``stem`` is used when it and the tagger's lexicon agree that proclitics are attached."""
    cut = tagger.lexicon.analyse(fold(word))[2] if token.attrs.get("kind", "ar") == "ar" else 0
    if cut <= 0:
        return token.start
    stem = token.attrs.get("stem")
    if token.attrs.get("proclitics") and isinstance(stem, (list, tuple)) and token.start < stem[0] < token.end:
        return int(stem[0])
    return token.start + peel_offset(word, cut)


def sentence_token_groups(doc: Document) -> list[list[Span]]:
    """The tokens of each sentence (tokens outside every sentence form their own groups)."""
    tokens = doc.layer("tokens")
    sentences = doc.layer("sentences")
    if not sentences:
        return [tokens] if tokens else []
    starts = [t.start for t in tokens]
    groups: list[list[Span]] = []
    for sent in sentences:
        i = bisect_left(starts, sent.start)
        group = []
        while i < len(tokens) and tokens[i].start < sent.end:
            group.append(tokens[i])
            i += 1
        if group:
            groups.append(group)
    return groups


def tag_document(doc: Document, tagger: NerTagger) -> list[Span]:
    spans: list[Span] = []
    groups = sentence_token_groups(doc)
    sentences = [[doc.text[t.start:t.end] for t in group] for group in groups]
    for group, words, tagged in zip(groups, sentences, tagger.tag(sentences), strict=True):
        for start, end, kind in entity_spans(tagged.tags):
            begin = entity_start(group[start], words[start], tagger)
            score = sum(tagged.scores[start:end]) / (end - start)
            spans.append(Span(begin, group[end - 1].end, {"type": kind, "score": round(score, 3)}))
    return spans


@register("ner")
class NerStage:
    name = "ner"
    version = "1"
    requires: tuple[str, ...] = ("tokens", "sentences")
    assigns: tuple[str, ...] = ("entities",)

    def __init__(self, model_dir: str | None = None, mode: str | None = None) -> None:
        self.tagger = load_tagger(model_dir, mode or os.environ.get(MODE_VARIABLE) or DEFAULT_MODE)
        self.version = f"1+model-{self.tagger.version}"

    def __call__(self, doc: Document) -> Document:
        doc.set_layer("entities", tag_document(doc, self.tagger))
        return doc
