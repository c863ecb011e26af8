"""Interface labels in Arabic and English (``rasid/lang/<lang>/ui.yaml``) and the language switch."""

from __future__ import annotations

from functools import cache
from typing import Any

from rasid.lang import load

LANGUAGES: tuple[str, ...] = ("ar", "en")
DEFAULT_LANGUAGE = "ar"
DIRECTION = {"ar": "rtl", "en": "ltr"}


@cache
def labels(lang: str) -> dict[str, str]:
    """Every label of one interface language (missing keys fall back to English, then the key)."""
    data: Any = load(lang if lang in LANGUAGES else DEFAULT_LANGUAGE, "ui") or {}
    base: Any = load("en", "ui") or {}
    return {**{str(k): str(v) for k, v in base.items()}, **{str(k): str(v) for k, v in data.items()}}


def pick_language(query: str | None, cookie: str | None) -> str:
    """The interface language: ``?lang=`` first, then the cookie, then Arabic."""
    for value in (query, cookie):
        if value in LANGUAGES:
            return str(value)
    return DEFAULT_LANGUAGE


class Labels:
    """Template helper: ``t.nav_home`` or ``t("nav_home")``; an unknown key shows itself."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.dir = DIRECTION[self.lang]
        self.other = next(code for code in LANGUAGES if code != self.lang)
        self._labels = labels(self.lang)

    def __call__(self, key: str) -> str:
        return self._labels.get(key, key)

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        return self._labels.get(key, key)
