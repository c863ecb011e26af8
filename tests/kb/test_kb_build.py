from __future__ import annotations

import json
from pathlib import Path

from rasid.kb import KB_DIR
from rasid.kb.build import build_kb
from rasid.kb.index import KnowledgeBase


def test_build_kb_reproduces_the_shipped_kb(shared_dir: Path, tmp_path: Path) -> None:
    manifest = build_kb(shared_dir, tmp_path)
    shipped = json.loads((KB_DIR / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["files"] == shipped["files"]
    assert manifest["entities"] == shipped["entities"] > 50_000


def test_shipped_kb_matches_its_checksums() -> None:
    kb = KnowledgeBase(KB_DIR, verify=True)
    assert len(kb) == kb.manifest["entities"]
    assert kb.alias_count > len(kb)


def test_kb_has_curated_actors_with_certain_wikidata_only() -> None:
    kb = KnowledgeBase(KB_DIR)
    putin = kb.lookup("S", "فلاديمير بوتين")[0]
    assert (putin.canonical, putin.wikidata, putin.type) == ("Vladimir Putin", "Q7747", "PER")
    lavrov = kb.lookup("S", "سيرجي لافروف")[0]
    assert lavrov.wikidata == ""  # not certain, so left out


def test_missing_kb_is_a_user_error(tmp_path: Path) -> None:
    import pytest

    from rasid.errors import UserError

    with pytest.raises(UserError, match="build-kb"):
        KnowledgeBase(tmp_path)
