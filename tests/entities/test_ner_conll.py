from __future__ import annotations

from pathlib import Path

import pytest

from rasid.entities.conll import entity_spans, map_tag, read_conll, repair_iob, score
from rasid.errors import InputError


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("B-PERS", "B-PER"), ("I-PER", "I-PER"), ("B-MIS1", "B-MISC"), ("I-MIS-2", "I-MISC"),
     ("B-MISS1", "B-MISC"), ("B-GPE", "B-LOC"), ("B-DATE", "O"), ("B-ENGLISH", "O"), ("O", "O"),
     ("OO", "O"), ("I--ORG", "I-ORG")],
)
def test_corpus_tags_map_to_rasid_types(tag: str, expected: str) -> None:
    assert map_tag(tag) == expected


def test_reader_splits_on_blank_lines_and_wojood_markers(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("روسيا B-GPE\nقالت O\n$#$ O\nمجلس B-ORG\nالأمن I-ORG I-PERS\n\nهو O\n", encoding="utf-8")
    sents = read_conll(path)
    assert [t for t, _ in sents] == [["روسيا", "قالت"], ["مجلس", "الأمن"], ["هو"]]
    assert sents[1][1] == ["B-ORG", "I-ORG"]


def test_reader_errors_are_one_line_user_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such"):
        read_conll(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_text("onlyonecolumn\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:1"):
        read_conll(bad)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no tagged tokens"):
        read_conll(empty)


def test_iob1_sequences_become_iob2() -> None:
    assert repair_iob(["I-PER", "I-PER", "O", "I-LOC", "I-ORG"]) == ["B-PER", "I-PER", "O", "B-LOC", "B-ORG"]


def test_entity_level_exact_match_like_conlleval() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG"]]
    pred = [["B-PER", "O", "O", "B-LOC", "B-ORG", "I-ORG"]]  # truncated person = miss + false alarm
    result = score(gold, pred)
    assert list(entity_spans(gold[0])) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "ORG")]
    assert result.prf("PER") == (0.0, 0.0, 0.0)
    assert result.prf("LOC")[2] == 1.0
    p, r, f = result.prf()
    assert (round(p, 3), round(r, 3)) == (round(2 / 3, 3), round(2 / 3, 3))
    assert result.macro_f1() == pytest.approx(2 / 3)
