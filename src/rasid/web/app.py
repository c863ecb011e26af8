"""The web application: ``create_app(store_url, write_token=None)`` → a FastAPI app.

* read-only unless a write token is given at start-up; write endpoints check it in constant time,
  limit the body size and accept only plain file names (no path traversal);
* a strict Content-Security-Policy (scripts and styles only from this server, as files) and the
  usual hardening headers on every response;
* one store connection shared by the request threads behind a lock (SQLite or PostgreSQL).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from rasid.corpus.store import Store
from rasid.errors import UserError

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


class StoreAccess:
    """One store connection for the whole app; requests take turns through a lock."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.lock = threading.RLock()
        self.store = Store.open(url)

    @contextmanager
    def use(self) -> Iterator[Store]:
        with self.lock:
            yield self.store

    def close(self) -> None:
        with self.lock:
            self.store.close()


def default_upload_dir(store_url: str) -> Path:
    if store_url.startswith(("postgresql://", "postgres://")):
        return Path.cwd() / "var" / "uploads"
    path = Path(store_url[len("sqlite:///"):] if store_url.startswith("sqlite:///") else store_url)
    return path.resolve().parent / "uploads"


def create_app(store_url: str | Path, write_token: str | None = None, *, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               upload_dir: Path | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The Rasid web UI and JSON API over the store at ``store_url``.

    ``write_token``: enables the write endpoints (upload/ingest) for requests that send it as
    ``Authorization: Bearer <token>``; without it the server is read-only.  ``allowed_hosts``:
    accepted ``Host`` headers (guards a loopback server against DNS rebinding); ``None`` accepts any.
    """
    if write_token is not None and len(write_token) < 8:
        raise UserError("the write token must be at least 8 characters long")
    url = str(store_url)
    access = StoreAccess(url)
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPI(lifespan=lifespan, title="Rasid", version="1", description="Arabic news intelligence: documents, entities, "
                  "events, claims and search over a Rasid store.", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json")
    app.state.access = access
    app.state.write_token = write_token
    app.state.max_upload_bytes = int(max_upload_bytes)
    app.state.upload_dir = upload_dir or default_upload_dir(url)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=400)
        from rasid.web.pages import error_page

        return error_page(request, 400, str(exc))

    static = resources.files("rasid.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    from rasid.web.api import router as api_router
    from rasid.web.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    return app
