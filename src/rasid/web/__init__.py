"""The web UI and HTTP API over the corpus store (``rasid serve``, ``rasid demo``)."""

from __future__ import annotations

from typing import Any


def create_app(store_url: Any, write_token: str | None = None, **options: Any) -> Any:
    """See :func:`rasid.web.app.create_app` (imported lazily: FastAPI loads only when needed)."""
    from rasid.web.app import create_app as _create

    return _create(store_url, write_token, **options)
