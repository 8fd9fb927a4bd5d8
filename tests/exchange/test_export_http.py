"""Issue #9: ``GET /api/export`` on a real server: media types, safe file names, filters, gzip, the context."""

from __future__ import annotations

import csv
import gzip
import io

import httpx
import pytest
from rdflib import Graph

from api.exchange.rdf_dump import parse_jsonld


@pytest.fixture
def server(make_server, fixture_settings):
    return make_server(env={"TIFA_PROJECT_ROOT": str(fixture_settings.project_root)})


@pytest.mark.parametrize("fmt, media, name", [
    ("tbx", "application/x-tbx+xml", "tifa.tbx"),
    ("csv", "text/csv; charset=utf-8", "tifa.csv"),
    ("tsv", "text/tab-separated-values; charset=utf-8", "tifa.tsv"),
    ("ttl", "text/turtle; charset=utf-8", "tifa.ttl"),
    ("nt", "application/n-triples", "tifa.nt"),
    ("jsonld", "application/ld+json", "tifa.jsonld"),
    ("trig", "application/trig", "tifa.trig"),
])
def test_each_format(server, fmt: str, media: str, name: str) -> None:
    r = httpx.get(server.url + "/api/export", params={"format": fmt}, timeout=60)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == media
    assert r.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert "七有" in r.content.decode("utf-8")


def test_filters_and_filename(server) -> None:
    r = httpx.get(server.url + "/api/export", params={"format": "csv", "topic": "s01", "lang": "ko-zh", "bom": "1"}, timeout=60)
    assert r.headers["content-disposition"] == 'attachment; filename="tifa-s01-ko-zh-Hans.csv"'
    assert r.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert "English" not in rows[0] and "Chinese (Traditional)" not in rows[0]
    ids = {row[0] for row in rows[1:]}
    assert "san-qu-san-xian" in ids and "qi-you" not in ids


@pytest.mark.parametrize("params, message", [
    ({"format": "docx"}, "unknown format"),
    ({"format": "csv", "status": "final"}, "bad status"),
    ({"format": "csv", "topic": "../../etc"}, "bad topic"),
    ({"format": "csv", "lang": "ko-xx"}, "bad language"),
])
def test_bad_parameters_are_400(server, params: dict, message: str) -> None:
    r = httpx.get(server.url + "/api/export", params=params, timeout=60)
    assert r.status_code == 400 and message in r.json()["error"]


def test_gzip_and_published_context(server) -> None:
    r = httpx.get(server.url + "/api/export", params={"format": "jsonld", "gzip": "1"}, timeout=60)
    assert r.headers["content-type"] == "application/gzip"
    assert r.headers["content-disposition"] == 'attachment; filename="tifa.jsonld.gz"'
    body = gzip.decompress(r.content)
    ctx = httpx.get(server.url + "/context.jsonld", timeout=60)
    assert ctx.headers["content-type"] == "application/ld+json"
    assert "skosxl" in ctx.json()["@context"]
    g = parse_jsonld(body, "https://w3id.org/tifa/")
    ttl = Graph().parse(data=httpx.get(server.url + "/api/export", params={"format": "ttl"}, timeout=60).content, format="turtle")
    assert len(g) == len(ttl) > 700
