"""Issue #4 with #6: an editor's accepted write is found by lookup and annotation at once, and after a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx

from tests.conftest import LiveServer
from tests.editors.conftest import add_token, form


def test_written_term_is_found(make_server: Callable[..., LiveServer], tmp_path: Path) -> None:
    data = tmp_path / "data"
    token = add_token(data, "alice")
    server = make_server(data_dir=data)
    auth = {"Authorization": f"Bearer {token}"}
    # 双循环: no numeral group needed (六稳六保 would need its twelve components or enumerative false, shape N07)
    r = httpx.post(server.url + "/api/terms", json=form("shuangxunhuan", "쌍순환", "双循环"), headers=auth, timeout=60)
    assert r.status_code == 201, r.text
    for q in ("雙循環", "쌍순환", "循环"):
        results = httpx.get(server.url + "/api/terms", params={"q": q}).json()["results"]
        assert results and results[0]["id"] == "shuangxunhuan", (q, results[:2])
    occ = httpx.post(server.url + "/api/annotate", json={"text": "双循环를 추진"}).json()["occurrences"]
    assert [o["id"] for o in occ] == ["shuangxunhuan"]
    server.stop()
    again = make_server(data_dir=data)  # the store's version changed: the index is rebuilt, not the old one reused
    assert httpx.get(again.url + "/api/terms", params={"q": "双循环"}).json()["results"][0]["id"] == "shuangxunhuan"
