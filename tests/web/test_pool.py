"""The page's worker pool: bounded, fair between clients, and self-healing."""

from __future__ import annotations

import asyncio
import time

import hostile_jobs
import pytest

from docgen.isolation import BuildCrashed, BuildTimedOut
from docgen.web.pool import PoolBusy, WorkerPool

WARM = ("docgen.api", "hostile_jobs")
MEMORY = 512 * 1024**2


@pytest.fixture
def make_pool():
    """Make ready pools of `size` workers; all are closed after the test."""
    pools = []

    def make(size: int = 2, **options) -> WorkerPool:
        pool = WorkerPool(size, memory=MEMORY, warm=WARM, **options)
        pools.append(pool)
        assert pool.wait_ready(60)
        return pool

    yield make
    for pool in pools:
        pool.close()


def test_one_client_cannot_take_every_worker(make_pool):
    pool = make_pool(2)
    busy = [pool.submit(hostile_jobs.sleep_span, 1.5, client="a", seconds=20)
            for _ in range(3)]
    time.sleep(0.2)
    started = time.monotonic()
    other = pool.submit(hostile_jobs.pid, client="b", seconds=10)
    other.result(timeout=10)
    assert time.monotonic() - started < 1.2  # a worker was kept free for someone else
    spans = sorted(future.result(timeout=30) for future in busy)  # a's jobs ran in turn
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False))


def test_a_full_queue_refuses_new_work_but_not_follow_ups(make_pool):
    pool = make_pool(1, max_queue=3, max_queue_per_client=2)
    pool.submit(hostile_jobs.sleep, 1, client="a", seconds=10)
    time.sleep(0.2)  # running, no longer waiting
    pool.submit(hostile_jobs.pid, client="a", seconds=10)
    pool.submit(hostile_jobs.pid, client="a", seconds=10)
    with pytest.raises(PoolBusy):
        pool.submit(hostile_jobs.pid, client="a", seconds=10)  # a's share of the queue
    pool.submit(hostile_jobs.pid, client="b", seconds=10)
    with pytest.raises(PoolBusy):
        pool.submit(hostile_jobs.pid, client="c", seconds=10)  # the whole queue
    follow_up = pool.submit(hostile_jobs.echo, "preview", client="a", seconds=10,
                            follow_up=True)
    assert follow_up.result(timeout=10) == "preview"


def test_a_follow_up_goes_before_new_work(make_pool):
    pool = make_pool(1)
    pool.submit(hostile_jobs.sleep, 0.5, client="a", seconds=10)
    time.sleep(0.1)
    order = []
    later = pool.submit(hostile_jobs.echo, "new", client="b", seconds=10)
    first = pool.submit(hostile_jobs.echo, "follow-up", client="c", seconds=10, follow_up=True)
    later.add_done_callback(lambda future: order.append(future.result()))
    first.add_done_callback(lambda future: order.append(future.result()))
    later.result(timeout=10)
    first.result(timeout=10)
    assert order == ["follow-up", "new"]


def test_a_crashed_worker_is_replaced(make_pool):
    pool = make_pool(1)
    before = pool.submit(hostile_jobs.pid, client="a", seconds=10).result(timeout=10)
    with pytest.raises(BuildCrashed):
        pool.submit(hostile_jobs.crash, client="a", seconds=10).result(timeout=10)
    after = pool.submit(hostile_jobs.pid, client="a", seconds=10).result(timeout=20)
    assert after != before


def test_a_timed_out_worker_is_replaced_and_the_pool_goes_on(make_pool):
    pool = make_pool(1)
    with pytest.raises(BuildTimedOut):
        pool.submit(hostile_jobs.sleep, client="a", seconds=0.5).result(timeout=10)
    assert pool.submit(hostile_jobs.echo, 1, client="a", seconds=10).result(timeout=20) == 1


def test_workers_are_recycled_after_many_jobs(make_pool):
    pool = make_pool(1, recycle_after=2)
    pids = [pool.submit(hostile_jobs.pid, client="a", seconds=10).result(timeout=20)
            for _ in range(4)]
    assert pids[0] == pids[1] != pids[2] == pids[3]


def test_a_job_that_waits_too_long_is_dropped(make_pool):
    pool = make_pool(1, queue_seconds=0.5)
    pool.submit(hostile_jobs.sleep, 2, client="a", seconds=10)
    time.sleep(0.1)
    waiting = pool.submit(hostile_jobs.pid, client="b", seconds=10)
    with pytest.raises(PoolBusy, match="waited too long"):
        waiting.result(timeout=10)


def test_a_cancelled_job_leaves_the_queue(make_pool):
    pool = make_pool(1)
    pool.submit(hostile_jobs.sleep, 1, client="a", seconds=10)
    time.sleep(0.1)
    waiting = pool.submit(hostile_jobs.pid, client="b", seconds=10)
    assert pool.waiting == 1
    assert waiting.cancel()
    assert pool.waiting == 0


def test_a_client_whose_jobs_were_stopped_waits_behind_the_others(make_pool):
    pool = make_pool(1)
    with pytest.raises(BuildTimedOut):
        pool.submit(hostile_jobs.sleep, client="hostile", seconds=0.3).result(timeout=10)
    pool.submit(hostile_jobs.sleep, 0.5, client="someone", seconds=10)
    time.sleep(0.1)
    order = []
    for client in ("hostile", "author"):
        future = pool.submit(hostile_jobs.echo, client, client=client, seconds=10)
        future.add_done_callback(lambda f: order.append(f.result()))
    deadline = time.monotonic() + 20
    while len(order) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert order == ["author", "hostile"]


def test_run_awaits_the_result(make_pool):
    pool = make_pool(1)
    assert asyncio.run(pool.run(hostile_jobs.echo, 7, client="a", seconds=10)) == 7


def test_close_stops_every_worker_and_refuses_work():
    pool = WorkerPool(2, memory=MEMORY, warm=WARM)
    assert pool.wait_ready(60)
    processes = [worker.process for worker in pool._workers]
    pool.close()
    assert processes and not any(process.is_alive() for process in processes)
    with pytest.raises(PoolBusy):
        pool.submit(hostile_jobs.pid, client="a", seconds=10)
