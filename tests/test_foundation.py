"""Issue #2: the ontology documents itself, files are canonical, and the service starts."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from api.canonical import canonical_turtle
from api.vocab import DEFAULT_BASE, TIFA

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = Graph().parse(ROOT / "ontology" / "tifa.ttl")


def ontology_terms() -> list:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted(s for k in kinds for s in ONTOLOGY.subjects(RDF.type, k) if str(s).startswith(str(TIFA)))


@pytest.mark.parametrize("term", ontology_terms(), ids=lambda t: str(t).split("#")[-1])
@pytest.mark.parametrize("lang", ["en", "ko", "zh-Hans"])
def test_every_class_and_property_has_label_and_comment(term, lang: str) -> None:
    labels = [o for o in ONTOLOGY.objects(term, RDFS.label) if o.language == lang]
    comments = [o for o in ONTOLOGY.objects(term, RDFS.comment) if o.language == lang]
    assert labels and comments, f"{term} lacks rdfs:label/comment @{lang}"


@pytest.mark.parametrize("path", sorted((ROOT / "graph").glob("*.ttl")), ids=lambda p: p.name)
def test_graph_files_are_canonical(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    assert path.read_text(encoding="utf-8") == canonical_turtle(g, DEFAULT_BASE), f"run `tifa fmt {path}`"


def test_health_on_live_server(live_server) -> None:
    r = httpx.get(live_server.url + "/health")
    assert r.status_code == 200
    assert r.json()["quads"] > 100
