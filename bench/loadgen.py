"""A minimal HTTP/1.1 keep-alive client on asyncio streams: the benchmark's load generator.

Why not httpx alone: on this 2-core machine httpx's AsyncClient spends milliseconds per request
in its connection pool, so it measures itself rather than the server (against ``oxigraph serve``
on a point lookup: httpx 523 req/s at 8 connections and 194 at 32, this client 5,515 and 4,915).
This client only writes a GET and reads the status, the headers and a ``Content-Length`` or
chunked body; nothing more is needed to time SPARQL GET requests. httpx is still used where
convenience matters more than overhead (the readiness probe, the first answer of each query).

Only loopback addresses are accepted: the benchmark never sends load anywhere else.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote, urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Connection:
    """One keep-alive connection; reconnects once when the server closed it between requests."""

    def __init__(self, host: str, port: int) -> None:
        if host not in LOOPBACK:
            raise ValueError(f"load is only sent to loopback addresses, not {host}")
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (ConnectionError, OSError):
                pass
            self.reader = self.writer = None

    async def get(self, target: str, accept: str) -> tuple[int, int]:
        """GET ``target`` (path and query); returns (status, body bytes)."""
        for attempt in (0, 1):
            if self.writer is None:
                await self._open()
            try:
                return await self._exchange(target, accept)
            except (ConnectionError, asyncio.IncompleteReadError, ValueError):
                await self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, target: str, accept: str) -> tuple[int, int]:
        assert self.reader is not None and self.writer is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: {accept}\r\n\r\n".encode())
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed by the server")
        status = int(status_line.split()[1])
        length, chunked, close = None, False, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n"):
                break
            if not line:
                raise ConnectionError("closed in the headers")
            key, _, value = line.decode("latin-1").partition(":")
            key, value = key.strip().lower(), value.strip().lower()
            if key == "content-length":
                length = int(value)
            elif key == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif key == "connection" and value == "close":
                close = True
        size = 0
        if chunked:
            while True:
                n = int((await self.reader.readline()).split(b";")[0], 16)
                if n == 0:
                    while (await self.reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                await self.reader.readexactly(n + 2)
                size += n
        elif length is not None:
            await self.reader.readexactly(length)
            size = length
        else:
            size = len(await self.reader.read())
            close = True
        if close:
            await self.close()
        return status, size


def _target(url: str, query: str) -> tuple[str, int, str]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80, f"{parts.path or '/'}?query={quote(query, safe='')}"


@dataclass
class Load:
    """What a load run measured: requests completed in the timed window, their latency, errors."""

    rps: float
    n: int
    errors: int
    p50_ms: float | None
    seconds: float


async def _fetch(conn: Connection, target: str, accept: str, limit: float) -> bool:
    """One request; a failed one closes the connection, to be reopened by the next."""
    try:
        status, _ = await asyncio.wait_for(conn.get(target, accept), limit)
        return status == 200
    except (asyncio.TimeoutError, ConnectionError, OSError, ValueError, asyncio.IncompleteReadError):
        await conn.close()
        return False


async def _load(url: str, make: Callable[[int], str], clients: int, duration: float, max_requests: int,
                timeout: float, accept: str) -> Load:
    counter = 0
    latencies: list[float] = []
    errors = 0
    warm_until = time.perf_counter() + min(1.0, duration / 5)
    end = warm_until + duration

    async def worker() -> None:
        nonlocal counter, errors
        host, port, _ = _target(url, "")
        conn = Connection(host, port)
        try:
            while time.perf_counter() < end and counter < max_requests:
                i = counter
                counter += 1
                _, _, target = _target(url, make(i))
                t = time.perf_counter()
                # a request still running 5 s after the window cannot count: give up on it then
                limit = min(timeout, max(1.0, end + 5.0 - t))
                ok = await _fetch(conn, target, accept, limit)
                now = time.perf_counter()
                if t >= warm_until and now <= end:  # only requests wholly inside the timed window
                    if ok:
                        latencies.append((now - t) * 1000)
                    else:
                        errors += 1
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    return Load(len(latencies) / duration, len(latencies), errors,
                statistics.median(latencies) if latencies else None, duration)


def load(url: str, make: Callable[[int], str], clients: int, duration: float, *, max_requests: int = 500_000,
         timeout: float = 30.0, accept: str = "application/sparql-results+json") -> Load:
    """``clients`` connections each sending ``make(i)`` queries back to back for ``duration``
    seconds (after a short untimed warm-up), at most ``max_requests`` in all."""
    return asyncio.run(_load(url, make, clients, duration, max_requests, timeout, accept))


def sequential(url: str, queries: list[str], *, budget: float, timeout: float,
               accept: str = "application/sparql-results+json") -> tuple[list[float], int]:
    """One connection, one query after another, until the list or ``budget`` seconds run out
    (at least one request); returns the latencies in ms of the successful ones and the errors."""

    async def run() -> tuple[list[float], int]:
        host, port, _ = _target(url, "")
        conn = Connection(host, port)
        samples: list[float] = []
        errors = 0
        deadline = time.perf_counter() + budget
        try:
            for q in queries:
                _, _, target = _target(url, q)
                t = time.perf_counter()
                ok = await _fetch(conn, target, accept, timeout)
                if ok:
                    samples.append((time.perf_counter() - t) * 1000)
                else:
                    errors += 1
                if time.perf_counter() > deadline:
                    break
        finally:
            await conn.close()
        return samples, errors

    return asyncio.run(run())
