"""A small pool of ``/sparql`` worker processes; a query past its time limit gets its worker killed.

Each worker serves one job at a time over a pipe. The caller waits at most the
timeout; then the worker is killed (its CPU freed at once) and a fresh one is started
in the background, while the other workers keep answering.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from api.services import sparql_worker


class QueryTimeoutError(Exception):
    """The query ran past the time limit and was stopped."""


class PoolBusyError(Exception):
    """Every worker stayed busy for the whole wait."""


@dataclass
class _Worker:
    proc: multiprocessing.process.BaseProcess
    conn: Connection
    snapshot: str = field(default="")


async def _readable(conn: Connection, timeout: float) -> bool:
    """Wait until ``conn`` has data (or EOF) for at most ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn.fileno()

    def settle(value: bool) -> None:
        if not ready.done():
            ready.set_result(value)

    loop.add_reader(fd, settle, True)
    timer = loop.call_later(timeout, settle, False)  # cheaper than asyncio.wait_for's task and cancellation
    try:
        return await ready
    finally:
        timer.cancel()
        loop.remove_reader(fd)
        if not os.get_blocking(fd):
            os.set_blocking(fd, True)  # uvloop leaves the fd non-blocking; recv() of a large answer needs blocking


class WorkerPool:
    """``size`` worker processes reading snapshots returned by ``snapshot()``."""

    def __init__(self, snapshot: Callable[[], Path], size: int = 2) -> None:
        self._snapshot = snapshot
        self._ctx = multiprocessing.get_context("spawn")  # never fork a threaded server holding RocksDB
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        self._current = ""
        # started in the background: the server answers at once, a first query waits for a worker
        threading.Thread(target=self._start, args=(max(1, size),), daemon=True, name="tifa-sparql-start").start()

    def _start(self, size: int) -> None:
        for _ in range(size):
            if self._closed:
                return
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=sparql_worker.main, args=(child,), daemon=True, name="tifa-sparql-worker")
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        with self._lock:
            self._workers.append(worker)
            closed = self._closed
        if closed:  # close() ran while this worker started: it would outlive the pool
            parent.close()
            proc.kill()
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.proc.kill()
        worker.proc.join(timeout=5)
        worker.conn.close()
        with self._lock:
            self._workers.remove(worker)

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        if not self._closed:
            threading.Thread(target=lambda: self._idle.put(self._spawn()), daemon=True).start()

    def _checkout(self, timeout: float) -> _Worker:
        try:
            return self._idle.get(timeout=timeout)
        except queue.Empty as exc:
            raise PoolBusyError("every SPARQL worker is busy") from exc

    def _send(self, worker: _Worker, job: dict) -> None:
        snapshot = str(self._snapshot())
        if snapshot != self._current:
            self._current = snapshot
            self._collect_snapshots()
        worker.snapshot = snapshot
        worker.conn.send({**job, "snapshot": snapshot})

    def run(self, job: dict, timeout: float) -> tuple[str, bytes | str, bool]:
        """Run ``job`` on a free worker; return ``(status, payload, truncated)``.

        Raises:
            PoolBusyError: no worker became free within ``timeout``.
            QueryTimeoutError: the query ran longer than ``timeout`` (its worker was killed).
        """
        worker = self._checkout(timeout)
        try:
            self._send(worker, job)
            if worker.conn.poll(timeout):
                result = worker.conn.recv()
                self._idle.put(worker)
                return result
        except (EOFError, OSError):
            self._replace(worker)
            return ("error", "the query worker failed", False)
        self._replace(worker)
        raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")

    async def run_async(self, job: dict, timeout: float) -> tuple[str, bytes | str, bool]:
        """:meth:`run` for the event loop: waits on the worker's pipe without a thread hop."""
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = await asyncio.to_thread(self._checkout, timeout)
        done = False
        try:
            self._send(worker, job)
            if await _readable(worker.conn, timeout):
                result = worker.conn.recv()
                done = True
                self._idle.put(worker)
                return result
        except (EOFError, OSError):
            return ("error", "the query worker failed", False)
        finally:
            if not done:  # timed out, failed, or the client went away: the worker's answer is never read
                worker.proc.kill()  # now, before anyone hears of the timeout; reaping and respawning can wait
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")

    def _collect_snapshots(self) -> None:
        """Delete snapshot folders that no worker reads and that are not current."""
        with self._lock:
            keep = {w.snapshot for w in self._workers} | {self._current}
        folder = Path(self._current).parent
        for path in folder.glob("v*"):
            if str(path) not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def pids(self) -> list[int]:
        """Process ids of the live workers (tests check a stopped query's worker is gone)."""
        with self._lock:
            return [w.proc.pid for w in self._workers if w.proc.pid is not None]

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
        for w in workers:
            w.conn.close()
            w.proc.kill()
        deadline = time.monotonic() + 5
        for w in workers:
            w.proc.join(timeout=max(0.0, deadline - time.monotonic()))
