"""Idle and slow connections against a real uvicorn server on 127.0.0.1: they are closed on
time, and a normal request gets through (timeouts shortened so that this takes seconds)."""

from __future__ import annotations

import socket
import time

import httpx
import pytest
from tests.support.web import InlinePool, ThreadServer

IDLE_SOCKETS = 50


@pytest.fixture
def server(app_factory):
    """A server closing connections without complete headers after 1 s, kept-alive idle ones
    after 1 s, and answering 503 past 40 connections; yields it."""
    app = app_factory(pool=InlinePool())
    with ThreadServer(app, header_timeout=1.0, keep_alive=1.0, limit_concurrency=40) as running:
        yield running


def connect(server: ThreadServer) -> socket.socket:
    """A connection to the server that has sent nothing."""
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    connection.settimeout(10)
    return connection


def closed_within(connection: socket.socket, seconds: float) -> bytes | None:
    """What the server sent before closing `connection`, or None if still open after
    `seconds`."""
    connection.settimeout(seconds)
    received = b""
    try:
        while True:
            data = connection.recv(4096)
            if not data:
                return received
            received += data
    except TimeoutError:
        return None
    except ConnectionResetError:
        return received


def test_connections_that_send_nothing_are_closed_and_others_get_through(server):
    idle = [connect(server) for _ in range(IDLE_SOCKETS)]
    try:
        time.sleep(0.2)
        locked_out = httpx.get(server.url + "/", timeout=10)
        assert locked_out.status_code == 503  # past limit_concurrency, until the idle go
        started = time.monotonic()
        assert all(closed_within(connection, 5) == b"" for connection in idle)
        assert time.monotonic() - started < 3  # closed after about 1 s, without a word
        answer = httpx.get(server.url + "/", timeout=10)
        assert answer.status_code == 200
        assert "Generate a committee report" in answer.text
    finally:
        for connection in idle:
            connection.close()


def test_headers_sent_a_byte_at_a_time_are_cut_off_with_408(server):
    with connect(server) as slow:
        started = time.monotonic()
        request = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 100
        try:
            for byte in request:  # never finishes its headers; each byte keeps it "active"
                slow.sendall(bytes([byte]))
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = closed_within(slow, 5)
    assert answer is not None and answer.startswith(b"HTTP/1.1 408"), answer
    assert time.monotonic() - started < 4


def test_a_kept_alive_connection_is_closed_when_idle_then_a_new_one_works(server):
    with connect(server) as kept:
        kept.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        first = b""
        while b"</html>" not in first:
            first += kept.recv(65536)
        assert first.startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        assert closed_within(kept, 5) == b""
        assert time.monotonic() - started < 3
    assert httpx.get(server.url + "/", timeout=10).status_code == 200


def test_a_request_in_time_is_not_cut_off(server):
    with connect(server) as prompt:
        prompt.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        time.sleep(0.5)
        prompt.sendall(b"\r\n")
        answer = prompt.recv(65536)
    assert answer.startswith(b"HTTP/1.1 200")


def test_the_open_file_limit_is_raised_to_the_hard_limit():
    import resource

    from docgen.web.server import raise_open_file_limit

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 256), hard))
        assert raise_open_file_limit() == hard
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (hard, hard)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
