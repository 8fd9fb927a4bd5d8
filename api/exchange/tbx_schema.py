"""Validation of TBX files against TBX-Basic: RELAX NG (lxml) and the dialect's Schematron rules.

The dialect's Schematron (``TBX-Basic_DCA.sch``) declares ``queryBinding="xslt2"``
and uses XPath 2 (``matches()``, ``./local-name()``), which lxml's ISO Schematron
(XSLT 1) refuses. :func:`schematron_errors` therefore evaluates the same file
directly: each rule's context and each assert's test are run as XPath 2.0 with
elementpath over the lxml tree, with Schematron's rule semantics (within a
pattern, a node is handled by the first rule whose context matches it).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import elementpath
from elementpath.xpath2 import XPath2Parser
from lxml import etree

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_S = f"{{{SCH_NS}}}"


@dataclass(frozen=True)
class SchemaError:
    """One failed check: which check, where (XML line), and its message."""

    check: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.check} line {self.line}: {self.message}"


def _parser() -> etree.XMLParser:  # noqa: D103 - kept local: schema files are trusted but parsed the same way
    # no entities, no DTD loading, no network: schema and instance files are data
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


RNG_NS = "http://relaxng.org/ns/structure/1.0"


def fix_ref_types(rng_doc: etree._ElementTree) -> etree._ElementTree:
    """Make the RNG's ``ref`` types agree with the dialect: ``crossReference`` (see the module notes).

    ``TBXcoreStructV03_TBX-Basic_integrated.rng`` lists ``relatedConcept``/``relatedTerm`` as
    the only ``ref`` types, while the dialect's Schematron (``module.basic.ref``,
    ``dialectEnforcement``) and the TBX-Basic definition allow only ``crossReference``:
    no ``ref`` can satisfy both files as published. This one choice is replaced in memory.
    """
    r = f"{{{RNG_NS}}}"
    for define in rng_doc.iter(r + "define"):
        if define.get("name") == "ref.types":
            choice = define.find(r + "choice")
            for value in choice.findall(r + "value"):
                choice.remove(value)
            etree.SubElement(choice, r + "value").text = "crossReference"
    return rng_doc


def relaxng_errors(doc: etree._ElementTree, rng_path: Path) -> list[SchemaError]:
    """Errors of ``doc`` against the RELAX NG schema at ``rng_path`` (empty when valid).

    The schema's ``ref`` types are first aligned with the dialect (:func:`fix_ref_types`).
    """
    rng = etree.RelaxNG(fix_ref_types(etree.parse(str(rng_path), _parser())))
    if rng.validate(doc):
        return []
    return [SchemaError("relaxng", e.line, e.message) for e in rng.error_log]


_ATTR_CONTEXT = re.compile(r"^(.*)/@([A-Za-z_][\w.-]*)$")


def _context_nodes(doc: etree._ElementTree, context: str, namespaces: dict[str, str]) -> list[tuple[object, object]]:
    """(key, item) pairs a rule context selects: an element, or an attribute as (its element, its value).

    elementpath returns attribute nodes as plain strings, which cannot tell two
    equal attribute values apart; attribute contexts are therefore selected
    through their parent elements, keyed by (element, attribute name).
    """
    m = _ATTR_CONTEXT.match(context)
    if m:
        head, attr = m.groups()
        parents = elementpath.select(doc, f"//{head}[@{attr}]", namespaces, parser=XPath2Parser)
        return [((el, attr), el.get(attr)) for el in parents]
    return [(el, el) for el in elementpath.select(doc, "//" + context, namespaces, parser=XPath2Parser)]


def _holds(selector: elementpath.Selector, base: elementpath.XPathContext, item: object) -> bool:
    """Evaluate a compiled boolean test with ``item`` as the context item."""
    ctx = copy.copy(base)
    ctx.item = item if isinstance(item, str) else base.get_context_item(item)
    return bool(selector.root_token.get_results(ctx))


def schematron_errors(doc: etree._ElementTree, sch_path: Path) -> list[SchemaError]:
    """Failed asserts of the Schematron schema at ``sch_path`` on ``doc`` (XPath 2.0 via elementpath)."""
    sch = etree.parse(str(sch_path), _parser()).getroot()
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in sch.iter(_S + "ns")}
    errors: list[SchemaError] = []
    # one dynamic context over the document: building it walks the whole tree, so never per node
    base = elementpath.XPathContext(doc, namespaces=namespaces)
    for pattern in sch.iter(_S + "pattern"):
        handled: set[object] = set()  # Schematron: within a pattern, the first matching rule handles a node
        for rule in pattern.iter(_S + "rule"):
            # each test is compiled once per rule, then evaluated per node
            tests = [(elementpath.Selector("boolean(" + t.get("test", "") + ")", namespaces, parser=XPath2Parser),
                      " ".join("".join(t.itertext()).split())) for t in rule.iter(_S + "assert")]
            for key, item in _context_nodes(doc, rule.get("context", ""), namespaces):
                if key in handled:
                    continue
                handled.add(key)
                element = key[0] if isinstance(key, tuple) else key
                for selector, msg in tests:
                    if not _holds(selector, base, item):
                        errors.append(SchemaError(f"schematron {pattern.get('id')}", element.sourceline, msg))
    return errors


def tbx_basic_errors(data: bytes, schema_dir: Path) -> list[SchemaError]:
    """RELAX NG and Schematron errors of a TBX document against the TBX-Basic files in ``schema_dir``."""
    doc = etree.ElementTree(etree.fromstring(data, _parser()))
    rng = next(iter(sorted(schema_dir.glob("*.rng"))))
    sch = next(iter(sorted(schema_dir.glob("*.sch"))))
    return relaxng_errors(doc, rng) + schematron_errors(doc, sch)
