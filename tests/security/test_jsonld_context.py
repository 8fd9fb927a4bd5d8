"""JSON-LD that names a remote context (``@context`` URL, a list of them, ``@import``, a nested context) in
writes and validation: 400, never fetched."""

from __future__ import annotations

import pytest

from tests.security.conftest import Canary, Target, assert_refused, send_rdf

DOCS = {
    "context url": '{"@context": "%s", "@id": "https://w3id.org/tifa/term/evil", "p": "x"}',
    "context list": '{"@context": ["%s"], "@id": "https://w3id.org/tifa/term/evil"}',
    "import": '{"@context": {"@import": "%s"}, "@id": "https://w3id.org/tifa/term/evil"}',
    "nested": '{"@id": "https://w3id.org/tifa/term/evil", "http://ex.org/p": {"@context": "%s", "@id": "http://ex.org/b"}}',
}


@pytest.mark.parametrize("kind", sorted(DOCS))
@pytest.mark.parametrize("endpoint", ["validate", "create", "replace"])
def test_remote_context_is_refused_and_never_fetched(target: Target, canary: Canary, kind: str, endpoint: str) -> None:
    body = DOCS[kind] % canary.url("/context.jsonld")
    r = send_rdf(target, endpoint, body, "application/ld+json")
    assert_refused(r, 400, "never fetched")
