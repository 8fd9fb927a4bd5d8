"""``tifa export --canonical``: the store written back to ``graph/`` as canonical Turtle.

A subject stays in the file that holds it now, so the layout of ``graph/`` is kept;
a new term goes to ``graph/<first topic>.ttl`` (``s01.ttl`` … ``named-entities.ttl``),
and anything else new to ``graph/topics.ttl``. IRIs are written under the default
base, as ``graph/`` always is.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from api.canonical import canonical_turtle
from api.exchange.snapshot import Snapshot
from api.model import term_iri
from api.store_sources import ONTOLOGY_NS
from api.vocab import DEFAULT_BASE

OTHER_FILE = "topics.ttl"


def to_default_base(graph: Graph, base: str) -> Graph:
    """IRIs under the deployment's ``base`` written under the default base (ontology IRIs stay), as graph/ holds them."""
    if base == DEFAULT_BASE:
        return graph

    def fix(t: Node) -> Node:
        text = str(t)
        if isinstance(t, URIRef) and text.startswith(base) and not text.startswith(ONTOLOGY_NS):
            return URIRef(DEFAULT_BASE + text[len(base):])
        return t

    out = Graph()
    for s, p, o in graph:
        out.add((fix(s), fix(p), fix(o)))
    return out


def _current_homes(graph_dir: Path) -> dict[Node, str]:
    homes: dict[Node, str] = {}
    for path in sorted(graph_dir.glob("*.ttl")):
        for s in Graph().parse(path, format="turtle").subjects():
            homes.setdefault(s, path.name)
    return homes


def write_canonical(snap: Snapshot, graph_dir: Path) -> list[Path]:
    """Write every file of ``graph/`` from the snapshot; return the files whose content changed."""
    homes = _current_homes(graph_dir)
    files: dict[str, Graph] = {}
    for owner, part in snap.by_owner().items():
        part = to_default_base(part, snap.base)
        default = OTHER_FILE
        if owner is not None:
            topics = snap.terms[owner].topics
            default = f"{topics[0]}.ttl" if topics else OTHER_FILE
        # a term's triples stay together: in the file that holds the term's own IRI now, else by topic
        home = homes.get(term_iri(owner), default) if owner is not None else None
        for triple in part:
            name = home or homes.get(triple[0], default)
            files.setdefault(name, Graph()).add(triple)
    changed = []
    for name, g in sorted(files.items()):
        path = graph_dir / name
        text = canonical_turtle(g, DEFAULT_BASE)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
