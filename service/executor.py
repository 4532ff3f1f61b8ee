"""SPARQL evaluation in worker processes, so that a timeout really stops a query.

pyoxigraph evaluates in Rust and cannot be interrupted from Python: a thread running a runaway
query would hold a core until the query ends, minutes later. So each query runs in one of
``settings.workers`` long-lived processes (``service.worker``), each holding the on-disk store open
read-only. The server sends a ``Job`` over a socket pair and waits at most
``settings.query_timeout`` seconds; on overrun it kills that worker (SIGKILL), answers 504 at once,
and starts a replacement in the background, while the other workers keep answering.

Workers are fresh interpreters (``python -m service.worker``), not forks of the server: the server
has an event loop and threads running, and a fork-server or spawn child would re-run the script
that started the server (``kg``'s whole CLI) in every worker.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import KGError, QueryError, QueryTimeout, StoreError
from kg.publish import PUBLISHED_FILE, published_record
from kg.store import META_FILE, read_meta
from service.evaluation import Answer, Job

__all__ = ["Answer", "DatasetVersion", "Job", "PoolBusy", "WorkerCrashed", "WorkerPool"]

log = logging.getLogger("meetgraph.service")

_START_TIMEOUT = 60.0
"""Seconds a new worker may take to open the store."""
_PROJECT_ROOT = Path(__file__).resolve().parent.parent


class PoolBusy(KGError):
    """Every worker stayed busy for longer than a query may run (answered 503, retry later)."""


class WorkerCrashed(KGError):
    """A worker died while evaluating (a crash of the engine): answered 500 and logged."""


class DatasetVersion:
    """The built graph's version (meta "version"), noticed again when the data dir is rebuilt.

    A cheap ``stat`` of meta.json per request: when it changes, the generation goes up and each
    worker reopens its store before its next job, so a ``kg build`` or ``kg add`` is picked up
    without restarting the server.

    With an external store (``published_to``), answers come from the store, which holds the new
    version only once ``kg.publish`` has finished: until the data dir's publish record names the
    version, it is served as ``{version}+unpublished``, so nothing cached or tagged meanwhile is
    mistaken for the published version's answer.
    """

    def __init__(self, data_dir: Path, published_to: str | None = None) -> None:
        self._data_dir = Path(data_dir)
        self._path = self._data_dir / META_FILE
        self._published_to = published_to
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self.meta: dict = read_meta(self._data_dir)  # StoreError if nothing is built
        self.published: dict | None = None
        self.generation = 0
        self.refresh()

    def refresh(self) -> None:
        stamp = _stamp(self._path)
        if stamp is None:
            return
        if self._published_to is not None:
            stamp += _stamp(self._data_dir / PUBLISHED_FILE) or ()
        with self._lock:
            if stamp == self._stamp:
                return
            self.meta = read_meta(self._data_dir)
            if self._published_to is not None:
                self.published = published_record(self._data_dir)
            self._stamp = stamp
            self.generation += 1
        if self.version.endswith(_UNPUBLISHED):
            log.warning("the graph in %s (version %s) is not published to %s yet: answers come "
                        "from what the store holds (`kg publish` sends it)",
                        self._data_dir, self.meta.get("version"), self._published_to)

    def snapshot(self) -> tuple[str, int]:
        """The version and its generation, read together (a refresh in another thread may fall between)."""
        with self._lock:
            return self.version, self.generation

    @property
    def version(self) -> str:
        version = str(self.meta.get("version", ""))
        if self._published_to is None or (self.published or {}).get("version") == version:
            return version
        return version + _UNPUBLISHED


_UNPUBLISHED = "+unpublished"


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen
    conn: Connection


class WorkerPool:
    """``size`` worker processes and the rules for lending them out.

    ``run`` blocks (call it from a thread, never on the event loop): it waits for an idle worker,
    sends the job, and waits for the answer until the deadline. ``run_async`` does the same on the
    event loop without a thread: a request waits for a worker, and a worker's answer is noticed,
    by the loop itself, which saves a thread hand-off per query.
    """

    def __init__(self, data_dir: Path, size: int) -> None:
        self.data_dir = Path(data_dir)
        self.size = max(1, size)
        self.isolated: bool | None = None
        """Whether workers run without network (None until the first one started)."""
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._waiters: collections.deque[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = collections.deque()
        """Event-loop callers waiting for a worker, served before the idle queue."""
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._generation = 0

    def start(self) -> None:
        """Start every worker and wait until each has opened the store (raises ``StoreError``)."""
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                self._await_ready(worker)
        except BaseException:
            for worker in workers:
                self._kill(worker)
            raise
        for worker in workers:
            self._release(worker)

    def close(self) -> None:
        """Stop every worker: politely, then by force."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
        for worker in workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2.0
        for worker in workers:
            try:
                worker.process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            self._kill(worker)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for monitoring and tests)."""
        with self._lock:
            return sorted(worker.process.pid for worker in self._all)

    def run(self, job: Job, timeout: float) -> Answer:
        """Evaluate ``job`` in a worker within ``timeout`` seconds.

        Raises ``QueryTimeout`` (the worker is killed and replaced), ``PoolBusy`` (no worker came
        free in time), ``QueryError`` (the engine refused the query), ``StoreError`` or
        ``WorkerCrashed``.
        """
        wait = timeout + 5.0  # a busy worker is freed within one timeout, a new one takes a moment
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise _busy(self.size, wait) from None
        self._generation = job.generation
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self._replace(worker)
                raise _timeout(timeout)
            reply = worker.conn.recv()
        except (EOFError, OSError) as error:
            raise self._crashed(worker, error) from None
        self._release(worker)
        return _outcome(*reply)

    async def run_async(self, job: Job, timeout: float) -> Answer:
        """``run`` on the event loop: same limits, same errors, no thread."""
        loop = asyncio.get_running_loop()
        wait = timeout + 5.0
        worker = await self._acquire(loop, wait)
        self._generation = job.generation
        ready = loop.create_future()
        fd = worker.conn.fileno()
        try:
            worker.conn.send(job)  # a small message: the socket buffer takes it at once
            loop.add_reader(fd, _wake, ready)
        except (EOFError, OSError) as error:
            raise self._crashed(worker, error) from None
        try:
            await asyncio.wait_for(ready, timeout)
        except asyncio.TimeoutError:
            _unwatch(loop, fd)
            await loop.run_in_executor(None, self._replace, worker)
            raise _timeout(timeout) from None
        except asyncio.CancelledError:  # the client left: let a thread collect the answer
            _unwatch(loop, fd)
            threading.Thread(target=self._collect, args=(worker, timeout), daemon=True).start()
            raise
        _unwatch(loop, fd)
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError) as error:
            raise self._crashed(worker, error) from None
        self._release(worker)
        return _outcome(*reply)

    async def _acquire(self, loop: asyncio.AbstractEventLoop, wait: float) -> _Worker:
        with self._lock:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                waiter = loop.create_future()
                self._waiters.append((loop, waiter))
        try:
            return await asyncio.wait_for(waiter, wait)
        except asyncio.TimeoutError:
            raise _busy(self.size, wait) from None

    def _release(self, worker: _Worker) -> None:
        """Hand ``worker`` to the first event-loop caller still waiting, else to the idle queue."""
        with self._lock:
            while self._waiters:
                loop, waiter = self._waiters.popleft()
                if waiter.done():
                    continue
                try:
                    loop.call_soon_threadsafe(self._deliver, waiter, worker)
                except RuntimeError:  # that loop is closed
                    continue
                return
            self._idle.put(worker)

    def _deliver(self, waiter: asyncio.Future, worker: _Worker) -> None:
        if waiter.done():  # it gave up meanwhile
            self._release(worker)
        else:
            waiter.set_result(worker)

    def _collect(self, worker: _Worker, timeout: float) -> None:
        """Wait out the answer nobody will read, then free the worker (or replace it)."""
        try:
            if worker.conn.poll(timeout):
                worker.conn.recv()
                self._release(worker)
                return
        except (EOFError, OSError):
            pass
        self._replace(worker)

    def _crashed(self, worker: _Worker, error: BaseException) -> WorkerCrashed:
        self._replace(worker)
        log.error("query worker %s died: %r", worker.process.pid, error)
        return WorkerCrashed(
            "the query engine crashed while evaluating this query (it has been restarted)"
        )

    # -- worker lifecycle --

    def _spawn(self) -> _Worker:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PROJECT_ROOT), env.get("PYTHONPATH")]))
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "service.worker", str(theirs.fileno()), str(self.data_dir),
                 str(self._generation)],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                env=env,
                close_fds=True,
            )
        finally:
            theirs.close()
        worker = _Worker(process, Connection(ours.detach()))
        with self._lock:
            self._all.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        try:
            if not worker.conn.poll(_START_TIMEOUT):
                raise StoreError(f"a query worker did not start within {_START_TIMEOUT:g} s")
            status, detail = worker.conn.recv()
        except (EOFError, OSError):
            raise StoreError("a query worker died while opening the store") from None
        if status != "ready":
            raise StoreError(detail)
        if self.isolated is None:
            self.isolated = bool(detail)
            if not detail:
                log.warning(
                    "query workers could not leave the network (no network namespaces here); "
                    "SERVICE is still refused by the query screen"
                )

    def _kill(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        if worker.process.poll() is None:
            worker.process.kill()
        try:
            worker.process.wait(5.0)
        except subprocess.TimeoutExpired:
            log.error("query worker %s did not die", worker.process.pid)
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now; start its successor in the background."""
        self._kill(worker)
        threading.Thread(target=self._respawn, name="meetgraph-respawn", daemon=True).start()

    def _respawn(self) -> None:
        delay = 0.5
        while not self._closed:
            worker = self._spawn()
            try:
                self._await_ready(worker)
            except StoreError as error:
                self._kill(worker)
                log.error("could not restart a query worker: %s; retrying", error)
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if not self._closed:
                self._release(worker)
                return
            self._kill(worker)
            return


def _wake(ready: asyncio.Future) -> None:
    if not ready.done():
        ready.set_result(None)


def _unwatch(loop: asyncio.AbstractEventLoop, fd: int) -> None:
    """Stop watching a worker's socket, and make it blocking again (watching made it non-blocking,
    and ``Connection.recv`` reads a whole message only from a blocking socket)."""
    loop.remove_reader(fd)
    os.set_blocking(fd, True)


def _busy(size: int, wait: float) -> PoolBusy:
    return PoolBusy(f"all {size} query workers stayed busy for {wait:g} s; retry later")


def _timeout(timeout: float) -> QueryTimeout:
    return QueryTimeout(
        f"the query ran longer than the {timeout:g} s limit and was stopped; "
        "narrow it (a LIMIT, fewer optional parts, a more selective pattern)"
    )


def _outcome(status: str, payload: object) -> Answer:
    """A worker's reply as the answer, or as the error it stands for."""
    if status == "ok":
        return payload  # type: ignore[return-value]
    if status == "syntax":
        raise QueryError(payload)
    if status == "query":
        raise QueryError(f"the query cannot be evaluated: {payload}")
    if status == "os":
        raise StoreError(f"the store could not be read: {payload}")
    raise RuntimeError(f"query worker failed:\n{payload}")


_POSITION = re.compile(r"error at (\d+):(\d+)")


def syntax_position(message: str) -> tuple[int, int] | None:
    """(line, column), both from 1, from a pyoxigraph syntax error message ("error at 3:12: …")."""
    match = _POSITION.search(message)
    return (int(match.group(1)), int(match.group(2))) if match else None
