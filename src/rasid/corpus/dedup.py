"""Exact and near-duplicate articles.

Exact copies share a content hash (``facts.content_hash``).  Near duplicates (an agency story
with a prefix added, or with its ending trimmed) are found with MinHash (datasketch) over word
3-shingles of the folded text and LSH buckets kept in the store (table ``lsh_buckets``, so memory
stays flat and nothing is rebuilt when a store opens); a candidate joins a story when the
estimated Jaccard similarity is high, or when the shorter text is mostly contained in the longer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash

from rasid.corpus.db import Database
from rasid.offsets import search_key

NUM_PERM = 128
SCHEME = "affine32"
SHINGLE = 3
LSH_THRESHOLD = 0.4
BANDS, ROWS = 32, 4  # datasketch's optimal banding for threshold 0.4 and 128 permutations
MIN_JACCARD = 0.6
MIN_CONTAINMENT = 0.85
MIN_SHINGLES = 8


def shingles(text: str) -> set[bytes]:
    words = search_key(text).split()
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The permutations MinHash draws from its seed (drawn once per process, not per document)."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def signature(text: str) -> tuple[bytes, int]:
    """MinHash hash values (uint64 bytes) and the number of distinct shingles."""
    grams = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
    if grams:
        mh.update_batch(sorted(grams))
    return mh.hashvalues.astype(np.uint64).tobytes(), len(grams)


def _minhash(sig: bytes) -> LeanMinHash:
    """A stored signature as a lean MinHash (hash values only: no permutation tables in memory)."""
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(sig, dtype=np.uint64), scheme=SCHEME)


@dataclass(frozen=True)
class Match:
    doc_id: str
    jaccard: float
    containment: float


def similarity(a: LeanMinHash | MinHash, na: int, b: LeanMinHash | MinHash, nb: int) -> tuple[float, float]:
    """Estimated Jaccard and containment of the smaller shingle set in the larger one."""
    j = float(a.jaccard(b))
    inter = j * (na + nb) / (1.0 + j)
    return j, (inter / min(na, nb) if min(na, nb) else 0.0)


def bands(sig: bytes) -> list[tuple[int, int]]:
    """LSH buckets ``(band, bucket)`` of a signature: BANDS bands of ROWS hash values each."""
    return list(_bands(bytes(sig)))


@lru_cache(maxsize=64)  # a document's buckets are looked up, then stored: compute them once
def _bands(sig: bytes) -> tuple[tuple[int, int], ...]:
    out = []
    for band in range(BANDS):
        piece = sig[band * ROWS * 8:(band + 1) * ROWS * 8]
        out.append((band, int.from_bytes(hashlib.blake2b(piece, digest_size=8).digest(), "big", signed=True)))
    return tuple(out)


def index_signature(db: Database, doc_id: str, sig: bytes, n_shingles: int) -> None:
    """Put a stored document's signature in the on-disk LSH buckets."""
    if n_shingles >= MIN_SHINGLES:
        db.executemany("INSERT INTO lsh_buckets (band, bucket, doc_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                       [(band, bucket, doc_id) for band, bucket in bands(sig)])


def best_match(db: Database, sig: bytes, n_shingles: int) -> Match | None:
    """The most similar stored document that counts as the same story, if any."""
    if n_shingles < MIN_SHINGLES:
        return None
    keys = bands(sig)
    where = " OR ".join(["(band = ? AND bucket = ?)"] * len(keys))
    candidates = [r[0] for r in db.all(f"SELECT DISTINCT doc_id FROM lsh_buckets WHERE {where}",
                                       [v for key in keys for v in key])]
    if not candidates:
        return None
    mh = _minhash(sig)
    found: list[Match] = []
    marks = ", ".join("?" * len(candidates))
    for other, n, other_sig in db.all(f"SELECT doc_id, n_shingles, sig FROM signatures WHERE doc_id IN ({marks})",
                                      candidates):
        j, c = similarity(mh, n_shingles, _minhash(bytes(other_sig)), int(n))
        if j >= MIN_JACCARD or c >= MIN_CONTAINMENT:
            found.append(Match(other, j, c))
    if not found:
        return None
    return max(found, key=lambda m: (m.jaccard, m.containment, m.doc_id))
