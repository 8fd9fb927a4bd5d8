"""Issue #5: the SPARQL text helpers that guard /sparql and bind values (no store needed)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from api.sparql_text import inject_values, shape, sparql_term, strip_opaque

NASTY = ['plain', 'say "hi"', "it's", 'back\\slash', "new\nline", "tab\tand\rcr", '} ; DROP ALL ; {', "# not a comment",
         '"""', "'''", "<http://x/>", "七有 칠유", "\u200b zero width", "ends with \\"]


@pytest.mark.parametrize("query,form,service,dataset", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", False, False),
    ("PREFIX ex: <http://e/> CONSTRUCT { ?s ex:p ?o } WHERE { ?s ex:q ?o }", "CONSTRUCT", False, False),
    ("ask {}", "ASK", False, False),
    ("DESCRIBE <http://e/x>", "DESCRIBE", False, False),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT", False, False),
    ("PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }", "DELETE", False, False),
    ("LOAD <http://example.org/data.ttl>", "LOAD", False, False),
    ("SELECT * FROM <http://g/> WHERE { ?s ?p ?o }", "SELECT", False, True),
    ("SELECT * FROM NAMED <http://g/> WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT", False, True),
    ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "SELECT", True, False),
    ("SELECT * WHERE { service silent <http://x/> { ?s ?p ?o } }", "SELECT", True, False),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }', "SELECT", False, False),
    ("SELECT * WHERE { ?s ?p '''\nSERVICE ' '' ''' }", "SELECT", False, False),
    ('SELECT * WHERE { ?s ?p """ "" SERVICE """ }', "SELECT", False, False),
    ('SELECT * WHERE { ?s ?p "esc \\" SERVICE" }', "SELECT", False, False),
    ("# SERVICE <http://x/>\nSELECT * WHERE { ?s ?p ?o }", "SELECT", False, False),
    ("SELECT * WHERE { ?s <http://x/SERVICE#FROM> ?o }", "SELECT", False, False),
    ("PREFIX service: <http://x/> SELECT * WHERE { ?s service:SERVICE ?service }", "SELECT", False, False),
    ('SELECT * WHERE { ?s ?p "x"@service }', "SELECT", False, False),
    ("SELECT ?from WHERE { ?from ?p ?o FILTER(?o < 3 && ?o > 1) }", "SELECT", False, False),
    ("# INSERT DATA { }\nSELECT * { ?s ?p 'DELETE' }", "SELECT", False, False),
])
def test_shape(query: str, form: str, service: bool, dataset: bool) -> None:
    s = shape(query)
    assert (s.form, s.service, s.has_dataset) == (form, service, dataset)


def test_strip_keeps_offsets() -> None:
    q = 'SELECT * { ?s ?p "a}b" } # x'
    stripped = strip_opaque(q)
    assert len(stripped) == len(q)
    assert "}" not in stripped[17:21]
    assert stripped.index("}") == q.rindex("}")


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("lang", [None, "ko", "zh-Hans"])
def test_bound_literals_round_trip_through_oxigraph(text: str, lang: str | None) -> None:
    store = ox.Store()
    value = ox.Literal(text, language=lang) if lang else ox.Literal(text)
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), value))
    query = inject_values("SELECT ?s WHERE { ?s <http://e/p> ?o }", {"o": [Literal(text, lang=lang)]})
    assert [sol["s"] for sol in store.query(query)] == [ox.NamedNode("http://e/s")]


def test_values_cover_many_values_and_variables() -> None:
    store = ox.Store()
    for i in range(3):
        store.add(ox.Quad(ox.NamedNode(f"http://e/{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i))))
    q = inject_values("SELECT ?s ?o WHERE { ?s ?p ?o FILTER(?o != \"}\") }",
                      {"o": [Literal("0"), Literal("2")], "p": [URIRef("http://e/p")]})
    assert sorted(sol["o"].value for sol in store.query(q)) == ["0", "2"]


@pytest.mark.parametrize("query", [
    "CONSTRUCT { ?s ?p \"{\" } WHERE { ?s ?p ?o }",
    "SELECT * { SELECT ?s ?p ?o WHERE { ?s ?p ?o } }",
    "SELECT (EXISTS { ?s ?p ?o } AS ?e) ?s WHERE { ?s ?p ?o }",
    "PREFIX e: <http://e/> SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s e:p ?o } GROUP BY ?s",
    "ASK { ?s ?p ?o }",
])
def test_injected_queries_parse_and_bind(query: str) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("1")))
    store.add(ox.Quad(ox.NamedNode("http://e/b"), ox.NamedNode("http://e/p"), ox.Literal("2")))
    result = store.query(inject_values(query, {"s": [URIRef("http://e/a")]}))
    if isinstance(result, ox.QueryBoolean):
        assert bool(result)
    elif isinstance(result, ox.QuerySolutions):
        assert {sol["s"].value for sol in result} == {"http://e/a"}
    else:
        assert {t.subject.value for t in result} == {"http://e/a"}


@pytest.mark.parametrize("bad", [URIRef("http://e/a> } ; DROP ALL ; <x"), URIRef("no scheme here"), BNode("b")])
def test_unsafe_values_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        sparql_term(bad)


def test_construct_short_form_cannot_take_bindings() -> None:
    with pytest.raises(ValueError):
        inject_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": [URIRef("http://e/a")]})


def test_tokens_skip_strings_iris_and_comments() -> None:
    from api.sparql_text import tokens

    toks = tokens('DELETE { ?s ?p "WHERE {" } # WHERE {\nWHERE { ?where <http://x/WHERE> ex:WHERE }')
    where = [t for t in toks if t.keyword == "WHERE"]
    assert len(where) == 1
    assert toks[toks.index(where[0]) + 1].text == "{"
    assert [t.kind for t in toks if t.text == "?where"] == ["var"]
