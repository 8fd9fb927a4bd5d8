"""A store on any SPARQL 1.1 Query + Update server (Oxigraph, Fuseki, GraphDB …), configured by URL.

Queries go out as SPARQL 1.1 Protocol POSTs with ``default-graph-uri`` set to the
ontology and terms graphs, so the default graph is their merge on any server.
Bindings become an escaped ``VALUES`` block (:func:`api.sparql_text.inject_values`).
Loading from ``graph/`` uses ``INSERT DATA`` in chunks that never split a blank node's
triples (blank node labels are scoped to one request).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from api.settings import Settings
from api.sparql_text import inject_values
from api.store import (
    DEFAULT_GRAPHS,
    META_GRAPH,
    TERMS_GRAPH,
    Binding,
    StoreOutcomeUnknownError,
    StoreUnavailableError,
    as_values,
    from_ox,
    solutions_to_rows,
    to_ox,
    version_bump_update,
    with_version_bump,
)
from api.store_sources import source_files, source_hash, source_quads
from api.vocab import TIFA

CHUNK = 5000  # triples per INSERT DATA request
RESULTS_JSON = "application/sparql-results+json"


class RemoteStore:
    """:class:`api.store.TermStore` over HTTP; credentials (basic auth) and timeouts come from settings."""

    def __init__(self, settings: Settings) -> None:
        if not settings.query_url or not settings.update_url:
            raise ValueError("store = 'remote' needs query_url and update_url (TIFA_QUERY_URL, TIFA_UPDATE_URL)")
        self.base = settings.base_uri
        self.query_url = settings.query_url
        self.update_url = settings.update_url
        auth = (settings.store_user, settings.store_password) if settings.store_user else None
        self._client = httpx.Client(auth=auth, timeout=httpx.Timeout(settings.store_timeout, connect=5.0))
        self._dataset = [(key, self.base + g) for key in ("default-graph-uri", "named-graph-uri") for g in DEFAULT_GRAPHS]
        self._meta = f"<{self.base}{META_GRAPH}>"

    # -- HTTP -----------------------------------------------------------------

    def post_query(self, query: str, accept: str, dataset: list[tuple[str, str]] | None = None,
                   timeout: float | None = None) -> httpx.Response:
        """POST ``query`` (form-encoded) with ``dataset`` (default: ontology + terms); raise on failure.

        Raises:
            SyntaxError: the server rejected the query (400).
            TimeoutError: no answer within ``timeout``.
            StoreUnavailableError: the server is unreachable or failed.
        """
        data: dict[str, str | list[str]] = {"query": query}
        for key, value in self._dataset if dataset is None else dataset:
            data.setdefault(key, [])
            data[key].append(value)  # type: ignore[union-attr]
        kwargs = {"timeout": timeout} if timeout is not None else {}
        try:
            r = self._client.post(self.query_url, data=data, headers={"Accept": accept}, **kwargs)
        except httpx.TimeoutException as exc:
            raise TimeoutError(f"the store did not answer within {timeout or 'the store timeout'} s") from exc
        except httpx.HTTPError as exc:
            raise StoreUnavailableError(f"SPARQL store unreachable: {exc}") from exc
        if r.status_code == 400:
            raise SyntaxError(r.text.strip()[:1000])
        if r.status_code >= 300:
            raise StoreUnavailableError(f"SPARQL store answered {r.status_code}: {r.text.strip()[:300]}")
        return r

    def _post_update(self, update: str) -> None:
        try:
            r = self._client.post(self.update_url, data={"update": update})
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise StoreUnavailableError(f"SPARQL store unreachable: {exc}") from exc
        except httpx.HTTPError as exc:
            # the request may have reached the server: a hung store can still apply it when it wakes up
            raise StoreOutcomeUnknownError(f"SPARQL store gave no answer to an update: {exc!r}") from exc
        if r.status_code == 400:
            raise SyntaxError(r.text.strip()[:1000])
        if r.status_code >= 300:
            raise StoreUnavailableError(f"SPARQL update failed with {r.status_code}: {r.text.strip()[:300]}")

    # -- reads ----------------------------------------------------------------

    def _text(self, query: str, bindings: Mapping[str, Binding] | None) -> str:
        return inject_values(query, as_values(bindings))

    def select(self, query: str, bindings: Mapping[str, Binding] | None = None) -> list[dict[str, Node]]:
        """See :meth:`api.store.TermStore.select`."""
        r = self.post_query(self._text(query, bindings), RESULTS_JSON)
        return solutions_to_rows(ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]

    def ask(self, query: str, bindings: Mapping[str, Binding] | None = None) -> bool:
        """See :meth:`api.store.TermStore.ask`."""
        r = self.post_query(self._text(query, bindings), RESULTS_JSON)
        return bool(ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON))

    def construct(self, query: str, bindings: Mapping[str, Binding] | None = None) -> Graph:
        """See :meth:`api.store.TermStore.construct`."""
        r = self.post_query(self._text(query, bindings), "application/n-triples")
        g = Graph()
        for t in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES):
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return g

    def triple_count(self) -> int:
        """See :meth:`api.store.TermStore.triple_count`."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"]) if rows else 0

    def _meta_value(self, prop: object) -> str | None:
        r = self.post_query(f"SELECT ?v WHERE {{ GRAPH {self._meta} {{ {self._meta} <{prop}> ?v }} }}",
                            RESULTS_JSON, dataset=[("named-graph-uri", self.base + META_GRAPH)])
        rows = solutions_to_rows(ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]
        values = [str(row["v"]) for row in rows if "v" in row]
        if not values:
            return None
        return max(values, key=lambda v: int(v) if v.isdigit() else 0)

    def meta_value(self, prop: object) -> str | None:
        """See :meth:`api.store.TermStore.meta_value` (the metadata graph is no default graph: asked by name)."""
        return self._meta_value(prop)

    def version(self) -> int:
        """See :meth:`api.store.TermStore.version`: one small query against the metadata graph."""
        value = self._meta_value(TIFA.storeVersion)
        return int(value) if value and value.isdigit() else 0

    # -- writes ---------------------------------------------------------------

    def select_meta(self, query: str, bindings: Mapping[str, Binding] | None = None) -> list[dict[str, Node]]:
        """See :meth:`api.store.TermStore.select_meta`."""
        r = self.post_query(self._text(query, bindings), RESULTS_JSON,
                            dataset=[("default-graph-uri", self.base + META_GRAPH)])
        return solutions_to_rows(ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]

    def update(self, update: str, changed: Sequence[URIRef] = ()) -> None:
        """See :meth:`api.store.TermStore.update` (one request: the update, the changed marks, the version bump)."""
        self._post_update(with_version_bump(update, self.base, changed))

    def add_graph(self, graph: Graph, named_graph: str = TERMS_GRAPH) -> None:
        """See :meth:`api.store.TermStore.add_graph` (one ``INSERT DATA`` request with the version bump)."""
        ctx = ox.NamedNode(self.base + named_graph)
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ctx) for s, p, o in graph]  # type: ignore[arg-type]
        self._post_update(with_version_bump(insert_data(quads), self.base))

    def load_sources(self, settings: Settings, force: bool = False) -> bool:
        """See :meth:`api.store.TermStore.load_sources`: reload when empty or the stored hash differs."""
        digest = source_hash(source_files(settings), self.base, settings.data_dir)
        if not force and self._meta_value(TIFA.sourceHash) == digest:
            return False
        # The hash goes with the old graphs, so a crash in the middle of the load means "rebuild" next time.
        graphs = " ; ".join(f"DROP SILENT GRAPH <{self.base}{g}>" for g in DEFAULT_GRAPHS)
        self._post_update(graphs + f" ;\nDELETE WHERE {{ GRAPH {self._meta} {{ {self._meta} <{TIFA.sourceHash}> ?h }} }}")
        for chunk in chunk_quads(source_quads(settings, self.base), CHUNK):
            self._post_update(insert_data(chunk))
        hash_literal, build_literal = ox.Literal(digest), ox.Literal(uuid.uuid4().hex)
        self._post_update(
            f"DELETE WHERE {{ GRAPH {self._meta} {{ {self._meta} <{TIFA.buildId}> ?b }} }} ;\n"
            f"INSERT DATA {{ GRAPH {self._meta} {{ {self._meta} <{TIFA.sourceHash}> {hash_literal} ; "
            f"<{TIFA.buildId}> {build_literal} }} }} ;\n"
            + version_bump_update(self.base))
        return True

    def close(self) -> None:
        """See :meth:`api.store.TermStore.close`."""
        self._client.close()


def insert_data(quads: Iterable[ox.Quad]) -> str:
    """``INSERT DATA`` for ``quads``, every term written by Oxigraph's N-Triples writer (escaped, validated)."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
    return f"INSERT DATA {{\n{body}\n}}"


def chunk_quads(quads: Iterable[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    """Chunks of about ``size`` quads; all quads that share a blank node go into the same chunk."""
    plain: list[ox.Quad] = []
    parent: dict[str, str] = {}
    with_bnodes: list[tuple[str, ox.Quad]] = []

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for q in quads:
        labels = [t.value for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)]
        if not labels:
            plain.append(q)
            if len(plain) >= size:
                yield plain
                plain = []
            continue
        roots = [find(x) for x in labels]
        for r in roots[1:]:
            parent[r] = roots[0]
        with_bnodes.append((labels[0], q))
    groups: dict[str, list[ox.Quad]] = {}
    for label, q in with_bnodes:
        groups.setdefault(find(label), []).append(q)
    chunk = plain
    for group in groups.values():
        chunk.extend(group)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
