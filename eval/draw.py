"""Draw candidate ANT v2.1 articles for a new gold set: ``python eval/draw.py eval/devN``.

The set's ``draw.yaml`` says how: ``seed``; ``exclude`` (the gold sets drawn before it, whose docnos
are left out); optionally ``exclude_days`` (YYYYMMDD days whose articles are left out, e.g. the
days named by held-out file names); ``plan``, one ``[outlet, [categories], pattern]`` per article (articles of 150–400
words whose text matches the topic's pattern at least twice).  Three candidates are printed per
outlet; the first is used unless its topic repeats a held-out file *name* (checked with ``ls``).
Reproducible: the same file, data and seed give the same candidates.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

import yaml

EVAL = Path(__file__).resolve().parent
NEWS = EVAL.parent.parent / "shared" / "data" / "news" / "ant-multisource-v2.1.jsonl.gz"


def used_docnos(sets: list[str]) -> set[str]:
    return {json.loads(path.read_text(encoding="utf-8"))["docno"]
            for name in sets for path in sorted((EVAL / name).glob("*.gold.json"))}


def read_news(news: Path = NEWS) -> list[dict]:
    with gzip.open(news, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def draw(set_dir: Path, rows: list[dict]) -> dict[str, list[dict]]:
    spec = yaml.safe_load((set_dir / "draw.yaml").read_text(encoding="utf-8"))
    used = used_docnos(spec["exclude"])
    days = {str(d) for d in spec.get("exclude_days", [])}
    rng = random.Random(spec["seed"])
    picked: dict[str, list[dict]] = {}
    for outlet, categories, pattern in spec["plan"]:
        pool = [r for r in rows if r["source"] == outlet and r["category"] in categories
                and r["docno"] not in used and r["docno"].rsplit("-", 1)[-1] not in days and 150 <= len(r["text"].split()) <= 400
                and len(re.findall(pattern, r["text"])) >= 2]
        pool.sort(key=lambda r: r["docno"])
        picked[outlet] = rng.sample(pool, 3)
    return picked


if __name__ == "__main__":
    for outlet, picks in draw(Path(sys.argv[1]).resolve(), read_news()).items():
        print("==", outlet)
        for r in picks:
            print("  ", r["docno"], r["time_raw"], len(r["text"].split()), r["title"])
