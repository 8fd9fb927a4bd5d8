"""Issue #6, safe parsing: every syntax parses; errors carry line and column; nothing is fetched or expanded."""

from __future__ import annotations

import pytest

from api.rdfparse import RdfSyntaxError, format_for, parse_rdf
from tests.conftest import Canary

TRIPLE = {
    "turtle": b'<http://ex.org/a> <http://ex.org/p> "x"@ko .\n',
    "nt": b'<http://ex.org/a> <http://ex.org/p> "x"@ko .\n',
    "trig": b'<http://ex.org/g> { <http://ex.org/a> <http://ex.org/p> "x"@ko . }\n',
    "json-ld": b'{"@context": {"p": "http://ex.org/p"}, "@id": "http://ex.org/a", "p": {"@value": "x", "@language": "ko"}}',
    "xml": b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           b'xmlns:ex="http://ex.org/">\n<rdf:Description rdf:about="http://ex.org/a"><ex:p xml:lang="ko">x</ex:p>'
           b'</rdf:Description>\n</rdf:RDF>\n',
}


@pytest.mark.parametrize("fmt", sorted(TRIPLE))
def test_every_syntax_gives_the_same_triple(fmt: str) -> None:
    g = parse_rdf(TRIPLE[fmt], fmt)
    assert [(str(s), str(p), str(o), o.language) for s, p, o in g] == [
        ("http://ex.org/a", "http://ex.org/p", "x", "ko")]


def test_turtle_error_names_line_column_and_text() -> None:
    with pytest.raises(RdfSyntaxError) as err:
        parse_rdf(b'@prefix ex: <http://ex.org/> .\nex:a ex:p "open .\n', "turtle", source="draft.ttl")
    assert (err.value.line, err.value.column) == (2, 11)
    assert err.value.text == 'ex:a ex:p "open .'
    assert "draft.ttl:2:11" in str(err.value)


def test_json_syntax_error_has_a_position() -> None:
    with pytest.raises(RdfSyntaxError) as err:
        parse_rdf(b'{"@id": "http://ex.org/a",\n "http://ex.org/p": "x"\n "oops": 1}', "json-ld")
    assert err.value.line == 3


@pytest.mark.parametrize("body", [
    b'{"@context": "%s", "@id": "http://ex.org/a", "p": "x"}',
    b'{"@context": ["%s"], "@id": "http://ex.org/a"}',
    b'{"@context": {"@import": "%s"}, "@id": "http://ex.org/a"}',
    b'{"@id": "http://ex.org/a", "http://ex.org/p": {"@context": "%s", "@id": "http://ex.org/b"}}',
])
def test_remote_json_ld_context_is_refused_and_never_fetched(body: bytes, canary: Canary) -> None:
    url, seen = canary.url("/context.jsonld"), canary.connections
    with pytest.raises(RdfSyntaxError) as err:
        parse_rdf(body % url.encode(), "json-ld")
    assert "never fetched" in err.value.message
    assert seen == []


def test_xml_entity_bomb_is_refused() -> None:
    bomb = (b'<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;">\n'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">\n]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            b'&c;</rdf:RDF>')
    with pytest.raises(RdfSyntaxError) as err:
        parse_rdf(bomb, "xml")
    assert "entities are refused" in err.value.message and err.value.line == 2


def test_xml_external_entity_is_refused(canary: Canary) -> None:
    url, seen = canary.url("/context.jsonld"), canary.connections
    doc = (b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY ext SYSTEM "%s">]>\n'
           b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&ext;</rdf:RDF>') % url.encode()
    with pytest.raises(RdfSyntaxError):
        parse_rdf(doc, "xml")
    assert seen == []


def test_malformed_xml_names_line_and_column() -> None:
    with pytest.raises(RdfSyntaxError) as err:
        parse_rdf(b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<a>\n'
                  b'</rdf:RDF>', "xml")
    assert err.value.line == 4


def test_formats_by_media_type_and_extension() -> None:
    assert format_for("text/turtle; charset=utf-8") == "turtle"
    assert format_for("application/ld+json") == "json-ld"
    assert format_for(filename="draft.rdf") == "xml"
    with pytest.raises(ValueError):
        format_for("image/png")
