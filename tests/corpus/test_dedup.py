"""De-duplication on real ANT articles: exact copies and agency near-copies group; others don't."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from rasid.corpus import Store
from rasid.corpus.facts import content_hash
from rasid.document import Document


def test_every_identical_text_group_of_ant_is_found(ant_path: Path) -> None:
    raw: dict[str, set[str]] = defaultdict(set)
    ours: dict[str, set[str]] = defaultdict(set)
    with gzip.open(ant_path, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            raw[hashlib.sha1(r["text"].encode()).hexdigest()].add(r["docno"])
            ours[content_hash(r["text"])].add(r["docno"])
    raw_groups = [g for g in raw.values() if len(g) > 1]
    our_group_of = {d: frozenset(g) for g in ours.values() for d in g}
    assert len(raw_groups) == 1464  # the figure the data's README gives
    assert all(g <= our_group_of[next(iter(g))] for g in raw_groups)


def _long(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    return [r for r in records if len(r["text"].split()) > 250][:n]


def test_agency_copies_with_a_prefix_or_a_trimmed_end_join_the_story(tmp_path: Path, ant_records) -> None:
    base, other, third = _long(ant_records, 3)
    words = base["text"].split(" ")
    variants = {
        "prefix": "(رويترز) - أفادت وكالة أنباء محلية اليوم بما يلي: " + base["text"],
        "trimmed": " ".join(words[: int(len(words) * 0.7)]),
        "edited": base["text"].replace("،", " ،", 5) + "\nتابعونا على تويتر.",
    }
    with Store.open(tmp_path / "s.db") as store:
        store.add(Document(text=base["text"], id="orig", source="alarabia"))
        for name, text in variants.items():
            result = store.add(Document(text=text, id=name, source="sky"))
            assert result.status == "added" and result.story_id == "orig", name
        assert store.add(Document(text=other["text"], id="other", source="bbc")).story_id == "other"
        assert store.add(Document(text=third["text"], id="third", source="bbc")).story_id == "third"
        counts = store.counts()
        assert (counts["documents"], counts["stories"]) == (6, 3)
        assert {m.doc_id for m in store.story("orig")} == {"orig", "prefix", "trimmed", "edited"}


def test_short_texts_are_not_grouped_by_chance(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        a = store.add(Document(text="عاجل: انفجار في بغداد", id="a"))
        b = store.add(Document(text="عاجل: انفجار في كابول", id="b"))
        assert a.story_id == "a" and b.story_id == "b"
