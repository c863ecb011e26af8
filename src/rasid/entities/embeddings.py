"""Word embeddings learned from the shared raw news, read by the neural tagger.

The vectors are the same PPMI-SVD factorisation the word clusters come from
(:func:`rasid.entities.clusters.news_vectors`), cut to ``dims`` components, re-normalised and stored
as float16 in ``embeddings.npz`` (``words``: folded words, ``vectors``).  Deterministic for a given
corpus and seed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasid.entities.clusters import news_vectors

EMBEDDINGS_FILE = "embeddings.npz"
DIMS = 64


def save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An ``.npz`` with fixed timestamps, so the same arrays always give the same bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


@dataclass
class Embeddings:
    index: dict[str, int]
    vectors: np.ndarray  # [len(index) + 1, dims] float32; the last row (zeros) is unknown words

    @property
    def unknown(self) -> int:
        return len(self.index)

    def lookup(self, *keys: str) -> int:
        """Row of the first key that has a vector (the unknown row otherwise)."""
        for key in keys:
            row = self.index.get(key)
            if row is not None:
                return row
        return self.unknown


def build_embeddings(docs: list[list[str]], out_dir: Path, *, seed: int = 13, dims: int = DIMS,
                     vocab_size: int = 60000) -> dict[str, int]:
    """Write ``embeddings.npz`` from tokenised, folded news documents; return sizes."""
    _, vocab, vectors = news_vectors(docs, seed=seed, vocab_size=vocab_size)
    cut = vectors[:, :dims]
    norms = np.linalg.norm(cut, axis=1, keepdims=True)
    cut = cut / np.where(norms == 0, 1, norms)
    out_dir.mkdir(parents=True, exist_ok=True)
    save_arrays(out_dir / EMBEDDINGS_FILE, {"words": np.array(vocab), "vectors": cut.astype(np.float16)})
    return {"words": len(vocab), "dims": int(cut.shape[1])}


def load_embeddings(model_dir: Path) -> Embeddings:
    with np.load(model_dir / EMBEDDINGS_FILE, allow_pickle=False) as data:
        words = [str(w) for w in data["words"]]
        vectors = data["vectors"].astype(np.float32)
    table = np.vstack([vectors, np.zeros((1, vectors.shape[1]), dtype=np.float32)])
    return Embeddings({w: i for i, w in enumerate(words)}, table)
