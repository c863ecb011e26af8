"""The dev gold sets are reproducible draws: `python eval/draw.py eval/devN` gives their articles again."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

EVAL = Path(__file__).resolve().parents[2] / "eval"
DRAWN = sorted(p.parent for p in EVAL.glob("*/draw.yaml"))


@pytest.fixture(scope="module")
def drawer(shared_dir: Path) -> tuple[Any, list[dict]]:
    spec = importlib.util.spec_from_file_location("eval_draw", EVAL / "draw.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, module.read_news(shared_dir / "data" / "news" / "ant-multisource-v2.1.jsonl.gz")


@pytest.mark.parametrize("set_dir", DRAWN, ids=[p.name for p in DRAWN])
def test_every_article_of_a_drawn_set_is_among_its_candidates(drawer: tuple[Any, list[dict]], set_dir: Path) -> None:
    module, rows = drawer
    candidates = {r["docno"] for picks in module.draw(set_dir, rows).values() for r in picks}
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(set_dir.glob("*.gold.json"))]
    assert golds and {g["docno"] for g in golds} <= candidates
    # and none of them was in a set drawn before it
    spec = yaml.safe_load((set_dir / "draw.yaml").read_text(encoding="utf-8"))
    assert not {g["docno"] for g in golds} & module.used_docnos(spec["exclude"])


def test_at_least_three_sets_are_drawn_this_way() -> None:
    assert len(DRAWN) >= 3
