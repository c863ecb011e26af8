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


def test_dev_set_with_gold_inputs() -> None:
    """Seven more ANT articles (eval/dev), annotated before the rules ran on them; rounds 2 and 3 were tuned on them."""
    paths = _gold_set("dev")
    assert len(paths) >= 6
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.60
    assert total["events"]["modality_accuracy"] >= 0.85
    assert total["attributions"]["f1"] >= 0.80
    assert total["quotes"]["tp"] >= 9


def test_dev_set_through_the_pipeline() -> None:
    total = evaluate(_gold_set("dev"), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.45  # moves with the NER stage
    assert total["attributions"]["f1"] >= 0.78
    assert total["quotes"]["tp"] >= 8


def test_dev2_set_with_gold_inputs() -> None:
    """Five more ANT articles (eval/dev2), drawn at random and annotated before any stage ran on
    them (events 0.21 then); round 3 was tuned on them."""
    paths = _gold_set("dev2")
    assert len(paths) == 5
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.78
    assert total["events"]["modality_accuracy"] >= 0.85
    assert total["attributions"]["f1"] >= 0.90
    assert total["quotes"]["tp"] >= 10


def test_dev2_set_through_the_pipeline() -> None:
    total = evaluate(_gold_set("dev2"), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.60  # moves with the NER stage (0.08 before round 3)
    assert total["attributions"]["f1"] >= 0.90
    assert total["quotes"]["tp"] >= 6


def test_dev3_set_with_gold_inputs() -> None:
    """Five more ANT articles (eval/dev3), annotated after round 3 and measured once before any rule
    was tuned on them (events 0.31, attributions 0.91, quotes 6/6)."""
    paths = _gold_set("dev3")
    assert len(paths) == 5
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.25
    assert total["attributions"]["f1"] >= 0.85
    assert total["quotes"]["tp"] >= 5


def test_second_held_out_set_through_the_pipeline() -> None:
    """eval/unseen2: five more articles written from the text alone, never tuned on (floors under
    the figures measured at the end of the session that wrote them)."""
    paths = _gold_set("unseen2")
    assert len(paths) == 5
    total = evaluate(paths, "pipeline")["total"]
    assert total["events"]["tp"] >= 1
    assert total["attributions"]["f1"] >= 0.70
    assert total["quotes"]["tp"] >= 4


def test_dev4_set_with_gold_inputs() -> None:
    """Five more ANT articles (eval/dev4), annotated before any stage ran on them and measured once
    before round 5 (events 0.29 with gold inputs, 0.33 through the pipeline); round 5 was tuned on them."""
    paths = _gold_set("dev4")
    assert len(paths) == 5
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.62
    assert total["events"]["modality_accuracy"] >= 0.80
    assert total["attributions"]["f1"] >= 0.85
    assert total["quotes"]["tp"] >= 6


def test_dev4_set_through_the_pipeline() -> None:
    total = evaluate(_gold_set("dev4"), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.60  # moves with the NER stage (0.33 before round 5)
    assert total["attributions"]["f1"] >= 0.85
    assert total["quotes"]["tp"] >= 4


def test_dev5_set_with_gold_inputs() -> None:
    """Five more ANT articles (eval/dev5), annotated before any stage ran on them and measured once
    before round 6 (events 0.16 with gold inputs, 0.15 through the pipeline); round 6 was tuned on them."""
    paths = _gold_set("dev5")
    assert len(paths) == 5
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.50
    assert total["attributions"]["f1"] >= 0.75
    assert total["quotes"]["tp"] >= 15


def test_dev5_set_through_the_pipeline() -> None:
    total = evaluate(_gold_set("dev5"), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.30  # moves with the NER stage (0.15 before round 6)
    assert total["attributions"]["f1"] >= 0.75
    assert total["quotes"]["tp"] >= 13


def test_dev6_set_with_gold_inputs() -> None:
    """Five more ANT articles (eval/dev6), annotated before any stage ran on them and measured once
    before round 7 (events 0.44 with gold inputs, 0.48 through the pipeline); round 7 was tuned on them."""
    paths = _gold_set("dev6")
    assert len(paths) == 5
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.45
    assert total["events"]["fp"] <= 5  # round 7 favoured precision: 7 false events before, 4 after
    assert total["attributions"]["f1"] >= 0.78
    assert total["quotes"]["tp"] >= 6


def test_dev6_set_through_the_pipeline() -> None:
    total = evaluate(_gold_set("dev6"), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.42  # moves with the NER stage (0.48 before round 7)
    assert total["attributions"]["f1"] >= 0.70
    assert total["quotes"]["tp"] >= 3


def test_dev7_set_with_gold_inputs() -> None:
    """Four more ANT articles (eval/dev7), annotated before any stage ran on them and measured once
    before round 8 (events 0.29 with gold inputs, 0.20 through the pipeline); round 8 was tuned on them."""
    paths = _gold_set("dev7")
    assert len(paths) == 4
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.36
    assert total["events"]["fp"] <= 3  # round 8 favoured precision: 8 false events before, 2 after
    assert total["attributions"]["f1"] >= 0.85
    assert total["quotes"]["tp"] >= 7


def test_dev7_set_through_the_pipeline() -> None:
    total = evaluate(_gold_set("dev7"), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.22  # moves with the NER stage (0.20 before round 8)
    assert total["attributions"]["f1"] >= 0.80
    assert total["quotes"]["tp"] >= 7


def test_dev8_set_with_gold_inputs() -> None:
    """Four more ANT articles (eval/dev8), annotated before any stage ran on them and measured once
    before round 9 (events 0.36 with gold inputs and through the pipeline); round 9 was tuned on them."""
    paths = _gold_set("dev8")
    assert len(paths) == 4
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.52  # 0.578 after round 9
    assert total["attributions"]["f1"] >= 0.75
    assert total["quotes"]["tp"] >= 4


def test_dev8_set_through_the_pipeline() -> None:
    total = evaluate(_gold_set("dev8"), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.38  # moves with the NER stage (0.359 before round 9, 0.429 after)
    assert total["attributions"]["f1"] >= 0.75
    assert total["quotes"]["tp"] >= 3


def test_dev9_set_with_gold_inputs() -> None:
    """Four more ANT articles (eval/dev9), annotated before any stage ran on them and measured once
    before round 10 (events 0.40 with gold inputs and through the pipeline); round 10 was tuned on them."""
    paths = _gold_set("dev9")
    assert len(paths) == 4
    total = evaluate(paths, "gold")["total"]
    assert total["events"]["f1"] >= 0.70  # 0.750 after round 10
    assert total["attributions"]["f1"] >= 0.70
    assert total["quotes"]["tp"] >= 8


def test_dev9_set_through_the_pipeline() -> None:
    total = evaluate(_gold_set("dev9"), "pipeline")["total"]
    assert total["events"]["f1"] >= 0.55  # moves with the NER stage (0.400 before round 10, 0.625 after)
    assert total["attributions"]["f1"] >= 0.70
    assert total["quotes"]["tp"] >= 5
