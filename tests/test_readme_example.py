"""Issue #2/#3: the README's worked example (七有) is an excerpt of the real graph, not a drawing that drifts."""

from __future__ import annotations

import re

from rdflib import Graph

from api.model import from_graph, term_iri
from tests.graph_data import ROOT, graph


def test_readme_turtle_excerpt_is_in_the_graph() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The model", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```turtle\n(.*?)```", section, re.S)
    assert block, "the model section has no Turtle example"
    excerpt = Graph().parse(data=block.group(1), format="turtle")
    assert len(excerpt) > 30
    # Lists are blank nodes: compare the triples without them, and the member order separately.
    named = [t for t in excerpt if not any(type(x).__name__ == "BNode" for x in t)]
    missing = [t for t in named if t not in graph()]
    assert not missing, f"README example differs from graph/: {missing[:5]}"
    qiyou = term_iri("qiyou")
    assert from_graph(excerpt, qiyou).groups == from_graph(graph(), qiyou).groups  # ordered components
