"""The Generate page's limits and lifetimes, every default in one place."""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What the page accepts, how long it keeps things, and what a build may use."""

    max_upload_mb: float = 20
    """The largest upload, workbook and template together."""

    max_results: int = 50
    """Finished reports kept for download, from all clients together."""

    results_per_client: int = 10
    """Finished reports kept for one client address; its oldest go first."""

    result_lifetime: float = 3600.0
    """Seconds a finished report is kept for download."""

    kept_upload_lifetime: float = 900.0
    """Seconds the files of a failed attempt are kept, so the author need not choose them
    again."""

    purge_interval: float = 60.0
    """Seconds between sweeps that delete expired reports and kept uploads."""

    workers: int = 2
    """Worker processes that build, check and draw previews; no build runs in the server."""

    worker_memory_mb: int = 1024
    """The address space of each worker (RLIMIT_AS)."""

    build_seconds: float = 60.0
    """Wall time (and processor time) one build or check may take."""

    preview_seconds: float = 20.0
    """Wall time (and processor time) drawing one report's preview may take."""

    max_queue: int = 20
    """Jobs that may wait for a worker, from all clients; past it the page answers 503."""

    max_queue_per_client: int = 10
    """Jobs that may wait for a worker from one client address: half the queue, so that one
    client's flood leaves room for everyone else."""

    queue_seconds: float = 120.0
    """How long a job may wait for a worker before it is given up with 503."""

    @property
    def worker_memory(self) -> int:
        """`worker_memory_mb` in bytes."""
        return int(self.worker_memory_mb * MEGABYTE)
