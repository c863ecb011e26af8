"""Language data (YAML) apart from the engines; ``load(lang, name)`` reads one file once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(lang: str, name: str) -> Any:
    """Load ``rasid/lang/<lang>/<name>.yaml`` (cached)."""
    path = resources.files("rasid.lang").joinpath(lang, f"{name}.yaml")
    with path.open("r", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)  # noqa: S506 - a safe loader


def data_path(lang: str, *parts: str) -> Any:
    return resources.files("rasid.lang").joinpath(lang, *parts)
