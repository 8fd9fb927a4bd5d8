"""TBX export (ISO 30042:2019, TBX-Basic dialect, DCA style) of tifa terms, written with lxml."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from api.exchange import tbx_common as tc
from api.exchange.filters import ExportFilter
from api.model import Attestation, Label, Term, term_iri

_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
_T = f"{{{tc.TBX_NS}}}"


def concept_id(slug: str) -> str:
    """The xsd:ID of a term's conceptEntry: the slug, prefixed where a slug is not an NCName."""
    return slug if _NCNAME.match(slug) else f"t-{slug}"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _T + tag, attrs)
    if text is not None:
        el.text = text
    return el


def _note(parent: etree._Element, key: str, value: str) -> None:
    _el(parent, "note", tc.note_text(key, value))


def _transac(parent: etree._Element, kind: str, date: str, who: str | None) -> None:
    grp = _el(parent, "transacGrp")
    _el(grp, "transac", kind, type="transactionType")
    _el(grp, "date", date[:10])
    if who:
        # no @target: the RNG wants an IDREF (a back-matter refObject), and the editor's name is what tools show
        _el(grp, "transacNote", who, type="responsibility")


def _ref(parent: etree._Element, label: str, slug: str, text: str, ids: set[str], base: str) -> None:
    """A crossReference to a concept in this file; an externalCrossReference to the term IRI otherwise."""
    if slug in ids:
        _el(parent, "ref", f"{label}: {text}", type="crossReference", target=concept_id(slug))
    else:
        _el(parent, "xref", f"{label}: {text}", type="externalCrossReference", target=str(term_iri(slug, base)))


def _context(parent: etree._Element, att: Attestation, form: str, linked: bool) -> None:
    grp = _el(parent, "descripGrp")
    _el(grp, "descrip", att.sentence, type="context")
    _el(grp, "admin", tc.source_text(att.source, att.section), type="source")
    if att.form != form:
        _note(grp, tc.N_FORM, att.form)
    if att.chinese_given:
        _note(grp, tc.N_GIVEN, "yes")
    if not linked:
        _note(grp, tc.N_UNLINKED, "yes")


def _term_type(label: Label) -> str:
    if label.rendering:
        return tc.TERM_TYPE[label.rendering]
    return "fullForm" if label.preferred else "variant"


def _term_sec(parent: etree._Element, term: Term, label: Label, contexts: list[tuple[Attestation, bool]]) -> None:
    sec = _el(parent, "termSec")
    _el(sec, "term", label.form)
    _el(sec, "termNote", _term_type(label), type="termType")
    if term.kind != "formulation" or term.groups:
        _el(sec, "termNote", "noun", type="partOfSpeech")
    status = tc.DEPRECATED if term.status == "deprecated" else tc.PREFERRED if label.preferred else tc.ADMITTED
    _el(sec, "termNote", status, type="administrativeStatus")
    if term.status == "deprecated" and label.preferred:
        _note(sec, tc.N_PREFERRED, "yes")
    for att, linked in contexts:
        _context(sec, att, label.form, linked)
    if label.rendering:
        _note(sec, tc.N_RENDERING, label.rendering)
    _label_meta(sec, label)
    if label.preferred:
        for other in term.labels:
            key, host = tc.LABEL_NOTES.get(other.lang, ("", ""))
            if host == label.lang:
                _note(sec, key + ("" if other.preferred else " variant"), other.form + _meta_suffix(other))


def _label_meta(sec: etree._Element, label: Label) -> None:
    if label.origin:
        _note(sec, tc.N_ORIGIN, label.origin)
    if label.confidence:
        _note(sec, tc.N_CONFIDENCE, label.confidence)
    if label.reviewed:
        _note(sec, tc.N_REVIEWED, "yes")


def _meta_suffix(label: Label) -> str:
    """Metadata of a form written as a note: ' [origin=derived; reviewed]'."""
    parts = [f"origin={label.origin}"] if label.origin else []
    parts += [f"confidence={label.confidence}"] if label.confidence else []
    parts += ["reviewed"] if label.reviewed else []
    return f" [{'; '.join(parts)}]" if parts else ""


def _contexts_by_label(term: Term, lang_labels: list[Label], place_uncited: bool) -> dict[int, list[tuple]]:
    """Attestations in the termSec of each label that cites them; uncited ones (Korean only) by form, else preferred."""
    out: dict[int, list[tuple[Attestation, bool]]] = {i: [] for i in range(len(lang_labels))}
    cited: set[str] = set()
    for i, label in enumerate(lang_labels):
        for att in term.attestations:
            if att.key in label.attested_in:
                out[i].append((att, True))
                cited.add(att.key)
    for att in term.attestations:
        if att.key in cited or not lang_labels or not place_uncited:
            continue
        i = next((i for i, lb in enumerate(lang_labels) if lb.form == att.form), 0)
        out[i].append((att, False))
    return out


def _concept(body: etree._Element, term: Term, terms: dict[str, Term], ids: set[str], flt: ExportFilter,
             base: str) -> None:
    entry = _el(body, "conceptEntry", id=concept_id(term.slug))
    if term.created:
        _transac(entry, "origination", term.created, term.contributor)
    if term.modified:
        _transac(entry, "modification", term.modified, term.contributor)
    for topic in term.topics:
        _el(entry, "descrip", topic, type="subjectField")
    _el(entry, "xref", tc.X_IRI, type="externalCrossReference", target=str(term_iri(term.slug, base)))
    _note(entry, tc.N_KIND, term.kind)
    _note(entry, tc.N_STATUS, term.status)
    if term.enumerative is not None:
        _note(entry, tc.N_ENUM, "yes" if term.enumerative else "no")
    for note in term.change_notes:
        _note(entry, tc.N_CHANGE, note)
    for group in term.groups:
        _note(entry, tc.N_GROUP, f"{group.index}: {group.numeral} {group.unit}")
        for pos, slug in enumerate(group.components, 1):
            other = terms.get(slug)
            shown = (other.pref("zh-Hans") or other.pref("ko") or slug) if other else slug
            _ref(entry, tc.R_COMPONENT, slug, f"{group.index}.{pos} {shown}", ids, base)
    for slug in term.related:
        _ref(entry, tc.R_RELATED, slug, slug, ids, base)
    if term.replaced_by:
        _ref(entry, tc.R_REPLACED, term.replaced_by, term.replaced_by, ids, base)
    sections = [lang for lang in tc.LANG_SECTIONS if flt.keeps_lang(lang) and term.forms(lang)]
    # definitions and scope notes in a language with no forms here go to the concept level, tagged with it
    for lang, text in sorted(term.definitions.items()):
        if lang not in sections and flt.keeps_lang(lang):
            _el(entry, "descrip", text, type="definition", **{tc.XML_LANG: lang})
    for lang, text in sorted(term.scope_notes.items()):
        if lang not in sections and flt.keeps_lang(lang):
            _el(entry, "note", tc.note_text(tc.N_SCOPE, text), **{tc.XML_LANG: lang})
    for lang in sections:
        _lang_sec(entry, term, lang)


def _lang_sec(entry: etree._Element, term: Term, lang: str) -> None:
    sec = _el(entry, "langSec", **{tc.XML_LANG: lang})
    if lang in term.definitions:
        _el(sec, "descrip", term.definitions[lang], type="definition")
    if lang in term.scope_notes:
        _note(sec, tc.N_SCOPE, term.scope_notes[lang])
    if lang == "ko" and term.sino_korean_reading:
        _note(sec, tc.N_READING, term.sino_korean_reading)
    labels = sorted((lb for lb in term.labels if lb.lang == lang), key=lambda lb: not lb.preferred)
    contexts = _contexts_by_label(term, labels, place_uncited=lang == "ko")
    for i, label in enumerate(labels):
        _term_sec(sec, term, label, contexts.get(i, []))


def write_tbx(terms: Iterable[Term], all_terms: dict[str, Term], base: str,
              flt: ExportFilter | None = None) -> bytes:
    """The TBX-Basic document (UTF-8 bytes) for ``terms``; ``all_terms`` resolves component labels."""
    flt = flt or ExportFilter()
    chosen = list(terms)
    root = etree.Element(_T + "tbx", {"type": "TBX-Basic", "style": "dca", tc.XML_LANG: "ko"}, nsmap={None: tc.TBX_NS})
    desc = _el(_el(root, "tbxHeader"), "fileDesc")
    _el(_el(desc, "publicationStmt"), "p", f"tifa — Korean ↔ Chinese policy formulations ({base})")
    _el(_el(desc, "sourceDesc"), "p", "Exported from the tifa knowledge graph; rendering types, pinyin and "
        "numeral groups are carried in keyed notes (see the tifa README, 'Exchange formats').")
    body = _el(_el(root, "text"), "body")
    ids = {t.slug for t in chosen}
    for term in chosen:
        _concept(body, term, all_terms, ids, flt, base)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
