"""The ``/sparql`` worker process: runs one query at a time on a read-only snapshot of the embedded store.

A query in Oxigraph cannot be interrupted from Python, so each runs in a process the
pool can kill at the timeout. The worker opens the snapshot named in each job and
reopens when the name changes (the main process makes a new snapshot after writes).
Only pyoxigraph is imported here, so a replacement starts fast.
"""

from __future__ import annotations

from multiprocessing.connection import Connection

import pyoxigraph as ox

from api.services.sparql_results import GRAPH_FORMATS, RESULT_FORMATS, serialize

FORMATS = {f.name: f for f in RESULT_FORMATS + GRAPH_FORMATS}


def run_job(store: ox.Store, job: dict) -> tuple[bytes, bool]:
    """Execute one job: ``query``, ``format`` (short name), ``default_graphs``/``named_graphs`` (IRIs or None)."""
    kwargs: dict[str, object] = {}
    if job.get("default_graphs") is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]] or ox.DefaultGraph()
    if job.get("named_graphs") is not None:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
    result = store.query(job["query"], **kwargs)  # type: ignore[arg-type]
    return serialize(result, FORMATS[job["format"]], job["max_rows"])


def main(conn: Connection) -> None:
    """Serve jobs from ``conn`` until it closes; answer ``(status, payload, truncated)``."""
    store: ox.Store | None = None
    opened = None
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if job["snapshot"] != opened:
                store = ox.Store.read_only(job["snapshot"])
                opened = job["snapshot"]
            body, truncated = run_job(store, job)  # type: ignore[arg-type]
            conn.send(("ok", body, truncated))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc), False))
        except ValueError as exc:
            conn.send(("invalid", str(exc), False))
        except Exception as exc:  # noqa: BLE001 - reported to the client as a query failure, never a crash
            conn.send(("error", f"{type(exc).__name__}: {exc}", False))
