"""The shapes (issue #2, "Shapes"): every rule fires exactly where its test graphs say, and nowhere on graph/.

Each ``invalid/NN-<rule>-<what>.ttl`` embeds its expected (sh:sourceShape, sh:focusNode)
pairs as ``tifa-test:expect`` blocks; the test removes them, validates, and compares the
exact set of pairs (Warnings and Infos included).
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Namespace

from api.rules_python import CHECKS
from api.shacl_sparql import run_sparql_rules
from api.shapes import load_shapes, rules_table
from api.validation import _owner, validate_graph
from api.vocab import SH

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TEST = Namespace("https://w3id.org/tifa/test#")
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))
SHAPES = load_shapes(ROOT / "shapes")


def split_case(path: Path) -> tuple[Graph, set[tuple[str, str]]]:
    """The data graph of a test file and its expected (shape, focus) pairs."""
    g = Graph().parse(path, format="turtle")
    expected = set()
    for holder, node in list(g.subject_objects(TEST.expect)):
        expected.add((str(g.value(node, TEST.shape)), str(g.value(node, TEST.focus))))
        g.remove((holder, None, None))
        g.remove((node, None, None))
    return g, expected


def pairs(report: object) -> set[tuple[str, str]]:
    """The (shape, focus) pairs of a report."""
    return {(f.shape, f.focus) for f in report.findings}  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_graph_gives_exactly_the_expected_results(path: Path) -> None:
    data, expected = split_case(path)
    assert expected, f"{path.name} declares no tifa-test:expect"
    assert pairs(validate_graph(data)) == expected


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_graph_has_no_result_at_all(path: Path) -> None:
    data, expected = split_case(path)
    report = validate_graph(data)
    assert not expected
    assert report.findings == [], report.to_text()


def test_every_rule_has_a_failing_and_a_conforming_case() -> None:
    fired = {shape for path in INVALID for shape, _ in split_case(path)[1]}
    missing = [r.iri for r in SHAPES.rules.values() if str(r.iri) not in fired and not r.context_only]
    assert missing == [], "rules without an invalid test graph"
    valid = Graph()
    for path in VALID:
        valid += split_case(path)[0]
    from api.shacl_sparql import targets

    untargeted = [r.iri for r in SHAPES.rules.values() if r.mechanism != "python"
                  and not targets(SHAPES.graph, r.iri, valid)]
    assert untargeted == [], "rules with no focus node in the valid graphs (a vacuous pass)"


def test_every_rule_is_named_documented_and_has_a_severity() -> None:
    for rule in SHAPES.rules.values():
        assert rule.message_ko and rule.message_en, rule.iri
        assert (rule.iri, SH.severity, None) in SHAPES.graph, rule.iri
        assert SHAPES.graph.value(rule.iri, Namespace("http://www.w3.org/2000/01/rdf-schema#").isDefinedBy)
    ids = [r.id for r in SHAPES.rules.values()]
    assert len(ids) == len(set(ids)), "two shapes share a rule id"


def test_python_rules_and_their_declarations_match() -> None:
    declared = {r.id for r in SHAPES.by_mechanism("python")}
    assert declared == set(CHECKS)


SPARQL_CASES = [(p, shape) for p in INVALID + VALID for shape in
                ({s for s, _ in split_case(p)[1]} & {str(r.iri) for r in SHAPES.by_mechanism("sparql")}
                 or ({"*"} if p in VALID else set()))]


@pytest.mark.parametrize(("path", "shape"), SPARQL_CASES, ids=lambda x: x.name if isinstance(x, Path) else
                         x.rsplit("#", 1)[-1])
def test_sparql_rules_agree_with_pyshacl(path: Path, shape: str) -> None:
    """Our Oxigraph executor of sh:sparql gives what pySHACL gives (slowly, one query per focus node)."""
    data, _ = split_case(path)
    rules = SHAPES.by_mechanism("sparql")
    iris = [r.iri for r in rules if shape in ("*", str(r.iri))]
    ours = {(str(r.shape), str(r.focus)) for r in run_sparql_rules(SHAPES, data) if r.shape in iris}
    _, report, _ = pyshacl.validate(data, shacl_graph=SHAPES.graph, use_shapes=iris, allow_warnings=True)
    theirs = {(str(_owner(SHAPES, report.value(n, SH.sourceShape))), str(report.value(n, SH.focusNode)))
              for n in report.subjects(SH.sourceShape, None)}
    assert ours == theirs


def test_graph_has_no_violations() -> None:
    data = Graph()
    for path in sorted((ROOT / "graph").glob("*.ttl")):
        data.parse(path, format="turtle")
    report = validate_graph(data)
    assert report.conforms, report.to_text()


def test_readme_rule_table_is_generated_from_the_shapes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    begin, end = "<!-- rules:begin (tifa validate --rules-table) -->\n", "<!-- rules:end -->"
    assert begin in readme and end in readme
    table = readme.split(begin, 1)[1].split(end, 1)[0]
    assert table == rules_table(SHAPES), "README rule table is stale: run tifa validate --rules-table"
