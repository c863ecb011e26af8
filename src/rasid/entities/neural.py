"""The neural NER tagger, run in numpy: news word embeddings + a character CNN + lexicon features,
a bidirectional LSTM, and a softmax over IOB2 labels decoded by a constrained Viterbi.

Trained with torch by :mod:`rasid.entities.train_neural` (torch is needed for training only); the
weights ship as ``neural.npz`` next to the CRF.  :func:`encode` is shared by training and inference so
the two always see the same inputs.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rasid.entities.embeddings import Embeddings
from rasid.entities.features import TokenInfo, affixes, gazetteer_tags
from rasid.entities.lexicon import Lexicon, log_bucket, triggers

NEURAL_FILE = "neural.npz"
LABELS: tuple[str, ...] = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_CHARS = 16
SHAPES = ("ar", "LU", "Lc", "Ll", "N", "Nx", "P", "other")
GAZETTEER_KINDS = ("COUNTRY", "CITY", "PLACE")
TRIGGER_KINDS = ("person", "person_inside", "organization", "location")
N_FEATURES = len(SHAPES) + 3 + 2 * len(GAZETTEER_KINDS) + 6 + 7 + len(TRIGGER_KINDS) + 1


def _shape_slot(info: TokenInfo) -> int:
    if info.kind == "latin":
        return 1 if info.raw.isupper() else (2 if info.raw[:1].isupper() else 3)
    if info.kind == "num":
        return 4 if info.raw.isdigit() else 5
    if info.kind == "punct":
        return 6
    return 0 if info.kind == "ar" else 7


@dataclass
class Encoded:
    words: np.ndarray  # [n] embedding rows
    known: np.ndarray  # [n] rows of the embeddings learned on the training words (0 = none)
    chars: np.ndarray  # [n, MAX_CHARS] character ids (0 = padding)
    feats: np.ndarray  # [n, N_FEATURES] float32


_GAZ_COLUMN = len(SHAPES) + 3
ENCODE_CACHE_SIZE = 50_000  # distinct tokens (about 30 MB at most)
TokenInputs = tuple[int, int, np.ndarray, np.ndarray]  # embedding row, training-word row, chars, features


def _token_inputs(info: TokenInfo, lex: Lexicon, emb: Embeddings, char_index: dict[str, int],
                  train_index: dict[str, int]) -> TokenInputs:
    """What a token contributes by itself (everything but the gazetteer match, which needs context)."""
    word = emb.lookup(info.stem, info.key, info.bare)
    known = train_index.get(info.stem, 0)
    chars = np.zeros(MAX_CHARS, dtype=np.int64)
    unknown_char = len(char_index) + 1
    for c, ch in enumerate(info.key[:MAX_CHARS]):
        chars[c] = char_index.get(ch, unknown_char)
    row = np.zeros(N_FEATURES, dtype=np.float32)
    row[_shape_slot(info)] = 1.0
    k = len(SHAPES)
    row[k] = 1.0 if info.proclitics else 0.0
    row[k + 1] = 1.0 if info.stem != info.bare else 0.0
    row[k + 2] = 1.0 if word != emb.unknown else 0.0
    k += 3 + 2 * len(GAZETTEER_KINDS)
    per = lex.person_words.get(info.stem) or lex.person_words.get(info.bare)
    if per:
        row[k + min(5, log_bucket(per) - 1)] = 1.0
    k += 6
    row[k + log_bucket(lex.count(info.stem))] = 1.0
    k += 7
    trig = triggers()
    for j, kind in enumerate(TRIGGER_KINDS):
        if info.stem in trig.get(kind, ()):
            row[k + j] = 1.0
    k += len(TRIGGER_KINDS)
    bare = info.bare
    if any(bare.endswith(e) and len(bare) > len(e) + 2 for e in affixes().adjective_endings):
        row[k] = 1.0
    return word, known, chars, row


def encode(infos: list[TokenInfo], lex: Lexicon, emb: Embeddings, char_index: dict[str, int],
           crf_probs: np.ndarray | None = None, cache: dict[str, TokenInputs] | None = None,
           train_index: dict[str, int] | None = None, context: np.ndarray | None = None) -> Encoded:
    """The inputs of one sentence: word rows, character ids and lexicon/shape features (followed,
    for a stacked model, by the CRF's label marginals ``[n, labels]``, and for a contextual model by
    each word's transformer state ``[n, d]``).  ``cache`` keeps each distinct token's own inputs
    between calls."""
    n = len(infos)
    cache = {} if cache is None else cache
    if len(cache) > ENCODE_CACHE_SIZE:
        cache.clear()
    parts = []
    for info in infos:
        got = cache.get(info.raw)
        if got is None:
            got = cache[info.raw] = _token_inputs(info, lex, emb, char_index, train_index or {})
        parts.append(got)
    words = np.fromiter((p[0] for p in parts), dtype=np.int64, count=n)
    known = np.fromiter((p[1] for p in parts), dtype=np.int64, count=n)
    chars = np.stack([p[2] for p in parts]) if n else np.zeros((0, MAX_CHARS), dtype=np.int64)
    feats = np.stack([p[3] for p in parts]) if n else np.zeros((0, N_FEATURES), dtype=np.float32)
    for t, tag in enumerate(gazetteer_tags(infos, lex)):
        if tag:
            slot = GAZETTEER_KINDS.index(tag[2:]) if tag[2:] in GAZETTEER_KINDS else 0
            feats[t, _GAZ_COLUMN + 2 * slot + (0 if tag[0] == "B" else 1)] = 1.0
    if crf_probs is not None:
        feats = np.concatenate([feats, crf_probs.astype(np.float32)], axis=1)
    if context is not None:
        feats = np.concatenate([feats, context.astype(np.float32)], axis=1)
    return Encoded(words, known, chars, feats)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def allowed_transitions() -> np.ndarray:
    """``allowed[prev, cur]``: IOB2 forbids I-X after anything but B-X / I-X."""
    n = len(LABELS)
    allowed = np.ones((n, n), dtype=bool)
    for cur, label in enumerate(LABELS):
        if label.startswith("I-"):
            for prev, other in enumerate(LABELS):
                allowed[prev, cur] = other[2:] == label[2:]
    return allowed


_ALLOWED = allowed_transitions()
_TRANSITION_PENALTY = np.where(_ALLOWED, 0.0, -1e4)
_START_PENALTY = np.array([-1e4 if label.startswith("I-") else 0.0 for label in LABELS])


def viterbi(log_probs: np.ndarray) -> list[int]:
    """The best IOB2-valid label sequence for per-token log-probabilities ``[n, labels]``."""
    n = len(log_probs)
    if n == 0:
        return []
    score = log_probs[0] + _START_PENALTY
    back = np.zeros((n, log_probs.shape[1]), dtype=np.int64)
    for t in range(1, n):
        total = score[:, None] + _TRANSITION_PENALTY
        back[t] = np.argmax(total, axis=0)
        score = total[back[t], np.arange(total.shape[1])] + log_probs[t]
    path = [int(np.argmax(score))]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def _one_blas_thread() -> Any:
    """A context that runs BLAS on one thread: the network's matrices are small, and threaded
    BLAS on a busy machine made the forward pass 10x slower (measured)."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - optional speed-up
        return lambda: nullcontext()
    controller = ThreadpoolController()
    return lambda: controller.limit(limits=1, user_api="blas")


class NeuralModel:
    """The trained weights and a batched numpy forward pass."""

    def __init__(self, path: Path, emb: Embeddings) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.w = {k: data[k].astype(np.float32) for k in data.files if k not in ("chars", "tw_words")}
            chars = [str(c) for c in data["chars"]]
            train_words = [str(w) for w in data["tw_words"]] if "tw_words" in data.files else []
        self.train_index = {w: i + 1 for i, w in enumerate(train_words)}
        self.stacked = bool(self.w.get("stacked", np.zeros(1))[0])  # reads the CRF's marginals
        self.context_dim = int(self.w.get("context_dim", np.zeros(1))[0])  # reads transformer states
        first, last = self.w.get("context_layers", np.array([9.0, 12.0]))  # which encoder layers it reads
        self.context_layers = (int(first), int(last))
        self.char_index = {c: i + 1 for i, c in enumerate(chars)}
        self.emb = emb
        self.hidden = self.w["fw_hh"].shape[1]
        self._single_thread: Any = _one_blas_thread()
        self.cache: dict[str, TokenInputs] = {}
        hs = self.hidden  # gates reordered from torch's (i, f, g, o) to (i, f, o, g)
        order = np.concatenate([np.arange(0, 2 * hs), np.arange(3 * hs, 4 * hs), np.arange(2 * hs, 3 * hs)])
        self._ih = [np.ascontiguousarray(self.w[d + "_ih"][order].T) for d in ("fw", "bw")]
        self._bias = [self.w[d + "_b"][order] for d in ("fw", "bw")]
        self._hh = np.stack([self.w[d + "_hh"][order].T for d in ("fw", "bw")])  # [2, H, 4H]

    def _char_cnn(self, chars: np.ndarray) -> np.ndarray:
        table = self.w["char_emb"]
        x = table[chars]  # [n, L, d]
        width = self.w["char_conv"].shape[2]
        pad = width // 2
        x = np.pad(x, ((0, 0), (pad, pad), (0, 0)))
        windows = np.concatenate([x[:, k:k + chars.shape[1]] for k in range(width)], axis=2)  # [n, L, w*d]
        kernel = self.w["char_conv"].transpose(0, 2, 1).reshape(self.w["char_conv"].shape[0], -1)  # [f, w*d]
        out = np.maximum(windows @ kernel.T + self.w["char_bias"], 0.0)
        out = np.where((chars > 0)[:, :, None], out, 0.0)
        return out.max(axis=1)

    def _projections(self, x: np.ndarray, rev: np.ndarray) -> np.ndarray:
        """Input projections of both directions ``[2, B, T, 4H]`` (the backward one over reversed rows)."""
        rows = np.arange(x.shape[0])[:, None]
        return np.stack([x @ self._ih[0] + self._bias[0], x[rows, rev] @ self._ih[1] + self._bias[1]])

    def single_thread(self) -> AbstractContextManager[Any]:
        """A context in which BLAS runs on one thread (see :func:`_one_blas_thread`)."""
        limit: AbstractContextManager[Any] = self._single_thread()
        return limit

    def log_probs(self, sentences: list[Encoded]) -> list[np.ndarray]:
        """Per-token label log-probabilities ``[n, labels]`` of each sentence (batched)."""
        with self.single_thread():
            return self._log_probs(sentences)

    def inputs(self, sentences: list[Encoded]) -> np.ndarray:
        """The padded input of the BiLSTM ``[B, T, in]`` for non-empty ``sentences``."""
        words = np.concatenate([s.words for s in sentences])
        chars = np.concatenate([s.chars for s in sentences])
        feats = np.concatenate([s.feats for s in sentences])
        columns = [self.emb.vectors[words]]
        if "tw_emb" in self.w:
            columns.append(self.w["tw_emb"][np.concatenate([s.known for s in sentences])])
        tokens = np.concatenate([*columns, self._char_cnn(chars), feats], axis=1)
        lengths = [len(s.words) for s in sentences]
        x = np.zeros((len(lengths), max(lengths), tokens.shape[1]), dtype=np.float32)
        offset = 0
        for k, n in enumerate(lengths):
            x[k, :n] = tokens[offset:offset + n]
            offset += n
        return x

    def output(self, hidden: np.ndarray) -> np.ndarray:
        """Label log-probabilities ``[B, T, labels]`` from the BiLSTM states."""
        logits = hidden @ self.w["out_w"].T + self.w["out_b"]
        logits -= logits.max(axis=2, keepdims=True)
        return np.asarray(logits - np.log(np.exp(logits).sum(axis=2, keepdims=True)))

    def _log_probs(self, sentences: list[Encoded]) -> list[np.ndarray]:
        return joint_log_probs([self], [sentences])[0]


def joint_log_probs(models: list[NeuralModel], inputs: list[list[Encoded]]) -> list[list[np.ndarray]]:
    """Per-token label log-probabilities of the same sentences under several networks (each with
    its own encoding of them), their recurrences run as one batched product per step."""
    sentences = inputs[0]
    empty = np.zeros((0, len(LABELS)), dtype=np.float32)
    keep = [k for k, s in enumerate(sentences) if len(s.words)]
    if not keep:
        return [[empty for _ in sentences] for _ in models]
    lengths = np.array([len(sentences[k].words) for k in keep])
    xs = [m.inputs([enc[k] for k in keep]) for m, enc in zip(models, inputs, strict=True)]
    hidden = run_bilstms(models, xs, lengths)
    out: list[list[np.ndarray]] = []
    for m, h in zip(models, hidden, strict=True):
        logp = m.output(h)
        per = dict(zip(keep, (logp[i, :n] for i, n in enumerate(lengths)), strict=True))
        out.append([per.get(k, empty) for k in range(len(sentences))])
    return out


def run_bilstms(models: list[NeuralModel], xs: list[np.ndarray], lengths: np.ndarray) -> list[np.ndarray]:
    """Both directions of every model's BiLSTM over padded batches ``[B, T, in]`` (padding after
    each sentence), stepped together: ``[B, T, 2H]`` per model.  One sigmoid covers the (reordered)
    i, f, o gates."""
    b, t_max, _ = xs[0].shape
    hs = models[0].hidden
    rev = np.zeros((b, t_max), dtype=np.int64)
    for k, n in enumerate(lengths):
        rev[k] = np.concatenate([np.arange(n - 1, -1, -1), np.arange(n, t_max)])
    rows = np.arange(b)[:, None]
    proj = np.concatenate([m._projections(x, rev) for m, x in zip(models, xs, strict=True)])
    w_hh = np.concatenate([m._hh for m in models]) if len(models) > 1 else models[0]._hh
    h = np.zeros((len(proj), b, hs), dtype=np.float32)
    c = np.zeros_like(h)
    out = np.zeros((len(proj), b, t_max, hs), dtype=np.float32)
    for t in range(t_max):
        gates = proj[:, :, t] + h @ w_hh
        sig = _sigmoid(gates[:, :, :3 * hs])
        c = sig[:, :, hs:2 * hs] * c + sig[:, :, :hs] * np.tanh(gates[:, :, 3 * hs:])
        h = sig[:, :, 2 * hs:] * np.tanh(c)
        out[:, :, t] = h
    mask = (np.arange(t_max)[None, :] < lengths[:, None])[:, :, None]
    return [np.where(mask, np.concatenate([out[2 * i], out[2 * i + 1][rows, rev]], axis=2), 0.0)
            for i in range(len(models))]
