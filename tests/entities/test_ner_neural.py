"""The neural tagger's pieces: IOB2-valid decoding, inputs, and mode selection."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rasid.entities.neural import LABELS, viterbi
from rasid.entities.tagger import NerTagger, default_model_dir
from rasid.errors import UserError


def test_viterbi_never_starts_a_name_with_an_inside_tag() -> None:
    rng = np.random.default_rng(0)
    for _ in range(50):
        logp = np.log(rng.dirichlet(np.ones(len(LABELS)), size=12))
        tags = [LABELS[k] for k in viterbi(logp)]
        for prev, cur in zip(["O", *tags], tags, strict=False):
            if cur.startswith("I-"):
                assert prev[2:] == cur[2:], tags


def test_viterbi_follows_clear_evidence() -> None:
    want = ["O", "B-PER", "I-PER", "O", "B-LOC"]
    logp = np.full((len(want), len(LABELS)), np.log(0.01))
    for t, lab in enumerate(want):
        logp[t, LABELS.index(lab)] = np.log(0.9)
    assert [LABELS[k] for k in viterbi(logp)] == want
    assert viterbi(np.zeros((0, len(LABELS)))) == []


def test_unknown_mode_and_missing_network_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="unknown NER mode"):
        NerTagger(default_model_dir(), "transformer")
    (tmp_path / "model.crfsuite").write_bytes((default_model_dir() / "model.crfsuite").read_bytes())
    with pytest.raises(UserError, match="rasid train ner --model neural"):
        NerTagger(tmp_path, "neural")


@pytest.mark.parametrize(
    ("tokens", "tags", "expected"),
    [
        (["اجتماع", "“", "منظمة", "شنغهاي", "للتعاون", "”", "المقرر"],
         ["O", "O", "B-ORG", "I-ORG", "O", "O", "O"],
         ["O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]),
        # a long quotation that starts with a name is not a name
        (['"', "بوتين", "قال", "إن", "الوضع", "صعب", "جدا", "اليوم", '"'],
         ["O", "B-PER"] + ["O"] * 7, ["O", "B-PER"] + ["O"] * 7),
        # no closing quote, or the name already reaches it: unchanged
        (["«", "موسكو", "ترد"], ["O", "B-LOC", "O"], ["O", "B-LOC", "O"]),
        (["«", "موسكو", "»"], ["O", "B-LOC", "O"], ["O", "B-LOC", "O"]),
    ],
)
def test_a_name_opening_a_short_quote_extends_to_the_closing_quote(tokens: list[str], tags: list[str],
                                                                    expected: list[str]) -> None:
    from rasid.entities.consistency import extend_to_quotes
    from rasid.entities.features import analyse
    from rasid.entities.lexicon import Lexicon

    infos = [analyse(t, Lexicon()) for t in tokens]
    extend_to_quotes(infos, tags)
    assert tags == expected
