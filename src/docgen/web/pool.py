"""A small fixed pool of worker processes for the Generate page, fair between clients.

Every build, check and preview the page makes runs in one of `size` workers
(`docgen.isolation.Worker`: memory, processor-time and wall-time limits), never in the server.
Jobs wait in a queue of bounded length; a job offered when the queue is full is refused with
`PoolBusy` (the page answers 503) rather than forking without bound. Waiting jobs are taken
round-robin by client, and one client may have at most `per_client` jobs running, so one
person's uploads — hostile or merely many — leave a worker free for everyone else. A client
whose recent jobs were stopped by a limit or crashed their worker is served after clients
whose jobs were not. A worker that is stopped, dies or has run many jobs is replaced before it
takes another job.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from ..exceptions import DocgenError
from ..isolation import (
    MEMORY_LIMIT_BYTES,
    PRELOAD,
    BuildStopped,
    Worker,
    WorkerFault,
    WorkerStartError,
    preload,
)

log = logging.getLogger(__name__)

WARM = (*PRELOAD, "docgen.web.jobs", "docgen.web.preview", "pypdfium2", "PIL.Image",
        "PIL.PngImagePlugin")
"""What the page's workers import before their first job."""

RETRY_START_SECONDS = 2.0
"""How long a pool slot waits before it tries again to start a worker that failed to start."""

STRIKE_SECONDS = 300.0
"""How long a job stopped by a limit (or crashing its worker) counts against its client."""


class PoolBusy(DocgenError):
    """Too many jobs are waiting: the job was not queued (or waited too long and was dropped)."""


@dataclass(eq=False)
class _Job:
    """A function to run in a worker, for a client, and the future that gets its result."""

    func: Callable[..., Any]
    args: tuple
    client: str
    seconds: float
    future: Future = field(default_factory=Future)
    queued: float = field(default_factory=time.monotonic)


class WorkerPool:
    """`size` pre-started workers, each with `memory` bytes; see the module's description.

    `max_queue` jobs may wait in all, `max_queue_per_client` of them from one client; a job
    that has waited `queue_seconds` is dropped with `PoolBusy`. A worker is replaced after
    `recycle_after` jobs. `warm` names the modules workers import before their first job.
    """

    def __init__(self, size: int = 2, *, memory: int = MEMORY_LIMIT_BYTES, max_queue: int = 20,
                 max_queue_per_client: int = 10, per_client: int | None = None,
                 queue_seconds: float = 120.0, recycle_after: int = 200,
                 warm: Sequence[str] = WARM):
        self.size = max(1, size)
        self.memory = memory
        self.max_queue = max_queue
        self.max_queue_per_client = max_queue_per_client
        self.per_client = per_client or max(1, self.size - 1)
        self.queue_seconds = queue_seconds
        self.recycle_after = recycle_after
        self.warm = tuple(warm)
        self._waiting: OrderedDict[str, deque[_Job]] = OrderedDict()
        self._running: Counter[str] = Counter()
        self._strikes: dict[str, deque[float]] = {}
        self._workers: set[Worker] = set()
        self._ready: set[Worker] = set()
        self._threads: list[threading.Thread] = []
        self._cond = threading.Condition()
        self._closed = False

    def start(self) -> None:
        """Start the workers now (in the background) rather than on the first job."""
        with self._cond:
            if self._threads or self._closed:
                return
            preload(WARM)
            for number in range(self.size):
                thread = threading.Thread(target=self._serve, name=f"docgen-pool-{number}",
                                          daemon=True)
                self._threads.append(thread)
                thread.start()

    def submit(self, func: Callable[..., Any], *args: Any, client: str, seconds: float,
               follow_up: bool = False) -> Future:
        """Queue `func(*args)` for a worker; a future of its result. `PoolBusy` when the queue
        is full. A `follow_up` (the second half of work already accepted, such as a preview)
        is never refused and goes before new work, so that accepted work finishes first."""
        self.start()
        job = _Job(func, args, client, seconds)
        with self._cond:
            if self._closed:
                raise PoolBusy("the server is stopping")
            queue = self._waiting.get(client, ())
            if not follow_up and (self.waiting >= self.max_queue
                                  or len(queue) >= self.max_queue_per_client):
                raise PoolBusy("too many reports are waiting to be made")
            queue = self._waiting.setdefault(client, deque())
            if follow_up:
                queue.appendleft(job)
                self._waiting.move_to_end(client, last=False)
            else:
                queue.append(job)
            self._cond.notify_all()
        job.future.add_done_callback(lambda future: self._forget(job))
        return job.future

    async def run(self, func: Callable[..., Any], *args: Any, client: str, seconds: float,
                  follow_up: bool = False) -> Any:
        """`func(*args)` in a worker, awaited; see `submit`."""
        return await asyncio.wrap_future(
            self.submit(func, *args, client=client, seconds=seconds, follow_up=follow_up))

    def wait_ready(self, seconds: float) -> bool:
        """Start the workers if need be and wait until all are ready; whether they are."""
        self.start()
        with self._cond:
            return self._cond.wait_for(lambda: len(self._ready) >= self.size, seconds)

    @property
    def waiting(self) -> int:
        """How many jobs are waiting for a worker."""
        return sum(len(queue) for queue in self._waiting.values())

    def close(self) -> None:
        """Refuse new jobs, drop waiting ones, stop every worker."""
        with self._cond:
            self._closed = True
            dropped = [job for queue in self._waiting.values() for job in queue]
            self._waiting.clear()
            workers = list(self._workers)
            self._cond.notify_all()
        for job in dropped:
            job.future.cancel()
        for worker in workers:
            worker.kill()
        for thread in self._threads:
            thread.join(10)

    # -- in each slot's thread -----------------------------------------------------------------

    def _serve(self) -> None:
        """One slot: keep a warm worker, and run jobs in it one after another."""
        worker = self._replace(None)
        while True:
            job = self._take()
            if job is None:
                break
            if worker is None or not worker.usable:  # it died while idle
                worker = self._replace(worker)
            try:
                self._run(worker, job)
            finally:
                self._finish(job)
            if worker is not None and (not worker.usable or worker.jobs >= self.recycle_after):
                worker = self._replace(worker)  # now, so that the next job finds one ready
        if worker is not None:
            self._retire(worker)

    def _replace(self, old: Worker | None) -> Worker | None:
        """A new ready worker in place of `old`; None (after a pause) when none will start."""
        if old is not None:
            self._retire(old)
        if self._closed:
            return None
        worker = None
        try:
            started = time.monotonic()
            worker = Worker(memory=self.memory, warm=self.warm)
            with self._cond:
                self._workers.add(worker)
            worker.wait_ready()
            log.debug("a worker started in %.2f s", time.monotonic() - started)
            with self._cond:
                self._ready.add(worker)
                self._cond.notify_all()
            return worker
        except (WorkerStartError, OSError):
            if worker is not None:
                self._retire(worker)
            if not self._closed:
                log.exception("a build worker could not be started")
                time.sleep(RETRY_START_SECONDS)
            return None

    def _retire(self, worker: Worker) -> None:
        """Stop `worker` and forget it."""
        worker.close()
        with self._cond:
            self._workers.discard(worker)
            self._ready.discard(worker)

    def _run(self, worker: Worker | None, job: _Job) -> None:
        """Run `job` in `worker`, settling its future with the result or the error."""
        started = time.monotonic()
        try:
            if worker is None:
                raise WorkerStartError("the build workers could not be started")
            result = worker.run(job.func, job.args, seconds=job.seconds)
        except BaseException as exc:  # every error belongs to the job's caller
            if isinstance(exc, BuildStopped | WorkerFault) and \
                    not isinstance(exc, WorkerStartError):
                self._strike(job.client)
            job.future.set_exception(exc)
        else:
            job.future.set_result(result)
        finally:
            log.debug("%s for %s waited %.2f s, ran %.2f s", job.func.__name__, job.client,
                      started - job.queued, time.monotonic() - started)

    def _take(self) -> _Job | None:
        """The next job this slot may run, waiting for one; None when the pool closes."""
        with self._cond:
            while not self._closed:
                self._drop_stale()
                job = self._pick()
                if job is not None:
                    self._running[job.client] += 1
                    return job
                self._cond.wait(timeout=1.0 if self._waiting else None)
            return None

    def _pick(self) -> _Job | None:
        """The next waiting job of a client below `per_client`: round-robin by client, clients
        with the fewest recent strikes first."""
        clients = [c for c in self._waiting if self._running[c] < self.per_client]
        for client in sorted(clients, key=self._strike_count):  # stable: keeps the round
            queue = self._waiting[client]
            while queue:
                job = queue.popleft()
                if job.future.set_running_or_notify_cancel():
                    self._requeue_client(client)
                    return job
            del self._waiting[client]
        return None

    def _strike_count(self, client: str) -> int:
        """How many of `client`'s jobs were stopped or crashed in the last `STRIKE_SECONDS`."""
        strikes = self._strikes.get(client)
        if not strikes:
            return 0
        while strikes and strikes[0] < time.monotonic() - STRIKE_SECONDS:
            strikes.popleft()
        if not strikes:
            del self._strikes[client]
        return len(strikes)

    def _strike(self, client: str) -> None:
        """Count a job of `client` stopped by a limit, or that crashed its worker."""
        with self._cond:
            strikes = self._strikes.setdefault(client, deque(maxlen=100))
            strikes.append(time.monotonic())

    def _requeue_client(self, client: str) -> None:
        """Move `client` to the back of the round, or out of it when nothing of it waits."""
        if self._waiting[client]:
            self._waiting.move_to_end(client)
        else:
            del self._waiting[client]

    def _drop_stale(self) -> None:
        """Refuse jobs that waited more than `queue_seconds`."""
        oldest = time.monotonic() - self.queue_seconds
        for client, queue in list(self._waiting.items()):
            while queue and queue[0].queued < oldest:
                job = queue.popleft()
                if job.future.set_running_or_notify_cancel():
                    job.future.set_exception(PoolBusy("the report waited too long to be made"))
            if not queue:
                del self._waiting[client]

    def _finish(self, job: _Job) -> None:
        """Count `job` as no longer running, and wake the slots."""
        with self._cond:
            self._running[job.client] -= 1
            if self._running[job.client] <= 0:
                del self._running[job.client]
            self._cond.notify_all()

    def _forget(self, job: _Job) -> None:
        """Take a cancelled job out of the queue at once, so that it stops counting."""
        if not job.future.cancelled():
            return
        with self._cond:
            queue = self._waiting.get(job.client)
            if queue is not None and job in queue:
                queue.remove(job)
                if not queue:
                    del self._waiting[job.client]
