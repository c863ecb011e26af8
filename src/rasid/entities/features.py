"""Token features for the CRF tagger: forms, clitic-peeled stems, affixes, shape, gazetteer
matches, person-name lexicon, news word clusters, trigger words, a ±2 window, and (second pass)
what the first pass said about the same word elsewhere in the document."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rasid.entities.lexicon import MAX_NAME_WORDS, Lexicon, affixes, fold, log_bucket, triggers

MAX_AFFIX = 3


@dataclass(slots=True)
class TokenInfo:
    raw: str
    key: str  # folded whole token
    proclitics: str
    stem: str  # folded, proclitics peeled, article kept
    bare: str  # stem without the article
    cut: int  # folded letters peeled off the front
    kind: str  # ar / latin / num / punct / other


def token_kind(token: str) -> str:
    if not token:
        return "other"
    ch = token[0]
    if ch.isdigit():
        return "num"
    cat = unicodedata.category(ch)
    if cat.startswith("P") or cat.startswith("S"):
        return "punct"
    if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
        return "ar"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "other"


def analyse(token: str, lex: Lexicon) -> TokenInfo:
    key = fold(token)
    kind = token_kind(token)
    if kind == "ar":
        proclitics, stem, cut = lex.analyse(key)
    else:
        proclitics, stem, cut = "", key, 0
    article = affixes().article
    bare = stem[len(article):] if stem.startswith(article) and len(stem) > len(article) + 1 else stem
    return TokenInfo(token, key, proclitics, stem, bare, cut, kind)


def _shape(token: str, kind: str) -> str:
    if kind == "latin":
        if token.isupper():
            return "LU"
        return "Lc" if token[:1].isupper() else "Ll"
    if kind == "num":
        return "N" if token.isdigit() else "Nx"
    if kind == "punct":
        return "P" + token[:1]
    return kind


def name_key(infos: list[TokenInfo]) -> tuple[str, ...]:
    """The gazetteer key of a run of tokens: the first word clitic-peeled, the others whole."""
    return tuple(info.stem if j == 0 else info.key for j, info in enumerate(infos))


def gazetteer_tags(infos: list[TokenInfo], lex: Lexicon) -> list[str]:
    """Longest-match gazetteer tags (``B-COUNTRY``, ``I-CITY``…) over the clitic-peeled stems."""
    out = [""] * len(infos)
    i = 0
    n = len(infos)
    while i < n:
        if infos[i].stem not in lex.first_words:
            i += 1
            continue
        matched = 0
        for length in range(min(MAX_NAME_WORDS, n - i), 0, -1):
            kind = lex.names.get(name_key(infos[i:i + length]))
            if kind:
                out[i] = "B-" + kind
                for j in range(i + 1, i + length):
                    out[j] = "I-" + kind
                matched = length
                break
        i += max(1, matched)
    return out


def _word_features(info: TokenInfo, lex: Lexicon, trig: dict[str, frozenset[str]]) -> list[str]:
    feats = [f"w={info.key}", f"s={info.stem}", f"b={info.bare}", f"k={_shape(info.raw, info.kind)}"]
    if info.proclitics:
        feats.append(f"pro={info.proclitics}")
    if info.stem != info.bare:
        feats.append("al")
    bare = info.bare
    for n in range(1, MAX_AFFIX + 1):
        if len(bare) > n:
            feats.append(f"p{n}={bare[:n]}")
            feats.append(f"x{n}={bare[-n:]}")
    feats.append(f"len={min(len(bare), 9)}")
    count = lex.count(info.stem)
    feats.append(f"cnt={log_bucket(count)}")
    clusters = lex.clusters.get(info.stem) or lex.clusters.get(info.key)
    if clusters:
        feats.extend(f"c{j}={c}" for j, c in enumerate(clusters))
    per = lex.person_words.get(info.stem) or lex.person_words.get(info.bare)
    if per:
        feats.append(f"per={log_bucket(per)}")
    for ending in affixes().adjective_endings:
        if bare.endswith(ending) and len(bare) > len(ending) + 2:
            feats.append(f"nisba={ending}")
            break
    for kind, words in trig.items():
        if info.stem in words:
            feats.append(f"trig={kind}")
    return feats


def sentence_features(tokens: list[str], lex: Lexicon, memory: list[list[str]] | None = None,
                      infos: list[TokenInfo] | None = None) -> list[list[str]]:
    """Feature strings for each token of a sentence (``memory``: document-level hints per token;
    ``infos``: the tokens' analyses when the caller has them already)."""
    infos = [analyse(t, lex) for t in tokens] if infos is None else infos
    trig = triggers()
    gaz = gazetteer_tags(infos, lex)
    own = [_word_features(info, lex, trig) for info in infos]
    n = len(infos)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *own[i]]
        if gaz[i]:
            feats.append(f"gz={gaz[i]}")
        if i == 0:
            feats.append("BOS")
        if i == n - 1:
            feats.append("EOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                other = infos[j]
                feats.append(f"{d}s={other.stem}")
                if abs(d) == 1:
                    feats.append(f"{d}k={_shape(other.raw, other.kind)}")
                    cl = lex.clusters.get(other.stem)
                    if cl:
                        feats.append(f"{d}c1={cl[1]}")
                        feats.append(f"{d}c2={cl[2]}" if len(cl) > 2 else f"{d}c={cl[-1]}")
                    if gaz[j]:
                        feats.append(f"{d}gz={gaz[j]}")
                    if lex.person_words.get(other.stem) or lex.person_words.get(other.bare):
                        feats.append(f"{d}per")
                    for kind, words in trig.items():
                        if other.stem in words:
                            feats.append(f"{d}trig={kind}")
        if i > 0:
            feats.append(f"-1s|s={infos[i - 1].stem}|{infos[i].stem}")
        if i + 1 < n:
            feats.append(f"s|+1s={infos[i].stem}|{infos[i + 1].stem}")
        if memory is not None:
            feats.extend(memory[i])
        out.append(feats)
    return out
