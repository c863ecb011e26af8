"""Document-level decisions on top of the sentence tagger.

* A name tagged once is the same name everywhere in the document: untagged occurrences of a
  tagged name (matched on clitic-peeled stems) get its type, and so does a person's surname alone.
* A run of capitalised Latin words right after an organisation or person trigger word
  («شبكة CNN») is a name of that type.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from rasid.entities.conll import entity_spans
from rasid.entities.features import TokenInfo, name_key
from rasid.entities.lexicon import affixes, triggers

MIN_KEY_CHARS = 3
MAX_QUOTED_NAME = 6  # words: a longer quoted stretch is a quotation, not a name
QUOTED_NAME_TYPES = frozenset({"ORG", "MISC"})  # quoted names are organisations, events, works
_TRIGGER_TYPES = {"organization": "ORG", "person": "PER"}


def latin_after_trigger(infos: list[TokenInfo], tags: list[str]) -> None:
    """Tag capitalised Latin runs that follow a trigger word (in place)."""
    trig = triggers()
    i = 0
    while i < len(infos):
        info = infos[i]
        if tags[i] != "O" or info.kind != "latin" or not info.raw[:1].isupper() or i == 0:
            i += 1
            continue
        j = i
        while j < len(infos) and tags[j] == "O" and infos[j].kind == "latin" and infos[j].raw[:1].isupper():
            j += 1
        kind = next((t for name, t in _TRIGGER_TYPES.items() if infos[i - 1].stem in trig.get(name, ())), None)
        if kind:
            tags[i] = "B-" + kind
            for k in range(i + 1, j):
                tags[k] = "I-" + kind
        i = j


def _quote(token: str, opening: bool) -> bool:
    if token == '"':
        return True
    return len(token) == 1 and unicodedata.category(token) == ("Pi" if opening else "Pf")


def extend_to_quotes(infos: list[TokenInfo], tags: list[str]) -> None:
    """An organisation or work name that opens a short quoted stretch («“منظمة شنغهاي للتعاون”») is
    the whole stretch: the untagged words up to the closing quote join it (in place).  A person or
    place opening a quotation («"بريطانيا اختارت المواجهة وردنا لن يتأخر"») is not extended."""
    for start, end, kind in list(entity_spans(tags)):
        if kind not in QUOTED_NAME_TYPES or start == 0 or not _quote(infos[start - 1].raw, True):
            continue
        close = next((j for j in range(end, min(len(infos), start + MAX_QUOTED_NAME + 1))
                      if _quote(infos[j].raw, False)), None)
        if close is None or close == end:
            continue
        if all(tags[j] == "O" and infos[j].kind in ("ar", "latin") for j in range(end, close)):
            tags[end:close] = ["I-" + kind] * (close - end)


def join_split_names(infos: list[TokenInfo], tags: list[str],
                     names: dict[tuple[str, ...], str] | None = None) -> None:
    """«بيونج يانج» tagged as two names of one type with nothing between them is one name:
    a second B- of the same type continues the first unless its word opens with a conjunction
    (coordinated names «لبنان وإسرائيل» stay apart), or, given the gazetteer ``names``, both parts
    are known names and their join is not («تتهم واشنطن موسكو»).  In place."""
    for i in range(1, len(tags)):
        tag = tags[i]
        if not tag.startswith("B-") or tags[i - 1] == "O" or tags[i - 1][2:] != tag[2:]:
            continue
        if infos[i].kind == infos[i - 1].kind == "ar" and not _coordinated(infos[i]):
            if names is not None and _two_known_names(infos, tags, i, names):
                continue
            tags[i] = "I-" + tag[2:]


def _two_known_names(infos: list[TokenInfo], tags: list[str], i: int, names: dict[tuple[str, ...], str]) -> bool:
    start = i - 1
    while start > 0 and tags[start].startswith("I-"):
        start -= 1
    first = name_key(infos[start:i])
    return first in names and name_key(infos[i:i + 1]) in names and name_key(infos[start:i + 1]) not in names


def _coordinated(info: TokenInfo) -> bool:
    return info.proclitics.startswith(affixes().conjunctions)


def split_coordinated(infos: list[TokenInfo], tags: list[str], names: dict[tuple[str, ...], str]) -> None:
    """A tagged stretch «بيونج يانج وموسكو» whose head is a name known in the document and whose
    next word opens with a conjunction is two names; each part takes its known type.  In place."""
    for start, end, kind in list(entity_spans(tags)):
        for k in range(start + 1, end):
            if not _coordinated(infos[k]) or _key(infos, start, k) not in names:
                continue
            head = names[_key(infos, start, k)]
            tail = names.get(_key(infos, k, end), kind)
            tags[start:k] = ["B-" + head] + ["I-" + head] * (k - start - 1)
            tags[k:end] = ["B-" + tail] + ["I-" + tail] * (end - k - 1)
            break


def _key(infos: list[TokenInfo], start: int, end: int) -> tuple[str, ...]:
    return tuple(info.stem if k == start else info.key for k, info in enumerate(infos[start:end], start))


def known_names(doc_infos: list[list[TokenInfo]], doc_tags: list[list[str]],
                doc_scores: list[list[float]]) -> dict[tuple[str, ...], str]:
    """Names tagged in the document (and persons' surnames) with their best-supported type."""
    votes: dict[tuple[str, ...], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    stop = triggers().get("person_inside", frozenset())
    for infos, tags, scores in zip(doc_infos, doc_tags, doc_scores, strict=True):
        for start, end, kind in entity_spans(tags):
            weight = sum(scores[start:end]) / (end - start)
            key = _key(infos, start, end)
            if sum(len(w) for w in key) >= MIN_KEY_CHARS:
                votes[key][kind] += weight
            if kind == "PER" and end - start > 1:
                last = infos[end - 1].stem
                if len(last) >= MIN_KEY_CHARS and last not in stop:
                    votes[(last,)]["PER"] += 0.5 * weight
    return {key: max(kinds.items(), key=lambda kv: kv[1])[0] for key, kinds in votes.items()}


def retype(infos: list[TokenInfo], tags: list[str], names: dict[tuple[str, ...], str]) -> None:
    """Give every tagged occurrence of a name the type the document votes for (in place)."""
    for start, end, kind in list(entity_spans(tags)):
        voted = names.get(_key(infos, start, end))
        if voted and voted != kind:
            tags[start:end] = ["B-" + voted] + ["I-" + voted] * (end - start - 1)


def propagate(infos: list[TokenInfo], tags: list[str], names: dict[tuple[str, ...], str],
              max_len: int) -> None:
    """Tag untagged occurrences of known names (longest match first, in place)."""
    i = 0
    n = len(infos)
    while i < n:
        if tags[i] != "O":
            i += 1
            continue
        matched = 0
        for length in range(min(max_len, n - i), 0, -1):
            if any(t != "O" for t in tags[i:i + length]):
                continue
            if i + length < n and tags[i + length].startswith("I-"):
                continue
            kind = names.get(_key(infos, i, i + length))
            if kind:
                tags[i] = "B-" + kind
                for k in range(i + 1, i + length):
                    tags[k] = "I-" + kind
                matched = length
                break
        i += max(1, matched)
