"""The change log: an append-only, fsynced journal of accepted writes (``<data_dir>/changes/log.jsonl``).

Write-ahead: a change is appended and fsynced *before* it is applied to the store and
before the client hears 201, so an acknowledged write survives a crash. Each line is
one JSON object. A change carries the term's whole new description (N-Triples), so
applying it means "make the term's description exactly this": replaying a change
twice, or replaying it on a store that already has it, gives the same state.

An ``abort`` line cancels a logged change whose application failed (the client got
an error, so the change must not reappear on replay). A torn last line (a crash in
the middle of ``write``) was never acknowledged; it is cut off when the log opens.

``exported.json`` records the last change already written back to ``graph/`` by
``tifa export --canonical``: after a rebuild from ``graph/`` only later changes replay.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from api.settings import Settings

LOG_DIR = "changes"
LOG_FILE = "log.jsonl"
EXPORTED_FILE = "exported.json"


@dataclass(frozen=True)
class Change:
    """One accepted write: who, when, what, and the term's full new description."""

    id: str
    seq: int
    at: str  # ISO 8601, UTC
    editor: str
    op: str  # "create" | "replace" | "deprecate"
    slug: str
    iri: str
    ntriples: str  # the term's whole description after the change

    def summary(self) -> dict[str, object]:
        """The change without its triples (for listings)."""
        out = asdict(self)
        out.pop("ntriples")
        return out


def new_change(seq: int, editor: str, op: str, slug: str, iri: str, ntriples: str) -> Change:
    """A change stamped with a fresh id and the current time."""
    at = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return Change(id=uuid.uuid4().hex, seq=seq, at=at, editor=editor, op=op, slug=slug, iri=iri, ntriples=ntriples)


def log_dir(settings: Settings) -> Path:
    """The folder of the change log in the data folder."""
    return settings.data_dir / LOG_DIR


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ChangeLog:
    """The journal file plus an in-memory index of its changes (seq → change, aborted ones left out)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOG_FILE
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._changes: dict[int, Change] = {}
        self._last_seq = 0
        self._load()
        if not self.path.exists():
            self.path.touch()
            _fsync_dir(folder)  # the new file's directory entry must survive a crash too

    def _load(self) -> None:
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        good = data.rfind(b"\n") + 1  # everything after the last newline is a torn, unacknowledged write
        if good < len(data):
            with open(self.path, "r+b") as fh:
                fh.truncate(good)
                os.fsync(fh.fileno())
        aborted: set[str] = set()
        for line in data[:good].splitlines():
            if not line.strip():
                continue
            obj = json.loads(line)
            if obj.get("abort"):
                aborted.add(obj["abort"])
                continue
            change = Change(**obj)
            self._changes[change.seq] = change
            self._last_seq = max(self._last_seq, change.seq)
        self._changes = {s: c for s, c in self._changes.items() if c.id not in aborted}

    def _append_line(self, obj: dict[str, object]) -> None:
        line = (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    @property
    def last_seq(self) -> int:
        """The highest sequence number ever logged (aborted ones included, so numbers are never reused)."""
        return self._last_seq

    def append(self, change: Change) -> None:
        """Append ``change`` and fsync: when this returns, the change survives a crash.

        Raises:
            ValueError: ``change.seq`` is not the next number.
        """
        with self._lock:
            if change.seq != self._last_seq + 1:
                raise ValueError(f"change seq {change.seq} is not next after {self._last_seq}")
            self._append_line(asdict(change))
            self._changes[change.seq] = change
            self._last_seq = change.seq

    def abort(self, change: Change) -> None:
        """Cancel a logged change that could not be applied (its client got an error)."""
        with self._lock:
            self._append_line({"abort": change.id})
            self._changes.pop(change.seq, None)

    def since(self, seq: int = 0) -> Iterator[Change]:
        """Changes with a sequence number above ``seq``, in order."""
        with self._lock:
            chosen = sorted(s for s in self._changes if s > seq)
            changes = [self._changes[s] for s in chosen]
        yield from changes

    def since_time(self, at: str) -> Iterator[Change]:
        """Changes made at or after the ISO 8601 time ``at``, in order."""
        when = _parse_time(at)
        for change in self.since(0):
            if _parse_time(change.at) >= when:
                yield change


def _parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def exported_seq(folder: Path) -> int:
    """The last change already written back to ``graph/`` (0 when none)."""
    path = folder / EXPORTED_FILE
    if not path.exists():
        return 0
    return int(json.loads(path.read_text(encoding="utf-8")).get("seq", 0))


def mark_exported(folder: Path, seq: int) -> None:
    """Record that ``graph/`` now holds every change up to ``seq`` (called by ``tifa export --canonical``)."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (EXPORTED_FILE + ".tmp")
    tmp.write_text(json.dumps({"seq": seq}), encoding="utf-8")
    os.replace(tmp, folder / EXPORTED_FILE)
