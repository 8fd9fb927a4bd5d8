"""Every attested occurrence of a term can be found by annotation: a label of the term starts where the
attested form starts in its sentence (folded as :mod:`api.annotate` folds text and forms)."""

from __future__ import annotations

import pytest

from api.annotate import fold_text, pattern_of
from api.model import Attestation, Term
from api.vocab import HANS, HANT
from tests.graph_data import terms

# (slug, attested form) -> why no label of the term may start there. Only forms that must not become labels.
EXCEPTIONS = {
    ("renkoumidu", "인구"): "elliptical list '인구, 건축물, 상업, 관광 밀도' shares one 밀도; 인구 alone is population",
    ("jianzhumidu", "건축물"): "elliptical list sharing 밀도; 건축물 alone is building",
    ("shangyemidu", "상업"): "elliptical list sharing 밀도; 상업 alone is commerce",
    ("zhongdeguojihezuochanyeyuan", "중국-독일"): "elliptical '중국-독일, 중국-일본 국제협력 산업 단지'; "
                                                  "중국-독일 alone is China-Germany",
    ("liubaizenglv", "유휴용지 397헥타르의 녹지화"): "an amount inserted into the phrase; the label is 유휴용지 녹지화",
}


def _patterns(term: Term) -> set[str]:
    forms = [lb.form for lb in term.labels if lb.lang in ("ko", HANS, HANT, "en")]
    forms += [term.sino_korean_reading] if term.sino_korean_reading else []
    return {p for form in forms for p in pattern_of(form)}


def _found_at_form(term: Term, att: Attestation) -> bool:
    sentence = fold_text(att.sentence)[0]
    start = sentence.find(fold_text(att.form)[0].strip())
    assert start >= 0, f"{term.slug}: {att.form!r} not in its sentence"
    return any(sentence.startswith(p, start) for p in _patterns(term))


ATTESTED = [(t, a) for t in terms() for a in t.attestations]


@pytest.mark.parametrize(("term", "att"), ATTESTED, ids=[f"{t.slug}-{a.key}" for t, a in ATTESTED])
def test_a_label_of_the_term_starts_at_each_attested_form(term: Term, att: Attestation) -> None:
    found = _found_at_form(term, att)
    if (term.slug, att.form) in EXCEPTIONS:
        assert not found, f"{term.slug}: {att.form!r} is listed as an exception but a label matches; drop it"
    else:
        assert found, f"{term.slug}: no label starts at {att.form!r} in: {att.sentence}"


def test_exceptions_name_real_attestations() -> None:
    attested = {(t.slug, a.form) for t, a in ATTESTED}
    assert set(EXCEPTIONS) <= attested


def test_attested_source_labels_point_at_their_attestation() -> None:
    # The labels added for attested forms carry origin "source" and tifa:attestedIn, like the others.
    by_slug = {t.slug: t for t in terms()}
    label = next(lb for lb in by_slug["fengqiaojingyan"].labels if lb.form == "펑차오(枫桥) 경험")
    assert (label.origin, label.rendering) == ("source", "mixed")
    assert label.attested_in == [a.key for a in by_slug["fengqiaojingyan"].attestations]
