"""What tifa's TBX-Basic files look like: the namespace, term types and the keyed notes both directions share.

TBX-Basic has no data category for a rendering type, a pinyin form, a numeral
group or a term's status, so tifa writes them as ``<note>key: value</note>``
(keys below). The writer and the reader use this one table, so a file round-trips.
"""

from __future__ import annotations

import re

from lxml import etree

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# our rendering types (Korean forms) -> TBX-Basic termType (its only values: fullForm, acronym,
# abbreviation, shortForm, variant, phrase); the exact rendering type goes into a "rendering" note.
TERM_TYPE = {
    "numeric-abbreviation": "abbreviation",
    "sino-korean-reading": "fullForm",
    "transliteration": "fullForm",
    "literal-translation": "fullForm",
    "explanatory-translation": "phrase",
    "mixed": "fullForm",
}

PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"

# keys of <note> elements
N_KIND, N_STATUS, N_ENUM, N_GROUP, N_CHANGE = "kind", "status", "enumerative", "numeral group", "change note"
N_SCOPE, N_READING, N_RENDERING, N_ORIGIN = "scope note", "Sino-Korean reading", "rendering", "origin"
N_CONFIDENCE, N_REVIEWED, N_FORM, N_GIVEN, N_UNLINKED = "confidence", "reviewed", "form", "Chinese given in source", \
    "unlinked"
# forms that TBX-Basic cannot hold as terms of their own language section, written as notes on the
# preferred term of the language they transcribe: pinyin on zh-Hans, romanisation on ko.
LABEL_NOTES = {"zh-Latn-pinyin": ("pinyin", "zh-Hans"), "ko-Latn": ("romanization", "ko")}
# prefixes of crossReference texts
R_COMPONENT, R_RELATED, R_REPLACED = "component", "related", "replaced by"
X_IRI = "term IRI"  # text of the conceptEntry xref that carries the term's IRI (and so its slug)
LANG_SECTIONS = ("ko", "zh-Hans", "zh-Hant", "en")


def note_text(key: str, value: str) -> str:
    """``key: value``."""
    return f"{key}: {value}"


def split_note(text: str) -> tuple[str, str]:
    """``key: value`` -> (key, value); a note without a known key gives ("", text)."""
    key, sep, value = text.partition(": ")
    return (key.strip(), value.strip()) if sep else ("", text.strip())


def source_text(source: str, section: int) -> str:
    """The ``admin type="source"`` text of an attestation."""
    return f"{source}, section {section}"


def parse_source(text: str) -> tuple[str, int]:
    """Inverse of :func:`source_text`; raise ValueError on anything else."""
    source, sep, section = text.rpartition(", section ")
    if not sep or not section.strip().isdigit():
        raise ValueError(f"attestation source {text!r} is not '<source id>, section <n>'")
    return source.strip(), int(section)


N_PREFERRED = "preferred"  # on the preferred term of a deprecated concept, whose termSecs are all deprecatedTerm


# an XML declaration, comments and processing instructions, then <!DOCTYPE: where a DTD can be
_PROLOG_DOCTYPE = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<!DOCTYPE", re.DOTALL)


def safe_parser() -> etree.XMLParser:
    """An lxml parser that expands no entities, loads no DTD and opens no network connection."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes) -> etree._ElementTree:
    """Parse untrusted XML; raise ValueError (with line) on bad XML or any DOCTYPE (entity bombs, XXE)."""
    if _PROLOG_DOCTYPE.match(data):  # before parsing: libxml2 would otherwise start on the entity declarations
        raise ValueError("XML with a DOCTYPE is refused (no DTDs or entities in TBX)")
    try:
        doc = etree.ElementTree(etree.fromstring(data, safe_parser()))
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from exc
    if doc.docinfo.doctype or doc.docinfo.internalDTD is not None:
        raise ValueError("XML with a DOCTYPE is refused (no DTDs or entities in TBX)")
    return doc
