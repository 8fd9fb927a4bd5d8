"""Issue #10: one change log shared by several writers (worker processes). Each writer here has its own
ChangeLog and its own lock file descriptor, as separate processes would: ``flock`` excludes across open file
descriptions, so they serialise exactly as worker processes do."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from api.changelog import LOG_FILE, ChangeLog, log_dir, new_change
from api.settings import Settings
from api.store import open_store
from api.term_writer import TermWriter
from api.write_input import read_draft
from tests.editors.conftest import form


def test_a_reader_sees_appends_and_never_cuts_a_line_in_flight(tmp_path: Path) -> None:
    writer, reader = ChangeLog(tmp_path), ChangeLog(tmp_path)
    writer.append(new_change(1, "alice", "create", "a", "https://w3id.org/tifa/term/a", ""))
    assert [c.seq for c in reader.since(0)] == [1]
    with open(tmp_path / LOG_FILE, "ab") as fh:  # another process's append, half written
        fh.write(b'{"id":"x","seq":2,')
    reader.refresh()
    assert reader.last_seq == 1
    assert (tmp_path / LOG_FILE).read_bytes().endswith(b'"seq":2,')  # a reader leaves it alone
    writer.repair()  # under the write lock: nobody is appending, so it is a crashed writer's torn tail
    assert (tmp_path / LOG_FILE).read_bytes().endswith(b"\n")
    change = new_change(writer.last_seq + 1, "bob", "create", "b", "https://w3id.org/tifa/term/b", "")
    writer.append(change)
    writer.abort(change)
    assert [c.seq for c in reader.since(0)] == [1]  # the abort was read too
    assert reader.last_seq == 2  # numbers are never reused, aborted ones included


def test_writers_sharing_a_folder_take_turns(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    store = open_store(settings)
    writers = [TermWriter(store, settings, ChangeLog(log_dir(settings))) for _ in range(3)]
    errors: list[BaseException] = []

    def write(k: int) -> None:
        try:
            for i in range(4):
                body = form(f"lunliu-{k}-{i}", f"윤류 {'가나다'[k]}{'라마바사'[i]}", f"轮流{'东南西'[k]}{'春夏秋冬'[i]}")
                writers[k].create(read_draft(json.dumps(body).encode(), "application/json", store.base), "alice")
        except BaseException as exc:  # reported below
            errors.append(exc)

    try:
        threads = [threading.Thread(target=write, args=(k,)) for k in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        lines = [json.loads(line) for line in (log_dir(settings) / LOG_FILE).read_text().splitlines()]
        assert [obj["seq"] for obj in lines] == list(range(1, 13))
        for w in writers:  # every view is current
            assert [c.seq for c in w.log.since(0)] == list(range(1, 13))
        rows = store.select("SELECT ?t WHERE { ?t a <https://w3id.org/tifa/ontology#Term> "
                            "FILTER(STRSTARTS(STR(?t), 'https://w3id.org/tifa/term/lunliu-')) }")
        assert len(rows) == 12
    finally:
        for w in writers:
            w.close()
        store.close()
