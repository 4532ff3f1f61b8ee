"""The ``kg`` command: build, add, query, eval, serve. Errors are one line and a non-zero exit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.errors import KGError
from kg.settings import Settings

app = typer.Typer(
    help="meetgraph: who met whom in the technology industry, as a reasoned knowledge graph.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

BaseOpt = typer.Option(None, "--base", help="Base IRI of instances [env: KG_BASE].")
DataOpt = typer.Option(None, "--data-dir", help="Where the built store lives [env: KG_DATA_DIR].")


def settings(**overrides) -> Settings:
    from pydantic import ValidationError

    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as error:  # a bad KG_ variable: one line, not a traceback
        problems = "; ".join(f"KG_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in error.errors())
        raise KGError(f"bad settings: {problems}") from None


def progress(items: Iterable, description: str, total: int) -> Iterable:
    """A progress bar on stderr, quiet when stderr is not a terminal."""
    if not err.is_terminal:
        yield from items
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


def _summary(built) -> None:
    m = built.meta
    err.print(f"built {len(m['articles'])} articles: {m['meetings']} meetings, "
              f"{m['triples']['asserted']} asserted + {m['triples']['inferred']} inferred triples (version {m['version']})")


@app.command()
def build(
    articles: Optional[Path] = typer.Option(None, "--articles", help="Folder of article files [default: data/articles]."),
    out_file: Optional[Path] = typer.Option(None, "--out", help="Also write the dataset to FILE (.nq N-Quads or .trig TriG)."),
    base: Optional[str] = BaseOpt,
    data_dir: Optional[Path] = DataOpt,
) -> None:
    """Build the whole graph from the articles, the ontology and the reference data: extracted,
    reasoned (OWL 2 RL), validated (SHACL), stored. A failed build leaves the previous graph as it was."""
    from kg import build as builder

    s = settings(base=base, data_dir=data_dir)
    with err.status("building the graph…") if err.is_terminal else _nothing():
        built = builder.build(s, articles, progress)
    if out_file:
        builder.write_out(built.data_dir, out_file)
    _summary(built)
    _publish(s)


@app.command()
def add(
    files: list[Path] = typer.Argument(..., help="Article files to add (an article already in the graph is replaced)."),
    base: Optional[str] = BaseOpt,
    data_dir: Optional[Path] = DataOpt,
) -> None:
    """Add articles to the built graph, reusing what was extracted from the others."""
    from kg import build as builder

    s = settings(base=base, data_dir=data_dir)
    store_in_step = _store_in_step(s)
    built = builder.add(s, files, progress)
    _summary(built)
    _publish(s, incremental=store_in_step)


@app.command(name="publish")
def publish_command(data_dir: Optional[Path] = DataOpt) -> None:
    """Send the built graph to the external store KG_STORE: every named graph, their union as the
    default graph, and the store's graphs under our base that the graph no longer has removed.
    `kg build` and `kg add` do this by themselves; this retries after a failed publish."""
    s = settings(data_dir=data_dir)
    if s.store is None:
        raise KGError("no external store to publish to: set KG_STORE to its SPARQL query endpoint")
    _publish(s)


@app.command()
def query(
    sparql: Optional[str] = typer.Argument(None, help="The SPARQL query text."),
    file: Optional[Path] = typer.Option(None, "-f", "--file", help="Read the query from FILE."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Run a named example query (see --list)."),
    list_: bool = typer.Option(False, "--list", help="List the named example queries."),
    fmt: str = typer.Option("table", "--format", help="table, json, xml, csv, tsv; turtle, ntriples, nquads… for CONSTRUCT/DESCRIBE."),
    data_dir: Optional[Path] = DataOpt,
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Seconds before the query is stopped [env: KG_QUERY_TIMEOUT]."),
) -> None:
    """Run a SPARQL query on the built graph (all named graphs together) and print the answer."""
    from kg import examples
    from kg.query import run_query

    if list_:
        for ex in examples.examples():
            out.print(f"[bold]{ex.name}[/bold]  {ex.title}")
        return
    given = [x for x in (sparql, file, name) if x]
    if len(given) != 1:
        raise KGError("give exactly one of: a query, -f FILE, --name NAME")
    if file:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise KGError(f"{file}: cannot read the query ({error})") from None
    elif name:
        ex = examples.example(name)
        if ex is None:
            raise KGError(f"no example query named {name!r}: see `kg query --list`")
        text = ex.sparql
    else:
        text = sparql
    s = settings(data_dir=data_dir, query_timeout=timeout)
    result = run_query(s, text, fmt)
    if isinstance(result, bytes):
        sys.stdout.buffer.write(result)
    else:
        out.print(result)


@app.command(name="eval")
def evaluate(
    gold: Path = typer.Argument(..., help="A gold file in the form of tests/gold/seeds.json."),
    articles: Optional[Path] = typer.Option(None, "--articles", help="The articles the gold annotates [default: GOLD's folder/articles, else data/articles]."),
    details: bool = typer.Option(True, "--details/--no-details", help="List misses and false hits with their sentences."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the scores as JSON to FILE."),
) -> None:
    """Score the extraction against a gold annotation: precision, recall, F1 per kind of fact."""
    from kg.evaluate import evaluate as run, render

    report = run(settings(), gold, articles)
    out.print(render(report, details=details))
    if json_out:
        import json

        json_out.write_text(json.dumps(report.to_json(), indent=2), encoding="utf-8")


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, "--host", help="Interface to listen on [env: KG_HOST, default 127.0.0.1]."),
    port: Optional[int] = typer.Option(None, "--port", help="Port [env: KG_PORT, default 8000]."),
    base: Optional[str] = BaseOpt,
    data_dir: Optional[Path] = DataOpt,
    get: Optional[str] = typer.Option(None, "--get", help="Make one request to PATH in process, print the answer and exit."),
) -> None:
    """Serve the graph over HTTP (SPARQL, linked data, pages), building it first if none is built."""
    from kg import build as builder
    from kg.store import is_built

    s = settings(host=host, port=port, base=base, data_dir=data_dir)
    if not is_built(s.data_dir):
        err.print(f"no graph in {s.data_dir}: building it first")
        _summary(builder.build(s, None, progress))
        _publish(s)
    if get:
        from fastapi.testclient import TestClient

        from service.app import create_app

        with TestClient(create_app(s)) as client:
            response = client.get(get)
        sys.stdout.write(response.text)
        raise typer.Exit(0 if response.status_code < 400 else 1)
    from service.server import serve as run_server

    run_server(s)


def _store_in_step(s: Settings) -> bool:
    """Before ``kg add``: whether KG_STORE holds the graph as it is now (then only changes are sent)."""
    if s.store is None:
        return False
    from kg.publish import in_step

    return in_step(s)


def _publish(s: Settings, incremental: bool = False) -> None:
    """After a build or an add: copy the graph to KG_STORE, when one is set."""
    if s.store is None:
        return
    from kg.publish import publish

    with err.status(f"publishing to {s.store}…") if err.is_terminal else _nothing():
        published = publish(s, incremental=incremental)
    err.print(published.summary(), highlight=False, soft_wrap=True)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def main() -> None:
    """Entry point: one line on stderr and the error's exit code for every KGError."""
    try:
        app(standalone_mode=False)
    except KGError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except Exception as error:
        import os

        import click

        if isinstance(error, click.exceptions.ClickException):  # usage errors
            error.show()
            sys.exit(error.exit_code)
        if os.environ.get("KG_DEBUG"):
            raise
        err.print(f"[red]internal error:[/red] {type(error).__name__}: {error} (a bug: set KG_DEBUG=1 for the traceback and report it)", highlight=False)
        sys.exit(70)


if __name__ == "__main__":
    main()
