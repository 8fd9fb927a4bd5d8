"""The validation report: plain data classes, rendered as text, JSON or SHACL's own Turtle report.

Every finding — from SHACL Core (pySHACL), SHACL-SPARQL or a Python rule — has
the same fields, so an editor sees one kind of report whichever mechanism fired.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from api.shapes import TIFA_SH
from api.vocab import RDF, SH, SKOS, SKOSXL, TIFA

SEVERITY_ORDER = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Result:
    """One validation result as a mechanism produced it (rdflib nodes)."""

    shape: URIRef
    focus: Node
    severity: str
    path: Node | None = None
    value: Node | None = None
    message_ko: str = ""
    message_en: str = ""


@dataclass(frozen=True)
class Finding:
    """One finding as an editor reads it."""

    severity: str  # "Violation" | "Warning" | "Info"
    rule: str  # rule id, e.g. "L01"
    shape: str  # shape IRI
    focus: str  # focus node (IRI, or blank node id)
    term: str | None  # slug of the term the focus node belongs to
    ko: str | None  # the term's preferred Korean label
    zh: str | None  # the term's preferred zh-Hans label
    path: str | None  # property (IRI) or None
    value: str | None  # offending value, as text
    message_ko: str
    message_en: str
    result: Result | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, object]:
        """JSON-ready dict (without the rdflib nodes)."""
        return {k: v for k, v in vars(self).items() if k != "result"}


def _term_of(focus: Node) -> URIRef | None:
    if not isinstance(focus, URIRef) or "/term/" not in focus:
        return None
    return URIRef(str(focus).split("#", 1)[0])


def _pref(g: Graph, term: URIRef | None, lang: str) -> str | None:
    if term is None:
        return None
    for lit in g.objects(term, SKOS.prefLabel):
        if isinstance(lit, Literal) and (lit.language or "").lower() == lang.lower():
            return str(lit)
    return None


def finding(result: Result, data: Graph) -> Finding:
    """The editor's view of ``result``: rule id, term slug and labels, path and value as text."""
    local = str(result.shape).rsplit("#", 1)[-1]
    rule = local.split("-")[1] if local.startswith("Rule-") else local
    term = _term_of(result.focus)
    return Finding(
        severity=result.severity, rule=rule, shape=str(result.shape), focus=str(result.focus),
        term=str(term).rsplit("/term/", 1)[-1] if term is not None else None,
        ko=_pref(data, term, "ko"), zh=_pref(data, term, "zh-Hans"),
        path=str(result.path) if result.path is not None else None,
        value=str(result.value) if result.value is not None else None,
        message_ko=result.message_ko, message_en=result.message_en, result=result,
    )


@dataclass
class Report:
    """The outcome of a validation: conforms unless there is a Violation."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def results(self) -> list[Finding]:
        """The findings (the name the write path reads)."""
        return self.findings

    @property
    def conforms(self) -> bool:
        """True when no finding is a Violation (Warnings and Infos allowed)."""
        return not any(f.severity == "Violation" for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in SEVERITY_ORDER}

    def sorted(self) -> list[Finding]:
        """Findings by severity, term, rule and value."""
        return sorted(self.findings, key=lambda f: (SEVERITY_ORDER.index(f.severity), f.term or "", f.rule,
                                                    f.focus, f.value or ""))

    def to_json(self) -> dict[str, object]:
        """``{"conforms": …, "counts": {…}, "findings": [...]}``."""
        return {"conforms": self.conforms, "counts": self.counts(), "findings": [f.to_json() for f in self.sorted()]}

    def to_json_text(self) -> str:
        """:meth:`to_json` serialised (UTF-8 text, readable Hangul and Han)."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    def to_text(self) -> str:
        """A report for a terminal: one block per finding, then the verdict."""
        lines: list[str] = []
        for f in self.sorted():
            who = f.term or f.focus
            labels = " / ".join(x for x in (f.ko, f.zh) if x)
            lines.append(f"{f.severity:<9} {f.rule}  {who}" + (f"  ({labels})" if labels else ""))
            lines.append(f"    shape: {f.shape}")
            lines.append(f"    focus: {f.focus}")
            if f.path:
                lines.append(f"    path:  {f.path}")
            if f.value is not None:
                lines.append(f"    value: {f.value}")
            lines.append(f"    ko: {f.message_ko}")
            lines.append(f"    en: {f.message_en}")
        c = self.counts()
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(f"{verdict}: {c['Violation']} Violation(s), {c['Warning']} Warning(s), {c['Info']} Info")
        return "\n".join(lines) + "\n"

    def to_graph(self) -> Graph:
        """SHACL's own validation report (``sh:ValidationReport``)."""
        g = Graph()
        g.bind("sh", SH)
        g.bind("tifa", TIFA)
        g.bind("tifa-sh", TIFA_SH)
        g.bind("skos", SKOS)
        g.bind("skosxl", SKOSXL)
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(self.conforms)))
        for f in self.sorted():
            r = f.result
            node = BNode()
            g.add((report, SH.result, node))
            g.add((node, RDF.type, SH.ValidationResult))
            g.add((node, SH.focusNode, r.focus if r else URIRef(f.focus)))
            g.add((node, SH.sourceShape, URIRef(f.shape)))
            g.add((node, SH.resultSeverity, SH[f.severity]))
            if r is not None and r.path is not None:
                g.add((node, SH.resultPath, r.path))
            if r is not None and r.value is not None:
                g.add((node, SH.value, r.value))
            g.add((node, SH.resultMessage, Literal(f.message_ko, lang="ko")))
            g.add((node, SH.resultMessage, Literal(f.message_en, lang="en")))
        return g

    def to_turtle(self) -> str:
        """:meth:`to_graph` as Turtle."""
        return self.to_graph().serialize(format="turtle")
