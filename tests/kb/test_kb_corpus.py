"""Every example of lang/ar/corpus/link.yaml: the mention links to the expected canonical name
(or to nothing at all for junk)."""

from __future__ import annotations

from typing import Any

import pytest

from rasid import lang
from rasid.kb.link import Linker, link_mentions

from .conftest import make_doc

EXAMPLES: list[dict[str, Any]] = lang.load("ar", "corpus/link")["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['family']}:{e['text']}" for e in EXAMPLES])
def test_corpus_example(example: dict[str, Any], linker: Linker) -> None:
    doc = link_mentions(make_doc(example["text"], [(example["text"], example["type"])]), linker)
    attrs = doc.layer("entities")[0].attrs
    got = attrs.get("canonical") if attrs.get("link") not in (None, "unknown") else None
    assert got == example["canonical"], attrs


def test_every_variant_family_is_covered() -> None:
    families = {e["family"] for e in EXAMPLES}
    assert {"jgq", "ta_marbuta", "alef_maqsura", "hamza", "long_vowels", "spacing", "article",
            "nationality", "mixed_script", "marks", "junk"} <= families
