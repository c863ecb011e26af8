from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "corpus" / "lavrov-pyongyang-2025-07-11.txt"
REFERENCE_GOLD = SHARED / "eval" / "lavrov-pyongyang-2025-07-11.gold.json"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference_gold() -> dict[str, Any]:
    return json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))
