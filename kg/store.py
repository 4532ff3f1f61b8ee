"""The built graph on disk: an Oxigraph store plus a small metadata file, swapped in atomically.

Layout of ``settings.data_dir``::

    store/        the Oxigraph (RocksDB) store holding every named graph
    meta.json     version (hash of the sorted N-Quads), counts, articles, build time
    facts/        the facts extracted from each article, reused by ``kg add``
    dataset.nq    the dataset as sorted N-Quads (the dump, and the input of ``kg add``)

The store's default graph is the union of all named graphs, each triple once: a query without
``GRAPH`` or ``FROM`` sees the whole graph as a set, as SPARQL clients expect (Oxigraph's own
union-default-graph mode repeats a triple once per graph that holds it).

A build writes everything into a fresh sibling folder and renames it into place, so a failed
build leaves the previous graph untouched.
"""

from __future__ import annotations

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
DATASET_FILE = "dataset.nq"
FACTS_DIR = "facts"


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


def memory_store(nquads: bytes) -> ox.Store:
    """An in-memory store holding a dataset (tests, and the build before it is written)."""
    store = ox.Store()
    load_dataset(store, nquads)
    return store


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


def write_store(target: Path, nquads: bytes, meta: dict) -> None:
    """Write the dataset, its store and its metadata into a (staged) data folder."""
    target = Path(target)
    (target / DATASET_FILE).write_bytes(nquads)
    store = ox.Store(str(target / STORE_DIR))
    load_dataset(store, nquads)
    store.flush()
    del store
    (target / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True), encoding="utf-8")


def query(store: ox.Store, sparql: str, **kwargs):
    """Evaluate a query as every client of meetgraph sees the data: the default graph is the union."""
    return store.query(sparql, **kwargs)
