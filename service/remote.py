"""Queries forwarded to an external store (``KG_STORE``) instead of the local worker processes.

The narrowest seam: ``RemotePool`` is what ``WorkerPool`` is to ``SparqlService`` — ``run(job,
timeout)`` gives an ``Answer`` of serialised bytes — so everything in front of it stays as it is
for clients: formats by ``Accept``, the screen (updates and ``SERVICE`` refused before anything is
sent), ``KG_MAX_RESULTS``, the cache and ETags (keyed by the data dir's published version), the
error responses. The store's answer is parsed by pyoxigraph as it streams in and serialised by the
same code a worker uses (``service.evaluation.answer``), so the bytes are those a local answer
would have, and reading stops at the result cap.

``KG_WORKERS`` bounds how many queries are forwarded at once, as it bounds the local workers: a
query that finds every slot busy for longer than a query may run is answered 503. An unreachable
store is a 503 too; a store that answers with an error, a 502.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from kg.errors import KGError, QueryError
from kg.remote import RemoteStore
from kg.settings import Settings
from service.evaluation import Answer, Job, answer
from service.executor import PoolBusy

log = logging.getLogger("meetgraph.service")


class RemotePool:
    """``settings.workers`` slots for queries in flight to the external store."""

    isolated = None
    """The local workers' network isolation does not apply: nothing is evaluated here."""

    def __init__(self, settings: Settings) -> None:
        self.size = max(1, settings.workers)
        self.url = settings.store
        self._store = RemoteStore(settings, connections=self.size, timeout=settings.query_timeout)
        self._slots = threading.BoundedSemaphore(self.size)

    def start(self) -> None:
        """Say early, in the log, when the store cannot be asked; the service starts anyway and
        answers 503 until it can (the store may come up after us)."""
        try:
            with self._store.query("ASK {}", 10.0) as result:
                bool(result)
        except KGError as error:
            log.warning("the external store does not answer yet: %s", error)

    def close(self) -> None:
        self._store.close()

    def pids(self) -> list[int]:
        return []

    def run(self, job: Job, timeout: float) -> Answer:
        """Forward ``job`` to the store and serialise its answer as a worker would.

        Raises ``QueryTimeout`` (no whole answer within ``timeout``), ``PoolBusy``, ``QueryError``
        (the store refused the query, or the format does not suit its form), ``StoreUnreachable``
        and ``RemoteStoreError``.
        """
        wait = timeout + 5.0
        if not self._slots.acquire(timeout=wait):
            raise PoolBusy(f"all {self.size} query slots stayed busy for {wait:g} s; retry later")
        try:
            with self._store.query(job.query, timeout, job.default_graphs, job.named_graphs) as result:
                try:
                    return answer(result, job)
                except ValueError as error:
                    raise QueryError(f"the query cannot be evaluated: {error}") from None
        finally:
            self._slots.release()

    async def run_async(self, job: Job, timeout: float) -> Answer:
        """``run`` in a thread: the HTTP client to the store is a blocking one."""
        return await asyncio.to_thread(self.run, job, timeout)
