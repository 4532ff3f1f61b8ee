"""The one settings object: environment variables with the ``KG_`` prefix, read at the edge."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", frozen=True)

    base: str = "http://localhost:8000/"
    """Base IRI of instances: ``{base}id/{kind}/{slug}``."""
    data_dir: Path = Path(".kg")
    """Where the built store lives."""
    articles_dir: Path = PROJECT_ROOT / "data" / "articles"
    reference_dir: Path = PROJECT_ROOT / "data" / "reference"
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    host: str = "127.0.0.1"
    port: int = 8000
    query_timeout: float = 10.0
    """Seconds a SPARQL query may run before it is stopped."""
    max_results: int = 10_000
    """Rows (or triples) a query answer may hold before it is cut."""
    max_request_bytes: int = 1_000_000
    """Bytes a request (URL or body) may hold before it is refused with 413."""
    workers: int = 2
    """Query worker processes of the service (each opens the store read-only; a query that
    overruns ``query_timeout`` has its worker killed and replaced)."""
    cache_size: int = 256
    """Answers the service keeps in memory per dataset version (0: none)."""
    cache_max_age: int = 60
    """Seconds HTTP caches may reuse a query answer before revalidating it by ETag."""
    store: str | None = None
    """SPARQL query endpoint of an external store (Oxigraph server, Fuseki, Virtuoso, GraphDB,
    Neptune). When set, ``kg build``/``kg add`` publish there after building locally, and the
    service and ``kg query`` ask it instead of the local store (see ``kg.remote``)."""
    store_update: str | None = None
    """Its SPARQL Update endpoint; derived from ``store`` when unset (``kg.remote.endpoints``)."""
    store_gsp: str | None = None
    """Its Graph Store Protocol endpoint; derived when unset; ``none``: SPARQL Update only."""
    store_user: str | None = None
    store_password: SecretStr | None = None
    """HTTP basic authentication for every request to the store, when the user is set."""
    store_union: bool = False
    """The store's default graph already is the deduplicated union of its named graphs (Neptune),
    so publishing writes only the named graphs."""

    @field_validator("base")
    @classmethod
    def _base_ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @field_validator("store", "store_update", "store_gsp", "store_user")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("store")
    @classmethod
    def _store_is_http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"KG_STORE must be an http(s) URL of a SPARQL query endpoint, not {value!r}")
        return value

    @property
    def store_path(self) -> Path:
        return self.data_dir / "store"
