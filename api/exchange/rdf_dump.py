"""RDF dumps of the store: Turtle, N-Triples, JSON-LD (with tifa's published context) and TriG (named graphs).

A dump holds the stored triples themselves (not triples rebuilt from
:class:`Term` values), so an unfiltered dump reloads to a graph isomorphic to the store's.
JSON-LD is compacted with ``context.jsonld`` (served at ``/context.jsonld``) and
refers to it by URL; :func:`parse_jsonld` puts the local copy back in place of that
URL and refuses every other remote context, so nothing is ever fetched.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from api.exchange.snapshot import Snapshot
from api.store import ONTOLOGY_GRAPH, TERMS_GRAPH

CONTEXT_FILE = Path(__file__).with_name("context.jsonld")
CONTEXT_PATH = "context.jsonld"  # served at {base}context.jsonld and /context.jsonld


@cache
def context_document() -> dict[str, Any]:
    """The published JSON-LD context document (``{"@context": {...}}``)."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def context_url(base: str) -> str:
    """Where the context is published for this deployment."""
    return base + CONTEXT_PATH


def terms_part(snap: Snapshot, slugs: set[str] | None) -> Graph:
    """The terms graph, or only the triples of ``slugs`` plus the non-term triples (topics, sources)."""
    if slugs is None:
        return snap.terms_graph
    out = Graph()
    for owner, part in snap.by_owner().items():
        if owner is None or owner in slugs:
            for triple in part:
                out.add(triple)
    return out


def _bind(g: Graph, base: str) -> Graph:
    for prefix, ns in context_document()["@context"].items():
        if not prefix.startswith("@"):
            g.bind(prefix, ns.replace("https://w3id.org/tifa/", base) if prefix in ("term", "topic") else ns)
    return g


def dump(snap: Snapshot, fmt: str, slugs: set[str] | None = None, with_ontology: bool = False) -> bytes:
    """Serialize the terms graph (filtered to ``slugs`` when given) as ``ttl``, ``nt``, ``jsonld`` or ``trig``.

    TriG always holds both named graphs: ``{base}graph/ontology`` and ``{base}graph/terms``.
    """
    base = snap.base
    if fmt == "trig":
        ds = Dataset()
        _bind(ds, base)
        for name, g in ((ONTOLOGY_GRAPH, snap.ontology_graph), (TERMS_GRAPH, terms_part(snap, slugs))):
            named = ds.graph(URIRef(base + name))
            for triple in g:
                named.add(triple)
        return ds.serialize(format="trig").encode("utf-8")
    g = _bind(Graph(), base)
    for triple in terms_part(snap, slugs):
        g.add(triple)
    if with_ontology:
        for triple in snap.ontology_graph:
            g.add(triple)
    if fmt == "ttl":
        return g.serialize(format="turtle").encode("utf-8")
    if fmt == "nt":
        return g.serialize(format="nt").encode("utf-8")
    if fmt == "jsonld":
        ctx = context_document()["@context"]
        doc = json.loads(g.serialize(format="json-ld", context=ctx, auto_compact=True))
        doc["@context"] = context_url(base)
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    raise ValueError(f"unknown RDF format {fmt!r}")


def _local_contexts(node: Any, known: set[str]) -> Any:
    """Replace our context URL by the local document; raise ValueError on any other remote context."""
    if isinstance(node, list):
        return [_local_contexts(n, known) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "@context":
            items = value if isinstance(value, list) else [value]
            fixed = []
            for item in items:
                if isinstance(item, str):
                    if item not in known:
                        raise ValueError(f"remote JSON-LD context {item!r} refused (only tifa's own is known)")
                    fixed.append(context_document()["@context"])
                else:
                    fixed.append(_local_contexts(item, known))
            out[key] = fixed if isinstance(value, list) else fixed[0]
        else:
            out[key] = _local_contexts(value, known)
    return out


def parse_jsonld(data: bytes | str, base: str, graph: Graph | None = None) -> Graph:
    """Parse JSON-LD without any network access (tifa's context URL is served locally)."""
    doc = json.loads(data)
    known = {context_url(base), context_url("https://w3id.org/tifa/"), "/" + CONTEXT_PATH}
    g = graph if graph is not None else Graph()
    g.parse(data=json.dumps(_local_contexts(doc, known)), format="json-ld")
    return g
