"""Running the Generate page with uvicorn, for `docgen serve`.

Connections are bounded: a kept-alive connection idle for `keep_alive` seconds is closed, a
connection that has not sent a request's headers within `header_timeout` seconds is closed
(`connections.py`), and past `limit_concurrency` connections and requests at once uvicorn
answers 503. The open-file limit is raised as far as the system allows, and a message repeated
many times is logged once.
"""

from __future__ import annotations

import logging
from typing import Any

import uvicorn

from .app import create_app
from .connections import HEADER_TIMEOUT_SECONDS, with_header_timeout
from .logs import install_repeat_filter

log = logging.getLogger(__name__)

KEEP_ALIVE_SECONDS = 5
"""How long a connection may stay open with nothing to do after a response."""

LIMIT_CONCURRENCY = 100
"""Connections and requests at once; past it uvicorn answers 503 Service Unavailable."""


def serve(host: str = "127.0.0.1", port: int = 8000, *, max_upload_mb: float = 20,
          workers: int | None = None, **settings: Any) -> None:
    """Serve the Generate page at http://HOST:PORT/ until interrupted.

    `workers` is the number of build worker processes; `settings` are further
    `docgen.web.settings.Settings` fields.
    """
    raise_open_file_limit()
    if workers is not None:
        settings["workers"] = workers
    app = create_app(max_upload_mb=max_upload_mb, **settings)
    make_server(app, host, port).run()


def make_server(app: Any, host: str, port: int, *, keep_alive: float = KEEP_ALIVE_SECONDS,
                header_timeout: float = HEADER_TIMEOUT_SECONDS,
                limit_concurrency: int = LIMIT_CONCURRENCY,
                log_level: str = "info") -> uvicorn.Server:
    """A uvicorn server for `app` with bounded connections (see the module's description)."""
    config = uvicorn.Config(
        app, host=host, port=port, log_level=log_level, http=with_header_timeout(header_timeout),
        timeout_keep_alive=keep_alive, limit_concurrency=limit_concurrency)
    # Config has set up uvicorn's logging by now: filter what its handlers write.
    install_repeat_filter("uvicorn", "uvicorn.error", "uvicorn.access")
    return uvicorn.Server(config)


def raise_open_file_limit() -> int:
    """Raise the soft limit on open files to the hard limit; the limit now in force."""
    try:
        import resource
    except ImportError:  # not on this platform
        return -1
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            log.warning("could not raise the open-file limit from %s to %s", soft, hard)
    return soft
