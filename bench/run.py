"""The benchmark harness of issue 6: meetgraph at 5 to 5,000 articles, beside oxigraph serve and
rdflib-endpoint, written to ``bench/RESULTS.md`` and ``bench/results.png``.

    python -m bench [--sizes 5,50,500] [--max-build-seconds 1800] [--no-compare] [--no-extraction]

For each corpus size (``bench.corpus``, deterministic from ``--seed``):

1. ``kg build`` as a child process (through ``bench.stages``, which times each stage of the same
   code path): wall time, peak RSS of the child (``os.wait4``), triples asserted/inferred from
   ``meta.json``, meetings found versus generated (``bench.corpus.score``). A build that overruns
   ``--max-build-seconds`` is killed and reported as not finished: nothing after it is measured.
2. ``kg add`` of one unseen article into a copy of the built data dir: time, peak RSS, and whether
   the incremental or the full closure ran.
3. ``kg serve`` on a free loopback port: time until it answers a query, the peak memory of its
   process tree (server plus query workers), p50/p95 latency of each of the ten example queries,
   and throughput at 8 and 32 concurrent clients on a point lookup and on a join (example 04).
4. The same queries and loads against ``oxigraph serve-read-only`` over the same data (the union
   of the named graphs loaded into the default graph, as meetgraph's store has it) and against
   ``rdflib-endpoint`` serving ``dataset.nq`` with rdflib; reported as ratios.

Every request goes to 127.0.0.1; every loop is bounded in count and in time; every process the
harness starts is stopped by its id (its own process group) before the harness moves on.

Queries are sent with a unique trailing comment by default, so that meetgraph's answer cache
(keyed by the query text) never answers them: the numbers measure evaluation, as they do for the
two servers without a cache. meetgraph's cached numbers are reported beside them.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Callable

import httpx

from bench import corpus as corpus_mod
from bench import loadgen

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
RESULTS = BENCH / "RESULTS.md"
CHART = BENCH / "results.png"
BIN = Path(sys.executable).parent
ACCEPT_JSON = {"Accept": "application/sparql-results+json"}
PAGE = os.sysconf("SC_PAGE_SIZE")
MG = "https://w3id.org/meetgraph/ontology#"


# -- Child processes ---------------------------------------------------------------------------
@dataclass
class Child:
    """A finished (or killed) child process and what it cost."""

    seconds: float
    max_rss: int  # bytes
    returncode: int | None
    timed_out: bool
    stderr_tail: str = ""


def run_measured(cmd: list[str], env: dict[str, str], timeout: float, log: Path) -> Child:
    """Run ``cmd`` to its end or for at most ``timeout`` seconds; peak RSS from ``wait4``.

    ``wait4`` gives the rusage of this one child (``RUSAGE_CHILDREN`` would mix every child the
    harness ever waited for). The child gets its own process group, so a timeout kills it and
    anything it started, and nothing else.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
        timed_out = False
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - start > timeout:
                    timed_out = True
                    os.killpg(proc.pid, signal.SIGKILL)
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.05)
        except BaseException:  # Ctrl+C or SIGTERM of the harness: the child goes too
            os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            raise
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
    tail = log.read_text(encoding="utf-8", errors="replace")[-600:]
    return Child(seconds, usage.ru_maxrss * 1024, None if timed_out else proc.returncode, timed_out, tail)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TreeMemory:
    """Peak resident memory of a process group, summed over its processes, sampled every 0.2 s.

    Why summed: meetgraph's service is one uvicorn process plus ``KG_WORKERS`` query workers, each
    holding the store open; the memory a machine must have is their sum.
    """

    def __init__(self, pgid: int) -> None:
        self.pgid = pgid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()
                if int(fields[2]) != self.pgid:  # pgrp
                    continue
                total += int(Path(entry.path, "statm").read_text().split()[1]) * PAGE
            except (OSError, ValueError, IndexError):
                continue
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop.wait(0.2)

    def start(self) -> "TreeMemory":
        self._thread.start()
        return self

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


_LIVE: set["Server"] = set()
"""Servers started and not yet stopped: stopped on exit, on Ctrl+C and on SIGTERM too."""


def _stop_all(*_: object) -> None:
    for server in list(_LIVE):
        server.stop()


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks that stop the servers


class Server:
    """A SPARQL server under test: started in its own process group, stopped by its id."""

    def __init__(self, name: str, cmd: list[str], env: dict[str, str], endpoint: str, log: Path) -> None:
        self.name, self.cmd, self.env, self.endpoint, self.log = name, cmd, env, endpoint, log
        self.proc: subprocess.Popen | None = None
        self.memory: TreeMemory | None = None
        self.ready_seconds: float | None = None

    def start(self, timeout: float) -> float:
        """Start and wait until a query is answered; returns the seconds that took."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        sink = open(self.log, "wb")
        start = time.perf_counter()
        self.proc = subprocess.Popen(self.cmd, env=self.env, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT,
                                     start_new_session=True)
        sink.close()
        _LIVE.add(self)
        self.memory = TreeMemory(self.proc.pid).start()
        with httpx.Client(timeout=5.0) as client:
            while time.perf_counter() - start < timeout:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} exited with {self.proc.returncode}: "
                                       f"{self.log.read_text(errors='replace')[-400:]}")
                try:
                    r = client.get(self.endpoint, params={"query": "ASK {}"}, headers=ACCEPT_JSON)
                except httpx.HTTPError:
                    r = None
                if r is not None and r.status_code == 200:
                    self.ready_seconds = time.perf_counter() - start
                    return self.ready_seconds
                if r is not None and r.status_code in (404, 405):  # listening, but not there: a wrong URL
                    self.stop()
                    raise RuntimeError(f"{self.name}: {self.endpoint} answered {r.status_code}")
                time.sleep(0.02)
        self.stop()
        raise TimeoutError(f"{self.name} did not answer within {timeout:g} s")

    def responsive(self, timeout: float) -> bool:
        """Whether the server answers ``ASK {}`` within ``timeout`` seconds (rdflib-endpoint
        evaluates on its event loop, so one runaway query blocks every later request)."""
        try:
            return httpx.get(self.endpoint, params={"query": "ASK {}"}, headers=ACCEPT_JSON, timeout=timeout).status_code == 200
        except httpx.HTTPError:
            return False

    def restart(self, timeout: float) -> None:
        """Stop and start again (the peak memory of both lives is kept)."""
        peak = self.stop()
        self.start(timeout)
        self.peak_before_restart = max(getattr(self, "peak_before_restart", 0), peak)

    def stop(self) -> int:
        """Stop the whole process group (SIGTERM, then SIGKILL after 10 s); returns peak bytes."""
        peak = max(self.memory.stop() if self.memory else 0, getattr(self, "peak_before_restart", 0))
        self.memory = None
        _LIVE.discard(self)
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            except ProcessLookupError:
                pass
        return peak


# -- Load ------------------------------------------------------------------------------------------
def _rows(response: httpx.Response) -> int | None:
    try:
        data = response.json()
    except ValueError:
        return None
    if "boolean" in data:
        return 1
    return len(data.get("results", {}).get("bindings", []))


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation: with few samples it is an observed value)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))]


@dataclass
class Latency:
    p50_ms: float | None
    p95_ms: float | None
    n: int
    rows: int | None
    errors: int
    note: str = ""


def latency(endpoint: str, text: str, *, requests: int, budget: float, unique: bool, timeout: float) -> Latency:
    """Sequential requests of one query on one keep-alive connection: at most ``requests`` of
    them and ``budget`` seconds (at least one), after one untimed warm-up request whose answer
    gives the row count (compared across systems)."""
    try:
        warm = httpx.get(endpoint, params={"query": text + ("\n# warm-up" if unique else "")}, headers=ACCEPT_JSON,
                         timeout=timeout)
        rows = _rows(warm) if warm.status_code == 200 else None
    except httpx.HTTPError as error:
        return Latency(None, None, 0, None, 1, f"warm-up failed: {type(error).__name__}")
    queries = [text + (f"\n# bench {i}" if unique else "") for i in range(requests)]
    samples, errors = loadgen.sequential(endpoint, queries, budget=budget, timeout=timeout)
    if not samples:
        return Latency(None, None, 0, rows, errors, "no successful request")
    return Latency(statistics.median(samples), percentile(samples, 95), len(samples), rows, errors)


def throughput(endpoint: str, make: Callable[[int], str], clients: int, duration: float,
               timeout: float = 30.0) -> loadgen.Load:
    """Requests per second completed by ``clients`` concurrent keep-alive connections, from one
    asyncio load generator that shares the machine's cores with the server under test."""
    return loadgen.load(endpoint, make, clients, duration, timeout=timeout)


# -- One size ----------------------------------------------------------------------------------------
@dataclass
class SystemResult:
    name: str
    ready_s: float | None = None
    load_s: float | None = None
    peak_memory: int | None = None
    latency: dict[str, dict] = field(default_factory=dict)
    latency_cached: dict[str, dict] = field(default_factory=dict)
    throughput: dict[str, dict] = field(default_factory=dict)
    note: str = ""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(extra)
    return env


def _resources(data_dir: Path, limit: int = 2000) -> list[str]:
    """IRIs of people and meetings of the built graph, for the point lookups (read before any
    server opens the store)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(data_dir / "store"))
    q = f"""SELECT DISTINCT ?s WHERE {{ {{ ?s a <{MG}Person> }} UNION {{ ?s a <{MG}Meeting> }} }} ORDER BY ?s LIMIT {limit}"""
    iris = [row["s"].value for row in store.query(q)]
    del store
    return iris


def _union_file(data_dir: Path, target: Path) -> Path:
    """The built dataset (also written beside ``target`` as ``dataset.nq``, for rdflib-endpoint)
    plus the union of its named graphs, each triple once, in the default graph: the data as
    meetgraph's store holds it, for ``oxigraph load``."""
    import pyoxigraph as ox

    from kg.store import dataset_nquads

    nquads = dataset_nquads(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    (target.parent / "dataset.nq").write_bytes(nquads)
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(nquads, ox.RdfFormat.N_QUADS)}
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as f:
        f.write(nquads)
        f.write(ox.serialize((ox.Triple(*t) for t in triples), format=ox.RdfFormat.N_TRIPLES))
    return target


def measure_system(server: Server, args: argparse.Namespace, examples: list, iris: list[str],
                   cached: bool) -> SystemResult:
    """Latency of each example and throughput on the point lookup and the join, on one server."""
    result = SystemResult(server.name)
    try:
        result.ready_s = server.start(args.ready_timeout)
    except (RuntimeError, TimeoutError) as error:
        result.note = str(error)
        server.stop()
        return result
    restarts: list[str] = []

    def recover(what: str) -> None:
        """After a timeout the server may still be busy with the runaway query: restart it if it
        does not answer a trivial one soon, so later measurements are not queued behind it."""
        if not server.responsive(10.0):
            restarts.append(what)
            server.restart(args.ready_timeout)

    try:
        for ex in examples:
            lat = latency(server.endpoint, ex.sparql, requests=args.requests, budget=args.query_budget, unique=True,
                          timeout=args.request_timeout)
            if lat.errors:
                lat.note = (lat.note + f"; {lat.errors} failed or timed out (> {args.request_timeout:g} s)").lstrip("; ")
                recover(ex.name)
            result.latency[ex.name] = asdict(lat)
            print(f"    {server.name:16} {ex.name:36} p50 {lat.p50_ms or float('nan'):9.1f} ms  "
                  f"p95 {lat.p95_ms or float('nan'):9.1f} ms  n={lat.n} rows={lat.rows} errors={lat.errors}", flush=True)
            if cached:
                lat = latency(server.endpoint, ex.sparql, requests=args.requests, budget=args.query_budget / 2,
                              unique=False, timeout=args.request_timeout)
                result.latency_cached[ex.name] = asdict(lat)
        join = next(ex.sparql for ex in examples if ex.name.startswith("04-"))
        loads: dict[str, Callable[[int], str]] = {
            "point": lambda i: f"SELECT ?p ?o WHERE {{ <{iris[i % len(iris)]}> ?p ?o }}\n# bench {i}",
            "join": lambda i: f"{join}\n# bench {i}",
        }
        if cached:  # a small working set without unique comments: what the answer cache gives
            few = iris[:64]
            loads["point (cached)"] = lambda i: f"SELECT ?p ?o WHERE {{ <{few[i % len(few)]}> ?p ?o }}"
        for name, make in loads.items():
            for clients in (8, 32):
                tp = throughput(server.endpoint, make, clients, args.load_seconds, timeout=args.request_timeout)
                result.throughput[f"{name}@{clients}"] = asdict(tp)
                recover(f"{name}@{clients}")
                print(f"    {server.name:16} {name:16} {clients:2d} clients: {tp.rps:8.1f} req/s  "
                      f"p50 {tp.p50_ms or float('nan'):8.1f} ms  errors {tp.errors}", flush=True)
    finally:
        result.peak_memory = server.stop()
        if restarts:
            result.note = f"restarted after a runaway query or load (not answering `ASK {{}}` within 10 s): {', '.join(restarts)}"
    return result


def measure_size(size: int, args: argparse.Namespace) -> dict:
    """Everything for one corpus size; stops early (and says so) if the build does not finish."""
    from kg.examples import examples as load_examples

    print(f"== {size} articles", flush=True)
    load_before = os.getloadavg()
    out = OUT / f"size-{size}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    t = time.perf_counter()
    corpus_dir = corpus_mod.ensure(size, args.seed, OUT)
    gen_s = time.perf_counter() - t
    truth = json.loads((corpus_dir / "truth.json").read_text(encoding="utf-8"))
    record: dict = {"size": size, "seed": args.seed, "corpus": str(corpus_dir.relative_to(ROOT)),
                    "generate_s": gen_s, "generated_meetings": len(truth["meetings"]), "tellings": truth["tellings"]}
    data_dir = out / "kg"
    build = run_measured([sys.executable, "-m", "bench.stages", str(out / "build-stages.json"), "build",
                          "--articles", str(corpus_dir / "articles")],
                         _env(KG_DATA_DIR=str(data_dir)), args.max_build_seconds, out / "build.log")
    record["build"] = asdict(build)
    if build.timed_out or build.returncode != 0:
        record["build"]["finished"] = False
        print(f"   kg build: {'did not finish within %d s' % args.max_build_seconds if build.timed_out else 'failed'} "
              f"(peak RSS {build.max_rss / 2**20:.0f} MiB)", flush=True)
        return record
    record["build"]["finished"] = True
    record["build"]["stages"] = json.loads((out / "build-stages.json").read_text())
    meta = json.loads((data_dir / "meta.json").read_text())
    record["triples"] = meta["triples"]
    record["meetings_in_graph"] = meta["meetings"]
    record["extraction"] = corpus_mod.score(corpus_dir, data_dir)
    print(f"   kg build {build.seconds:.1f} s, peak {build.max_rss / 2**20:.0f} MiB, {meta['triples']}; "
          f"meetings found {record['extraction']['found']}/{record['extraction']['generated']}", flush=True)

    # kg add, on a copy so the served graph stays the built one
    add_dir = out / "kg-add"
    shutil.copytree(data_dir, add_dir)
    extra = next((corpus_dir / "add").glob("*.txt"))
    add = run_measured([sys.executable, "-m", "bench.stages", str(out / "add-stages.json"), "add", str(extra)],
                       _env(KG_DATA_DIR=str(add_dir)), args.max_build_seconds, out / "add.log")
    record["add"] = asdict(add)
    if add.returncode == 0:
        record["add"]["stages"] = json.loads((out / "add-stages.json").read_text())
        record["add"]["reasoning"] = json.loads((add_dir / "meta.json").read_text()).get("reasoning")
    shutil.rmtree(add_dir, ignore_errors=True)
    print(f"   kg add {add.seconds:.2f} s ({record['add'].get('reasoning')}), peak {add.max_rss / 2**20:.0f} MiB", flush=True)

    examples = load_examples()
    iris = _resources(data_dir)
    systems: dict[str, dict] = {}
    port = free_port()
    mg = Server("meetgraph", [str(BIN / "kg"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                _env(KG_DATA_DIR=str(data_dir)), f"http://127.0.0.1:{port}/sparql", out / "serve.log")
    systems["meetgraph"] = asdict(measure_system(mg, args, examples, iris, cached=True))
    record["comparisons"] = {}
    if args.compare:
        union = _union_file(data_dir, out / "union.nq")
        oxi = BIN / "oxigraph"
        if oxi.exists():
            location = out / "oxigraph-store"
            load = run_measured([str(oxi), "load", "--location", str(location), "--file", str(union)], _env(),
                                args.max_build_seconds, out / "oxigraph-load.log")
            port = free_port()
            server = Server("oxigraph serve", [str(oxi), "serve-read-only", "--location", str(location),
                                               "--bind", f"127.0.0.1:{port}"],
                            _env(), f"http://127.0.0.1:{port}/query", out / "oxigraph.log")
            res = measure_system(server, args, examples, iris, cached=False)
            res.load_s = load.seconds
            systems["oxigraph"] = asdict(res)
            union.unlink(missing_ok=True)
            shutil.rmtree(location, ignore_errors=True)
        else:
            record["comparisons"]["oxigraph"] = "skipped: the `oxigraph` package (server binary) is not installed; pip install -e '.[bench]'"
        rdflib_endpoint = BIN / "rdflib-endpoint"
        if size > args.rdflib_max_articles:
            record["comparisons"]["rdflib"] = (
                f"skipped above {args.rdflib_max_articles:,} articles (--rdflib-max-articles): several example queries "
                f"already run past the {args.request_timeout:g} s request limit at 500 articles, and each runaway query "
                "blocks rdflib-endpoint's event loop until it is restarted, which re-parses the whole dataset")
        elif rdflib_endpoint.exists():
            port = free_port()
            server = Server("rdflib-endpoint", [str(rdflib_endpoint), "serve", str(out / "dataset.nq"),
                                                "--host", "127.0.0.1", "--port", str(port)],
                            _env(), f"http://127.0.0.1:{port}/", out / "rdflib-endpoint.log")  # its CLI serves at /
            systems["rdflib"] = asdict(measure_system(server, args, examples, iris, cached=False))
        else:
            record["comparisons"]["rdflib"] = "skipped: the `rdflib-endpoint` package is not installed; pip install -e '.[bench]'"
    record["systems"] = systems
    record["loadavg"] = [load_before, os.getloadavg()]
    return record


# -- Report -----------------------------------------------------------------------------------------
def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    ram = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    packages = {}
    for name in ("meetgraph", "pyoxigraph", "rdflib", "owlrl", "pyshacl", "fastapi", "uvicorn", "httpx", "oxigraph",
                 "rdflib-endpoint", "matplotlib"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "packages": packages}


def _ms(v: float | None) -> str:
    return "—" if v is None else (f"{v:.1f}" if v < 100 else f"{v:.0f}")


def _s(v: float | None) -> str:
    return "—" if v is None else (f"{v:.2f}" if v < 10 else f"{v:.0f}")


def _mib(v: int | None) -> str:
    return "—" if not v else f"{v / 2**20:.0f} MiB"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def _speedup(slow: dict, fast: dict, timeout: float) -> tuple[float, str] | None:
    """rdflib-endpoint p50 ÷ meetgraph p50; a query rdflib-endpoint never answered in time
    gives a lower bound (timeout ÷ p50), shown as "> N×"."""
    if not slow or not fast.get("p50_ms"):
        return None
    if slow.get("p50_ms"):
        r = slow["p50_ms"] / fast["p50_ms"]
        return r, f"{r:.0f}×"
    if slow.get("errors"):
        r = timeout * 1000 / fast["p50_ms"]
        return r, f"> {r:.0f}×"
    return None


def targets(run: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) judged on the largest size whose build finished; when that is
    not the 5,000-article corpus the verdict says so.

    Every example query joins at least three patterns, and 02, 05, 06, 08 and 09 aggregate, so
    the "joins and aggregates" target is judged on all ten."""
    done = [r for r in run["sizes"] if r.get("build", {}).get("finished")]
    if not done:
        return [("all targets", "no build finished", "not measured")]
    r = done[-1]
    n = r["size"]
    at = f" at {n:,} articles"
    largest_5000 = n >= 5000
    five_k = [x for x in run["sizes"] if x["size"] >= 5000]

    def verdict(ok: bool | None, scale_dependent: bool = True) -> str:
        if ok is None:
            return "not measured"
        if not ok:
            return "**not met**"
        if scale_dependent and not largest_5000:
            return f"met{at}; 5,000 not measured" + (" (build did not finish)" if five_k else "")
        return "met"

    mg = r["systems"].get("meetgraph", {})
    ox_ = r["systems"].get("oxigraph")
    rl = r["systems"].get("rdflib")
    lat = mg.get("latency", {})
    p50s = {k: v["p50_ms"] for k, v in lat.items() if v["p50_ms"] is not None}
    out: list[tuple[str, str, str]] = []
    if p50s:
        worst = max(p50s, key=p50s.get)
        out.append(("every example p50 ≤ 50 ms through /sparql (5,000 articles)",
                    f"max p50 {_ms(p50s[worst])} ms ({worst}){at}", verdict(p50s[worst] <= 50 and len(p50s) == 10)))
    if ox_:
        ratios = {k: _ratio(v["p50_ms"], ox_["latency"].get(k, {}).get("p50_ms")) for k, v in lat.items()}
        ratios = {k: v for k, v in ratios.items() if v}
        if ratios:
            worst = max(ratios, key=ratios.get)
            out.append(("within 1.5× of oxigraph serve", f"worst p50 ratio {ratios[worst]:.2f}× ({worst}){at}",
                        verdict(ratios[worst] <= 1.5)))
    else:
        out.append(("within 1.5× of oxigraph serve", "oxigraph serve not run", "not measured"))
    if rl:
        speedups = {k: _speedup(rl["latency"].get(k, {}), v, run["request_timeout"]) for k, v in lat.items()}
        speedups = {k: v for k, v in speedups.items() if v}
        if speedups:
            worst = min(speedups, key=lambda k: speedups[k][0])
            met = sum(1 for r, _ in speedups.values() if r >= 20)
            out.append(("≥ 20× faster than rdflib-endpoint on joins and aggregates",
                        f"smallest speed-up {speedups[worst][1]} ({worst}); {met} of {len(speedups)} queries ≥ 20×{at}",
                        verdict(speedups[worst][0] >= 20)))
    else:
        out.append(("≥ 20× faster than rdflib-endpoint on joins and aggregates", "rdflib-endpoint not run", "not measured"))
    point = mg.get("throughput", {}).get("point@32")
    if point:
        out.append(("≥ 1,500 req/s on the point lookup at 32 clients",
                    f"{point['rps']:.0f} req/s uncached" + (f", {mg['throughput']['point (cached)@32']['rps']:.0f} cached"
                                                            if "point (cached)@32" in mg["throughput"] else "") + at,
                    verdict(point["rps"] >= 1500)))
    add = r.get("add", {})
    if add.get("returncode") == 0:
        out.append(("`kg add` of one article ≤ 1 s", f"{add['seconds']:.2f} s ({add.get('reasoning')} closure){at}",
                    verdict(add["seconds"] <= 1.0)))
    if mg.get("ready_s") is not None:
        out.append(("`kg serve` ready ≤ 2 s from an existing store", f"{mg['ready_s']:.2f} s{at}", verdict(mg["ready_s"] <= 2.0)))
    if mg.get("peak_memory"):
        out.append(("peak memory of the service ≤ 1 GiB", f"{_mib(mg['peak_memory'])} (server + workers){at}",
                    verdict(mg["peak_memory"] <= 2**30)))
    return out


def render(run: dict) -> str:
    m = run["machine"]
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    lines = [
        f"## Scale benchmark (issue 6) — {run['started']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram'] / 2**30:.0f} GiB RAM, Python {m['python']}, {m['os']}.  ",
        f"Packages: {pk}.  ",
        f"Command: `{run['command']}` (seed {run['seed']}; {run['requests']} requests or {run['query_budget']:g} s per query "
        f"and system, whichever first; {run['load_seconds']:g} s per load level; build budget {run['max_build_seconds']:g} s). "
        "The load generator (`bench/loadgen.py`, one asyncio process of raw HTTP/1.1 keep-alive connections) runs on the same cores as the server under test. "
        "Queries carry a unique trailing comment, so meetgraph's answer cache never answers them; "
        "its cached numbers are shown apart.",
        "",
        "### Targets",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets(run)]
    lines += [""]
    for r in run["sizes"]:
        lines += _render_size(r, run)
    if run.get("extraction"):
        lines += ["### Extraction on real articles", ""] + run["extraction"] + [""]
    if run.get("notes"):
        lines += ["### Notes", ""] + [f"- {n}" for n in run["notes"]] + [""]
    return "\n".join(lines)


def _render_size(r: dict, run: dict) -> list[str]:
    n = r["size"]
    lines = [f"### {n:,} articles", ""]
    if r.get("loadavg"):
        (a, _, _), (b_, _, _) = r["loadavg"]
        lines += [f"Load average of the machine (1 min) before / after this size: {a:.2f} / {b_:.2f} "
                  f"({os.cpu_count()} cores; anything above ~1 before the run means other work shared the CPU).", ""]
    b = r["build"]
    if not b.get("finished"):
        why = f"did not finish within {run['max_build_seconds']:g} s" if b["timed_out"] else f"failed (exit {b['returncode']})"
        lines += [f"`kg build`: **{why}** (killed; peak RSS so far {_mib(b['max_rss'])}). "
                  f"{r['generated_meetings']:,} meetings generated in {r['tellings']:,} tellings. Nothing else measured at this size.", ""]
        return lines
    st = b["stages"]["stages"]
    stage_txt = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(st.items(), key=lambda kv: -kv[1]) if v >= 0.05)
    ex = r["extraction"]
    add = r.get("add", {})
    mg = r["systems"].get("meetgraph", {})
    lines += [
        "| measure | value |",
        "|---|---|",
        f"| `kg build` | {_s(b['seconds'])} s, peak RSS {_mib(b['max_rss'])} |",
        f"| build stages | {stage_txt} |",
        f"| triples | {r['triples']['asserted']:,} asserted + {r['triples']['inferred']:,} inferred |",
        f"| meetings found / generated | {ex['found']:,} / {ex['generated']:,} (recall {ex['recall']:.1%}); "
        f"{ex['in_graph']:,} in the graph (precision {ex['precision']:.1%}) |",
        f"| `kg add` of one article | {_s(add.get('seconds'))} s ({add.get('reasoning')} closure), peak RSS {_mib(add.get('max_rss'))} |",
        f"| `kg serve` ready | {_s(mg.get('ready_s'))} s; peak memory {_mib(mg.get('peak_memory'))} (server + workers) |",
    ]
    ox_, rl = r["systems"].get("oxigraph"), r["systems"].get("rdflib")
    if ox_:
        lines.append(f"| oxigraph serve | load {_s(ox_.get('load_s'))} s, ready {_s(ox_.get('ready_s'))} s, peak memory {_mib(ox_.get('peak_memory'))} {ox_.get('note', '')} |")
    if rl:
        lines.append(f"| rdflib-endpoint | ready (parses dataset.nq) {_s(rl.get('ready_s'))} s, peak memory {_mib(rl.get('peak_memory'))} {rl.get('note', '')} |")
    for name, why in r.get("comparisons", {}).items():
        lines.append(f"| {name} | {why} |")
    lines += ["", "Latency (ms) of the example queries through each endpoint, p50 / p95 (n requests); "
              "ratios of p50: meetgraph ÷ oxigraph, rdflib-endpoint ÷ meetgraph.", "",
              "| query | rows | meetgraph | cached | oxigraph serve | mg/ox | rdflib-endpoint | rdflib/mg |",
              "|---|---|---|---|---|---|---|---|"]
    for q, v in mg.get("latency", {}).items():
        o = (ox_ or {}).get("latency", {}).get(q, {})
        l = (rl or {}).get("latency", {}).get(q, {})
        c = mg.get("latency_cached", {}).get(q, {})
        rows = {x.get("rows") for x in (v, o, l) if x and x.get("rows") is not None}
        rows_txt = str(v.get("rows")) + ("" if len(rows) == 1 else f" (ox {o.get('rows')}, rdflib {l.get('rows')})")

        def cell(x: dict) -> str:
            if x and not x.get("n") and x.get("errors"):
                return f"timed out (> {run['request_timeout']:g} s)"
            return f"{_ms(x.get('p50_ms'))} / {_ms(x.get('p95_ms'))} ({x.get('n', 0)})" if x else "—"

        r1, r2 = _ratio(v.get("p50_ms"), o.get("p50_ms")), _speedup(l, v, run["request_timeout"])
        lines.append(f"| {q} | {rows_txt} | {cell(v)} | {_ms(c.get('p50_ms'))} | {cell(o)} | "
                     f"{'—' if r1 is None else f'{r1:.2f}×'} | {cell(l)} | {'—' if r2 is None else r2[1]} |")
    lines += ["", "Throughput (requests/s completed; p50 latency under load in ms; errors).", "",
              "| load | meetgraph | oxigraph serve | rdflib-endpoint |", "|---|---|---|---|"]
    for key in mg.get("throughput", {}):
        def tp(sys_: dict | None) -> str:
            x = (sys_ or {}).get("throughput", {}).get(key)
            return "—" if not x else f"{x['rps']:.0f} ({_ms(x['p50_ms'])} ms{', %d errors' % x['errors'] if x['errors'] else ''})"
        lines.append(f"| {key.replace('@', ' @ ')} clients | {tp(mg)} | {tp(ox_)} | {tp(rl)} |")
    lines.append("")
    return lines


def write_results(run: dict) -> None:
    """Draw the chart and prepend this run to RESULTS.md (newest first)."""
    chart(run)
    section = render(run)
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else \
        "# Benchmark results\n\nRun by hand with `make bench` (or `python -m bench`); newest first.\n\n"
    title = section.splitlines()[0]
    if title in text:  # this run's own section from an earlier size: replace it
        start = text.index(title)
        end = text.find("\n## ", start + len(title))
        text = text[:start] + (text[end + 1:] if end != -1 else "")
    head, sep, rest = text.partition("\n## ")
    RESULTS.write_text(head.rstrip("\n") + "\n\n" + section + ("\n## " + rest if sep else ""), encoding="utf-8")


def chart(run: dict) -> None:
    """Build time and query p50 by corpus size, log scales (skipped without matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        run.setdefault("notes", []).append("chart not drawn: matplotlib is not installed (pip install -e '.[bench]')")
        return
    sizes = [r for r in run["sizes"]]
    fig, (left, right, third) = plt.subplots(1, 3, figsize=(17, 5))
    done = [r for r in sizes if r["build"].get("finished")]
    left.plot([r["size"] for r in done], [r["build"]["seconds"] for r in done], "o-", label="kg build")
    for r in sizes:
        if not r["build"].get("finished"):
            left.plot([r["size"]], [r["build"]["seconds"]], "x", color="red", markersize=10)
            left.annotate(f"did not finish\n(> {r['build']['seconds']:.0f} s)", (r["size"], r["build"]["seconds"]),
                          textcoords="offset points", xytext=(-60, -30), color="red")
    adds = [r for r in done if r.get("add", {}).get("returncode") == 0]
    left.plot([r["size"] for r in adds], [r["add"]["seconds"] for r in adds], "s-", label="kg add (one article)")
    ready = [r for r in done if r["systems"].get("meetgraph", {}).get("ready_s")]
    left.plot([r["size"] for r in ready], [r["systems"]["meetgraph"]["ready_s"] for r in ready], "^-", label="kg serve ready")
    left.axhline(1.0, color="grey", linestyle=":", linewidth=1)
    left.set(xscale="log", yscale="log", xlabel="articles", ylabel="seconds", title="Build, add, start-up")
    left.legend()
    for key, style, label in (("meetgraph", "o-", "meetgraph /sparql"), ("oxigraph", "s--", "oxigraph serve"),
                              ("rdflib", "^:", "rdflib-endpoint")):
        pts = []
        for r in done:
            lat = r["systems"].get(key, {}).get("latency", {})
            p50 = [v["p50_ms"] for v in lat.values() if v.get("p50_ms")]
            if p50:
                pts.append((r["size"], statistics.median(p50), max(p50)))
        if pts:
            line = right.plot([p[0] for p in pts], [p[1] for p in pts], style, label=f"{label}: median of the 10 p50s")[0]
            right.plot([p[0] for p in pts], [p[2] for p in pts], style, alpha=0.35, color=line.get_color(),
                       label=f"{label}: slowest query p50")
    right.axhline(50, color="grey", linestyle=":", linewidth=1)
    right.set(xscale="log", yscale="log", xlabel="articles", ylabel="ms", title="Example query latency (p50; target 50 ms)")
    right.legend(fontsize=7)
    for key, colour, label in (("meetgraph", "C0", "meetgraph"), ("oxigraph", "C1", "oxigraph serve"),
                               ("rdflib", "C2", "rdflib-endpoint")):
        for load, style in (("point@32", "o-"), ("join@32", "s--")):
            pts = [(r["size"], r["systems"][key]["throughput"][load]["rps"]) for r in done
                   if load in r["systems"].get(key, {}).get("throughput", {})]
            pts = [(x, max(y, 0.1)) for x, y in pts]
            if pts:
                third.plot([p[0] for p in pts], [p[1] for p in pts], style, color=colour,
                           label=f"{label}: {load.replace('@', ' @ ')} clients")
    third.axhline(1500, color="grey", linestyle=":", linewidth=1)
    third.set(xscale="log", yscale="log", xlabel="articles", ylabel="requests/s",
              title="Throughput at 32 clients (target 1,500 on the point lookup)")
    third.legend(fontsize=7)
    ticks = [r["size"] for r in sizes]
    for ax in (left, right, third):
        ax.set_xticks(ticks, [f"{t:,}" for t in ticks])
        ax.minorticks_off()
    fig.suptitle(f"meetgraph benchmark, {run['started']}")
    fig.tight_layout()
    fig.savefig(CHART, dpi=110)
    plt.close(fig)


def notes(run: dict) -> list[str]:
    """What dominates the cost, read off the stage timings of the largest finished build."""
    out = []
    done = [r for r in run["sizes"] if r["build"].get("finished")]
    if done:
        r = done[-1]
        st = r["build"]["stages"]["stages"]
        total = r["build"]["seconds"]
        top = sorted(st.items(), key=lambda kv: -kv[1])[:3]
        out.append(f"At {r['size']:,} articles, `kg build` spends " +
                   ", ".join(f"{v / total:.0%} in {k}" for k, v in top) + f" of its {total:.0f} s.")
        add = dict(r.get("add", {}).get("stages", {}).get("stages") or {})
        if add:
            top = sorted(add.items(), key=lambda kv: -kv[1])
            shown = [f"{k} {v * 1000:.0f} ms" for k, v in top if v >= 0.005]
            out.append(f"`kg add` of one article at {r['size']:,} articles ({r['add']['seconds']:.2f} s): "
                       + (", ".join(shown) if shown else "no stage over 5 ms")
                       + "; the rest is start-up (imports, loading the ontology and reference data, the build state).")
        mg = r["systems"].get("meetgraph", {}).get("latency", {})
        ox_ = r["systems"].get("oxigraph", {}).get("latency", {})
        pairs = [(k, v["p50_ms"], ox_[k]["p50_ms"]) for k, v in mg.items()
                 if v.get("p50_ms") and ox_.get(k, {}).get("p50_ms")]
        light = [(k, m, o) for k, m, o in pairs if o < 5]
        heavy = [(k, m, o) for k, m, o in pairs if o > 10]
        if light:
            overhead = statistics.median(m - o for _, m, o in light)
            out.append(f"At {r['size']:,} articles, on the queries the engine answers in under 5 ms "
                       f"({', '.join(k.split('-', 1)[0] for k, _, _ in light)}), meetgraph's /sparql adds a median "
                       f"{overhead:.1f} ms to oxigraph serve's time on the same data: HTTP in Python, the hand-off to a "
                       "worker process and the serialisation of the answer. That fixed cost is what puts the light "
                       "queries outside 1.5× of oxigraph serve.")
        if heavy:
            ratios = [m / o for _, m, o in heavy]
            out.append(f"Queries whose evaluation alone takes over 10 ms in oxigraph serve at {r['size']:,} articles: "
                       + ", ".join(f"{k.split('-', 1)[0]} ({o:.0f} ms)" for k, _, o in heavy)
                       + f"; on these meetgraph is {min(ratios):.2f}–{max(ratios):.2f}× oxigraph serve (same engine "
                       "version; meetgraph's store was bulk-loaded by pyoxigraph, oxigraph's by `oxigraph load`). Their "
                       "cost grows with the graph, so they decide the 50 ms target at 5,000 articles.")
        rdflib_lat = r["systems"].get("rdflib", {}).get("latency", {})
        odd = [k.split("-", 1)[0] for k, v in mg.items()
               if v.get("rows") == 0 and rdflib_lat.get(k, {}).get("rows") == 1]
        if odd:
            out.append(f"rdflib-endpoint answers {', '.join(odd)} with one row where meetgraph and oxigraph give none: "
                       "rdflib returns an empty group for a GROUP BY over no solutions.")
        tp = r["systems"].get("meetgraph", {}).get("throughput", {})
        otp = r["systems"].get("oxigraph", {}).get("throughput", {})
        if tp.get("point@32") and otp.get("point@32"):
            out.append(f"Point lookups at 32 clients: meetgraph {tp['point@32']['rps']:.0f} req/s against "
                       f"{otp['point@32']['rps']:.0f} for oxigraph serve on the same store: the per-request cost of the "
                       "Python service (and its 2 workers on 2 cores, shared with the load generator) is the limit, "
                       "not the engine.")
    for r in run["sizes"]:
        if not r["build"].get("finished") and r["build"]["timed_out"]:
            out.append(f"{r['size']:,} articles: `kg build` did not finish within {run['max_build_seconds']:g} s "
                       f"(peak RSS {_mib(r['build']['max_rss'])} when stopped).")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,50,500", help="corpus sizes, comma-separated (5,50,500,5000)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--max-build-seconds", type=float, default=1800, help="kill a build (or add) after this long")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per query and system (at most)")
    parser.add_argument("--query-budget", type=float, default=10.0, help="seconds per query and system (at most, ≥ 1 request)")
    parser.add_argument("--load-seconds", type=float, default=6.0, help="seconds per throughput level")
    parser.add_argument("--request-timeout", type=float, default=60.0, help="seconds before one request counts as failed")
    parser.add_argument("--ready-timeout", type=float, default=900.0, help="seconds a server may take to answer its first query")
    parser.add_argument("--no-compare", dest="compare", action="store_false", help="skip oxigraph serve and rdflib-endpoint")
    parser.add_argument("--rdflib-max-articles", type=int, default=500,
                        help="compare with rdflib-endpoint only up to this corpus size (its runaway queries need restarts)")
    parser.add_argument("--append", action="store_true",
                        help="add the sizes measured now to the run in bench/out/results-latest.json (same section)")
    parser.add_argument("--no-extraction", dest="extraction", action="store_false", help="skip the extraction timing on real articles")
    parser.add_argument("--no-write", dest="write", action="store_false", help="print, but leave RESULTS.md and the chart alone")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: write RESULTS.md and the chart again from bench/out/results-latest.json")
    args = parser.parse_args(argv)
    if args.report_only:
        run = json.loads((OUT / "results-latest.json").read_text(encoding="utf-8"))
        run["notes"] = notes(run)
        write_results(run)
        print(render(run))
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    atexit.register(_stop_all)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    OUT.mkdir(parents=True, exist_ok=True)
    run: dict = {"started": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "machine": machine(),
                 "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
                 "seed": args.seed, "requests": args.requests, "query_budget": args.query_budget,
                 "load_seconds": args.load_seconds, "max_build_seconds": args.max_build_seconds,
                 "request_timeout": args.request_timeout, "sizes": []}
    if args.append:
        previous = json.loads((OUT / "results-latest.json").read_text(encoding="utf-8"))
        previous["command"] += f"; then {run['command']}"
        previous["sizes"] = [r for r in previous["sizes"] if r["size"] not in sizes]
        run = previous
    elif args.extraction:
        from bench import extraction

        run["extraction"] = extraction.measure()
    for size in sizes:
        run["sizes"].append(measure_size(size, args))
        run["sizes"].sort(key=lambda r: r["size"])
        run["notes"] = notes(run)
        (OUT / "results-latest.json").write_text(json.dumps(run, indent=1, default=str), encoding="utf-8")
        if args.write:  # after every size, so a long run interrupted later keeps what it measured
            write_results(run)
    print(render(run))
    if args.write:
        print(f"\nwritten: {RESULTS.relative_to(ROOT)}, {CHART.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
