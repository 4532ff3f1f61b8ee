"""The built graph on disk: an Oxigraph store plus a small metadata file, swapped in atomically.

Layout of ``settings.data_dir``::

    store/        the Oxigraph (RocksDB) store holding every named graph
    meta.json     version (an order-free hash of the quads), counts, articles, build time
    state.pickle  what ``kg add`` reuses: each article's facts and what its graph depends on
    background.pickle  the parsed ontology, shapes, reference data and compiled rules
    articles/     the article files the graph was built from

``export_nquads`` writes the dataset as sorted N-Quads (``kg build --out``, the dumps).

The store's default graph is the union of all named graphs, each triple once: a query without
``GRAPH`` or ``FROM`` sees the whole graph as a set, as SPARQL clients expect (Oxigraph's own
union-default-graph mode repeats a triple once per graph that holds it).

A build writes everything into a fresh sibling folder and renames it into place, so a failed
build leaves the previous graph untouched. ``kg add`` does the same from a checkpoint of the store
and hard links of the other files (their cost follows the number of files, not the size of the
graph): a reader that opened the old folder keeps a consistent graph until it reopens.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from kg.errors import StoreError

STORE_DIR = "store"
META_FILE = "meta.json"
STATE_FILE = "state.pickle"
ARTICLES_DIR = "articles"


def is_built(data_dir: Path) -> bool:
    return (Path(data_dir) / META_FILE).is_file() and (Path(data_dir) / STORE_DIR).is_dir()


def read_meta(data_dir: Path) -> dict:
    path = Path(data_dir) / META_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"no graph is built in {data_dir}: run `kg build` first") from None
    except (OSError, ValueError) as error:
        raise StoreError(f"{path}: unreadable metadata ({error})") from None


def open_store(data_dir: Path, read_only: bool = True) -> ox.Store:
    """Open the built store; read-only lets several processes (service workers) share it."""
    data_dir = Path(data_dir)
    if not is_built(data_dir):
        raise StoreError(f"no graph is built in {data_dir}: run `kg build` first")
    path = str(data_dir / STORE_DIR)
    try:
        return ox.Store.read_only(path) if read_only else ox.Store(path)
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store ({error})") from None


def load_dataset(store: ox.Store, nquads: bytes) -> None:
    """Named graphs as given, plus their union, deduplicated, as the default graph."""
    store.bulk_load(nquads, ox.RdfFormat.N_QUADS)
    union = {(q.subject, q.predicate, q.object) for q in ox.parse(nquads, ox.RdfFormat.N_QUADS)}
    store.bulk_extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in union)


_HELD: set[Path] = set()


@contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """One ``kg build`` or ``kg add`` at a time per data dir: a second one would stage a copy of
    the same graph and, renamed into place later, silently drop the first one's change."""
    data_dir = Path(data_dir).resolve()
    if data_dir in _HELD:  # re-entered by the same operation (add falling back to a build)
        yield
        return
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(data_dir.with_name(f".{data_dir.name}.lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(f"{data_dir}: another `kg build` or `kg add` is writing this graph; try again when it is done") from None
        _HELD.add(data_dir)
        try:
            yield
        finally:
            _HELD.discard(data_dir)
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def staged_build(data_dir: Path) -> Iterator[Path]:
    """Yield a fresh folder to build into; on success it replaces ``data_dir`` atomically.

    On any exception the staged folder is removed and ``data_dir`` is left as it was.
    """
    data_dir = Path(data_dir).resolve()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.build-", dir=data_dir.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = data_dir.with_name(f".{data_dir.name}.old-{os.getpid()}")
    if data_dir.exists():
        os.replace(data_dir, old)
    os.replace(staging, data_dir)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_update(data_dir: Path) -> Iterator[tuple[Path, ox.Store]]:
    """Yield a staged copy of the built folder and its store, opened for writing; on success it
    replaces ``data_dir`` atomically, on any exception it is dropped.

    The store is copied as a RocksDB checkpoint and every other file as a hard link: the cost
    follows the number of files (about 0.5 s for 10,000 at 5,000 articles, links and the old
    folder's removal together; bench/RESULTS.md), not their size, and the live folder is never touched. Callers
    replace a file by writing a new one and renaming it over the link, never by writing through it.
    """
    data_dir = Path(data_dir).resolve()
    with staged_build(data_dir) as staging:
        source = ox.Store.read_only(str(data_dir / STORE_DIR))  # never a writer beside the service's readers
        try:
            source.backup(str(staging / STORE_DIR))
        finally:
            del source
        _link_tree(data_dir, staging, skip={STORE_DIR, META_FILE, STATE_FILE})
        store = ox.Store(str(staging / STORE_DIR))
        try:
            yield staging, store
            store.flush()
        finally:
            del store


def _link_tree(source: str | Path, target: str | Path, skip: set[str] = frozenset()) -> None:
    """Hard-link every file under ``source`` into ``target`` (``os.scandir``: no path objects per file)."""
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.name in skip:
                continue
            linked = os.path.join(target, entry.name)
            if entry.is_dir(follow_symlinks=False):
                os.mkdir(linked)
                _link_tree(entry.path, linked)
            else:
                os.link(entry.path, linked)


def quad_hash(quad: ox.Quad) -> int:
    """A quad's share of the dataset version: versions add up, so ``kg add`` updates them."""
    return int.from_bytes(hashlib.blake2b(str(quad).encode("utf-8"), digest_size=8).digest(), "big")


def version_of(total: int) -> str:
    return f"{total % (1 << 64):016x}"


def export_nquads(store: ox.Store) -> bytes:
    """The named graphs as sorted N-Quads, blank nodes canonicalised: the same graph, the same bytes."""
    dataset = ox.Dataset(q for q in store if not isinstance(q.graph_name, ox.DefaultGraph))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    lines = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    return ("\n".join(sorted(set(lines))) + "\n").encode("utf-8")


def dataset_nquads(data_dir: Path) -> bytes:
    """The built dataset as sorted N-Quads: what a rebuild of the same articles gives, byte for byte."""
    return export_nquads(open_store(Path(data_dir)))


def write_store(target: Path, nquads: bytes, meta: dict) -> None:
    """Write the dataset, its store and its metadata into a (staged) data folder."""
    target = Path(target)
    store = ox.Store(str(target / STORE_DIR))
    load_dataset(store, nquads)
    store.flush()
    del store
    (target / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")


def query(store: ox.Store, sparql: str, **kwargs):
    """Evaluate a query as every client of meetgraph sees the data: the default graph is the union."""
    return store.query(sparql, **kwargs)
