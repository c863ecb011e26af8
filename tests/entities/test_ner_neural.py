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
    with pytest.raises(UserError, match="rasid train ner --model accurate"):
        NerTagger(tmp_path, "accurate")


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


def test_networks_stepped_together_give_each_network_its_own_probabilities(tmp_path: Path) -> None:
    from rasid.entities.embeddings import load_embeddings
    from rasid.entities.features import analyse
    from rasid.entities.lexicon import load_lexicon
    from rasid.entities.neural import NeuralModel, encode, joint_log_probs

    model_dir = default_model_dir()
    with np.load(model_dir / "neural.npz", allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    rng = np.random.default_rng(1)
    for key in ("fw_hh", "bw_ih", "out_w"):  # a second, different network
        arrays[key] = arrays[key] + rng.normal(0, 0.2, arrays[key].shape).astype(np.float32)
    np.savez(tmp_path / "other.npz", **arrays)
    emb, lex = load_embeddings(model_dir), load_lexicon(model_dir)
    first, second = NeuralModel(model_dir / "neural.npz", emb), NeuralModel(tmp_path / "other.npz", emb)
    sentences = [["قال", "الرئيس", "جورج", "بوش", "في", "واشنطن"], [], ["وصل", "بوتين", "إلى", "بكين"]]
    encoded = [encode([analyse(t, lex) for t in s], lex, emb, first.char_index,
                      np.full((len(s), len(LABELS)), 1 / len(LABELS)), None, first.train_index)
               for s in sentences]
    together = joint_log_probs([first, second], [encoded, encoded])
    for net, got in zip((first, second), together, strict=True):
        alone = net.log_probs(encoded)
        assert [len(x) for x in got] == [6, 0, 4]
        for a, b in zip(alone, got, strict=True):
            assert a.shape == b.shape and np.allclose(a, b, atol=1e-5)
    assert np.abs(together[0][0] - together[1][0]).max() > 1e-3
