"""The SPARQL 1.1 Protocol behind ``/sparql``: checks, content negotiation and execution.

Read-only and bounded: updates and ``SERVICE`` are refused before anything runs,
query length and result rows are capped, and every query runs under the timeout —
in a killable worker process on the embedded store, or with an HTTP timeout on a
remote one.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from api.errors import STORE_DOWN, retry_headers
from api.services.sparql_cache import ResultCache
from api.services.sparql_pool import PoolBusyError, QueryTimeoutError, WorkerPool
from api.services.sparql_results import GRAPH_FORMATS, RESULT_FORMATS, Format, serialize
from api.settings import Settings
from api.sparql_text import Shape, shape
from api.store import DEFAULT_GRAPHS, StoreUnavailableError, TermStore


class SparqlError(Exception):
    """A request the endpoint refuses: ``status`` and a message that says what and where."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class Dataset:
    """The protocol's ``default-graph-uri`` / ``named-graph-uri`` (None: not given)."""

    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None

    @property
    def given(self) -> bool:
        """True when the request names its dataset."""
        return self.default is not None or self.named is not None


@dataclass(frozen=True)
class Answer:
    """A finished query: body, media type and whether rows were cut at the cap."""

    body: bytes
    media_type: str
    truncated: bool
    cached: bool = False


# ---------------------------------------------------------------- negotiation

_ALIASES = {  # ?format= / ?output= values and media types that clients send, per result kind
    False: {"json": "json", "srj": "json", "application/json": "json", "xml": "xml", "srx": "xml",
            "application/xml": "xml", "text/xml": "xml", "csv": "csv", "tsv": "tsv", "text/plain": "tsv"},
    True: {"ttl": "ttl", "turtle": "ttl", "n3": "ttl", "text/n3": "ttl", "application/x-turtle": "ttl",
           "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "application/json": "jsonld",
           "nt": "nt", "ntriples": "nt", "n-triples": "nt", "text/plain": "nt",
           "rdf": "rdf", "xml": "rdf", "rdfxml": "rdf", "rdf+xml": "rdf", "application/xml": "rdf",
           "text/xml": "rdf"},
}


def _formats(graph: bool) -> tuple[Format, ...]:
    return GRAPH_FORMATS if graph else RESULT_FORMATS


def _lookup(name: str, graph: bool) -> Format | None:
    name = name.strip().lower()
    for f in _formats(graph):
        if name in (f.name, f.media_type):
            return f
    alias = _ALIASES[graph].get(name)
    return next((f for f in _formats(graph) if f.name == alias), None) if alias else None


def negotiate(accept: str | None, format_param: str | None, graph: bool) -> Format:
    """Pick the response format: ``?format=`` wins, then the ``Accept`` header by q-value.

    Raises:
        SparqlError: 406 when nothing acceptable is supported.
    """
    supported = ", ".join(f.media_type for f in _formats(graph))
    if format_param:
        # several values may come, comma-separated (SPARQLWrapper sends both "json-ld" and a media type list)
        f = next((hit for part in format_param.split(",") if (hit := _lookup(part, graph))), None)
        if f is None:
            raise SparqlError(406, f"format {format_param!r} is not available for this query; use one of {supported}")
        return f
    if not accept or not accept.strip():
        return _formats(graph)[0]
    choices: list[tuple[float, int, Format]] = []
    for pos, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", "application/*") or (media == "text/*" and graph):
            f: Format | None = _formats(graph)[0]
        else:
            f = _lookup(media, graph)
        if f is not None:
            choices.append((q, -pos, f))
    if not choices:
        raise SparqlError(406, f"none of the accepted types ({accept}) is available; this query gives {supported}")
    return max(choices, key=lambda c: (c[0], c[1]))[2]


# ---------------------------------------------------------------- checks

_POSITION = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)


def syntax_message(query: str, error: str) -> str:
    """A parser message with line, column and the offending line marked."""
    m = _POSITION.search(error)
    if not m:
        return f"SPARQL syntax error: {error}"
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"SPARQL syntax error at line {line}, column {col}: {what}\n{text}\n{' ' * max(col - 1, 0)}^"


def check(query: str | None, settings: Settings) -> Shape:
    """Refuse what the endpoint never runs; return the query's shape.

    Raises:
        SparqlError: 400 empty, 413 too long, 403 update or SERVICE.
    """
    if query is None or not query.strip():
        raise SparqlError(400, "no query given: send it as ?query=, a form field 'query', or an "
                               "application/sparql-query body")
    if len(query) > settings.sparql_max_query_chars:
        raise SparqlError(413, f"the query has {len(query)} characters; the limit is {settings.sparql_max_query_chars}")
    s = shape(query)
    if s.is_update:
        raise SparqlError(403, f"SPARQL Update ({s.form}) is not accepted: /sparql is read-only")
    if s.service:
        raise SparqlError(403, "SERVICE (federated query) is not allowed: this endpoint makes no outbound requests")
    return s


def job_dataset(dataset: Dataset, s: Shape, base: str) -> tuple[list[str] | None, list[str] | None]:
    """Default and named graphs for the query: the request's, else the query's own FROM, else ontology + terms."""
    if dataset.given:
        return list(dataset.default or ()), (list(dataset.named) if dataset.named is not None else [])
    if s.has_dataset:
        return None, None
    ours = [base + g for g in DEFAULT_GRAPHS]
    return ours, ours


# ---------------------------------------------------------------- executors

class Executor(Protocol):
    """Runs one checked query to bytes in a format, under a time limit."""

    cache: ResultCache

    def version(self) -> int:
        """The store version answers are cached under."""
        ...

    def run(self, query: str, s: Shape, fmt: Format, dataset: Dataset, timeout: float, max_rows: int) -> Answer:
        """Execute; raise :class:`SparqlError` for anything the client should hear about."""
        ...

    async def run_async(self, query: str, s: Shape, fmt: Format, dataset: Dataset, timeout: float,
                        max_rows: int) -> Answer:
        """:meth:`run` for the event loop."""
        ...

    def close(self) -> None:
        """Release processes or connections."""
        ...


class PoolExecutor:
    """Embedded store: queries run in killable worker processes over snapshots."""

    def __init__(self, store: TermStore, settings: Settings) -> None:
        self.base = settings.base_uri
        self.store = store
        self.cache = ResultCache(settings.sparql_cache_mb * 1_000_000)
        self.pool = WorkerPool(store.snapshot, settings.sparql_workers)  # type: ignore[attr-defined]

    def version(self) -> int:
        """See :class:`Executor` (in memory: this process is the only writer)."""
        return self.store.version()

    def _job(self, query: str, s: Shape, fmt: Format, dataset: Dataset, max_rows: int) -> dict:
        default, named = job_dataset(dataset, s, self.base)
        return {"query": query, "format": fmt.name, "default_graphs": default, "named_graphs": named,
                "max_rows": max_rows}

    def run(self, query: str, s: Shape, fmt: Format, dataset: Dataset, timeout: float, max_rows: int) -> Answer:
        """See :class:`Executor`."""
        try:
            result = self.pool.run(self._job(query, s, fmt, dataset, max_rows), timeout)
        except QueryTimeoutError as exc:
            raise SparqlError(503, f"{exc}; narrow the query or add a LIMIT") from exc
        except PoolBusyError as exc:
            raise SparqlError(503, f"{exc}; try again shortly", {"Retry-After": "1"}) from exc
        return self._answer(query, fmt, result)

    async def run_async(self, query: str, s: Shape, fmt: Format, dataset: Dataset, timeout: float,
                        max_rows: int) -> Answer:
        """See :class:`Executor`."""
        try:
            result = await self.pool.run_async(self._job(query, s, fmt, dataset, max_rows), timeout)
        except QueryTimeoutError as exc:
            raise SparqlError(503, f"{exc}; narrow the query or add a LIMIT") from exc
        except PoolBusyError as exc:
            raise SparqlError(503, f"{exc}; try again shortly", {"Retry-After": "1"}) from exc
        return self._answer(query, fmt, result)

    def _answer(self, query: str, fmt: Format, result: tuple[str, bytes | str, bool]) -> Answer:
        status, payload, truncated = result
        if status == "ok":
            return Answer(payload, fmt.media_type, truncated)  # type: ignore[arg-type]
        if status == "syntax":
            raise SparqlError(400, syntax_message(query, str(payload)))
        if status == "invalid":
            raise SparqlError(400, f"the query could not be evaluated: {payload}")
        raise SparqlError(503, f"the query failed in the store: {payload}", {"Retry-After": "1"})

    def close(self) -> None:
        """See :class:`Executor`."""
        self.pool.close()


class RemoteExecutor:
    """Remote store: the query is checked locally, sent with an HTTP timeout, and re-serialized (row cap)."""

    def __init__(self, store: TermStore, settings: Settings) -> None:
        self.store = store
        self.base = settings.base_uri
        self.cache = ResultCache(settings.sparql_cache_mb * 1_000_000)
        self._version = (0.0, 0)

    def version(self) -> int:
        """See :class:`Executor`: read from the store at most once a second (other processes may write)."""
        checked, value = self._version
        now = time.monotonic()
        if now - checked > 1.0:
            value = self.store.version()
            self._version = (now, value)
        return value

    def run(self, query: str, s: Shape, fmt: Format, dataset: Dataset, timeout: float, max_rows: int) -> Answer:
        """See :class:`Executor`."""
        try:
            ox.Store().query(query)  # parse locally: the same 400 message whatever the server
        except SyntaxError as exc:
            raise SparqlError(400, syntax_message(query, str(exc))) from exc
        default, named = job_dataset(dataset, s, self.base)
        params = [("default-graph-uri", g) for g in default or ()] + [("named-graph-uri", g) for g in named or ()]
        accept = "application/n-triples" if fmt.graph else "application/sparql-results+json"
        try:
            r = self.store.post_query(query, accept, dataset=params, timeout=timeout)  # type: ignore[attr-defined]
        except TimeoutError as exc:
            # a slow query and a hung store look the same from here: say both, and when to retry
            raise SparqlError(503, f"the store gave no answer within {timeout:g} s: the query was stopped "
                                   "(narrow it or add a LIMIT) or the store is not answering", retry_headers()) from exc
        except SyntaxError as exc:
            raise SparqlError(400, f"the store refused the query: {exc}") from exc
        except StoreUnavailableError as exc:
            raise SparqlError(503, f"{STORE_DOWN} ({exc})", retry_headers()) from exc
        if fmt.graph:
            result: object = ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)
        else:
            result = ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON)
        body, truncated = serialize(result, fmt, max_rows)
        return Answer(body, fmt.media_type, truncated)

    async def run_async(self, query: str, s: Shape, fmt: Format, dataset: Dataset, timeout: float,
                        max_rows: int) -> Answer:
        """See :class:`Executor` (the HTTP call runs in a thread)."""
        return await asyncio.to_thread(self.run, query, s, fmt, dataset, timeout, max_rows)

    def close(self) -> None:
        """See :class:`Executor`."""


def open_executor(store: TermStore, settings: Settings) -> Executor:
    """The executor that fits the configured store."""
    return RemoteExecutor(store, settings) if settings.store == "remote" else PoolExecutor(store, settings)


async def execute(executor: Executor, settings: Settings, query: str | None, dataset: Dataset,
                  accept: str | None, format_param: str | None, use_cache: bool = True) -> Answer:
    """Check, negotiate and run one protocol request (on the event loop: the work happens elsewhere).

    ``use_cache=False`` (a request's ``Cache-Control: no-cache``) evaluates the query even when an answer
    for this store version is cached.
    """
    s = check(query, settings)
    fmt = negotiate(accept, format_param, graph=s.is_graph)
    key = ResultCache.key(query or "", fmt, dataset, settings.sparql_max_rows)
    version = executor.version()
    hit = executor.cache.get(version, key) if use_cache else None
    if hit is not None:
        return Answer(*hit, cached=True)
    answer = await executor.run_async(query or "", s, fmt, dataset, settings.sparql_timeout, settings.sparql_max_rows)
    executor.cache.put(version, key, (answer.body, answer.media_type, answer.truncated))
    return answer
