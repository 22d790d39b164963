"""Run a build in a child process with a time and memory limit (for untrusted templates).

A template uploaded to the Generate page comes from someone docgen does not know. The sandbox
(`docgen.sandbox`) stops what it can see; a child process with an address-space limit and a
deadline stops the rest without taking the server down with it.
"""

from __future__ import annotations

import logging
import multiprocessing
from typing import Any

from .exceptions import DocgenError, TemplateError

logger = logging.getLogger(__name__)

TIME_LIMIT_SECONDS = 60.0
"""How long an isolated build may run."""

MEMORY_LIMIT_BYTES = 2 * 1024**3
"""The address space an isolated build may use."""


def run_isolated(kwargs: dict[str, Any], *, seconds: float = TIME_LIMIT_SECONDS,
                 memory: int = MEMORY_LIMIT_BYTES):
    """`api.build(**kwargs)` in a child process; its result, or its `DocgenError` re-raised."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, kwargs, memory), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise TemplateError(f"the build was stopped after {seconds:.0f} seconds; "
                                "the template may loop without end")
        try:
            outcome, value = receiver.recv()
        except EOFError:
            raise TemplateError("the build was stopped: it used more memory than allowed "
                                f"({memory / 1024**3:.0f} GB)") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if outcome == "error":
        raise value
    return value


def _child(sender, kwargs: dict[str, Any], memory: int) -> None:
    """In the child: limit memory, build, send back the result or the error."""
    import resource

    from . import api

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        sender.send(("ok", api.build(**kwargs)))
    except DocgenError as exc:
        sender.send(("error", exc))
    except MemoryError:
        sender.send(("error", TemplateError(
            f"the build was stopped: it used more memory than allowed "
            f"({memory / 1024**3:.0f} GB)")))
    except Exception as exc:  # a bug: report it as such, without a traceback object
        logger.debug("isolated build failed", exc_info=True)
        sender.send(("error", DocgenError(f"internal error: {type(exc).__name__}: {exc}")))
    finally:
        sender.close()
