"""Throughput of time extraction on real news text (``../shared/data/news``)."""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass
from pathlib import Path

from rasid.errors import UserError
from rasid.time.evaluate import SHARED
from rasid.time.extract import find_times

NEWS = SHARED / "data" / "news" / "ant-multisource-v2.1.jsonl.gz"


@dataclass(frozen=True)
class Throughput:
    articles: int
    megabytes: float
    seconds: float  # wall clock
    cpu_seconds: float  # this process's CPU time: the per-core figure on a shared machine
    mentions: int

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0

    @property
    def mb_per_cpu_second(self) -> float:
        return self.megabytes / self.cpu_seconds if self.cpu_seconds else 0.0


def news_texts(path: Path = NEWS, limit: int = 2000) -> list[tuple[str, str | None]]:
    """(text, RFC 822 date) of the first ``limit`` articles."""
    if not path.exists():
        raise UserError(f"{path} not found (is ../shared there?)")
    out: list[tuple[str, str | None]] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(out) >= limit:
                break
            record = json.loads(line)
            out.append((str(record.get("text") or ""), record.get("time_raw")))
    return out


def bench_times(path: Path = NEWS, limit: int = 2000, reference: str = "2018-06-01") -> Throughput:
    """Seconds to find and resolve every time expression of ``limit`` articles (one core)."""
    texts = news_texts(path, limit)
    size = sum(len(t.encode("utf-8")) for t, _ in texts) / 1e6
    mentions = 0
    find_times(texts[0][0] if texts else "", reference)  # load the lexicons before timing
    begin, cpu = time.perf_counter(), time.process_time()
    for text, _ in texts:
        mentions += len(find_times(text, reference))
    return Throughput(len(texts), size, time.perf_counter() - begin, time.process_time() - cpu, mentions)
