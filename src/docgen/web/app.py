"""The web app: its settings, its temporary root, its workers, security headers and routes."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import json_api, pack, pages
from .pool import WorkerPool
from .results import ROOT_PREFIX, ResultStore, remove_stale_roots
from .settings import Settings

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent

STALE_AFTER_SECONDS = 3600.0
"""A folder left by a server that is gone is removed once it is this old (or older than the
results' lifetime, if that is longer)."""

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-frame-options", b"DENY"),  # frame-ancestors' forerunner, for older browsers
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


def create_app(max_upload_mb: float = 20, *, pool: Any = None, **options: Any) -> FastAPI:
    """The Generate page as an ASGI app.

    `options` are `Settings` fields (limits, lifetimes, workers). Every build, check and
    preview runs in `pool` (default: a `WorkerPool` of `Settings.workers` processes, started
    with the app). All files live under one temporary folder, removed when the app shuts down;
    folders left by a server that was killed are removed when the next one starts.
    """
    settings = Settings(max_upload_mb=max_upload_mb, **options)
    remove_stale_roots(Path(tempfile.gettempdir()),
                       max(settings.result_lifetime, STALE_AFTER_SECONDS))
    store = ResultStore(
        Path(tempfile.mkdtemp(prefix=ROOT_PREFIX)),
        max_results=settings.max_results,
        lifetime=settings.result_lifetime,
        per_client=settings.results_per_client,
        kept_lifetime=settings.kept_upload_lifetime,
    )
    pool = pool if pool is not None else default_pool(settings)
    app = FastAPI(title="docgen", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=_lifespan(store, pool, settings.purge_interval))
    app.state.settings = settings
    app.state.store = store
    app.state.pool = pool
    app.state.standard_template = private_template(store.root)
    # Also when the app is dropped without a shutdown, or at exit, nothing may linger.
    weakref.finalize(app, _close, pool, store)
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.globals["group_by_sheet"] = pages.group_by_sheet
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(json_api.router)
    app.include_router(pack.router)
    app.add_exception_handler(Exception, pages.server_error)
    app.add_middleware(SecurityHeaders)
    return app


def default_pool(settings: Settings) -> WorkerPool:
    """The worker pool `settings` ask for."""
    return WorkerPool(
        settings.workers,
        memory=settings.worker_memory,
        max_queue=settings.max_queue,
        max_queue_per_client=settings.max_queue_per_client,
        queue_seconds=settings.queue_seconds,
    )


def _lifespan(store: ResultStore, pool: Any, interval: float):
    """Start the workers and the sweeper with the app; stop them and delete files after."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool.start()
        sweeper = asyncio.create_task(_sweep(store, interval))
        try:
            yield
        finally:
            sweeper.cancel()
            with suppress(asyncio.CancelledError):
                await sweeper
            _close(pool, store)

    return lifespan


async def _sweep(store: ResultStore, interval: float) -> None:
    """Every `interval` seconds, delete expired results and kept uploads, request or none."""
    while True:
        await asyncio.sleep(interval)
        try:
            await run_in_threadpool(store.purge)
        except Exception:  # the next sweep tries again; the server must go on
            log.exception("could not remove expired results")


def _close(pool: Any, store: ResultStore) -> None:
    """Stop the workers, then delete every file."""
    pool.close()
    store.close()


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


def private_template(root: Path) -> Path:
    """A read-only copy of the standard template in the server's private folder, which every
    build without an uploaded template uses: whatever a build did, the shipped template (and
    so every later user's report) could not change."""
    import os
    import shutil

    from .. import api

    target = root / "standard" / "report.docx"
    target.parent.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(api.default_template(), target)
    os.chmod(target, 0o400)
    return target
