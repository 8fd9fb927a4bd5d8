"""The rules of ``shapes/`` that SHACL-SPARQL cannot express, registered by rule id.

Each is declared in ``shapes/tifa.ttl`` as a ``tifa-sh:PythonRule`` (id, severity,
messages); this module holds only the check. A check yields ``(focus, path, value,
detail)``; :func:`run_python_rules` turns that into the same results as a shape's,
with the detail appended to the shape's messages.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from api.numerals import chinese_numerals, group_problems, korean_numerals, sino_korean_mismatches
from api.shapes import Shapes
from api.validation_report import Result
from api.vocab import RDF, SKOS, SKOSXL, TIFA

Hit = tuple[Node, Node | None, Node | None, str]  # focus, path, value, detail
Check = Callable[[Graph, list[URIRef], object], Iterator[Hit]]
CHECKS: dict[str, Check] = {}

_TEXT_PROPS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.definition, SKOS.scopeNote,
               TIFA.sinoKoreanReading)


def check(rule_id: str) -> Callable[[Check], Check]:
    """Register a check under ``rule_id`` (the id of its ``tifa-sh:PythonRule`` in the shapes)."""
    def register(fn: Check) -> Check:
        CHECKS[rule_id] = fn
        return fn
    return register


def _lang(lit: object) -> str:
    return (lit.language or "").lower() if isinstance(lit, Literal) else ""


def _pref(g: Graph, term: URIRef, lang: str) -> Literal | None:
    return next((o for o in g.objects(term, SKOS.prefLabel) if _lang(o) == lang.lower()), None)  # type: ignore[misc]


def _xl_labels(g: Graph, term: URIRef) -> Iterator[tuple[Node, Literal]]:
    for pred in (SKOSXL.prefLabel, SKOSXL.altLabel):
        for node in g.objects(term, pred):
            lit = g.value(node, SKOSXL.literalForm)
            if isinstance(lit, Literal):
                yield node, lit


@check("L11")
def nfc(g: Graph, terms: list[URIRef], store: object = None) -> Iterator[Hit]:
    """Labels, definitions, attestation sentences and forms are NFC."""
    for term in terms:
        pairs: list[tuple[Node, Node, Node]] = [(term, p, o) for p in _TEXT_PROPS for o in g.objects(term, p)]
        pairs += [(node, SKOSXL.literalForm, lit) for node, lit in _xl_labels(g, term)]
        for att in g.objects(term, TIFA.attestation):
            pairs += [(att, p, o) for p in (TIFA.sentence, TIFA.form) for o in g.objects(att, p)]
        for focus, path, value in pairs:
            if isinstance(value, Literal) and unicodedata.normalize("NFC", str(value)) != str(value):
                yield focus, path, value, "not NFC"


@lru_cache(maxsize=1)
def _t2s():  # noqa: ANN202 - opencc has no type stubs
    import opencc

    return opencc.OpenCC("t2s")


@check("L13")
def hant_conversion(g: Graph, terms: list[URIRef], store: object = None) -> Iterator[Hit]:
    """zh-Hant agrees with OpenCC s2t of zh-Hans (either direction), unless reviewed."""
    from api.enrich import traditional

    for term in terms:
        hans = _pref(g, term, "zh-Hans")
        if hans is None:
            continue
        for node, lit in _xl_labels(g, term):
            if _lang(lit) != "zh-hant" or g.value(node, TIFA.reviewed) == Literal(True):
                continue
            expected = traditional(str(hans))
            if str(lit) != expected and _t2s().convert(str(lit)) != str(hans):
                yield term, SKOS.prefLabel, lit, f"OpenCC s2t({hans}) = {expected}"


def _groups(g: Graph, term: URIRef) -> list[tuple[int, str]]:
    rows = []
    for node in g.objects(term, TIFA.numeralGroup):
        index, numeral, unit = (g.value(node, p) for p in (TIFA.groupIndex, TIFA.numeral, TIFA.countedUnit))
        try:
            rows.append((int(index or 0), int(numeral or 0), str(unit or "")))
        except ValueError:
            continue  # a malformed index or numeral is N04's finding
    return [(numeral, unit) for _, numeral, unit in sorted(rows)]


@check("N01")
def numeral_groups(g: Graph, terms: list[URIRef], store: object = None) -> Iterator[Hit]:
    """The numeral groups parsed from the zh-Hans form agree with the declared ones."""
    for term in terms:
        zh = _pref(g, term, "zh-Hans")
        groups = _groups(g, term)
        if zh is None or not groups:
            continue  # no groups: N07 (unmarked numeral) and N09 (enumerative without groups) cover it
        if g.value(term, TIFA.enumerative) == Literal(False):
            yield term, TIFA.enumerative, Literal(False), "marked non-enumerative but has numeral groups"
            continue
        problems = group_problems(str(zh), groups)
        if problems:
            yield term, TIFA.numeralGroup, zh, "; ".join(problems)


@check("N08")
def korean_numerals_agree(g: Graph, terms: list[URIRef], store: object = None) -> Iterator[Hit]:
    """Numerals of the Korean forms of a numbered formulation agree with the Chinese."""
    for term in terms:
        zh = _pref(g, term, "zh-Hans")
        groups = _groups(g, term)
        if zh is None or not groups:
            continue
        chinese = [n.value for n in chinese_numerals(str(zh))]
        declared = [numeral for numeral, _ in groups]
        forms: list[tuple[Node, Node, Literal, bool]] = [
            (node, SKOSXL.literalForm, lit, g.value(node, TIFA.renderingType) == TIFA.SinoKoreanReading)
            for node, lit in _xl_labels(g, term) if _lang(lit) == "ko"]
        forms += [(term, TIFA.sinoKoreanReading, lit, True) for lit in g.objects(term, TIFA.sinoKoreanReading)
                  if isinstance(lit, Literal)]
        for focus, path, lit, sino in forms:
            if sino:
                bad = sino_korean_mismatches(str(zh), str(lit))
                if bad:
                    yield focus, path, lit, ", ".join(bad)
                continue
            found = korean_numerals(str(lit))
            if found and found not in (chinese, declared):
                yield focus, path, lit, f"Korean {found}, Chinese {chinese}"


@check("G03")
def slug_not_taken(g: Graph, terms: list[URIRef], store: object = None) -> Iterator[Hit]:
    """(In context) no proposed term reuses the IRI of a term already in the store."""
    if store is None:
        return
    from api.validation_context import existing_terms

    for term in sorted(existing_terms(store, terms), key=str):
        yield term, SKOS.notation, g.value(term, SKOS.notation), "already in the store"


def run_python_rules(shapes: Shapes, data: Graph, focus: Iterable[Node] | None = None,
                     store: object = None) -> list[Result]:
    """Results of every Python rule on ``data`` (only for ``focus`` terms when given)."""
    wanted = set(focus) if focus is not None else None
    terms = sorted((t for t in data.subjects(RDF.type, TIFA.Term) if isinstance(t, URIRef)
                    and (wanted is None or t in wanted)), key=str)
    results: list[Result] = []
    for rule in shapes.by_mechanism("python"):
        fn = CHECKS.get(rule.id)
        if fn is None:
            raise LookupError(f"shape {rule.iri} is a tifa-sh:PythonRule but api.rules_python has no check {rule.id}")
        for focus_node, path, value, detail in fn(data, terms, store):
            results.append(Result(shape=rule.iri, focus=focus_node, severity=rule.severity, path=path, value=value,
                                  message_ko=f"{rule.message_ko} ({detail})", message_en=f"{rule.message_en} ({detail})"))
    return results


__all__ = ["CHECKS", "check", "run_python_rules"]
