"""``/dumps/…``: the whole dataset, and its asserted and inferred parts, as gzip N-Quads and TriG.

Exported from the store as sorted N-Quads on first request and kept in a folder the app owns
(created at start-up, removed at shutdown), one sub-folder per ``meta.json`` seen — a build or
``kg add`` writes a new one and so gives new dumps, never stale ones. Files are written
to a fresh folder and renamed into place, so a reader never sees half a dump. gzip headers carry
no time stamp: the same graph gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.store import META_FILE, dataset_nquads
from service.terms import prefixes

_DONE = ".complete"


@dataclass(frozen=True)
class DumpSpec:
    name: str
    part: str
    """``all``, ``asserted`` (every graph but the inferred one) or ``inferred``."""
    format_name: str
    """``nquads`` or ``trig``."""
    title: str

    @property
    def media_type(self) -> str:
        return "application/n-quads" if self.format_name == "nquads" else "application/trig"


PARTS = {
    "all": "the whole dataset: asserted and inferred",
    "asserted": "asserted triples only: one named graph per article, the ontology, the reference data",
    "inferred": "inferred triples only: the OWL 2 RL closure's own graph",
}
SPECS: tuple[DumpSpec, ...] = tuple(
    DumpSpec(f"meetgraph{'' if part == 'all' else '-' + part}.{suffix}.gz", part, fmt,
             f"{description[0].upper()}{description[1:]} ({label}, gzip)")
    for part, description in PARTS.items()
    for fmt, suffix, label in (("nquads", "nq", "N-Quads"), ("trig", "trig", "TriG"))
)


def spec(name: str) -> DumpSpec | None:
    return next((s for s in SPECS if s.name == name), None)


class Dumps:
    """The dump files of the current dataset, made once per build or add."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()

    @classmethod
    def temporary(cls) -> Dumps:
        return cls(Path(tempfile.mkdtemp(prefix="meetgraph-dumps-")))

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def folder(self, data_dir: Path, base: str) -> Path:
        """The folder holding every dump of the dataset now in ``data_dir`` (made if needed)."""
        info = (Path(data_dir) / META_FILE).stat()
        key = hashlib.sha256(
            f"{info.st_ino}:{info.st_mtime_ns}:{info.st_size}:{base}".encode()
        ).hexdigest()[:16]
        folder = self.root / key
        with self._lock:
            if (folder / _DONE).exists():
                return folder
            staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.root))
            write_dumps(dataset_nquads(data_dir), staging, base)
            (staging / _DONE).touch()
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(staging, folder)
            for old in self.root.iterdir():
                if old != folder:
                    shutil.rmtree(old, ignore_errors=True)
        return folder


def write_dumps(nquads: bytes, folder: Path, base: str) -> None:
    """Every file of ``SPECS`` into ``folder``, from the build's sorted N-Quads."""
    inferred = base + "graph/inferred"
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    parts = {
        "all": quads,
        "asserted": [q for q in quads if _graph(q) != inferred],
        "inferred": [q for q in quads if _graph(q) == inferred],
    }
    for item in SPECS:
        chosen = parts[item.part]
        if item.format_name == "nquads":
            data = nquads if item.part == "all" else ox.serialize(chosen, format=ox.RdfFormat.N_QUADS)
        else:
            by_graph = sorted(chosen, key=lambda q: (_graph(q), str(q)))
            data = ox.serialize(by_graph, format=ox.RdfFormat.TRIG, prefixes=prefixes(base))
        (folder / item.name).write_bytes(gzip.compress(data, compresslevel=6, mtime=0))


def _graph(quad: ox.Quad) -> str:
    name = quad.graph_name
    return name.value if isinstance(name, ox.NamedNode) else ""
