"""Running the Generate page with uvicorn, for `docgen serve`."""

from __future__ import annotations

import uvicorn

from .app import create_app


def serve(host: str = "127.0.0.1", port: int = 8000, *, max_upload_mb: float = 20) -> None:
    """Serve the Generate page at http://HOST:PORT/ until interrupted."""
    uvicorn.run(create_app(max_upload_mb=max_upload_mb), host=host, port=port, log_level="info")
