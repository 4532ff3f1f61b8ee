"""``kg query``: evaluate on the built store, in a child process that the time limit can stop;
or, with ``KG_STORE`` set, on the external store (``kg.remote``), answered in the same formats."""

from __future__ import annotations

import multiprocessing as mp
from io import StringIO
from pathlib import Path

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from kg import formats
from kg.errors import QueryError, QueryTimeout
from kg.settings import Settings
from kg.store import open_store, query as store_query

TERM_FORMATS = ("table",)


def evaluate(store: ox.Store, sparql: str, fmt: str) -> bytes | str:
    """Answer a query in ``fmt``: a text table, a SPARQL results format or an RDF format."""
    try:
        result = store_query(store, sparql)
    except SyntaxError as error:
        raise QueryError(f"malformed query: {error}") from None
    except OSError as error:
        raise QueryError(f"query failed: {error}") from None
    return render(result, fmt)


def render(result, fmt: str) -> bytes | str:
    """An evaluated answer (pyoxigraph's, or ``kg.remote``'s parse of a store's) in ``fmt``."""
    if not isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
        f = formats.by_name("turtle" if fmt == "table" else fmt)
        if f is None or f.kind not in ("graph", "dataset"):
            raise QueryError(f"--format {fmt} does not fit a CONSTRUCT/DESCRIBE answer: use turtle, ntriples, rdfxml, jsonld, trig or nquads")
        return result.serialize(format=f.oxigraph)
    if fmt == "table":
        return _table(result)
    f = formats.by_name(fmt)
    if f is None or f.kind != "results":
        raise QueryError(f"--format {fmt} does not fit a SELECT/ASK answer: use table, json, xml, csv or tsv")
    return result.serialize(format=f.oxigraph)


def term_text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def _table(result) -> str:
    buffer = StringIO()
    console = Console(file=buffer, width=200, force_terminal=False, color_system=None)
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    names = [v.value for v in result.variables]
    table = Table(*names, show_lines=False)
    rows = 0
    for solution in result:
        table.add_row(*[term_text(solution[n]) for n in names])
        rows += 1
    console.print(table)
    console.print(f"{rows} row{'s' if rows != 1 else ''}")
    return buffer.getvalue().rstrip("\n")


def _child(data_dir: str, sparql: str, fmt: str, conn) -> None:
    try:
        conn.send(("ok", evaluate(open_store(Path(data_dir)), sparql, fmt)))
    except Exception as error:  # sent back to the parent, which raises it
        conn.send(("error", error))
    finally:
        conn.close()


def run_query(settings: Settings, sparql: str, fmt: str = "table") -> bytes | str:
    if settings.store is not None:
        return _run_remote(settings, sparql, fmt)
    open_store(settings.data_dir).query("ASK {}")  # a clear error now if nothing is built
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(str(settings.data_dir), sparql, fmt, child), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(settings.query_timeout):
            raise QueryTimeout(f"the query ran past {settings.query_timeout:g} s and was stopped (KG_QUERY_TIMEOUT)")
        status, value = parent.recv()
    except EOFError:
        raise QueryError("the query process ended without an answer") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
    if status == "error":
        raise value
    return value


def _run_remote(settings: Settings, sparql: str, fmt: str) -> bytes | str:
    """The same query on ``KG_STORE``, stopped at ``KG_QUERY_TIMEOUT`` like a local one."""
    from kg.remote import RemoteStore

    with RemoteStore(settings, connections=1, timeout=settings.query_timeout) as store:
        with store.query(sparql, settings.query_timeout) as result:
            return render(result, fmt)
