"""Memory of a process tree read from /proc: the server, its uvicorn workers and its SPARQL worker processes.

RSS counts pages shared between processes once per process; PSS divides them among the
sharers, so the PSS sum is what the tree really holds. Both are printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Memory:
    """RSS and PSS (bytes) of a process tree at one moment."""

    processes: int
    rss: int
    pss: int

    def mb(self) -> str:
        return f"RSS {self.rss / 1e6:7.1f} MB  PSS {self.pss / 1e6:7.1f} MB  ({self.processes} processes)"


def _parent(pid: int) -> int | None:
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # the command name may hold spaces and parentheses


def tree(root: int) -> list[int]:
    """``root`` and every live descendant."""
    parents = {int(p.name): _parent(int(p.name)) for p in PROC.iterdir() if p.name.isdigit()}
    out, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        out += frontier
    return out


def _kb(path: Path, key: str) -> int:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1]) * 1024
    except OSError:
        pass  # the process ended between listing and reading
    return 0


def memory(root: int) -> Memory:
    """RSS and PSS summed over the tree rooted at ``root``."""
    pids = tree(root)
    rss = sum(_kb(PROC / str(p) / "status", "VmRSS:") for p in pids)
    pss = sum(_kb(PROC / str(p) / "smaps_rollup", "Pss:") for p in pids)
    return Memory(len(pids), rss, pss)


def growth(before: Memory, after: Memory, kind: str = "rss") -> tuple[float, float]:
    """Growth of ``kind`` ("rss" or "pss") from ``before`` to ``after``, in MB and in percent."""
    b, a = getattr(before, kind), getattr(after, kind)
    return (a - b) / 1e6, 100.0 * (a - b) / b if b else 0.0
