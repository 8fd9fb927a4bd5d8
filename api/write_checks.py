"""Validation of a write in the context of the current graph: the one call the write path makes.

:func:`check_write` calls :func:`api.validation.validate_addition` (the shapes work of
issue #6) when it is installed. Until then a small interim check runs in its place,
covering what the write API cannot do without, with the severities of ``shapes/``:
both preferred forms and a Korean definition present, no link to a term that exists
nowhere (Violations); a preferred form another term uses, no Chinese definition (Warnings). The interim rules go away with
the swap; the rules themselves belong in ``shapes/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from api.queries import parse_query_file
from api.store import TermStore
from api.term_state import WRITES_DIR
from api.vocab import DCTERMS, HANS, SKOS

VIOLATION, WARNING = "Violation", "Warning"


@dataclass(frozen=True)
class Finding:
    """One problem of a proposed write."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str | None
    value: str | None
    message_en: str
    message_ko: str
    extra: dict[str, object] | None = None  # the validator's own JSON of the finding (rule, term, labels …)

    def as_json(self) -> dict[str, object]:
        """The finding as it appears in a 422/201 body."""
        return self.extra or {"severity": self.severity, "focus": self.focus, "path": self.path,
                              "value": self.value, "message_ko": self.message_ko, "message_en": self.message_en}


@dataclass
class Outcome:
    """The validation outcome of a write: accepted unless it has a Violation."""

    findings: list[Finding] = field(default_factory=list)
    report: dict[str, object] | None = None  # the validator's own JSON report, when it gives one

    @property
    def violations(self) -> list[Finding]:
        """The findings that block the write."""
        return [f for f in self.findings if f.severity == VIOLATION]

    @property
    def warnings(self) -> list[Finding]:
        """The findings that are reported but do not block."""
        return [f for f in self.findings if f.severity == WARNING]

    def as_json(self) -> dict[str, object]:
        """``{"conforms": …, "counts": {…}, "findings": […]}`` (the validation report's JSON)."""
        if self.report is not None:
            return self.report
        counts = {sev: sum(f.severity == sev for f in self.findings) for sev in (VIOLATION, WARNING, "Info")}
        return {"conforms": not self.violations, "counts": counts, "findings": [f.as_json() for f in self.findings]}


def check_write(store: TermStore, queries_dir: Path, iri: URIRef, description: Graph, replace: bool) -> Outcome:
    """Validate the new ``description`` of the term ``iri`` against the store as it is now.

    ``replace`` says the term exists and this description takes the place of its current one (so its own
    slug and labels are not "taken"). Call it inside the write lock, so the state it checks against is the
    state the write lands on.
    """
    try:
        from api.validation import validate_addition  # type: ignore[attr-defined]
    except ImportError:
        return Outcome(_interim_findings(store, queries_dir, iri, description))
    return _from_report(validate_addition(store, description, replace=replace))


def _from_report(report: object) -> Outcome:
    """Adapt the shapes work's Report (``findings`` with severity, focus, path, value, messages; ``to_json()``)."""
    findings = [Finding(severity=str(f.severity), focus=str(f.focus), path=_opt(f.path), value=_opt(f.value),
                        message_en=str(f.message_en), message_ko=str(f.message_ko), extra=f.to_json())
                for f in getattr(report, "findings", [])]
    return Outcome(findings, report.to_json())  # type: ignore[attr-defined]


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


@lru_cache(maxsize=8)
def _query(queries_dir: Path, name: str) -> str:
    return parse_query_file(queries_dir / WRITES_DIR / f"{name}.rq").text


def existing_terms(store: TermStore, queries_dir: Path, iris: list[URIRef]) -> set[URIRef]:
    """Which of ``iris`` are terms of the store (one query)."""
    return {row["t"] for row in store.select(_query(queries_dir, "existing_terms"), {"t": iris})}  # type: ignore[misc]


def _interim_findings(store: TermStore, queries_dir: Path, iri: URIRef, g: Graph) -> list[Finding]:
    out: list[Finding] = []
    prefs = [o for o in g.objects(iri, SKOS.prefLabel) if isinstance(o, Literal)]
    for lang, name in (("ko", "Korean"), (HANS, "Chinese (zh-Hans)")):
        if not any((o.language or "").lower() == lang.lower() for o in prefs):
            out.append(Finding(VIOLATION, str(iri), str(SKOS.prefLabel), None,
                               f"A term needs a preferred {name} form.", f"용어에는 {lang} 대표 표기가 있어야 합니다."))
        defs = [o for o in g.objects(iri, SKOS.definition) if (getattr(o, "language", "") or "").lower() == lang.lower()]
        if not defs:
            out.append(Finding(VIOLATION if lang == "ko" else WARNING, str(iri), str(SKOS.definition), None,
                               f"The term has no {name} definition.", f"{lang} 정의가 없습니다."))
    taken = [p for p in prefs if (p.language or "").lower() in ("ko", HANS.lower())]
    if taken:
        for row in store.select(_query(queries_dir, "pref_label_users"), {"label": taken, "term": iri}):
            out.append(Finding(WARNING, str(iri), str(SKOS.prefLabel), str(row["label"]),
                               f"The preferred form {row['label']} is already the preferred form of {row['other']}.",
                               f"대표 표기 {row['label']}은(는) 이미 {row['other']}의 대표 표기입니다."))
    links = {o for p in (SKOS.member, SKOS.related, DCTERMS.isReplacedBy)
             for o in g.objects(None, p) if isinstance(o, URIRef) and o != iri}
    if links:
        found = existing_terms(store, queries_dir, sorted(links))
        for missing in sorted(links - found):
            out.append(Finding(VIOLATION, str(iri), None, str(missing),
                               f"{missing} is linked but is no term of the graph.",
                               f"{missing}은(는) 연결되어 있지만 그래프에 없는 용어입니다."))
    return out
