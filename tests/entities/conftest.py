from __future__ import annotations

import pytest

from rasid.document import Document
from rasid.entities.ner import NerStage
from rasid.pipeline import Pipeline
from rasid.text.stages import ParagraphStage, SentenceStage, TokenStage


@pytest.fixture(scope="session")
def text_pipeline() -> Pipeline:
    return Pipeline([ParagraphStage(), SentenceStage(), TokenStage()])


@pytest.fixture(scope="session")
def ner_stage() -> NerStage:
    return NerStage()


@pytest.fixture(scope="session")
def analyse(text_pipeline: Pipeline, ner_stage: NerStage):  # type: ignore[no-untyped-def]
    def run(text: str) -> Document:
        return ner_stage(text_pipeline(Document(text)))

    return run
