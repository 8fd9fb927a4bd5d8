"""Named SPARQL queries: ``queries/<name>.rq`` files, loaded and parsed once, run by name.

Each file starts with a grlc-style header::

    #+ summary: Terms whose Chinese original was supplied by an editor
    #+ params: confidence (literal, optional)

Values are always bound (``bindings``), never formatted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    """One ``.rq`` file: its name, header fields and text."""

    name: str
    text: str
    summary: str = ""
    params: tuple[str, ...] = field(default_factory=tuple)
    header: dict[str, str] = field(default_factory=dict)

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE."""
        body = "\n".join(ln for ln in self.text.splitlines() if not ln.lstrip().startswith("#"))
        m = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body, re.IGNORECASE)
        return m.group(1).upper() if m else "SELECT"


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its header; raise ValueError if the SPARQL does not parse."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if m:
            header[m.group(1)] = m.group(2).strip()
    params = tuple(p.split("(")[0].strip() for p in header.get("params", "").split(",") if p.strip())
    try:
        ox.Store().query(text)  # parse check against an empty store
    except SyntaxError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    return NamedQuery(name=path.stem, text=text, summary=header.get("summary", ""), params=params, header=header)


def load_queries(directory: Path) -> dict[str, NamedQuery]:
    """Every ``.rq`` file under ``directory`` by name; a parse error fails here, at start-up."""
    return {q.name: q for q in (parse_query_file(p) for p in sorted(directory.glob("*.rq")))}
