"""The NER model, loaded once per process: a CRF over :mod:`rasid.entities.features`, the neural
tagger of :mod:`rasid.entities.neural`, or both averaged (``mode``: ``crf``, ``neural``, ``ensemble``);
``accurate`` runs a network that also reads each word's multilingual-e5-small state besides the CRF's
marginals (:mod:`rasid.entities.e5`; about 20x slower, opt-in).

``NerTagger.tag(sentences)`` takes token strings and returns IOB2 tags with a confidence per token;
it knows nothing about Documents (the ``ner`` stage in :mod:`rasid.entities.ner` maps offsets).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from rasid.entities import consistency
from rasid.entities.embeddings import load_embeddings
from rasid.entities.features import TokenInfo, analyse, sentence_features
from rasid.entities.lexicon import Lexicon, load_lexicon
from rasid.entities.neural import LABELS, NEURAL_FILE, Encoded, NeuralModel, encode, joint_log_probs, viterbi
from rasid.errors import UserError

MODEL_FILE = "model.crfsuite"
MANIFEST_FILE = "MANIFEST.json"
PROPAGATED_SCORE = 0.5  # confidence given to a name tagged by document-level consistency
MAX_SENTENCE_TOKENS = 400  # longer "sentences" are tagged in overlapping-free chunks (linear time)
MODES: tuple[str, ...] = ("crf", "neural", "ensemble", "accurate")
ACCURATE_FILE = "accurate.npz"  # the contextual network of the ``accurate`` mode
DEFAULT_MODE = "ensemble"
ENSEMBLE_WEIGHT = 0.7  # weight of the neural probabilities in the ensemble (tuned on dev)
ACCURATE_WEIGHT = 1.0  # the accurate network alone (it already reads the CRF marginals): best mean of two dev folds
QUOTED_NAMES = True  # extend a name that opens a short quoted stretch to the closing quote
BATCH_SENTENCES = 32  # sentences run through the neural network together


def default_model_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "models" / "ner"


@dataclass
class Tagged:
    tags: list[str]
    scores: list[float]


def crf_label_probs(crf: pycrfsuite.Tagger, lexicon: Lexicon, tokens: list[str],
                    infos: list[TokenInfo] | None = None) -> tuple[Tagged, np.ndarray]:
    """CRF tags with their marginals, and the marginal of every label (columns: ``LABELS``) at every
    token.  Marginals refer to the last sequence tagged, so they are read at once."""
    labels = list(crf.tag(sentence_features(tokens, lexicon, infos=infos)))
    tagged = Tagged(labels, [crf.marginal(lab, i) if lab != "O" else 1.0 for i, lab in enumerate(labels)])
    probs = np.zeros((len(tokens), len(LABELS)), dtype=np.float32)
    known = set(crf.labels())
    columns = [(col, lab) for col, lab in enumerate(LABELS) if lab in known]
    for i in range(len(tokens)):
        for col, lab in columns:
            probs[i, col] = crf.marginal(lab, i)
    return tagged, probs


def network_files(model_dir: Path) -> list[Path]:
    """``neural.npz`` and the networks trained beside it with other seeds (``neural-2.npz``, …)."""
    extra = sorted(model_dir.glob("neural-*.npz"), key=lambda p: (len(p.name), p.name))
    return [model_dir / NEURAL_FILE, *extra]


class NerTagger:
    def __init__(self, model_dir: Path, mode: str = DEFAULT_MODE) -> None:
        if mode not in MODES:
            raise UserError(f"unknown NER mode {mode!r}; choose one of {', '.join(MODES)}")
        path = model_dir / MODEL_FILE
        if not path.exists():
            raise UserError(f"no NER model at {path}; build it with 'rasid train ner'")
        self.model_dir = model_dir
        self.mode = mode
        self.lexicon: Lexicon = load_lexicon(model_dir)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        manifest = model_dir / MANIFEST_FILE
        self.manifest = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
        self.neural: NeuralModel | None = None
        self.networks: list[NeuralModel] = []  # the first is ``neural``; their probabilities are averaged
        self.e5: Any = None
        self.e5_layers: tuple[int, int] = (0, 0)
        if mode != "crf":
            files = [model_dir / ACCURATE_FILE] if mode == "accurate" else network_files(model_dir)
            if not files[0].exists():
                raise UserError(f"no neural NER model at {files[0]}; "
                                f"build it with 'rasid train ner --model {'accurate' if mode == 'accurate' else 'neural'}'")
            emb = load_embeddings(model_dir)
            self.networks = [NeuralModel(path, emb) for path in files]
            self.neural = self.networks[0]
            if any(net.context_dim for net in self.networks):
                from rasid.entities.e5 import E5Encoder

                self.e5 = E5Encoder()
                # the encoder layers the contextual network (the accurate mode's) was trained on
                self.e5_layers = next(net.context_layers for net in self.networks if net.context_dim)

    @property
    def version(self) -> str:
        return f"{self.manifest.get('version', 'unversioned')}-{self.mode}"

    def _crf(self, tokens: list[str], infos: list[TokenInfo] | None = None) -> tuple[Tagged, np.ndarray | None]:
        """CRF tags with their marginals and (outside ``crf`` mode) every label's marginal."""
        if self.mode != "crf":
            return crf_label_probs(self._tagger, self.lexicon, tokens, infos)
        labels = list(self._tagger.tag(sentence_features(tokens, self.lexicon)))
        return Tagged(labels, [self._tagger.marginal(lab, i) if lab != "O" else 1.0
                               for i, lab in enumerate(labels)]), None

    def _tag_chunks(self, chunks: list[list[str]]) -> list[Tagged]:
        """Tag sentences of at most ``MAX_SENTENCE_TOKENS`` tokens (batched by length for the network)."""
        order = sorted(range(len(chunks)), key=lambda k: len(chunks[k])) if self.neural else range(len(chunks))
        results: list[Tagged] = []
        ordered = [chunks[k] for k in order]
        for first in range(0, len(ordered), BATCH_SENTENCES):
            self._tag_batch(ordered[first:first + BATCH_SENTENCES], results)
        out = [Tagged([], [])] * len(chunks)
        for k, tagged in zip(order, results, strict=True):
            out[k] = tagged
        return out

    def _tag_batch(self, batch: list[list[str]], out: list[Tagged]) -> None:
        """Tag one batch of sentences, appending to ``out``."""
        if self.neural is None:
            out.extend(self._crf(tokens)[0] for tokens in batch)
            return
        infos = [[analyse(t, self.lexicon) for t in tokens] for tokens in batch]
        use_crf = self.mode != "neural" or self.neural.stacked
        crf = [self._crf(tokens, info) if use_crf else (Tagged([], []), None)
               for tokens, info in zip(batch, infos, strict=True)]
        inputs: list[list[Encoded]] = []
        first = self.networks[0]
        context = None
        if self.e5 is not None:
            context = self.e5.word_states_batch(batch, self.e5_layers)
        for k, net in enumerate(self.networks):
            if k and net.char_index == first.char_index and net.train_index == first.train_index \
                    and net.context_dim == first.context_dim:
                inputs.append(inputs[0])  # same inputs: encode once
                continue
            inputs.append([encode(info, self.lexicon, net.emb, net.char_index,
                                  crf_probs if net.stacked else None, net.cache, net.train_index,
                                  context[row] if context is not None and net.context_dim else None)
                           for row, (info, (_, crf_probs)) in enumerate(zip(infos, crf, strict=True))])
        with first.single_thread():
            network_logp = joint_log_probs(self.networks, inputs)
        for row, (_, crf_probs) in enumerate(crf):
            probs = np.mean(np.exp(np.stack([logp[row] for logp in network_logp])), axis=0)
            if crf_probs is not None and self.mode in ("ensemble", "accurate"):
                weight = ACCURATE_WEIGHT if self.mode == "accurate" else ENSEMBLE_WEIGHT
                probs = weight * probs + (1 - weight) * crf_probs
            path = viterbi(np.log(probs + 1e-9))
            out.append(Tagged([LABELS[k] for k in path],
                              [float(probs[i, k]) if k else 1.0 for i, k in enumerate(path)]))

    def tag_sentences(self, sentences: list[list[str]]) -> list[Tagged]:
        """Tag each sentence on its own (a long one in chunks of ``MAX_SENTENCE_TOKENS``)."""
        chunks: list[list[str]] = []
        owners: list[int] = []
        for k, tokens in enumerate(sentences):
            for start in range(0, len(tokens), MAX_SENTENCE_TOKENS):
                chunks.append(tokens[start:start + MAX_SENTENCE_TOKENS])
                owners.append(k)
        merged = [Tagged([], []) for _ in sentences]
        for owner, part in zip(owners, self._tag_chunks(chunks), strict=True):
            merged[owner].tags.extend(part.tags)
            merged[owner].scores.extend(part.scores)
        return merged

    def tag_sentence(self, tokens: list[str]) -> Tagged:
        return self.tag_sentences([tokens])[0]

    def tag(self, sentences: list[list[str]], document: bool = True) -> list[Tagged]:
        """Tag the sentences of one document; ``document`` adds the document-level decisions
        of :mod:`rasid.entities.consistency` (a name tagged once is tagged everywhere)."""
        tagged = self.tag_sentences(sentences)
        if not document:
            return tagged
        infos = [[analyse(t, self.lexicon) for t in s] for s in sentences]
        for info, result in zip(infos, tagged, strict=True):
            consistency.join_split_names(info, result.tags, self.lexicon.names)
            consistency.latin_after_trigger(info, result.tags)
            if QUOTED_NAMES:
                consistency.extend_to_quotes(info, result.tags)
        names = consistency.known_names(infos, [t.tags for t in tagged], [t.scores for t in tagged])
        if names:
            longest = max(len(k) for k in names)
            for info, result in zip(infos, tagged, strict=True):
                before = list(result.tags)
                consistency.split_coordinated(info, result.tags, names)
                consistency.retype(info, result.tags, names)
                consistency.propagate(info, result.tags, names, longest)
                for i, (old, new) in enumerate(zip(before, result.tags, strict=True)):
                    if old != new:
                        result.scores[i] = PROPAGATED_SCORE
        return tagged


@lru_cache(maxsize=4)
def load_tagger(model_dir: str | None = None, mode: str = DEFAULT_MODE) -> NerTagger:
    """The tagger for ``model_dir`` (default: the shipped model), loaded once per process."""
    return NerTagger(Path(model_dir) if model_dir else default_model_dir(), mode)
