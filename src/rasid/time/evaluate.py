"""``rasid eval time``: Duckling's Arabic Time and Duration corpora and dateparser's Arabic tests,
scored for Rasid and for dateparser on the same examples.

Duckling's rule: one parse covering the whole example, equal to the expected value at its grain,
with the example's reference time as the publication date, read with Duckling's convention
(``prefer="future"``: a bare weekday or month is the next one); a negative gives nothing.
dateparser's tests: every case that resolves a date (relative past, Hijri calendar, search).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.errors import UserError
from rasid.time.extract import TimeMention, find_times, parse_time
from rasid.time.resolve import duration_value

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
_DURATION_UNITS = ("year", "month", "week", "day", "hour", "minute", "second")


@dataclass
class Score:
    name: str
    total: int = 0
    rasid: int = 0
    peer: int | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def rasid_share(self) -> float:
        return self.rasid / self.total if self.total else 0.0


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise UserError(f"{path} not found (is ../shared there?)")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _moment(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _same(ours: str | None, expected: str) -> bool:
    return ours is not None and _moment(ours) == _moment(expected)


def duckling_time_ok(m: TimeMention | None, expected: dict[str, Any]) -> bool:
    if m is None:
        return False
    if expected["type"] == "value":
        return _same(m.interval_start, expected["value"]) and m.grain == expected["grain"]
    ok = _same(m.interval_start, expected["from"]["value"])
    if "to" in expected:
        ok = ok and _same(m.interval_end, expected["to"]["value"])
    return ok


def duckling_duration_ok(m: TimeMention | None, expected: dict[str, Any]) -> bool:
    return m is not None and m.kind == "duration" and m.value == duration_value(
        {expected["unit"]: expected["value"]})


def _truncate(moment: dt.datetime, grain: str) -> tuple[int, ...]:
    parts = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    keep = {"year": 1, "month": 2, "week": 3, "day": 3, "hour": 4, "minute": 5, "second": 6}[grain]
    return parts[:keep]


def _dateparser() -> Any | None:
    try:
        import dateparser  # noqa: PLC0415 - optional peer, imported only to score it
    except ImportError:
        return None
    return dateparser


def dateparser_time_ok(dp: Any, example: dict[str, Any]) -> bool:
    ref = _moment(example["reference_time"])
    expected = example["expected"]
    if example.get("negative"):
        return dp.parse(example["text"], languages=["ar"], settings={"RELATIVE_BASE": ref.replace(tzinfo=None)}) is None
    if expected["type"] != "value" or "unit" in expected:
        return False  # dateparser has no intervals and reads a bare duration as a date
    got = dp.parse(example["text"], languages=["ar"], settings={"RELATIVE_BASE": ref.replace(tzinfo=None),
                                                                "PREFER_DATES_FROM": "future"})
    if got is None:
        return False
    want = _moment(expected["value"])
    return _truncate(got, expected["grain"]) == _truncate(want.replace(tzinfo=None), expected["grain"])


def score_duckling(path: Path, check: Callable[[TimeMention | None, dict[str, Any]], bool], name: str,
                   peer: Any | None, negative: bool = False) -> Score:
    score = Score(name + (" negatives" if negative else ""), peer=0 if peer is not None else None)
    for ex in _read(path):
        if bool(ex.get("negative")) != negative:
            continue
        score.total += 1
        text, ref = ex["text"], ex["reference_time"]
        if ex.get("negative"):
            ok = not find_times(text, ref, prefer="future", include_latent=True)
        else:
            ok = check(parse_time(text, ref, prefer="future"), ex["expected"])
        score.rasid += ok
        if not ok:
            got = find_times(text, ref, prefer="future", include_latent=True)
            score.failures.append(f"{text} -> {[(g.text, g.value) for g in got]}")
        if peer is not None and score.peer is not None:
            score.peer += dateparser_time_ok(peer, ex)
    return score


def _dateparser_case_ok(ex: dict[str, Any], dp: Any | None) -> tuple[bool, bool | None]:
    """(Rasid right, dateparser right) for one resolved-date case of dateparser's tests."""
    kind, text, expected = ex["test_kind"], ex["text"], ex["expected"]
    ref = str(ex.get("reference_time") or "2000-01-01T00:00:00")
    base = {"RELATIVE_BASE": _moment(ref).replace(tzinfo=None)}
    peer: bool | None = None
    if kind == "relative_past":
        want = _moment(expected["value"]).date()
        m = parse_time(text, ref)
        if m is not None and m.kind == "duration":
            ours = _ago(text, ref) == want
        else:
            ours = m is not None and m.interval_start is not None and _moment(m.interval_start).date() == want
        if dp is not None:
            got = dp.parse(text, languages=["ar"], settings=base)
            peer = got is not None and got.date() == want
        return ours, peer
    if kind == "hijri_calendar":
        moment = _moment(expected["value"]).replace(tzinfo=None)
        m = parse_time(text, ref, hijri=True)
        ours = m is not None and m.interval_start is not None and \
            _moment(m.interval_start).replace(tzinfo=None) == moment
        if dp is not None:
            try:
                from dateparser.calendars.hijri import HijriCalendar  # noqa: PLC0415

                got = HijriCalendar(text.strip()).get_date()
                peer = got is not None and got.date_obj == moment
            except Exception:  # noqa: BLE001 - a peer's failure is a miss, not our crash
                peer = False
        return ours, peer
    items = expected["items"]
    found = find_times(text, ref)
    ours = True
    for item in items:
        pos = text.find(item["text"])
        day = _moment(item["value"]).date()
        ours = ours and any(f.start < pos + len(item["text"]) and pos < f.end and f.interval_start is not None
                            and _moment(f.interval_start).date() == day for f in found)
    if dp is not None:
        from dateparser.search import search_dates  # noqa: PLC0415

        hits = search_dates(text, languages=["ar"], settings=base) or []
        peer = all(any(d.date() == _moment(i["value"]).date() for _, d in hits) for i in items)
    return ours, peer


def _ago(text: str, ref: str) -> dt.date | None:
    """dateparser reads a bare duration as that long ago; so does this adapter."""
    from rasid.time.resolve import _step  # noqa: PLC0415

    m = find_times(text, ref, include_latent=True)
    moment = _moment(ref)
    if len(m) != 1 or m[0].kind != "duration":
        return None
    for chunk in _split_duration(m[0].value):
        moment = _step(moment, chunk[0], -chunk[1])
    return moment.date()


def _split_duration(value: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    date, _, clock = value[1:].partition("T")
    for part, units in ((date, {"Y": "year", "M": "month", "W": "week", "D": "day"}),
                        (clock, {"H": "hour", "M": "minute", "S": "second"})):
        number = ""
        for ch in part:
            if ch.isdigit():
                number += ch
            else:
                out.append((units[ch], int(number)))
                number = ""
    return out


def score_dateparser_tests(path: Path, dp: Any | None) -> Score:
    score = Score("dateparser tests (resolved dates)", peer=0 if dp is not None else None)
    for ex in _read(path):
        if ex.get("test_kind") not in ("relative_past", "hijri_calendar", "search_and_parse"):
            continue
        score.total += 1
        ours, peer = _dateparser_case_ok(ex, dp)
        score.rasid += ours
        if not ours:
            score.failures.append(ex["text"][:80])
        if peer and score.peer is not None:
            score.peer += 1
    return score


def evaluate_time(shared: Path | None = None, with_peer: bool = True) -> list[Score]:
    base = (shared or SHARED) / "eval" / "peers"
    dp = _dateparser() if with_peer else None
    return [
        score_duckling(base / "duckling-ar" / "time.jsonl", duckling_time_ok, "duckling time", dp),
        score_duckling(base / "duckling-ar" / "time.jsonl", duckling_time_ok, "duckling time", dp, negative=True),
        score_duckling(base / "duckling-ar" / "duration.jsonl", duckling_duration_ok, "duckling duration", dp),
        score_dateparser_tests(base / "dateparser-ar-tests.jsonl", dp),
    ]


def format_table(scores: list[Score]) -> str:
    lines = [f"{'corpus':<36} {'examples':>8} {'Rasid':>14} {'dateparser':>14}"]
    for s in scores:
        peer = "–" if s.peer is None else f"{s.peer} ({s.peer / s.total:.0%})" if s.total else "–"
        lines.append(f"{s.name:<36} {s.total:>8} {f'{s.rasid} ({s.rasid_share:.0%})':>14} {peer:>14}")
    return "\n".join(lines)


@dataclass
class Detection:
    """Span detection against an independent annotation (overlap match)."""

    name: str
    gold: int
    found: dict[str, tuple[int, int]]  # tool -> (true positives over gold, predictions overlapping gold)
    predicted: dict[str, int]

    def recall(self, tool: str) -> float:
        return self.found[tool][0] / self.gold if self.gold else 0.0

    def precision(self, tool: str) -> float:
        return self.found[tool][1] / self.predicted[tool] if self.predicted[tool] else 0.0


def wojood_sentences(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """Sentences of a Wojood file with their outer DATE/TIME spans (character offsets)."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if not words:
            return
        text, spans, pos, prev_end = "", [], 0, 0
        open_at: int | None = None
        for word, tag in zip(words, tags, strict=True):
            start = pos + (1 if text else 0)
            text = f"{text} {word}" if text else word
            pos = len(text)
            inside = tag[2:] in ("DATE", "TIME")
            if open_at is not None and not (inside and tag.startswith("I-")):
                spans.append((open_at, prev_end))
                open_at = None
            if inside and open_at is None:
                open_at = start
            prev_end = pos
        if open_at is not None:
            spans.append((open_at, prev_end))
        out.append((text, spans))
        words.clear()
        tags.clear()

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts or parts[0] == "$#$":
                flush()
                continue
            words.append(parts[0])
            tags.append(parts[1] if len(parts) > 1 else "O")
    flush()
    return out


def score_wojood(shared: Path | None = None, with_peer: bool = True) -> Detection:
    """Recall and precision of time spans on Wojood's test sample (DATE + TIME, overlap match)."""
    path = (shared or SHARED) / "data" / "ner" / "wojood-sample" / "test.txt"
    if not path.exists():
        raise UserError(f"{path} not found (is ../shared there?)")
    dp = _dateparser() if with_peer else None
    sentences = wojood_sentences(path)
    gold = sum(len(s) for _, s in sentences)
    found: dict[str, tuple[int, int]] = {}
    predicted: dict[str, int] = {}
    tools: dict[str, Callable[[str], list[tuple[int, int]]]] = {
        "rasid": lambda text: [(m.start, m.end) for m in find_times(text, "2000-01-01")]}
    if dp is not None:
        from dateparser.search import search_dates  # noqa: PLC0415

        def peer(text: str) -> list[tuple[int, int]]:
            out, cursor = [], 0
            for piece, _ in search_dates(text, languages=["ar"]) or []:
                pos = text.find(piece, cursor)
                if pos >= 0:
                    out.append((pos, pos + len(piece)))
                    cursor = pos + len(piece)
            return out

        tools["dateparser"] = peer
    for tool, run in tools.items():
        tp = hits = n = 0
        for text, spans in sentences:
            pred = run(text)
            n += len(pred)
            tp += sum(any(a < e and s < b for a, b in pred) for s, e in spans)
            hits += sum(any(a < e and s < b for s, e in spans) for a, b in pred)
        found[tool], predicted[tool] = (tp, hits), n
    return Detection("wojood test sample: DATE+TIME spans", gold, found, predicted)


def format_detection(d: Detection) -> str:
    lines = [f"{d.name} ({d.gold} gold spans; held out, values not scored)"]
    for tool in d.found:
        lines.append(f"  {tool:<12} recall {d.recall(tool):6.1%}   precision {d.precision(tool):6.1%}"
                     f"   ({d.predicted[tool]} spans)")
    return "\n".join(lines)
