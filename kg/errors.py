"""One error tree for the whole project, translated once at each boundary.

    KGError
    ├── ArticleError        an article file is unreadable or not in the contract's format
    ├── ReferenceDataError  the curated reference data is malformed
    ├── BuildError          the build cannot produce a valid graph
    │   ├── InconsistencyError   the reasoner found a contradiction
    │   └── ValidationError      SHACL shapes are violated
    ├── StoreError          no built graph, or the store cannot be opened
    ├── QueryError          a SPARQL query is malformed or refused
    │   └── QueryTimeout        it ran past the time limit
    ├── RemoteStoreError    the external store (KG_STORE) answered with an error, or nonsense
    │   └── StoreUnreachable    it could not be reached at all
    └── EvalError           a gold file is malformed

The CLI prints ``str(error)`` on one line and exits with ``error.exit_code``; the service answers
4xx with the message for client errors.
"""

from __future__ import annotations


class KGError(Exception):
    exit_code = 1


class ArticleError(KGError):
    exit_code = 2

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class ReferenceDataError(KGError):
    exit_code = 2


class BuildError(KGError):
    exit_code = 3


class InconsistencyError(BuildError):
    pass


class ValidationError(BuildError):
    pass


class StoreError(KGError):
    exit_code = 4


class QueryError(KGError):
    exit_code = 5


class QueryTimeout(QueryError):
    pass


class RemoteStoreError(KGError):
    """The external store refused a request or answered what cannot be read (the service: 502)."""

    exit_code = 6


class StoreUnreachable(RemoteStoreError):
    """No connection to the external store (the service: 503, worth retrying)."""


class EvalError(KGError):
    exit_code = 2
