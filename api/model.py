"""The term record: plain data classes, and their mapping to and from RDF.

Every part of tifa (lookup index, pages, exports, imports, extraction, editors)
handles terms as :class:`Term` values; only this module knows how a term is laid
out in the graph (SKOS-XL labels, numeral groups as ``skos:OrderedCollection``,
attestations).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from api.vocab import (
    CONFIDENCES,
    DCTERMS,
    DEFAULT_BASE,
    KINDS,
    ORIGINS,
    PROV,
    RDF,
    RENDERINGS,
    SKOS,
    SKOSXL,
    STATUSES,
    TIFA,
    XSD,
)

SOURCE_ID = "beijing-gwr-2023-ko"

_BY_IRI = {iri: name for table in (RENDERINGS, KINDS, STATUSES, ORIGINS) for name, iri in table.items()}


def _short_hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:8]


@dataclass
class Label:
    """One written form of a term (a SKOS-XL label)."""

    form: str
    lang: str
    preferred: bool = False
    rendering: str | None = None  # notation from api.vocab.RENDERINGS (Korean forms)
    origin: str | None = None  # "source" | "editor" | "derived"
    confidence: str | None = None  # "high" | "medium" | "low", for editor-supplied forms
    reviewed: bool = False
    attested_in: list[str] = field(default_factory=list)  # Attestation.key values

    @property
    def key(self) -> str:
        """Fragment id of the label under its term's IRI (stable across reorderings)."""
        return self.lang if self.preferred else f"{self.lang}-{_short_hash(self.form)}"


@dataclass
class Attestation:
    """An occurrence of a term in a source document."""

    section: int
    sentence: str
    form: str
    chinese_given: bool = False
    source: str = SOURCE_ID

    @property
    def key(self) -> str:
        """Fragment id of the attestation under its term's IRI."""
        return "att-" + _short_hash(self.source, self.section, self.sentence, self.form)


@dataclass
class Group:
    """A numeral group: the numeral, the counted unit and the ordered component slugs."""

    index: int
    numeral: int
    unit: str
    components: list[str] = field(default_factory=list)


@dataclass
class Term:
    """A formulation, programme or named entity with everything tifa records of it."""

    slug: str
    kind: str = "formulation"
    status: str = "accepted"
    labels: list[Label] = field(default_factory=list)
    definitions: dict[str, str] = field(default_factory=dict)  # lang -> text
    scope_notes: dict[str, str] = field(default_factory=dict)
    sino_korean_reading: str | None = None
    enumerative: bool | None = None
    groups: list[Group] = field(default_factory=list)
    attestations: list[Attestation] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # topic ids: "s01" … "s12", "named-entities"
    related: list[str] = field(default_factory=list)  # slugs
    replaced_by: str | None = None
    change_notes: list[str] = field(default_factory=list)
    created: str | None = None  # ISO 8601 dateTime
    modified: str | None = None
    contributor: str | None = None  # editor name

    def pref(self, lang: str) -> str | None:
        """The preferred form in ``lang``, if any."""
        for label in self.labels:
            if label.preferred and label.lang == lang:
                return label.form
        return None

    def pref_label(self, lang: str) -> Label | None:
        """The preferred label object in ``lang``, if any."""
        return next((lb for lb in self.labels if lb.preferred and lb.lang == lang), None)

    def forms(self, lang: str) -> list[str]:
        """Every form in ``lang``, the preferred one first."""
        return [lb.form for lb in sorted(self.labels, key=lambda lb: not lb.preferred) if lb.lang == lang]

    @property
    def component_slugs(self) -> list[str]:
        """All component slugs, group by group, in order."""
        return [slug for g in sorted(self.groups, key=lambda g: g.index) for slug in g.components]


def term_iri(slug: str, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of the term ``slug`` under ``base``."""
    return URIRef(f"{base}term/{slug}")


def slug_of(iri: str, base: str = DEFAULT_BASE) -> str | None:
    """The slug of a term IRI, or None when ``iri`` is not a term IRI under ``base``."""
    prefix = f"{base}term/"
    if not iri.startswith(prefix):
        return None
    rest = iri[len(prefix):]
    return rest.split("#", 1)[0] or None


def topic_iri(topic: str, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a topic ("s01" … "s12", "named-entities")."""
    return URIRef(f"{base}topic/{topic}")


def source_iri(source: str, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of a source document id."""
    return URIRef(f"{base}source/{source}")


def editor_iri(name: str, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of an editor (a prov:Agent)."""
    return URIRef(f"{base}editor/{name}")


def scheme_iri(base: str = DEFAULT_BASE) -> URIRef:
    """IRI of the tifa concept scheme."""
    return URIRef(f"{base}scheme")


def add_label(g: Graph, s: URIRef, label: Label) -> URIRef:
    """Write ``label`` of the term ``s`` (SKOS-XL node and plain SKOS literal) into ``g``; return the node."""
    node = URIRef(f"{s}#{label.key}")
    lit = Literal(label.form, lang=label.lang)
    g.add((s, SKOSXL.prefLabel if label.preferred else SKOSXL.altLabel, node))
    g.add((s, SKOS.prefLabel if label.preferred else SKOS.altLabel, lit))
    g.add((node, RDF.type, SKOSXL.Label))
    g.add((node, SKOSXL.literalForm, lit))
    if label.rendering:
        g.add((node, TIFA.renderingType, RENDERINGS[label.rendering]))
    if label.origin:
        g.add((node, TIFA.origin, ORIGINS[label.origin]))
    if label.confidence:
        g.add((node, TIFA.confidence, Literal(label.confidence)))
    if label.reviewed:
        g.add((node, TIFA.reviewed, Literal(True)))
    for key in label.attested_in:
        g.add((node, TIFA.attestedIn, URIRef(f"{s}#{key}")))
    return node


def to_graph(term: Term, base: str = DEFAULT_BASE, graph: Graph | None = None) -> Graph:
    """Write ``term`` as RDF triples (into ``graph`` if given) and return the graph."""
    g = graph if graph is not None else Graph()
    s = term_iri(term.slug, base)
    g.add((s, RDF.type, TIFA.Term))
    g.add((s, RDF.type, SKOS.Concept))
    g.add((s, SKOS.inScheme, scheme_iri(base)))
    g.add((s, SKOS.notation, Literal(term.slug)))
    g.add((s, TIFA.kind, KINDS[term.kind]))
    g.add((s, TIFA.status, STATUSES[term.status]))
    att_node = {a.key: URIRef(f"{s}#{a.key}") for a in term.attestations}
    for label in term.labels:
        add_label(g, s, label)
    for lang, text in term.definitions.items():
        g.add((s, SKOS.definition, Literal(text, lang=lang)))
    for lang, text in term.scope_notes.items():
        g.add((s, SKOS.scopeNote, Literal(text, lang=lang)))
    if term.sino_korean_reading:
        g.add((s, TIFA.sinoKoreanReading, Literal(term.sino_korean_reading, lang="ko")))
    if term.enumerative is not None:
        g.add((s, TIFA.enumerative, Literal(term.enumerative)))
    for group in term.groups:
        node = URIRef(f"{s}#group-{group.index}")
        g.add((s, TIFA.numeralGroup, node))
        g.add((node, RDF.type, TIFA.NumeralGroup))
        g.add((node, RDF.type, SKOS.OrderedCollection))
        g.add((node, TIFA.groupIndex, Literal(group.index, datatype=XSD.positiveInteger)))
        g.add((node, TIFA.numeral, Literal(group.numeral, datatype=XSD.positiveInteger)))
        g.add((node, TIFA.countedUnit, Literal(group.unit, lang="zh-Hans")))
        head = BNode(f"{term.slug}-g{group.index}-list")
        Collection(g, head, [term_iri(c, base) for c in group.components])
        g.add((node, SKOS.memberList, head))
        for c in group.components:
            g.add((node, SKOS.member, term_iri(c, base)))
    for att in term.attestations:
        node = att_node[att.key]
        g.add((s, TIFA.attestation, node))
        g.add((node, RDF.type, TIFA.Attestation))
        g.add((node, DCTERMS.source, source_iri(att.source, base)))
        g.add((node, TIFA.section, Literal(att.section, datatype=XSD.positiveInteger)))
        g.add((node, TIFA.sentence, Literal(att.sentence, lang="ko")))
        g.add((node, TIFA.form, Literal(att.form, lang="ko")))
        g.add((node, TIFA.chineseGiven, Literal(att.chinese_given)))
    for topic in term.topics:
        g.add((s, DCTERMS.subject, topic_iri(topic, base)))
    for other in term.related:
        g.add((s, SKOS.related, term_iri(other, base)))
    if term.replaced_by:
        g.add((s, DCTERMS.isReplacedBy, term_iri(term.replaced_by, base)))
    for note in term.change_notes:
        g.add((s, SKOS.changeNote, Literal(note, lang="en")))
    if term.created:
        g.add((s, DCTERMS.created, Literal(term.created, datatype=XSD.dateTime)))
    if term.modified:
        g.add((s, DCTERMS.modified, Literal(term.modified, datatype=XSD.dateTime)))
    if term.contributor:
        g.add((s, PROV.wasAttributedTo, editor_iri(term.contributor, base)))
    return g


def _name(iri: object) -> str | None:
    return _BY_IRI.get(iri) if iri is not None else None


def _lang_text(g: Graph, s: URIRef, p: URIRef) -> dict[str, str]:
    out: dict[str, str] = {}
    for o in sorted(g.objects(s, p)):
        if isinstance(o, Literal):
            out.setdefault(o.language or "", str(o))
    return out


def _slug_or_tail(iri: object, base: str) -> str:
    return slug_of(str(iri), base) or str(iri).rsplit("/", 1)[-1]


def from_graph(g: Graph, iri: URIRef, base: str = DEFAULT_BASE) -> Term:
    """Read the term ``iri`` out of ``g`` (the inverse of :func:`to_graph`)."""
    slug = slug_of(str(iri), base) or str(iri).rsplit("/", 1)[-1]
    term = Term(slug=slug, kind=_name(g.value(iri, TIFA.kind)) or "formulation",
                status=_name(g.value(iri, TIFA.status)) or "draft")
    for pred, preferred in ((SKOSXL.prefLabel, True), (SKOSXL.altLabel, False)):
        for node in sorted(g.objects(iri, pred)):
            lit = g.value(node, SKOSXL.literalForm)
            if not isinstance(lit, Literal):
                continue
            conf = g.value(node, TIFA.confidence)
            term.labels.append(Label(
                form=str(lit), lang=lit.language or "", preferred=preferred,
                rendering=_name(g.value(node, TIFA.renderingType)),
                origin=_name(g.value(node, TIFA.origin)),
                confidence=str(conf) if conf is not None and str(conf) in CONFIDENCES else
                (str(conf) if conf is not None else None),
                reviewed=bool(g.value(node, TIFA.reviewed)),
                attested_in=sorted(str(a).rsplit("#", 1)[-1] for a in g.objects(node, TIFA.attestedIn)),
            ))
    term.labels.sort(key=lambda lb: (not lb.preferred, lb.lang, lb.form))
    term.definitions = _lang_text(g, iri, SKOS.definition)
    term.scope_notes = _lang_text(g, iri, SKOS.scopeNote)
    reading = g.value(iri, TIFA.sinoKoreanReading)
    term.sino_korean_reading = str(reading) if reading is not None else None
    enum = g.value(iri, TIFA.enumerative)
    term.enumerative = bool(enum.toPython()) if isinstance(enum, Literal) else None
    for node in g.objects(iri, TIFA.numeralGroup):
        head = g.value(node, SKOS.memberList)
        members = list(Collection(g, head)) if head is not None else []
        term.groups.append(Group(
            index=int(g.value(node, TIFA.groupIndex) or 0),
            numeral=int(g.value(node, TIFA.numeral) or 0),
            unit=str(g.value(node, TIFA.countedUnit) or ""),
            components=[_slug_or_tail(m, base) for m in members],
        ))
    term.groups.sort(key=lambda grp: grp.index)
    for node in g.objects(iri, TIFA.attestation):
        src = g.value(node, DCTERMS.source)
        term.attestations.append(Attestation(
            section=int(g.value(node, TIFA.section) or 0),
            sentence=str(g.value(node, TIFA.sentence) or ""),
            form=str(g.value(node, TIFA.form) or ""),
            chinese_given=bool(g.value(node, TIFA.chineseGiven) and g.value(node, TIFA.chineseGiven).toPython()),
            source=str(src).rsplit("/", 1)[-1] if src is not None else SOURCE_ID,
        ))
    term.attestations.sort(key=lambda a: (a.section, a.sentence, a.form))
    term.topics = sorted(str(t).rsplit("/", 1)[-1] for t in g.objects(iri, DCTERMS.subject))
    term.related = sorted(_slug_or_tail(o, base) for o in g.objects(iri, SKOS.related))
    repl = g.value(iri, DCTERMS.isReplacedBy)
    term.replaced_by = _slug_or_tail(repl, base) if repl is not None else None
    term.change_notes = sorted(str(o) for o in g.objects(iri, SKOS.changeNote))
    created, modified = g.value(iri, DCTERMS.created), g.value(iri, DCTERMS.modified)
    term.created = str(created) if created is not None else None
    term.modified = str(modified) if modified is not None else None
    who = g.value(iri, PROV.wasAttributedTo)
    term.contributor = str(who).rsplit("/", 1)[-1] if who is not None else None
    return term


def term_iris(g: Graph) -> list[URIRef]:
    """Every tifa:Term subject in ``g``, sorted."""
    return sorted(s for s in g.subjects(RDF.type, TIFA.Term) if isinstance(s, URIRef))
