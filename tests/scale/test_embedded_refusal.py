"""Issue #10: the embedded store refuses, with a clear message and exit code 2, any configuration that would
let two processes write it: `tifa serve --workers N`, and a second process on a data folder in use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from tests.conftest import LiveServer, free_port
from tests.editors.conftest import tifa_cli

EXIT_INPUT = 2


def test_workers_need_a_sparql_server(tmp_path: Path) -> None:
    done = tifa_cli(tmp_path / "data", "serve", "--port", str(free_port()), "--workers", "3")
    assert done.returncode == EXIT_INPUT, done.stderr
    assert "--workers 3 needs a SPARQL server" in done.stderr
    assert "store = 'remote'" in done.stderr
    assert "TIFA_QUERY_URL" in done.stderr and "TIFA_UPDATE_URL" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "oxigraph").exists()  # refused before anything was opened


def test_second_process_on_a_data_folder_in_use(make_server: Callable[..., LiveServer], tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = make_server(data_dir=data)
    held_by = f"data folder {data} is in use by another tifa process (pid {server.proc.pid})"
    second = tifa_cli(data, "serve", "--port", str(free_port()))
    assert second.returncode == EXIT_INPUT, second.stderr
    assert held_by in second.stderr
    assert "the embedded store has one writer" in second.stderr and "TIFA_QUERY_URL" in second.stderr
    assert "Traceback" not in second.stderr
    replay = tifa_cli(data, "replay")  # a writing command
    assert replay.returncode == EXIT_INPUT, replay.stderr
    assert held_by in replay.stderr
    assert httpx.get(server.url + "/health", timeout=30).json()["status"] == "ok"  # the owner is unharmed
    server.stop()
    after = tifa_cli(data, "replay")  # free again once the owner has gone
    assert after.returncode == 0, after.stderr
