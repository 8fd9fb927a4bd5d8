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
    """The journal file plus an in-memory index of its changes (seq → change, aborted ones left out).

    Several worker processes may share one log: each keeps its view current by reading the lines
    appended since it last looked (:meth:`refresh`), and writers append only while holding the write
    lock of :mod:`api.term_writer`, which is also when a torn tail left by a crashed writer is cut off
    (:meth:`repair`). Reading never truncates: a tail without its newline may be another process's
    append in flight.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOG_FILE
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._changes: dict[int, Change] = {}
        self._seq_of: dict[str, int] = {}  # change id -> seq, to apply abort lines read later
        self._last_seq = 0
        self._offset = 0  # bytes of the file read so far (always just after a newline)
        if not self.path.exists():
            self.path.touch()
            _fsync_dir(folder)  # the new file's directory entry must survive a crash too
        self.refresh()

    def refresh(self) -> None:
        """Read the complete lines other processes appended since the last look."""
        with self._lock:
            self._read_tail()

    def _read_tail(self) -> int:
        """Parse whole lines after the offset; return how many bytes follow the last newline."""
        with open(self.path, "rb") as fh:
            fh.seek(self._offset)
            data = fh.read()
        good = data.rfind(b"\n") + 1
        for line in data[:good].splitlines():
            if line.strip():
                self._take(json.loads(line))
        self._offset += good
        return len(data) - good

    def _take(self, obj: dict[str, object]) -> None:
        if obj.get("abort"):
            seq = self._seq_of.get(str(obj["abort"]))
            if seq is not None:
                self._changes.pop(seq, None)
            return
        change = Change(**obj)  # type: ignore[arg-type]
        self._changes[change.seq] = change
        self._seq_of[change.id] = change.seq
        self._last_seq = max(self._last_seq, change.seq)

    def repair(self) -> None:
        """Bring the view up to date and cut off a torn last line (a crash mid-append, never acknowledged).

        Call only while holding the write lock: then no other process is appending.
        """
        with self._lock:
            if self._read_tail():
                with open(self.path, "r+b") as fh:
                    fh.truncate(self._offset)
                    os.fsync(fh.fileno())

    def _append_line(self, obj: dict[str, object]) -> None:
        line = (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
        self._read_tail()  # takes the new line into the view (and any line read late)

    @property
    def last_seq(self) -> int:
        """The highest sequence number ever logged (aborted ones included, so numbers are never reused)."""
        return self._last_seq

    def append(self, change: Change) -> None:
        """Append ``change`` and fsync: when this returns, the change survives a crash.

        Call while holding the write lock, after :meth:`repair`.

        Raises:
            ValueError: ``change.seq`` is not the next number.
        """
        with self._lock:
            if change.seq != self._last_seq + 1:
                raise ValueError(f"change seq {change.seq} is not next after {self._last_seq}")
            self._append_line(asdict(change))

    def abort(self, change: Change) -> None:
        """Cancel a logged change that could not be applied (its client got an error)."""
        with self._lock:
            self._append_line({"abort": change.id})

    def since(self, seq: int = 0) -> Iterator[Change]:
        """Changes with a sequence number above ``seq``, in order (other processes' appends included)."""
        with self._lock:
            self._read_tail()
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
