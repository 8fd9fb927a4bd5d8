"""Namespaces and controlled values of the tifa ontology, shared by every module."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

TIFA = Namespace("https://w3id.org/tifa/ontology#")
SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DEFAULT_BASE = "https://w3id.org/tifa/"

__all__ = [
    "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD", "TIFA", "SKOSXL", "SH",
    "DEFAULT_BASE", "LANGS", "RENDERINGS", "KINDS", "STATUSES", "ORIGINS", "CONFIDENCES",
    "PINYIN", "ROMAN", "HANS", "HANT",
]

HANS = "zh-Hans"
HANT = "zh-Hant"
PINYIN = "zh-Latn-pinyin"
ROMAN = "ko-Latn"
LANGS = ("ko", HANS, HANT, PINYIN, ROMAN, "en")

# notation (as used in JSON, CSV and the CLI) -> ontology individual
RENDERINGS = {
    "sino-korean-reading": TIFA.SinoKoreanReading,
    "numeric-abbreviation": TIFA.NumericAbbreviation,
    "transliteration": TIFA.Transliteration,
    "literal-translation": TIFA.LiteralTranslation,
    "explanatory-translation": TIFA.ExplanatoryTranslation,
    "mixed": TIFA.MixedRendering,
}
KINDS = {
    "formulation": TIFA.Formulation,
    "programme": TIFA.Programme,
    "named-entity": TIFA.NamedEntity,
}
STATUSES = {"draft": TIFA.Draft, "accepted": TIFA.Accepted, "deprecated": TIFA.Deprecated}
ORIGINS = {"source": TIFA.GivenInSource, "editor": TIFA.EditorSupplied, "derived": TIFA.Derived}
CONFIDENCES = ("high", "medium", "low")
