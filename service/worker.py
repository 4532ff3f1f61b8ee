"""A query worker: a process of its own that holds the store open read-only and answers jobs.

Started by ``service.executor.WorkerPool`` as ``python -m service.worker FD DATA_DIR GENERATION``
(a fresh interpreter: nothing inherited from the server's threads or event loop, and no re-import
of whatever script started the server). ``FD`` is its end of a socket pair carrying pickled
``Job``s in and ``(status, payload)`` pairs out.

First thing, it leaves the network where the OS allows it (a new, empty network namespace): then
even a query that slipped past ``service.screening`` could not make the server fetch a URL.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def leave_network() -> bool:
    """Move this process into a new network namespace with no interfaces; True if that worked.

    Needs Linux, and root or unprivileged user namespaces; must run while single-threaded.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
            if libc.unshare(flags) == 0:
                return True
    except (OSError, AttributeError):
        pass
    return False


def main(argv: list[str]) -> None:
    """Open the store, say "ready", then answer jobs until told to stop (a ``None`` job)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the server, which stops us
    isolated = leave_network()
    # Imported after leaving the network, while this process has a single thread.
    from kg.errors import StoreError
    from kg.store import open_store
    from service.evaluation import evaluate

    conn = Connection(int(argv[0]))
    data_dir, generation = Path(argv[1]), int(argv[2])
    try:
        store = open_store(data_dir, read_only=True)
    except StoreError as error:
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", isolated))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        if job.generation != generation:  # the data dir was rebuilt: read the new store
            del store
            store = open_store(data_dir, read_only=True)
            generation = job.generation
        try:
            conn.send(("ok", evaluate(store, job)))
        except SyntaxError as error:
            conn.send(("syntax", str(error)))
        except (ValueError, TypeError, RuntimeError) as error:
            conn.send(("query", str(error)))
        except OSError as error:
            conn.send(("os", str(error)))
        except Exception:  # our bug: report it, keep serving
            conn.send(("bug", traceback.format_exc()))


if __name__ == "__main__":
    main(sys.argv[1:])
