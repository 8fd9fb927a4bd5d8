"""SPARQL that would make the server connect out — SERVICE (any spelling, hidden anywhere) and LOAD — is refused
before it runs, by GET and both POST forms; the word in strings, IRIs and comments stays harmless."""

from __future__ import annotations

import httpx
import pytest

from tests.security.conftest import Canary, Target, assert_refused

SERVICE = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o . SERVICE <{url}> { ?s ?q ?r } } } }",
    "PREFIX c: <{url}>\nSELECT * WHERE { SERVICE c:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { # a comment\n  SeRvIcE # another\n <{url}> { ?s ?p ?o } }",
    "ASK { OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
]
LOAD = [
    "LOAD <{url}>",
    "load silent <{url}> into graph <urn:g>",
    "PREFIX c: <{url}>\n# comment\nLOAD c:data",
]
HARMLESS = [
    'SELECT * WHERE { ?s ?p "SERVICE <{url}> { }" } LIMIT 1',
    "SELECT * WHERE { ?s ?p '''multi\nSERVICE <{url}>''' } LIMIT 1",
    "# SERVICE <{url}>\nSELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?service } LIMIT 1",
    'PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:SERVICE "x"@en } LIMIT 1',
]


def send(target: Target, query: str, how: str) -> httpx.Response:
    url = target.url + "/sparql"
    if how == "get":
        return httpx.get(url, params={"query": query}, timeout=60)
    if how == "form":
        return httpx.post(url, data={"query": query}, timeout=60)
    return httpx.post(url, content=query, headers={"Content-Type": "application/sparql-query"}, timeout=60)


HOW = ["get", "form", "body"]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("query", SERVICE)
def test_service_is_refused(target: Target, canary: Canary, query: str, how: str) -> None:
    assert_refused(send(target, query.replace("{url}", canary.url("/sparql")), how), 403, "SERVICE")


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("query", LOAD)
def test_load_is_refused(target: Target, canary: Canary, query: str, how: str) -> None:
    assert_refused(send(target, query.replace("{url}", canary.url("/data.ttl")), how), 403, "read-only")


def test_load_as_a_form_update_is_refused(target: Target, canary: Canary) -> None:
    r = httpx.post(target.url + "/sparql", data={"update": f"LOAD <{canary.url()}>"}, timeout=60)
    assert_refused(r, 403, "read-only")


@pytest.mark.parametrize("query", HARMLESS)
def test_the_word_elsewhere_is_fine(target: Target, canary: Canary, query: str) -> None:
    r = send(target, query.replace("{url}", canary.url()), "get")
    assert r.status_code == 200, r.text
