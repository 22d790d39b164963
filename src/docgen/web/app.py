"""The web app: its settings, its temporary root, security headers and routes."""

from __future__ import annotations

import tempfile
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import json_api, pages
from .results import ResultStore

HERE = Path(__file__).resolve().parent

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


def create_app(
    max_upload_mb: float = 20, *, max_results: int = 50, result_lifetime: float = 3600.0
) -> FastAPI:
    """The Generate page as an ASGI app.

    Uploads larger than `max_upload_mb` are refused. Finished reports are kept for download
    for `result_lifetime` seconds, at most `max_results` of them; all files live under one
    temporary folder, removed when the app shuts down.
    """
    store = ResultStore(
        Path(tempfile.mkdtemp(prefix="docgen-web-")),
        max_results=max_results,
        lifetime=result_lifetime,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="docgen", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.store = store
    # Also when the app is dropped without a shutdown, or at exit, the files must not linger.
    weakref.finalize(app, store.close)
    app.state.max_upload_mb = max_upload_mb
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.globals["group_by_sheet"] = pages.group_by_sheet
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(json_api.router)
    app.add_exception_handler(Exception, pages.server_error)
    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every response: no third-party content, no framing."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
