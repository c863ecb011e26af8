from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import jsonschema
import pytest

from rasid.document import Document, DocumentError, Span, SpanRef


def test_json_round_trip_keeps_layers_relations_and_provenance() -> None:
    doc = Document(text="قال لافروف إن الزيارة مهمة", published="2025-07-11", title="عنوان", source="cnn")
    doc.set_layer("entities", [Span(4, 10, {"type": "PER", "canonical": "Sergey Lavrov"})])
    doc.set_layer("quotes", [Span(14, 26, {"speaker": "Sergey Lavrov"})])
    doc.add_relation("speaker", SpanRef("quotes", 0), SpanRef("entities", 0))
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    again = Document.from_dict(data)
    assert again.to_dict() == doc.to_dict()
    assert again.layer("entities")[0].attrs["canonical"] == "Sergey Lavrov"
    assert again.relations[0].tail == SpanRef("entities", 0)
    assert data["schema_version"].startswith("1.")
    assert data["entities"][0]["text"] == "لافروف"


def test_published_keeps_timezone() -> None:
    doc = Document(text="نص", published="2025-07-11T09:30:00+03:00")
    assert doc.published is not None
    assert doc.published.utcoffset() == dt.timedelta(hours=3)
    assert Document.from_dict(doc.to_dict()).published == doc.published


def test_span_outside_text_is_refused() -> None:
    doc = Document(text="نص قصير")
    with pytest.raises(DocumentError, match="outside the text"):
        doc.set_layer("entities", [Span(3, 99, {"type": "LOC"})])


def test_span_text_mismatch_is_refused_on_load() -> None:
    data = Document(text="كوريا الشمالية").to_dict()
    data["entities"] = [{"start": 0, "end": 5, "text": "روسيا", "type": "LOC"}]
    with pytest.raises(DocumentError, match="does not match"):
        Document.from_dict(data)


def test_unknown_major_schema_version_is_refused() -> None:
    data = Document(text="نص").to_dict()
    data["schema_version"] = "9.0"
    with pytest.raises(DocumentError, match="schema_version"):
        Document.from_dict(data)


def test_export_validates_against_published_schema() -> None:
    schema = json.loads(resources.files("rasid").joinpath("schema", "document.schema.json").read_text("utf-8"))
    doc = Document(text="زار لافروف بيونغ يانغ", published="2025-07-11")
    doc.set_layer("entities", [Span(4, 10, {"type": "PER"})])
    doc.set_layer("events", [Span(0, 3, {"type": "CONSULT", "modality": "asserted", "actor": "Sergey Lavrov"})])
    jsonschema.validate(doc.to_dict(), schema)
    bad = doc.to_dict()
    bad["entities"][0]["type"] = "PERSON"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
