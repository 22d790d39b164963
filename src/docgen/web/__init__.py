"""The Generate page: a small web app over `docgen.api`, started by `docgen serve`."""

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
