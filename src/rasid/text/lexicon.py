"""A word-frequency lexicon of normalised Arabic words, learned from the shared raw news.

Built by ``rasid train lexicon`` from ``../shared/data/news/ant-multisource-v2.1.jsonl.gz`` and
shipped in ``models/lexicon/`` (gzip TSV ``word<TAB>count``, with a MANIFEST carrying its sha256).
The clitic segmenter uses it to decide whether «لكوريا» is ل + كوريا (yes: كوريا is frequent) or
«لافروف» is ل + افروف (no).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasid.offsets import normalize

MODEL_DIR = "lexicon"
FILENAME = "words.tsv.gz"
VERSION = "1"
_WORD = re.compile(r"[\u0621-\u064A]+")


def repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


def default_news_path() -> Path:
    return repo_root().parent / "shared" / "data" / "news" / "ant-multisource-v2.1.jsonl.gz"


def count_words(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_WORD.findall(normalize(text)))
    return counts


def _news_texts(path: Path) -> Iterable[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            yield record.get("title") or ""
            yield record.get("text") or ""


def build_lexicon(news: Path | None = None, out_dir: Path | None = None, min_count: int = 3) -> dict[str, object]:
    """Count normalised word forms in the news corpus and write the shipped artefact."""
    news = news or default_news_path()
    out_dir = out_dir or Path(str(resources.files("rasid.models").joinpath(MODEL_DIR)))
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = count_words(_news_texts(news))
    rows = sorted(((w, c) for w, c in counts.items() if c >= min_count), key=lambda wc: (-wc[1], wc[0]))
    payload = "".join(f"{w}\t{c}\n" for w, c in rows).encode("utf-8")
    target = out_dir / FILENAME
    # mtime=0 keeps the gzip bytes reproducible
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(payload)
    manifest = {
        "name": "lexicon",
        "version": VERSION,
        "file": FILENAME,
        "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
        "words": len(rows),
        "tokens_counted": sum(counts.values()),
        "min_count": min_count,
        "built_from": news.name,
        "command": "rasid train lexicon",
        "licence": "derived counts from the ANT corpus (Apache-2.0; cite Chouigui et al., AICCSA 2017)",
    }
    (out_dir / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, int]:
    """The shipped lexicon (empty if it has not been built: segmentation then splits nothing)."""
    path = resources.files("rasid.models").joinpath(MODEL_DIR, FILENAME)
    try:
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        return {}
    lexicon: dict[str, int] = {}
    for line in data.splitlines():
        word, _, count = line.partition("\t")
        lexicon[word] = int(count)
    return lexicon
