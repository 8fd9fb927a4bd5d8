"""A description of the machine and software the benchmark figures come from."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":" if ":" in line else "=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def describe() -> list[str]:
    """Markdown bullet lines: CPU, cores, memory, OS, Python, key packages, wrk, the commit measured."""
    kb = _first("/proc/meminfo", "MemTotal").split()[0]
    mem = f"{int(kb) / 1024 / 1024:.1f} GiB" if kb.isdigit() else "unknown"
    wrk = "not installed"
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
        wrk = (out.stdout or out.stderr).splitlines()[0].split(" Copyright")[0] if (out.stdout or out.stderr) else "?"
    rev = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return [
        f"- CPU: {_first('/proc/cpuinfo', 'model name')}, {os.cpu_count()} cores (as seen by this process); "
        f"memory {mem}",
        f"- OS: {_first('/etc/os-release', 'PRETTY_NAME')}, kernel {platform.release()} ({platform.machine()})",
        f"- Python {platform.python_version()}; pyoxigraph {_version('pyoxigraph')}, oxigraph (server) "
        f"{_version('oxigraph')}, fastapi {_version('fastapi')}, uvicorn {_version('uvicorn')}; load generator {wrk}",
        f"- tifa at commit {rev.stdout.strip() or 'unknown'}",
    ]
