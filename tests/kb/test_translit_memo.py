"""The transliterator's per-process memos (chunk distributions, Latin-model steps) are bounded
and never change a rendering: the same names come out the same with cold, warm or cleared memos."""

from __future__ import annotations

import re

import pytest

from rasid.kb import translit
from rasid.kb.translit import TranslitModel, _decode, arabic_letters, load_model


def _fresh(model: TranslitModel) -> TranslitModel:
    return TranslitModel(model.chunks, model.lm, model.meta)


@pytest.fixture(scope="module")
def words(reference_text: str) -> list[str]:
    found = [arabic_letters(w) for w in re.findall(r"\w+", reference_text)]
    return list(dict.fromkeys(w for w in found if len(w) >= 4))[:80]


def test_renderings_do_not_depend_on_the_memos(words: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model()
    cold = [_decode(_fresh(model), w) for w in words]  # every word decoded with empty memos
    warm_model = _fresh(model)
    warm = [_decode(warm_model, w) for w in words + words][len(words):]
    monkeypatch.setattr(translit, "CACHE_LIMIT", 7)  # memos cleared again and again
    tiny = _fresh(model)
    cleared = [_decode(tiny, w) for w in words]
    assert len(words) >= 40
    assert cold == warm == cleared
    assert all(re.fullmatch(r"[a-z]+", r) for r in cold)
    assert len(tiny._dist_cache) <= 7


def test_memos_stay_bounded(words: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(translit, "CACHE_LIMIT", 50)
    model = _fresh(load_model())
    for w in words:
        _decode(model, w)
    assert len(model._dist_cache) <= 50
    assert sum(len(row) for row in model._step_cache.values()) <= 50
