"""Speed of the events stages next to the NER stage, on real articles (ratios, not seconds)."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path
from typing import Any

from rasid.document import Document
from rasid.errors import UserError
from rasid.events.gold import default_shared_dir

EVENT_STAGES = ("attribution", "quotes", "events")


def sample_articles(limit: int, shared_dir: Path | None = None) -> list[Document]:
    path = (shared_dir or default_shared_dir()) / "data" / "news" / "ant-multisource-v2.1.jsonl.gz"
    if not path.is_file():
        raise UserError(f"{path}: news sample not found")
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("category") in ("middleEast", "internationalNews", "economy"):
                docs.append(Document(text=record["text"], id=record["docno"]))
            if len(docs) >= limit:
                break
    return docs


def bench_events(limit: int = 40, shared_dir: Path | None = None) -> dict[str, Any]:
    """Seconds spent per stage over ``limit`` articles, and events+attribution+quotes / NER."""
    from rasid.pipeline import default_pipeline

    pipeline = default_pipeline()
    names = pipeline.names
    if "ner" not in names:
        raise UserError("the pipeline has no 'ner' stage to compare with")
    spent = dict.fromkeys(names, 0.0)
    docs = sample_articles(limit, shared_dir)
    for doc in docs:
        for stage in pipeline.stages:
            t0 = time.perf_counter()
            doc = stage(doc)
            spent[stage.name] += time.perf_counter() - t0
    ours = sum(spent.get(n, 0.0) for n in EVENT_STAGES)
    return {"articles": len(docs), "seconds": spent, "events_over_ner": ours / spent["ner"] if spent["ner"] else 0.0}
