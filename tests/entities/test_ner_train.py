"""Training is deterministic: the same data and seed give byte-identical artefacts."""

from __future__ import annotations

from pathlib import Path

from rasid.entities.tagger import NerTagger
from rasid.entities.train import train_ner


def test_training_twice_on_a_slice_gives_the_same_model(shared_dir: Path, tmp_path: Path) -> None:
    first = train_ner(shared_dir, tmp_path / "a", news_limit=150, train_limit=150)
    second = train_ner(shared_dir, tmp_path / "b", news_limit=150, train_limit=150)
    assert first["sha256"] == second["sha256"]
    assert first["training_sentences"] == 150
    # the slice model is a working tagger
    tagged = NerTagger(tmp_path / "a").tag_sentence(["قال", "الرئيس", "جورج", "بوش", "في", "واشنطن"])
    assert len(tagged.tags) == 6
