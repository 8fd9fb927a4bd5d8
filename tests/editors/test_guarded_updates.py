"""A change's update is idempotent and never undoes a later change (it may be sent twice, or land late)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal

from api.model import term_iri
from api.settings import Settings
from api.store import open_store
from api.term_state import applied_state, apply_description, describe
from api.vocab import SKOS


def _description(iri, text: str) -> Graph:
    g = Graph()
    g.add((iri, SKOS.definition, Literal(text, lang="ko")))
    return g


def test_a_change_sent_again_or_late_is_a_no_op(tmp_path: Path) -> None:
    settings = Settings.load(data_dir=tmp_path)
    store = open_store(settings)
    try:
        iri = term_iri("guardterm", store.base)
        apply_description(store, settings.queries_dir, iri, _description(iri, "첫 번째"), 1)
        apply_description(store, settings.queries_dir, iri, _description(iri, "두 번째"), 2)
        # change 1 again (a resend, or the first request arriving after change 2): nothing happens
        apply_description(store, settings.queries_dir, iri, _description(iri, "첫 번째"), 1)
        definitions = {str(o) for o in describe(store, settings.queries_dir, iri).objects(iri, SKOS.definition)}
        assert definitions == {"두 번째"}
        assert applied_state(store)[0] == 2
        # and the same change twice leaves one copy
        apply_description(store, settings.queries_dir, iri, _description(iri, "세 번째"), 3)
        apply_description(store, settings.queries_dir, iri, _description(iri, "세 번째"), 3)
        assert len(describe(store, settings.queries_dir, iri)) == 1
    finally:
        store.close()
