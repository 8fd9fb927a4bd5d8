"""Writing accepted imports to the store: each term's old triples replaced by its new ones, in one update.

The store interface takes SPARQL Update text only (no bindings), so the update is
built from data, never from user text: subjects are IRIs the store already holds
(checked to be plain IRIs), and new triples are rdflib's N-Triples serialization.
One update request is one transaction on Oxigraph: all imported terms or none.
"""

from __future__ import annotations

import re

from rdflib import Graph, URIRef

from api.exchange.planner import Outcome
from api.model import term_iri, to_graph
from api.store import TERMS_GRAPH, TermStore
from api.vocab import SKOS

_PLAIN_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def _iri(node: URIRef) -> str:
    if not _PLAIN_IRI.match(str(node)):
        raise ValueError(f"refusing to write IRI {str(node)!r}")
    return f"<{node}>"


def build_update(outcomes: list[Outcome], old_subjects: dict[str, list[URIRef]], base: str) -> str:
    """The SPARQL Update replacing each new or changed term (``old_subjects``: slug -> IRIs it owns now)."""
    graph = _iri(URIRef(base + TERMS_GRAPH))
    ops = []
    new = Graph()
    for outcome in outcomes:
        if outcome.state == "unchanged":
            continue
        for subject in old_subjects.get(outcome.term.slug, []):
            # the RDF lists of numeral groups hang off group IRIs: remove them by path first
            ops.append(f"DELETE {{ GRAPH {graph} {{ ?n ?p ?o }} }} WHERE {{ GRAPH {graph} "
                       f"{{ {_iri(subject)} <{SKOS.memberList}>/<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>* ?n ."
                       f" ?n ?p ?o }} }}")
            ops.append(f"DELETE WHERE {{ GRAPH {graph} {{ {_iri(subject)} ?p ?o }} }}")
        to_graph(outcome.term, base, new)
    for s, _p, _o in new:
        if isinstance(s, URIRef):
            _iri(s)
    body = new.serialize(format="nt")
    ops.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
    return " ;\n".join(ops)


def apply_outcomes(store: TermStore, outcomes: list[Outcome], old_subjects: dict[str, list[URIRef]]) -> int:
    """Write every new or changed term; return how many were written."""
    changed = [o for o in outcomes if o.state != "unchanged"]
    if changed:
        # the written terms are marked with the new store version, so every worker refreshes them
        store.update(build_update(changed, old_subjects, store.base),
                     changed=[term_iri(o.term.slug, store.base) for o in changed])
    return len(changed)
