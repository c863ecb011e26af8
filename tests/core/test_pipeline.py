from __future__ import annotations

import pytest

from rasid.document import Document
from rasid.pipeline import PipelineError, build_pipeline, register


def test_missing_requirement_is_named_at_build_time() -> None:
    with pytest.raises(PipelineError, match="'tokens' requires layer 'sentences'"):
        build_pipeline(["tokens"])


def test_unknown_stage_is_named() -> None:
    with pytest.raises(PipelineError, match="unknown stage 'nope'"):
        build_pipeline(["nope"])


def test_pipeline_records_provenance_in_order() -> None:
    pipe = build_pipeline(["paragraphs", "sentences", "tokens"])
    doc = pipe(Document(text="زار لافروف بيونغ يانغ. ثم عاد."))
    assert [p.stage for p in doc.provenance] == ["paragraphs", "sentences", "tokens"]
    assert len(doc.layer("sentences")) == 2


def test_registered_custom_stage_plugs_in() -> None:
    @register("test-upper")
    class Upper:
        name = "test-upper"
        version = "0"
        requires = ("tokens",)
        assigns = ("latin",)

        def __call__(self, doc: Document) -> Document:
            doc.set_layer("latin", [t for t in doc.layer("tokens") if t.attrs["kind"] == "latin"])
            return doc

    doc = build_pipeline(["paragraphs", "sentences", "tokens", "test-upper"])(Document(text="شبكة CNN الأميركية"))
    assert [doc.span_text(s) for s in doc.layer("latin")] == ["CNN"]
    assert "latin" in doc.to_dict()


def test_validation_checks_names_and_requirements_without_loading_models() -> None:
    from rasid.pipeline import validate_pipeline

    built: list[str] = []

    @register("test-heavy")
    class Heavy:
        name = "test-heavy"
        version = "0"
        requires = ("tokens",)
        assigns = ("heavy",)

        def __init__(self) -> None:
            built.append("loaded a model")

        def __call__(self, doc: Document) -> Document:
            return doc

    assert validate_pipeline(["paragraphs", "sentences", "tokens", "test-heavy"])[-1] == "test-heavy"
    with pytest.raises(PipelineError, match="'test-heavy' requires layer 'tokens'"):
        validate_pipeline(["test-heavy"])
    assert built == []
