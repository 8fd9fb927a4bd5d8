"""TBX import: a TBX-Basic file (as tifa writes it, or from a CAT tool) back into :class:`Term` values.

Untrusted XML is parsed with no entities, no DTD and no network (:func:`tbx_common.parse_xml`).
Every conceptEntry needs a ``ko`` and a ``zh-Hans`` language section; one that lacks
either is reported with its line and skipped (and the import is then not applied).
"""

from __future__ import annotations

import re

from lxml import etree

from api.exchange import tbx_common as tc
from api.exchange.problems import Problem, ReadResult
from api.model import Attestation, Group, Label, Term, slug_of
from api.vocab import CONFIDENCES, ORIGINS, RENDERINGS

T = f"{{{tc.TBX_NS}}}"
TBX_FIELDS = frozenset({"kind", "status", "labels", "definitions", "scope_notes", "sino_korean_reading",
                        "enumerative", "groups", "attestations", "topics", "related", "replaced_by", "change_notes"})
REQUIRED_LANGS = ("ko", "zh-Hans")
_COMPONENT = re.compile(r"^(\d+)\.(\d+)\s")
_META = re.compile(r"^(.*?)\s*\[([^\]]*)\]$")


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split()) if el.tag != T + "term" else "".join(el.itertext()).strip()


def _notes(el: etree._Element) -> list[tuple[str, str]]:
    return [tc.split_note(_text(n)) for n in el.findall(T + "note")]


def _with_meta(raw: str, lang: str, preferred: bool) -> Label:
    """A pinyin/romanisation note value ('qī yǒu [origin=derived; reviewed]') as a label."""
    m = _META.match(raw)
    form, meta = (m.group(1), m.group(2)) if m else (raw, "")
    label = Label(form=form, lang=lang, preferred=preferred)
    for part in (p.strip() for p in meta.split(";") if p.strip()):
        key, _, value = part.partition("=")
        if key == "origin" and value in ORIGINS:
            label.origin = value
        elif key == "confidence" and value in CONFIDENCES:
            label.confidence = value
        elif key == "reviewed":
            label.reviewed = True
    return label


def _term_sec(sec: etree._Element, lang: str, term: Term, where: str, problems: list[Problem]) -> None:
    term_el = sec.find(T + "term")
    label = Label(form=_text(term_el) if term_el is not None else "", lang=lang)
    status = {n.get("type"): _text(n) for n in sec.findall(T + "termNote")}.get("administrativeStatus")
    label.preferred = status == tc.PREFERRED
    for key, value in _notes(sec):
        if key == tc.N_RENDERING:
            if value not in RENDERINGS:
                problems.append(Problem(f"{where}, line {sec.sourceline}", f"unknown rendering type {value!r}"))
            label.rendering = value if value in RENDERINGS else None
        elif key == tc.N_ORIGIN and value in ORIGINS:
            label.origin = value
        elif key == tc.N_CONFIDENCE and value in CONFIDENCES:
            label.confidence = value
        elif key == tc.N_REVIEWED:
            label.reviewed = value == "yes"
        elif key == tc.N_PREFERRED:
            label.preferred = True
        else:
            for other_lang, (note_key, host) in tc.LABEL_NOTES.items():
                if host == lang and key in (note_key, note_key + " variant"):
                    term.labels.append(_with_meta(value, other_lang, key == note_key))
    for grp in sec.findall(T + "descripGrp"):
        ctx, src = grp.find(T + "descrip"), grp.find(T + "admin")
        if ctx is None or ctx.get("type") != "context":
            continue
        try:
            source, section = tc.parse_source(_text(src)) if src is not None else ("", 0)
        except ValueError as exc:
            problems.append(Problem(f"{where}, line {grp.sourceline}", str(exc)))
            continue
        notes = dict(_notes(grp))
        att = Attestation(section=section, sentence=_text(ctx), form=notes.get(tc.N_FORM, label.form),
                          chinese_given=notes.get(tc.N_GIVEN) == "yes", source=source)
        if all(a.key != att.key for a in term.attestations):
            term.attestations.append(att)
        if notes.get(tc.N_UNLINKED) != "yes":
            label.attested_in.append(att.key)
    if not label.form:
        problems.append(Problem(f"{where}, line {sec.sourceline}", "termSec without a term"))
        return
    label.attested_in.sort()
    term.labels.append(label)


def _concept(entry: etree._Element, base: str, problems: list[Problem]) -> tuple[Term, list[tuple]]:
    """One conceptEntry as a term, plus its unresolved cross-references (kind, target, text)."""
    slug = entry.get("id", "")
    for xref in entry.findall(T + "xref"):
        if _text(xref) == tc.X_IRI:
            slug = slug_of(xref.get("target", ""), base) or xref.get("target", "").rsplit("/", 1)[-1]
    where = f"conceptEntry {slug or '?'} (line {entry.sourceline})"
    term = Term(slug=slug, status="draft")
    refs: list[tuple] = []
    for note in entry.findall(T + "note"):
        key, value = tc.split_note(_text(note))
        if key == tc.N_SCOPE:
            term.scope_notes[note.get(tc.XML_LANG, "")] = value
        elif key == tc.N_KIND:
            term.kind = value
        elif key == tc.N_STATUS:
            term.status = value
        elif key == tc.N_ENUM:
            term.enumerative = value == "yes"
        elif key == tc.N_CHANGE:
            term.change_notes.append(value)
        elif key == tc.N_GROUP:
            index, _, rest = value.partition(": ")
            numeral, _, unit = rest.partition(" ")
            if index.isdigit() and numeral.isdigit():
                term.groups.append(Group(int(index), int(numeral), unit))
            else:
                problems.append(Problem(where, f"bad numeral group note {value!r}"))
    for el in entry:
        if el.tag == T + "descrip" and el.get("type") == "subjectField":
            term.topics.append(_text(el))
        elif el.tag == T + "descrip" and el.get("type") == "definition":
            term.definitions[el.get(tc.XML_LANG, "")] = _text(el)
        elif el.tag in (T + "ref", T + "xref") and _text(el) != tc.X_IRI:
            kind, _, text = _text(el).partition(": ")
            refs.append((kind, el.get("target", ""), text))
    for sec in entry.findall(T + "langSec"):
        lang = sec.get(tc.XML_LANG, "")
        for d in sec.findall(T + "descrip"):
            if d.get("type") == "definition":
                term.definitions[lang] = _text(d)
        for key, value in _notes(sec):
            if key == tc.N_SCOPE:
                term.scope_notes[lang] = value
            elif key == tc.N_READING:
                term.sino_korean_reading = value
        for ts in sec.findall(T + "termSec"):
            _term_sec(ts, lang, term, where, problems)
    present = {sec.get(tc.XML_LANG) for sec in entry.findall(T + "langSec")}
    for lang in REQUIRED_LANGS:
        if lang not in present:
            problems.append(Problem(where, f"missing language section xml:lang=\"{lang}\""))
    return term, refs


def read_tbx(data: bytes, base: str) -> ReadResult:
    """Read a TBX document into terms; problems carry the conceptEntry and line."""
    result = ReadResult(fields=TBX_FIELDS, complete_labels=True)
    try:
        doc = tc.parse_xml(data)
    except ValueError as exc:
        result.problems.append(Problem("file", str(exc)))
        return result
    if doc.getroot().tag != T + "tbx":
        result.problems.append(Problem("file", f"root element is {doc.getroot().tag!r}, not TBX ({tc.TBX_NS})"))
        return result
    entries = list(doc.getroot().iter(T + "conceptEntry"))
    parsed = [_concept(e, base, result.problems) for e in entries]
    ids = {e.get("id"): t.slug for e, (t, _) in zip(entries, parsed, strict=True)}
    for term, refs in parsed:
        _resolve_refs(term, refs, ids, base, result.problems)
        term.labels.sort(key=lambda lb: (not lb.preferred, lb.lang, lb.form))
        term.attestations.sort(key=lambda a: (a.section, a.sentence, a.form))
        term.topics.sort()
        term.related.sort()
        term.change_notes.sort()
        result.terms.append(term)
    return result


def _resolve_refs(term: Term, refs: list[tuple], ids: dict, base: str, problems: list[Problem]) -> None:
    groups = {g.index: g for g in term.groups}
    placed: dict[int, dict[int, str]] = {}
    for kind, target, text in refs:
        slug = ids.get(target) or slug_of(target, base) or target.rsplit("/", 1)[-1]
        if kind == tc.R_COMPONENT:
            m = _COMPONENT.match(text)
            if not m or int(m.group(1)) not in groups:
                problems.append(Problem(f"conceptEntry {term.slug}", f"component reference {text!r} names no group"))
                continue
            placed.setdefault(int(m.group(1)), {})[int(m.group(2))] = slug
        elif kind == tc.R_RELATED:
            term.related.append(slug)
        elif kind == tc.R_REPLACED:
            term.replaced_by = slug
    for index, positions in placed.items():
        groups[index].components = [positions[p] for p in sorted(positions)]
    term.groups.sort(key=lambda g: g.index)
