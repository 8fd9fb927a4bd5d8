"""Hostile XML: entity bombs (billion laughs) and external entities (a URL, a local file) in RDF/XML bodies
of writes and validation, and in TBX imports — refused with a clear 4xx (exit 2 for the CLI), never expanded
or fetched."""

from __future__ import annotations

import pytest

from tests.exchange.conftest import FIXTURE, project_copy
from tests.exchange.test_import import quads, tifa
from tests.security.conftest import Canary, Target, assert_refused, send_rdf

RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))


def bomb(root: str) -> bytes:
    """Billion laughs: nine levels of ten references, 10^9 "lol"s once expanded."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY l0 "lol">{LAUGHS}]>\n'
            f"<{root} {RDF}>&l9;</{root}>").encode()


def external(root: str, system: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY ext SYSTEM "{system}">]>\n'
            f"<{root} {RDF}>&ext;</{root}>").encode()


def payloads(canary: Canary, root: str) -> dict[str, bytes]:
    return {"billion laughs": bomb(root), "external http": external(root, canary.url("/evil.dtd")),
            "external file": external(root, "file:///etc/passwd"),
            "parameter entity": (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY % p SYSTEM '
                                 f'"{canary.url("/p.dtd")}"> %p;]>\n<{root} {RDF}/>').encode()}


KINDS = ["billion laughs", "external http", "external file", "parameter entity"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("endpoint", ["validate", "create", "replace"])
def test_rdf_xml_entities_are_refused(target: Target, canary: Canary, kind: str, endpoint: str) -> None:
    body = payloads(canary, "rdf:RDF")[kind]
    r = send_rdf(target, endpoint, body, "application/rdf+xml")
    assert_refused(r, 400, "entit")
    assert "root:" not in r.text  # /etc/passwd never read into the answer


@pytest.mark.parametrize("kind", KINDS)
def test_tbx_import_with_entities_is_refused_and_applies_nothing(tmp_path, canary: Canary, kind: str) -> None:
    settings = project_copy(tmp_path / "project", [FIXTURE])
    before = quads(settings)
    path = tmp_path / "evil.tbx"
    path.write_bytes(payloads(canary, "tbx")[kind])
    done = tifa(settings, "import", str(path), "--apply")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "DOCTYPE is refused" in done.stdout
    assert "root:" not in done.stdout + done.stderr
    assert quads(settings) == before
