"""The fuzzed server: a real ``tifa serve`` on a small project, with one editor token (``tifa token add``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.conftest import LiveServer
from tests.editors.conftest import add_token
from tests.fuzz.harness import small_project


@dataclass
class FuzzServer:
    """The server and its editor token."""

    server: LiveServer
    token: str

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(scope="package")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzServer]:
    """One server for the package (graph/s04.ttl and topics: exports take milliseconds)."""
    root = tmp_path_factory.mktemp("fuzz")
    token = add_token(root / "data", "fuzzer")
    server = LiveServer(root / "data", env={"TIFA_PROJECT_ROOT": str(small_project(root / "project"))})
    yield FuzzServer(server, token)
    server.stop()
