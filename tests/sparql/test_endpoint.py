"""Issue #5: /sparql speaks the SPARQL 1.1 Protocol to real clients, on the embedded and the remote store."""

from __future__ import annotations

import csv
import io

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

QIYOU = "https://w3id.org/tifa/term/qiyou"
LABEL_QUERY = ('PREFIX skos: <http://www.w3.org/2004/02/skos/core#> '
               'SELECT ?t WHERE { ?t skos:prefLabel "七有"@zh-Hans }')
CONSTRUCT = ('PREFIX skos: <http://www.w3.org/2004/02/skos/core#> '
             'CONSTRUCT { ?t skos:prefLabel ?l } WHERE { ?t skos:prefLabel "七有"@zh-Hans ; skos:prefLabel ?l }')


def sparql(server, **kw) -> httpx.Response:
    return httpx.get(server.url + "/sparql", timeout=30, **kw)


# ---------------------------------------------------------------- protocol and formats

@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_three_ways_to_send_a_query(live_server, how: str) -> None:
    url = live_server.url + "/sparql"
    if how == "get":
        r = httpx.get(url, params={"query": LABEL_QUERY})
    elif how == "form":
        r = httpx.post(url, data={"query": LABEL_QUERY})
    else:
        r = httpx.post(url, content=LABEL_QUERY.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert [b["t"]["value"] for b in r.json()["results"]["bindings"]] == [QIYOU]
    assert r.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("accept,fmt", [("application/sparql-results+xml", None), ("text/csv", None),
                                        ("text/tab-separated-values", None), (None, "xml"), (None, "csv"),
                                        (None, "tsv"), (None, "json")])
def test_select_formats(live_server, accept: str | None, fmt: str | None) -> None:
    r = sparql(live_server, params={"query": LABEL_QUERY, **({"format": fmt} if fmt else {})},
               headers={"Accept": accept} if accept else {})
    assert r.status_code == 200, r.text
    media = r.headers["content-type"].split(";")[0]
    if media == "text/csv":
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert [row["t"] for row in rows] == [QIYOU]
        return
    kind = {"application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "text/tab-separated-values": ox.QueryResultsFormat.TSV,
            "application/sparql-results+json": ox.QueryResultsFormat.JSON}[media]
    assert [s["t"].value for s in ox.parse_query_results(r.content, kind)] == [QIYOU]


@pytest.mark.parametrize("accept,rdflib_format", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                                  ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_construct_formats(live_server, accept: str, rdflib_format: str) -> None:
    r = sparql(live_server, params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(accept)
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert (URIRef(QIYOU), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("七有", lang="zh-Hans")) in g
    assert len(g) >= 3


def test_ask(live_server) -> None:
    r = sparql(live_server, params={"query": f"ASK {{ <{QIYOU}> ?p ?o }}"})
    assert r.json() == {"head": {}, "boolean": True}


def test_dataset_parameters(live_server) -> None:
    onto = "https://w3id.org/tifa/graph/ontology"
    terms = "https://w3id.org/tifa/graph/terms"
    q = f"ASK {{ <{QIYOU}> ?p ?o }}"
    assert sparql(live_server, params={"query": q, "default-graph-uri": onto}).json()["boolean"] is False
    assert sparql(live_server, params={"query": q, "default-graph-uri": [onto, terms]}).json()["boolean"] is True
    r = sparql(live_server, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                    "named-graph-uri": terms})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [terms]


# ---------------------------------------------------------------- real clients

@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(live_server, fmt: str) -> None:
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setQuery(LABEL_QUERY)
    client.setReturnFormat(fmt)
    result = client.query().convert()
    if fmt == JSON:
        assert result["results"]["bindings"][0]["t"]["value"] == QIYOU
    elif fmt == XML:
        assert QIYOU in result.toxml()
    else:
        assert QIYOU in (result.decode() if isinstance(result, bytes) else result)


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, XML, N3])
def test_sparqlwrapper_construct(live_server, fmt: str) -> None:
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    result = client.query().convert()
    g = result if isinstance(result, Graph) else Graph().parse(
        data=result, format={TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld"}[fmt])
    assert (URIRef(QIYOU), None, Literal("七有", lang="zh-Hans")) in g


def test_sparqlwrapper_post_and_ask(live_server) -> None:
    client = SPARQLWrapper(live_server.url + "/sparql")
    client.setMethod("POST")
    client.setQuery(f"ASK {{ <{QIYOU}> ?p ?o }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


@pytest.mark.parametrize("fmt", ["xml", "json", "csv", "tsv"])
def test_rdflib_sparqlstore_select(live_server, fmt: str) -> None:
    g = Graph(store=SPARQLStore(live_server.url + "/sparql", returnFormat=fmt))
    rows = list(g.query(LABEL_QUERY))
    assert [str(r[0]) for r in rows] == [QIYOU]


def test_rdflib_sparqlstore_construct_and_ask(live_server) -> None:
    g = Graph(store=SPARQLStore(live_server.url + "/sparql"))  # rdflib's default: XML results / RDF/XML
    assert g.query(f"ASK {{ <{QIYOU}> ?p ?o }}").askAnswer is True
    built = g.query(CONSTRUCT).graph
    assert (URIRef(QIYOU), None, Literal("七有", lang="zh-Hans")) in built


# ---------------------------------------------------------------- descriptions

def test_service_description(live_server) -> None:
    r = httpx.get(live_server.url + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    svc = URIRef(live_server.url + "/sparql")
    assert (svc, None, URIRef(sd + "Service")) in g
    assert (svc, URIRef(sd + "resultFormat"), URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in g
    assert (URIRef(live_server.url + "/api/queries/concept_components"), None, None) in g
    r = httpx.get(live_server.url + "/sparql", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=r.text, format="json-ld")) == len(g)


def test_void(live_server) -> None:
    r = httpx.get(live_server.url + "/.well-known/void")
    g = Graph().parse(data=r.text, format="turtle")
    void = "http://rdfs.org/ns/void#"
    ds = URIRef("https://w3id.org/tifa/dataset")
    assert int(g.value(ds, URIRef(void + "triples"))) > 1000
    assert int(g.value(ds, URIRef(void + "entities"))) > 100
    assert g.value(ds, URIRef(void + "sparqlEndpoint")) == URIRef(live_server.url + "/sparql")
    dumps = {str(o) for o in g.objects(ds, URIRef(void + "dataDump"))}
    assert live_server.url + "/api/export?format=ttl" in dumps
    assert len(list(g.objects(ds, URIRef(void + "exampleResource")))) == 3


# ---------------------------------------------------------------- named queries over HTTP

def test_named_queries_listed_and_run(live_server) -> None:
    listed = {q["name"]: q for q in httpx.get(live_server.url + "/api/queries").json()}
    assert {"lookup_by_label", "concept_components", "terms_by_topic", "editor_supplied_chinese",
            "rendering_type_stats", "terms_in_section"} <= set(listed)
    assert listed["concept_components"]["params"] == [{"name": "term", "type": "iri", "optional": False,
                                                       "languages": []}]
    r = httpx.get(live_server.url + "/api/queries/concept_components", params={"term": QIYOU})
    rows = r.json()["results"]["bindings"]
    assert [int(b["position"]["value"]) for b in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert rows[0]["zh"]["value"] == "幼有所育"
    r = httpx.get(live_server.url + "/api/queries/lookup_by_label", params={"label": "3구 3선"})
    assert {b["slug"]["value"] for b in r.json()["results"]["bindings"]} == {"sanqusanxian"}
    r = httpx.get(live_server.url + "/api/queries/terms_in_section", params={"section": "3", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and len(r.text.splitlines()) > 5


@pytest.mark.parametrize("params,status", [({}, 400), ({"term": "not an iri"}, 400), ({"term": QIYOU, "x": "1"}, 400)])
def test_named_query_bad_parameters(live_server, params: dict, status: int) -> None:
    r = httpx.get(live_server.url + "/api/queries/concept_components", params=params)
    assert r.status_code == status
    assert r.json()["detail"]


def test_named_query_values_are_bound_not_pasted(live_server) -> None:
    hostile = '七有"@zh-Hans } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    r = httpx.get(live_server.url + "/api/queries/lookup_by_label", params={"label": hostile})
    assert r.status_code == 200
    assert r.json()["results"]["bindings"] == []
    assert httpx.get(live_server.url + "/api/queries/nope").status_code == 404
    r = httpx.get(live_server.url + "/api/queries/terms_in_section", params={"section": "3 } "})
    assert r.status_code == 400


def test_graph_patterns_see_ontology_and_terms(live_server) -> None:
    r = sparql(live_server, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert {b["g"]["value"] for b in r.json()["results"]["bindings"]} == {
        "https://w3id.org/tifa/graph/ontology", "https://w3id.org/tifa/graph/terms"}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_large_answers_arrive_whole(live_server, fmt: str) -> None:
    r = sparql(live_server, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5000", "format": fmt})
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"] if fmt == "json" else list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 5000


def test_answers_are_cached_unless_the_client_says_no_cache(live_server) -> None:
    q = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"}
    first = sparql(live_server, params=q)
    again = sparql(live_server, params=q)
    fresh = sparql(live_server, params=q, headers={"Cache-Control": "no-cache"})
    assert again.headers["x-tifa-cache"] == "hit"
    assert fresh.headers["x-tifa-cache"] == "miss"
    assert first.json() == again.json() == fresh.json()
