"""The server's log: a message repeated many times is written once, then counted."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time

import pytest
from tests.support.web import ROOT, free_port, server_environment, wait_until_answering

from docgen.web.logs import RepeatFilter


def record(message: str, *args, level: int = logging.ERROR) -> logging.LogRecord:
    return logging.LogRecord("asyncio", level, __file__, 1, message, args, None)


def test_identical_messages_are_let_through_once_per_window(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    repeats = RepeatFilter(window=60)
    assert repeats.filter(record("socket.accept() out of system resource"))
    assert not any(repeats.filter(record("socket.accept() out of system resource"))
                   for _ in range(500))
    assert repeats.filter(record("another message"))
    clock[0] += 61
    later = record("socket.accept() out of system resource")
    assert repeats.filter(later)
    assert later.getMessage() == ("socket.accept() out of system resource (repeated 500 times "
                                  "since last written)")


def test_messages_that_differ_only_in_numbers_count_as_the_same():
    repeats = RepeatFilter()
    assert repeats.filter(record("handle: <TimerHandle when=%s at 0x7f6ea1042c00>", 1816.94))
    assert not repeats.filter(record("handle: <TimerHandle when=%s at 0x7f6ea10a2e10>", 1817.2))
    assert repeats.filter(record("handle: <TimerHandle when=%s>", 1817.2, level=logging.INFO))


FLOOD_SERVER = """
import resource
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
from docgen.web import serve
serve(port={port}, workers=1)
"""


@pytest.mark.slow
def test_running_out_of_file_descriptors_does_not_flood_the_log(tmp_path):
    """With only 64 files allowed, 120 connections make every accept() fail: asyncio reports
    each, and each of its retries, thousands a second (17 MB in 6 s before the filter)."""
    port = free_port()
    log = tmp_path / "server.log"
    with open(log, "wb") as log_file:
        server = subprocess.Popen([sys.executable, "-c", FLOOD_SERVER.format(port=port)],
                                  cwd=ROOT, env=server_environment(), stdout=log_file,
                                  stderr=subprocess.STDOUT)
    connections = []
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/", server, log)
        for _ in range(120):
            connections.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        time.sleep(3)
    finally:
        for connection in connections:
            connection.close()
        server.terminate()
        server.wait(timeout=20)
    text = log.read_text()
    assert "Too many open files" in text
    assert text.count("socket.accept() out of system resource") == 1
    assert len(text) < 50_000, len(text)
