"""Ingest tunes the garbage collector for its own run and gives the caller's settings back."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from rasid.corpus import Store
from rasid.corpus.ingest import GC_THRESHOLDS, ingest
from rasid.errors import UserError
from tests.corpus.conftest import text_stages, write_jsonl


def test_ingest_restores_the_callers_collector_settings(tmp_path: Path, ant_records: list[dict[str, Any]]) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", ant_records[:20])
    saved = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    try:
        gc.set_threshold(1234, 5, 6)
        with Store.open(tmp_path / "s.db") as store:
            report = ingest([path], store, workers=1, stages=text_stages(), languages=None,
                            progress=lambda n, r: seen.append(gc.get_threshold()))
            assert report.added == 20
            assert seen and all(t == GC_THRESHOLDS for t in seen)  # the run used its own settings
            assert gc.get_threshold() == (1234, 5, 6)
            with pytest.raises(UserError):
                ingest([tmp_path / "missing.jsonl"], store, workers=1, stages=[])
            assert gc.get_threshold() == (1234, 5, 6)  # given back after an error too
    finally:
        gc.set_threshold(*saved)
