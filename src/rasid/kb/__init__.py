"""Knowledge base, entity linking, in-document coreference and name transliteration.

``rasid build-kb`` builds the KB from ../shared/data/gazetteers and ``lang/ar/actors.yaml``;
the ``link`` stage (:mod:`rasid.kb.link`) gives every entity mention a stable ``entity_id`` and a
canonical English name.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
KB_DIR = PACKAGE_DIR / "models" / "kb"
TRANSLIT_DIR = PACKAGE_DIR / "models" / "translit"
KB_VERSION = "1.0"


def default_shared_dir() -> Path:
    """``../shared`` next to the repository root (the parent of ``src/``)."""
    return PACKAGE_DIR.parents[1].parent / "shared"
