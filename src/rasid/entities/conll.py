"""Read CoNLL-style NER files (ANERcorp, AQMAR, Wojood) and score taggings the conlleval way.

Every reader yields sentences as ``(tokens, tags)`` with IOB2 tags over the four Rasid types
(PER, LOC, ORG, MISC); tags of other schemes are mapped by :func:`map_tag`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasid.errors import InputError

Sentence = tuple[list[str], list[str]]

TYPES: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC")
SENTENCE_BREAK = "$#$"  # Wojood's in-file sentence separator

# Tag names of the corpora we read, mapped onto Rasid's types; anything else becomes O.
_TYPE_MAP = {
    "PER": "PER", "PERS": "PER",
    "LOC": "LOC", "GPE": "LOC",
    "ORG": "ORG",
    "MISC": "MISC", "MIS": "MISC",
}


def map_tag(tag: str) -> str:
    """Map one corpus tag to an IOB2 tag over PER/LOC/ORG/MISC (``O`` when it has no Rasid type)."""
    tag = tag.strip().strip("`")
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    prefix, kind = tag[0], tag[2:].lstrip("-").upper()
    if kind.startswith("MIS"):  # AQMAR: MIS0..MIS3, MISS1, MIS-2 ... all mean MISC
        kind = "MIS"
    mapped = _TYPE_MAP.get(kind)
    return f"{prefix}-{mapped}" if mapped else "O"


def repair_iob(tags: list[str]) -> list[str]:
    """Turn IOB1 / broken sequences into IOB2 (an I- that does not continue its type starts one)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def read_conll(path: Path | str) -> list[Sentence]:
    """Read ``token TAG [more columns]`` lines; blank lines or ``$#$`` separate sentences."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such CoNLL file") from exc
    except (UnicodeDecodeError, IsADirectoryError, PermissionError) as exc:
        raise InputError(str(path), f"cannot be read as a UTF-8 CoNLL file ({type(exc).__name__})") from exc
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sentences.append((list(tokens), repair_iob(tags)))
        tokens.clear()
        tags.clear()

    for lineno, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            flush()
            continue
        if parts[0] == SENTENCE_BREAK:
            flush()
            continue
        if len(parts) < 2:
            raise InputError(f"{path}:{lineno}", "expected 'token TAG' on each non-blank line")
        tokens.append(parts[0])
        tags.append(map_tag(parts[1]))
    flush()
    if not sentences:
        raise InputError(str(path), "no tagged tokens found")
    return sentences


def read_many(paths: Iterable[Path]) -> list[Sentence]:
    out: list[Sentence] = []
    for path in paths:
        out.extend(read_conll(path))
    return out


def entity_spans(tags: list[str]) -> Iterator[tuple[int, int, str]]:
    """``(start, end, type)`` token spans of an IOB2 sequence (end exclusive), conlleval style."""
    start = -1
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        boundary = tag == "O" or tag.startswith("B-") or tag[2:] != kind
        if boundary and start >= 0:
            yield start, i, kind
            start = -1
        if tag != "O" and (boundary or start < 0):
            start, kind = i, tag[2:]


@dataclass
class Score:
    """Entity-level exact-match counts per type."""

    gold: dict[str, int] = field(default_factory=dict)
    pred: dict[str, int] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=dict)

    def add(self, gold_tags: list[str], pred_tags: list[str]) -> None:
        gold = set(entity_spans(gold_tags))
        pred = set(entity_spans(pred_tags))
        for _, _, kind in gold:
            self.gold[kind] = self.gold.get(kind, 0) + 1
        for _, _, kind in pred:
            self.pred[kind] = self.pred.get(kind, 0) + 1
        for _, _, kind in gold & pred:
            self.correct[kind] = self.correct.get(kind, 0) + 1

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 for one type, or micro-averaged over all when ``kind`` is None."""
        if kind is None:
            g, p, c = sum(self.gold.values()), sum(self.pred.values()), sum(self.correct.values())
        else:
            g, p, c = self.gold.get(kind, 0), self.pred.get(kind, 0), self.correct.get(kind, 0)
        precision = c / p if p else 0.0
        recall = c / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def types(self) -> list[str]:
        seen = set(self.gold) | set(self.pred)
        return [t for t in TYPES if t in seen] + sorted(seen - set(TYPES))

    def macro_f1(self) -> float:
        kinds = [t for t in self.types() if self.gold.get(t)]
        return sum(self.prf(t)[2] for t in kinds) / len(kinds) if kinds else 0.0


def score(gold: Iterable[list[str]], pred: Iterable[list[str]]) -> Score:
    result = Score()
    for g, p in zip(gold, pred, strict=True):
        result.add(g, p)
    return result
