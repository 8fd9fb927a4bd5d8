"""Locks between processes on one machine: ``fcntl.flock`` on a file in the data folder.

Two uses: the write lock that serialises editors' writes across worker processes sharing one
data folder (:class:`ProcessLock`, blocking), and the owner lock of an embedded store, which a
second process is refused with a message naming the holder (:func:`hold_exclusive`).
The kernel drops a lock when its process dies, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType


class FolderInUseError(OSError):
    """Another process holds a folder this one needs for itself (the embedded store's single writer)."""


class ProcessLock:
    """An exclusive lock held by at most one thread of one process at a time.

    ``flock`` excludes other processes but not other threads sharing the file descriptor, so a
    thread lock is taken first.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        self._thread_lock = threading.Lock()

    def acquire(self, blocking: bool = True) -> bool:
        """Take the lock; with ``blocking=False`` return False instead of waiting for another holder."""
        if not self._thread_lock.acquire(blocking):
            return False
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            self._thread_lock.release()
            return False
        except BaseException:
            self._thread_lock.release()
            raise
        return True

    def release(self) -> None:
        """Give the lock up."""
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._thread_lock.release()

    def __enter__(self) -> ProcessLock:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()

    def write_owner(self) -> None:
        """Record this process's id in the lock file (read by a refused process for its message)."""
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"{os.getpid()}\n".encode(), 0)

    def owner(self) -> str:
        """The process id recorded by the holder ('unknown' when none is recorded)."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return "unknown"
        return text if text.isdigit() else "unknown"

    def close(self) -> None:
        """Close the lock file (releases the lock if held)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def hold_exclusive(path: Path, message: Callable[[str], str]) -> ProcessLock:
    """Take the lock at ``path`` for the life of this process's use of it, or refuse at once.

    Args:
        path: the lock file.
        message: the refusal, given the holder's process id.

    Raises:
        FolderInUseError: another process holds the lock.
    """
    lock = ProcessLock(path)
    if not lock.acquire(blocking=False):
        pid = lock.owner()
        lock.close()
        raise FolderInUseError(message(pid))
    lock.write_owner()
    return lock
