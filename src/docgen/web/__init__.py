"""The Generate page: a small web app over `docgen.api`, started by `docgen serve`.

The app and the server are imported on first use, so that a build worker, which imports only
`docgen.web.jobs`, never loads the web framework.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "serve":
        from .server import serve

        return serve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
