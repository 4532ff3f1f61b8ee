"""Push the built dataset to the external store (``KG_STORE``), after ``kg build`` or ``kg add``.

The data dir stays the source of truth: a build or an add completes there first (atomically), and
only then is its dataset copied out, graph by graph, over the Graph Store Protocol (or SPARQL Update
where the store has none, ``kg.remote``). A failed publish leaves the local graph built and says
how to retry (``kg publish``).

What the store ends up holding is what the local store holds (``kg.store``): every named graph,
and a default graph that is their union with each triple once — many stores' own "union default
graph" modes either repeat a triple per graph that holds it or are off by default. With
``KG_STORE_UNION`` the store's own default graph is trusted instead (Neptune).

A full publish (``kg build``) replaces every named graph, drops the store's graphs under our base
that the build no longer has, and replaces the default graph. After ``kg add``, when the store is
known to hold the previous version and meta.json names the graphs the add changed and removed,
only those are sent, and the default graph is patched by the difference (``DELETE DATA`` /
``INSERT DATA``): a triple leaves it only when no named graph holds it any more. The record of what
was published (``published.json`` in the data dir) is what "known to hold" means; a rebuilt data
dir starts without one, and the service reads it to key its caches (``service.executor``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError, RemoteStoreError
from kg.remote import RemoteStore
from kg.settings import Settings
from kg.store import open_store, read_meta
from kg.vocab import graph_iri

PUBLISHED_FILE = "published.json"


@dataclass(frozen=True)
class Published:
    """What a publish sent, for the command's summary line (and the tests)."""

    incremental: bool
    graphs_put: int
    graphs_deleted: int
    default: str
    """``replaced``, ``patched``, ``unchanged`` or ``left to the store`` (``KG_STORE_UNION``)."""
    default_inserted: int = 0
    default_deleted: int = 0
    store: str = ""
    version: str = ""

    def summary(self) -> str:
        how = "changes" if self.incremental else "everything"
        default = self.default
        if self.default == "patched":
            default += f" (+{self.default_inserted} −{self.default_deleted} triples)"
        return (f"published {how} to {self.store}: {self.graphs_put} graphs written, "
                f"{self.graphs_deleted} removed, default graph {default} (version {self.version})")


def publish(settings: Settings, incremental: bool = False) -> Published:
    """Copy the built dataset in ``settings.data_dir`` to ``settings.store``.

    ``incremental``: the store holds the version the data dir had before the last ``kg add``
    (``in_step`` said so before it); then only what meta.json's ``changed_graphs`` and
    ``removed_graphs`` name is sent, when it names them. Raises ``RemoteStoreError`` (one line,
    naming the URL and the HTTP status) and ``StoreError`` (nothing built).
    """
    meta = read_meta(settings.data_dir)
    version = str(meta.get("version", ""))
    local = _Local(settings.data_dir)
    record = Path(settings.data_dir) / PUBLISHED_FILE
    record.unlink(missing_ok=True)  # from now on the store may hold neither version
    changed, removed = meta.get("changed_graphs"), meta.get("removed_graphs")
    try:
        with RemoteStore(settings) as remote:
            if incremental and isinstance(changed, list) and isinstance(removed, list):
                sent = _patch(local, remote, changed, removed, settings.store_union)
            else:
                sent = _replace(local, remote, graph_iri(settings.base, ""), settings.store_union)
    except KGError as error:
        raise RemoteStoreError(
            f"publishing to {settings.store} failed: {error} — the graph in {settings.data_dir} "
            f"is built (version {version}); `kg publish` sends it again"
        ) from None
    _write_record(record, settings, version)
    return replace(sent, store=settings.store or "", version=version)


def in_step(settings: Settings) -> bool:
    """Whether ``settings.store`` holds exactly the version now in the data dir (published by us)."""
    record = published_record(settings.data_dir)
    if record is None or settings.store is None:
        return False
    try:
        version = read_meta(settings.data_dir).get("version")
    except KGError:
        return False
    return (record.get("store"), record.get("version"), record.get("union")) == (
        settings.store, version, settings.store_union)


def published_record(data_dir: Path) -> dict | None:
    """The data dir's record of its last successful publish, if any."""
    try:
        record = json.loads((Path(data_dir) / PUBLISHED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


# -- what is sent --


class _Local:
    """The built store on disk, read-only: its named graphs and their union (its default graph)."""

    def __init__(self, data_dir: Path) -> None:
        self._store = open_store(data_dir, read_only=True)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def ntriples(self, graph: str | None) -> bytes:
        """A named graph (the union for None) as N-Triples."""
        return self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_graph_name(graph))

    def triples(self, graph: str) -> set[ox.Triple]:
        return {q.triple for q in self._store.quads_for_pattern(None, None, None, _graph_name(graph))}

    def in_union(self, triple: ox.Triple) -> bool:
        return ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()) in self._store


def _replace(local: _Local, remote: RemoteStore, prefix: str, union: bool) -> Published:
    """Every named graph written, the store's other graphs under ``prefix`` dropped, the union written."""
    names = local.graph_names()
    stale = sorted(set(remote.graph_names(prefix)) - set(names))
    for name in names:
        remote.put_graph(name, local.ntriples(name))
    for name in stale:
        remote.delete_graph(name)
    if union:
        return Published(False, len(names), len(stale), "left to the store")
    remote.put_graph(None, local.ntriples(None))
    return Published(False, len(names), len(stale), "replaced")


def _patch(local: _Local, remote: RemoteStore, changed: list[str], removed: list[str], union: bool) -> Published:
    """Only the changed and removed graphs; the default graph patched by the difference.

    The old content of those graphs is read back from the store (the diff is as exact as the store
    is); a blank node cannot be matched across documents, so when one is involved the union is
    written whole instead.
    """
    old = {} if union else {name: set(remote.graph(name)) for name in [*changed, *removed]}
    new = {name: local.triples(name) for name in changed}
    for name in changed:
        if new[name]:
            remote.put_graph(name, local.ntriples(name))
        else:  # emptied: gone from the local store, so gone from the store's list of graphs too
            remote.delete_graph(name)
    for name in removed:
        remote.delete_graph(name)
    if union:
        return Published(True, len(changed), len(removed), "left to the store")
    if any(_has_blank_node(t) for triples in [*old.values(), *new.values()] for t in triples):
        remote.put_graph(None, local.ntriples(None))
        return Published(True, len(changed), len(removed), "replaced")
    inserted: set[ox.Triple] = set()
    for name in changed:
        inserted |= new[name] - old[name]
    deleted = {t for name, triples in old.items() for t in triples - new.get(name, set())
               if not local.in_union(t)}
    if not inserted and not deleted:
        return Published(True, len(changed), len(removed), "unchanged")
    remote.update(_patch_update(deleted, inserted))
    return Published(True, len(changed), len(removed), "patched", len(inserted), len(deleted))


def _patch_update(deleted: set[ox.Triple], inserted: set[ox.Triple]) -> str:
    """One SPARQL Update request (atomic in the stores we know): DELETE DATA, then INSERT DATA."""
    parts = []
    for keyword, triples in (("DELETE DATA", deleted), ("INSERT DATA", inserted)):
        if triples:
            body = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            parts.append(f"{keyword} {{\n{body}}}")
    return " ;\n".join(parts)


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _graph_name(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.NamedNode(graph) if graph else ox.DefaultGraph()


def _write_record(path: Path, settings: Settings, version: str) -> None:
    record = {
        "store": settings.store,
        "version": version,
        "union": settings.store_union,
        "published_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(record, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(partial, path)
