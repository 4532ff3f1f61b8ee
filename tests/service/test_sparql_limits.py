"""Limits: a timeout that really stops the query, result truncation, parallel queries."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import threading
import time

import httpx

from service.evaluation import Job
from service.executor import WorkerPool
from service_testdata import MG

# Six copies of a ~200-triple dataset joined with no shared variable: ~10^13 rows to count.
SLOW = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r
}"""
# A path over the 120-link chain, repeated: as hopeless, by another route.
SLOW_PATH = f"""PREFIX mg: <{MG}>
SELECT (COUNT(*) AS ?n) WHERE {{ ?a mg:broader* ?b . ?c mg:broader* ?d . ?e mg:broader* ?f }}"""
FAST = "ASK { ?s ?p ?o }"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_timeout_stops_the_query_and_frees_the_worker(client, settings):
    timeout = settings.query_timeout
    pool = client.app.state.sparql.pool
    before = set(pool.pids())
    started = time.monotonic()
    response = client.get("/sparql", params={"query": SLOW})
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    assert f"{timeout:g} s" in response.json()["error"]["message"]
    assert timeout <= elapsed < timeout + 3
    killed = before - set(pool.pids())
    assert len(killed) == 1 and not alive(killed.pop())  # really stopped, not left running

    started = time.monotonic()
    assert client.get("/sparql", params={"query": FAST}).json()["boolean"] is True
    assert time.monotonic() - started < 1.0

    deadline = time.monotonic() + 10  # and the pool is whole again
    while len(pool.pids()) < pool.size and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(pool.pids()) == pool.size


def test_timeout_on_a_path_query(client):
    response = client.post("/sparql", data={"query": SLOW_PATH})
    assert response.status_code == 504


def test_timeouts_are_not_cached(client):
    assert client.get("/sparql", params={"query": SLOW + " # again"}).status_code == 504
    assert client.get("/sparql", params={"query": SLOW + " # again"}).status_code == 504


def test_truncated_select(client, settings):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert response.headers["x-result-truncated"] == "true"
    assert response.headers["x-result-limit"] == str(settings.max_results)
    assert len(response.json()["results"]["bindings"]) == settings.max_results
    assert response.headers["x-result-count"] == str(settings.max_results)


def test_truncated_construct(client, settings):
    response = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"accept": "application/n-triples"},
    )
    assert response.headers["x-result-truncated"] == "true"
    assert len(response.text.strip().splitlines()) == settings.max_results


def test_not_truncated(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert response.headers["x-result-truncated"] == "false"
    assert "x-result-limit" not in response.headers


def test_a_slow_query_does_not_block_a_fast_one(live_server):
    """Over real sockets: while one worker grinds, the other answers at once."""
    slow_status: list[int] = []

    def slow() -> None:
        slow_status.append(httpx.get(f"{live_server}/sparql", params={"query": SLOW}, timeout=30).status_code)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    fast = httpx.get(f"{live_server}/sparql", params={"query": FAST}, timeout=30)
    fast_elapsed = time.monotonic() - started
    still_running = thread.is_alive()
    thread.join()
    assert fast.status_code == 200 and fast.json()["boolean"] is True
    assert fast_elapsed < 1.0 and still_running
    assert slow_status == [504]


def test_two_queries_run_in_parallel(live_server, settings):
    """Two slow queries together take one timeout, not two: two workers, two cores."""
    statuses: list[int] = []

    def slow(tag: str) -> None:
        response = httpx.get(f"{live_server}/sparql", params={"query": f"{SLOW} # {tag}"}, timeout=30)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=slow, args=(tag,)) for tag in "ab"]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [504, 504]
    assert time.monotonic() - started < 2 * settings.query_timeout  # the live server's too
    # and the server answers afterwards
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if httpx.get(f"{live_server}/sparql", params={"query": FAST}, timeout=10).status_code == 200:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the server did not recover")


def _run(coroutine):
    """``asyncio.run`` in a thread of its own: the test's thread may already run a loop (other tests')."""
    with concurrent.futures.ThreadPoolExecutor(1) as executor:
        return executor.submit(asyncio.run, coroutine).result()


def test_waiters_on_the_event_loop_share_the_workers(data_dir):
    """Twenty queries awaited at once on two workers: each waits its turn on the loop, none is lost."""
    pool = WorkerPool(data_dir, 2)
    pool.start()
    try:
        async def many() -> list:
            jobs = [Job(query=f"{FAST} # {n}", format_name="json", max_results=10, generation=0)
                    for n in range(20)]
            return await asyncio.gather(*(pool.run_async(job, 10.0) for job in jobs))

        answers = _run(many())
        assert [json.loads(answer.body)["boolean"] for answer in answers] == [True] * 20
        assert len(pool.pids()) == 2
    finally:
        pool.close()


def test_a_cancelled_wait_leaves_the_pool_whole(data_dir):
    """A request abandoned while its worker evaluates (the server shutting down, a cancelled task):
    its answer is collected (here: the worker is stopped at the timeout), the other worker keeps
    answering, and the pool is back to its size."""
    pool = WorkerPool(data_dir, 2)
    pool.start()
    slow = Job(query=SLOW, format_name="json", max_results=10, generation=0)
    fast = Job(query=FAST, format_name="json", max_results=10, generation=0)
    try:
        async def abandon() -> bool:
            task = asyncio.ensure_future(pool.run_async(slow, 1.0))
            await asyncio.sleep(0.3)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            answer = await pool.run_async(fast, 5.0)
            return json.loads(answer.body)["boolean"]

        started = time.monotonic()
        assert _run(abandon()) is True
        assert time.monotonic() - started < 1.0  # the fast one did not wait for the slow one
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if len(pool.pids()) == 2 and pool._idle.qsize() == 2:
                break
            time.sleep(0.05)
        assert len(pool.pids()) == 2 and pool._idle.qsize() == 2
    finally:
        pool.close()
