"""One canonical Turtle serialization for files under ``graph/`` and ``ontology/``.

rdflib's ``longturtle`` writer sorts subjects and predicates and writes one
statement per line, which is what makes a diff show only what changed.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from api.vocab import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, SKOSXL, TIFA, XSD

PREFIXES = {
    "dct": DCTERMS, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
    "skosxl": SKOSXL, "tifa": TIFA, "xsd": XSD,
}


def canonical_turtle(graph: Graph, base: str | None = None) -> str:
    """Serialize ``graph`` in tifa's canonical Turtle (sorted, fixed prefixes)."""
    out = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    if base:
        out.bind("term", f"{base}term/")
        out.bind("topic", f"{base}topic/")
    for triple in graph:
        out.add(triple)
    text = out.serialize(format="longturtle")
    return text if text.endswith("\n") else text + "\n"


def format_file(path: Path, base: str | None = None) -> bool:
    """Rewrite ``path`` in canonical form; return True when its content changed."""
    g = Graph()
    g.parse(path, format="turtle")
    text = canonical_turtle(g, base)
    old = path.read_text(encoding="utf-8")
    if old != text:
        path.write_text(text, encoding="utf-8")
        return True
    return False
