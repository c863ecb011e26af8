"""Word counts and distributional word clusters learned from the shared raw news.

Clusters come from a PPMI matrix of left/right neighbours (±2) factorised by a seeded randomised SVD
and grouped by k-means at a few granularities; the result (``words.tsv``) is deterministic for a
given corpus and seed.  Built by ``rasid train ner``; read at run time by :mod:`rasid.entities.lexicon`.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from rasid.entities.lexicon import WORDS_FILE, fold

NEWS_FILE = Path("data") / "news" / "ant-multisource-v2.1.jsonl.gz"
_WORD = re.compile(r"\w+")


def news_sentences(shared: Path, limit: int | None = None) -> list[list[str]]:
    """Folded words of every distinct news text (title + text), one list per article."""
    seen: set[int] = set()
    docs: list[list[str]] = []
    with gzip.open(shared / NEWS_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(docs) >= limit:
                break
            record = json.loads(line)
            text = f"{record.get('title') or ''}\n{record.get('text') or ''}"
            marker = hash(text)
            if marker in seen:
                continue
            seen.add(marker)
            docs.append(_WORD.findall(fold(text)))
    return docs


def _randomized_svd(m: Any, rank: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Top ``rank`` left singular vectors and values of a scipy sparse matrix (seeded)."""
    rng = np.random.default_rng(seed)
    probe = rng.standard_normal((m.shape[1], rank + 16)).astype(np.float64)
    basis = np.asarray(m @ probe)
    for _ in range(2):
        basis, _ = np.linalg.qr(basis)
        basis = np.asarray(m @ np.asarray(m.T @ basis))
    basis, _ = np.linalg.qr(basis)
    small = np.asarray((m.T @ basis).T)
    u, s, _ = np.linalg.svd(small, full_matrices=False)
    return (basis @ u)[:, :rank], s[:rank]


def _kmeans(points: np.ndarray, k: int, seed: int, iterations: int = 12) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = points[rng.choice(len(points), size=k, replace=False)].copy()
    labels = np.zeros(len(points), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(points @ centres.T, axis=1)  # rows are unit vectors: cosine k-means
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, points)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[~empty] /= norms[~empty]
        sums[empty] = centres[empty]
        centres = sums
    return labels


def news_vectors(docs: list[list[str]], *, seed: int = 13, vocab_size: int = 60000, context_size: int = 6000,
                 rank: int = 100, min_count: int = 3) -> tuple[list[tuple[str, int]], list[str], np.ndarray]:
    """Word vectors from a PPMI matrix of ±2 neighbours factorised by a seeded randomised SVD:
    ``(words ranked by count, vocabulary, unit-length vectors of the vocabulary)``."""
    from scipy import sparse

    counts: Counter[str] = Counter()
    for words in docs:
        counts.update(words)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    vocab = [w for w, c in ranked[:vocab_size] if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(context_size, len(vocab))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for words in docs:
        ids = np.fromiter((index.get(w, -1) for w in words), dtype=np.int64, count=len(words))
        for slot, offset in enumerate((-2, -1, 1, 2)):
            if len(ids) <= abs(offset):
                continue
            centre = ids[max(0, -offset): len(ids) - max(0, offset)]
            context = ids[max(0, offset): len(ids) - max(0, -offset)]
            keep = (centre >= 0) & (context >= 0) & (context < n_ctx)
            rows.append(centre[keep])
            cols.append(context[keep] + slot * n_ctx)
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    cooc = sparse.coo_matrix((np.ones(len(row)), (row, col)), shape=(len(vocab), 4 * n_ctx)).tocsr()
    cooc.sum_duplicates()
    total = cooc.sum()
    row_sum = np.asarray(cooc.sum(axis=1)).ravel()
    col_sum = np.asarray(cooc.sum(axis=0)).ravel() ** 0.75
    col_sum /= col_sum.sum()
    coo = cooc.tocoo()
    pmi = np.log((coo.data / total) / ((row_sum[coo.row] / total) * col_sum[coo.col] + 1e-30) + 1e-30)
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=cooc.shape)
    u, s = _randomized_svd(ppmi, rank, seed)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1, norms)
    return ranked, vocab, vectors


def build_word_clusters(shared: Path, out_dir: Path, *, seed: int = 13, vocab_size: int = 60000,
                        context_size: int = 6000, rank: int = 100, granularities: tuple[int, ...] = (64, 256, 1024),
                        min_count: int = 3, limit: int | None = None,
                        docs: list[list[str]] | None = None) -> dict[str, int]:
    """Write ``words.tsv`` (word, news count, cluster ids) and return sizes."""
    docs = news_sentences(shared, limit) if docs is None else docs
    ranked, vocab, vectors = news_vectors(docs, seed=seed, vocab_size=vocab_size, context_size=context_size,
                                          rank=rank, min_count=min_count)
    index = {w: i for i, w in enumerate(vocab)}
    labels = [_kmeans(vectors, min(k, len(vocab)), seed + k) for k in granularities]
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / WORDS_FILE).open("w", encoding="utf-8") as out:
        for word, count in ranked:
            if count < min_count:
                break
            i = index.get(word)
            columns = "".join(f"\t{lab[i]}" for lab in labels) if i is not None else ""
            out.write(f"{word}\t{count}{columns}\n")
    return {"articles": len(docs), "tokens": int(sum(c for _, c in ranked)), "clustered": len(vocab)}
