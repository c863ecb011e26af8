"""``rasid eval numbers``: Duckling's own Arabic corpora, scored with Duckling's rule.

Rule: an example passes when one parse covers the whole example and equals the expected value
(unit and bounds included); a negative passes when nothing is found.  pyarabic's
``text2number`` is scored beside ours on the numeral corpora.  Also: throughput on running news.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.errors import UserError
from rasid.numbers.numerals import find_numerals
from rasid.numbers.quantities import find_quantities
from rasid.numbers.units import tables

# Dimension file stem → (label, what it measures, floor the issue asks for)
DIMENSIONS: dict[str, tuple[str, str, float]] = {
    "numeral": ("Numeral", "numeral", 0.98),
    "numeral_ar_eg": ("Numeral ar-EG", "numeral", 0.98),
    "ordinal": ("Ordinal", "ordinal", 0.95),
    "quantity": ("Quantity", "quantity", 0.90),
    "amountofmoney": ("AmountOfMoney", "quantity", 0.90),
    "temperature": ("Temperature", "quantity", 0.90),
    "volume": ("Volume", "quantity", 0.90),
}
# Duckling's unit names → the units Rasid gives.  Duckling's "£" is a pound of no stated
# country; a bare جنيه is the Egyptian pound in Rasid (see docs/numbers.md).
DUCKLING_UNITS: dict[str, set[str]] = {"$": {"USD"}, "£": {"GBP", "EGP"}}
_HAS_LETTER = re.compile(r"[^\W\d_]")


def default_shared_dir() -> Path:
    return Path(__file__).resolve().parents[3].parent / "shared"


@dataclass
class DimensionScore:
    label: str
    total: int = 0
    ours: int = 0
    pyarabic: int | None = None
    words_total: int = 0  # examples written in words only (pyarabic reads no digits)
    words_ours: int = 0
    words_pyarabic: int | None = None
    floor: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.ours / self.total if self.total else 0.0


def load_examples(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise UserError(f"{path} not found (Duckling's corpus is expected under ../shared/eval/peers)")
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                out.append(json.loads(line))
    return out


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def numeral_ok(text: str, expected: Any, kind: str) -> bool:
    stripped = text.strip()
    return any(
        n.start == 0 and n.end == len(stripped) and n.kind == kind and _close(n.value, expected)
        for n in find_numerals(stripped)
    )


def _value_in(attrs: dict[str, Any], key: str, unit: str | None, want: dict[str, Any]) -> bool:
    if key not in attrs or unit is None:
        return False
    base, factor = tables().unit_base(unit)
    want_unit = want["unit"]
    units = DUCKLING_UNITS.get(want_unit, {want_unit})
    return (base in units or unit in units) and _close(attrs[key] * (factor if base in units else 1), want["value"])


def quantity_ok(text: str, expected: dict[str, Any]) -> bool:
    stripped = text.strip()
    for q in find_quantities(stripped):
        if q.start != 0 or q.end != len(stripped):
            continue
        a, unit = q.attrs, q.attrs.get("unit")
        if expected.get("type") == "interval":
            keys = {"from": "min", "to": "max"}
            if {keys[k] for k in ("from", "to") if k in expected} != {k for k in ("min", "max") if k in a}:
                continue
            if all(_value_in(a, keys[k], unit, expected[k]) for k in ("from", "to") if k in expected):
                return True
        elif "value" in a and _value_in(a, "value", unit, expected):
            if expected.get("product") in (None, a.get("product")):
                return True
    return False


def pyarabic_value(text: str) -> int | None:
    """pyarabic's reading of a text; its 0 for "no number" counts as no answer."""
    from pyarabic import number as pyarabic_number

    try:
        value = pyarabic_number.text2number(text)
    except Exception:  # noqa: BLE001 - a peer tool failing on an example is a miss
        return None
    if value == 0 and not _HAS_LETTER.search(text):
        return None
    return int(value)


def _has_pyarabic() -> bool:
    try:
        import pyarabic.number  # noqa: F401
    except ImportError:
        return False
    return True


def score_dimension(stem: str, shared: Path | None = None, with_peers: bool = True) -> DimensionScore:
    label, what, floor = DIMENSIONS[stem]
    examples = load_examples((shared or default_shared_dir()) / "eval" / "peers" / "duckling-ar" / f"{stem}.jsonl")
    score = DimensionScore(label, floor=floor)
    peers = with_peers and what == "numeral" and _has_pyarabic()
    if peers:
        score.pyarabic, score.words_pyarabic = 0, 0
    for ex in examples:
        text = ex["text"]
        if ex.get("negative"):
            ok = not (find_numerals(text) if what != "quantity" else find_quantities(text))
        elif what == "quantity":
            ok = quantity_ok(text, ex["expected"])
        else:
            ok = numeral_ok(text, ex["expected"], "ordinal" if what == "ordinal" else "cardinal")
        words_only = not any(ch.isdigit() for ch in text)
        score.total += 1
        score.ours += ok
        score.words_total += words_only
        score.words_ours += ok and words_only
        if not ok:
            score.misses.append(text)
        if peers and not ex.get("negative"):
            right = _close(pyarabic_value(text), ex["expected"])
            score.pyarabic = (score.pyarabic or 0) + right
            if words_only:
                score.words_pyarabic = (score.words_pyarabic or 0) + right
    return score


def evaluate_numbers(shared: Path | None = None, with_peers: bool = True) -> list[DimensionScore]:
    return [score_dimension(stem, shared, with_peers) for stem in DIMENSIONS]


def reference_quantities(shared: Path | None = None) -> tuple[int, int]:
    """Gold quantities of the reference article found with the right attrs: (right, total)."""
    root = shared or default_shared_dir()
    text_path = root / "corpus" / "lavrov-pyongyang-2025-07-11.txt"
    gold_path = root / "eval" / "lavrov-pyongyang-2025-07-11.gold.json"
    if not text_path.is_file() or not gold_path.is_file():
        raise UserError(f"reference article or gold not found under {root}")
    text = text_path.read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["quantities"]
    found = [(text[q.start:q.end], q.attrs) for q in find_quantities(text)]
    right = 0
    for item in gold:
        want = {k: v for k, v in item.items() if k not in ("text", "optional")}
        want.setdefault("approx", False)
        if any(t == item["text"] and all(a.get(k) == v for k, v in want.items()) for t, a in found):
            right += 1
    return right, len(gold)


def news_texts(shared: Path | None = None, megabytes: float = 5.0) -> list[str]:
    path = (shared or default_shared_dir()) / "data" / "news" / "ant-multisource-v2.1.jsonl.gz"
    if not path.is_file():
        raise UserError(f"{path} not found")
    texts: list[str] = []
    size = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= megabytes * 1e6:
                break
    return texts


def throughput(texts: list[str]) -> dict[str, float]:
    """MB per CPU second (UTF-8) of numerals + quantities on these texts, beside a plain digit regex.

    CPU time of this process, so the figure is per core even on a machine shared with others.
    """
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    digits = re.compile(r"\d+")
    t0 = time.process_time()
    for text in texts:
        digits.findall(text)
    base = time.process_time() - t0
    t0 = time.process_time()
    count = 0
    for text in texts:
        count += len(find_quantities(text))
    ours = time.process_time() - t0
    return {"megabytes": size, "quantities": count, "ours_mb_s": size / ours,
            "regex_mb_s": size / base if base else math.inf}


# -- an outside check: Wojood's numeric mentions (annotated by SinaLab, MIT) ---------------------
NUMERIC_TYPES = ("CARDINAL", "ORDINAL")
AMOUNT_TYPES = ("MONEY", "PERCENT", "QUANTITY")
# Wojood types inside which a numeral is expected (a numeral elsewhere counts against precision).
NUMBER_BEARING = {"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "UNIT", "CURR"}


@dataclass
class WojoodScore:
    mentions: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    ours: int = 0
    ours_inside: int = 0

    def recall(self, types: tuple[str, ...]) -> tuple[int, int]:
        return sum(self.found.get(t, 0) for t in types), sum(self.mentions.get(t, 0) for t in types)


def _wojood_sentences(path: Path) -> list[list[tuple[str, list[str]]]]:
    sentences: list[list[tuple[str, list[str]]]] = []
    tokens: list[tuple[str, list[str]]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if not parts:
            if tokens:
                sentences.append(tokens)
            tokens = []
        else:
            tokens.append((parts[0], parts[1:]))
    return sentences


def _wojood_mentions(tokens: list[tuple[str, list[str]]]) -> tuple[str, list[tuple[str, int, int]]]:
    """The sentence text (tokens joined by spaces) and its mentions, nested levels included."""
    offsets: list[tuple[int, int]] = []
    pos = 0
    for word, _ in tokens:
        offsets.append((pos, pos + len(word)))
        pos += len(word) + 1
    text = " ".join(word for word, _ in tokens)
    mentions: list[tuple[str, int, int]] = []
    for level in range(max(len(tags) for _, tags in tokens)):
        current: list[Any] | None = None
        for (_, tags), (start, end) in zip(tokens, offsets, strict=True):
            tag = tags[level] if level < len(tags) else "O"
            if tag.startswith("I-") and current is not None and current[0] == tag[2:]:
                current[2] = end
                continue
            if current is not None:
                mentions.append((current[0], current[1], current[2]))
                current = None
            if tag[:2] in ("B-", "I-"):
                current = [tag[2:], start, end]
        if current is not None:
            mentions.append((current[0], current[1], current[2]))
    return text, mentions


def evaluate_wojood(shared: Path | None = None) -> WojoodScore:
    """Numerals against Wojood's CARDINAL/ORDINAL mentions, amounts against MONEY/PERCENT/QUANTITY."""
    folder = (shared or default_shared_dir()) / "data" / "ner" / "wojood-sample"
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise UserError(f"no Wojood sample under {folder}")
    score = WojoodScore()
    for path in files:
        for tokens in _wojood_sentences(path):
            text, mentions = _wojood_mentions(tokens)
            numerals = find_numerals(text)
            amounts = find_quantities(text)
            for kind, start, end in mentions:
                spans: list[Any] = numerals if kind in NUMERIC_TYPES else amounts
                if kind not in NUMERIC_TYPES + AMOUNT_TYPES:
                    continue
                score.mentions[kind] = score.mentions.get(kind, 0) + 1
                if any(s.start < end and start < s.end for s in spans):
                    score.found[kind] = score.found.get(kind, 0) + 1
            for n in numerals:
                score.ours += 1
                score.ours_inside += any(
                    k in NUMBER_BEARING and n.start < e and s < n.end for k, s, e in mentions
                )
    return score
