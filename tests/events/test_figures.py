"""Quality floors (a little under today's figures; raise them as figures improve, never lower them
silently).  `gold` upstream: entities, times and quantities come from the gold file, so these
measure the events stages alone; `pipeline`: the whole default pipeline on the raw text."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.events.evaluate import evaluate, reference_gold_path, unseen_gold_paths


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> Path:
    return reference_gold_path(shared_dir)


def test_reference_with_gold_inputs(reference: Path) -> None:
    total = evaluate([reference], "gold")["total"]
    assert total["events"]["f1"] >= 0.90
    assert total["events"]["modality_accuracy"] >= 0.90
    assert total["attributions"]["f1"] >= 0.95
    assert total["quotes"]["tp"] == 2 and total["quotes"]["fp"] == 0


def test_reference_through_the_pipeline(reference: Path) -> None:
    """The issue's figures: events F1 >= 0.80, modality >= 80 %, attributions F1 >= 0.85, both quotes."""
    total = evaluate([reference], "pipeline")["total"]
    assert total["events"]["f1"] >= 0.80
    assert total["events"]["modality_accuracy"] >= 0.80
    assert total["attributions"]["f1"] >= 0.85
    assert total["quotes"]["tp"] == 2


def test_unseen_gold_with_gold_inputs() -> None:
    """Five articles annotated before any rule ran on them (eval/gold); rules are not tuned on them."""
    total = evaluate(unseen_gold_paths(), "gold")["total"]
    assert total["events"]["f1"] >= 0.33
    assert total["attributions"]["f1"] >= 0.85
    assert total["quotes"]["tp"] >= 8


def test_unseen_gold_through_the_pipeline() -> None:
    total = evaluate(unseen_gold_paths(), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.08  # moves with the NER stage (being retrained meanwhile)
    assert total["attributions"]["f1"] >= 0.80
    assert total["quotes"]["tp"] >= 8


def _gold_set(name: str) -> list[Path]:
    """The gold files of one of our sets under eval/ (see eval/README.md)."""
    return sorted((Path(__file__).resolve().parents[2] / "eval" / name).glob("*.gold.json"))


def test_second_held_out_set_through_the_pipeline() -> None:
    """eval/unseen2: five more articles written from the text alone, never tuned on (floors under
    the figures measured at the end of the session that wrote them)."""
    paths = _gold_set("unseen2")
    assert len(paths) == 5
    total = evaluate(paths, "pipeline")["total"]
    assert total["events"]["tp"] >= 1
    assert total["attributions"]["f1"] >= 0.70
    assert total["quotes"]["tp"] >= 4


# Our development sets (eval/README.md), tuned on; floors a little under the figures after tuning;
# the pipeline's move with the NER stage.  (set, articles, upstream, floors)
DEV_SETS: list[tuple[str, int, str, dict[str, float]]] = [
    # dev: seven ANT articles annotated before the rules ran on them; rounds 2 and 3 were tuned on them
    ("dev", 7, "gold", {"events": 0.60, "modality": 0.85, "attributions": 0.80, "quotes_tp": 9}),
    ("dev", 7, "pipeline", {"events": 0.45, "attributions": 0.78, "quotes_tp": 8}),
    # dev2: drawn at random, annotated before any stage ran on them (events 0.21 then); round 3
    # was tuned on them (0.08 through the pipeline before it)
    ("dev2", 5, "gold", {"events": 0.78, "modality": 0.85, "attributions": 0.90, "quotes_tp": 10}),
    ("dev2", 5, "pipeline", {"events": 0.60, "attributions": 0.90, "quotes_tp": 6}),
    # dev3: annotated after round 3, measured once before any rule was tuned on them (events 0.31,
    # attributions 0.91, quotes 6/6)
    ("dev3", 5, "gold", {"events": 0.25, "attributions": 0.85, "quotes_tp": 5}),
    # dev4-dev9: written fresh for one round of rules each (events rounds 5-10), scored once before
    # that round (the "unseen" figures in eval/README.md), then tuned on
    # dev4 (round 5; before: 0.29 gold inputs, 0.33 pipeline)
    ("dev4", 5, "gold", {"events": 0.62, "modality": 0.80, "attributions": 0.85, "quotes_tp": 6}),
    ("dev4", 5, "pipeline", {"events": 0.60, "attributions": 0.85, "quotes_tp": 4}),
    # dev5 (round 6; before: 0.16, 0.15)
    ("dev5", 5, "gold", {"events": 0.50, "attributions": 0.75, "quotes_tp": 15}),
    ("dev5", 5, "pipeline", {"events": 0.30, "attributions": 0.75, "quotes_tp": 13}),
    # dev6 (round 7, which favoured precision: 7 false events before, 4 after; before: 0.44, 0.48)
    ("dev6", 5, "gold", {"events": 0.45, "max_fp": 5, "attributions": 0.78, "quotes_tp": 6}),
    ("dev6", 5, "pipeline", {"events": 0.42, "attributions": 0.70, "quotes_tp": 3}),
    # dev7 (round 8: 8 false events before, 2 after; before: 0.29, 0.20)
    ("dev7", 4, "gold", {"events": 0.36, "max_fp": 3, "attributions": 0.85, "quotes_tp": 7}),
    ("dev7", 4, "pipeline", {"events": 0.22, "attributions": 0.80, "quotes_tp": 7}),
    # dev8 (round 9; before: 0.36 both; after: 0.578, 0.429)
    ("dev8", 4, "gold", {"events": 0.52, "attributions": 0.75, "quotes_tp": 4}),
    ("dev8", 4, "pipeline", {"events": 0.38, "attributions": 0.75, "quotes_tp": 3}),
    # dev9 (round 10; before: 0.40 both; after: 0.750, 0.625)
    ("dev9", 4, "gold", {"events": 0.70, "attributions": 0.70, "quotes_tp": 8}),
    ("dev9", 4, "pipeline", {"events": 0.55, "attributions": 0.70, "quotes_tp": 5}),
    # dev10 (round 11; before: 0.33 gold inputs, 0.32 pipeline)
    ("dev10", 4, "gold", {"events": 0.40, "attributions": 0.85, "quotes_tp": 7}),
    ("dev10", 4, "pipeline", {"events": 0.30, "attributions": 0.85, "quotes_tp": 6}),
    # dev11 (round 12; before: 0.48 gold inputs, 0.35 pipeline; after: 0.538, 0.417)
    ("dev11", 4, "gold", {"events": 0.50, "attributions": 0.90, "quotes_tp": 4}),
    ("dev11", 4, "pipeline", {"events": 0.38, "attributions": 0.90, "quotes_tp": 4}),
]


@pytest.mark.parametrize(("name", "articles", "upstream", "floor"), DEV_SETS,
                         ids=[f"{n}-{u}" for n, _, u, _ in DEV_SETS])
def test_dev_sets(name: str, articles: int, upstream: str, floor: dict[str, float]) -> None:
    paths = _gold_set(name)
    assert len(paths) == articles
    total = evaluate(paths, upstream)["total"]
    assert total["events"]["f1"] >= floor["events"]
    if "max_fp" in floor:
        assert total["events"]["fp"] <= floor["max_fp"]
    if "modality" in floor:
        assert total["events"]["modality_accuracy"] >= floor["modality"]
    assert total["attributions"]["f1"] >= floor["attributions"]
    assert total["quotes"]["tp"] >= floor["quotes_tp"]
