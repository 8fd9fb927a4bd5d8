"""Everything the term page shows about one term, gathered from the store through named queries.

The term itself is read with :func:`api.model.from_graph` from its description
(``describe_term.rq``); components, parents and related terms come with their headline forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from api.model import Group, Label, Term, from_graph, term_iri
from api.queries import NamedQuery
from api.store import TermStore
from api.web import browse

# the order of forms in the term page's table; other tags follow
FORM_ORDER = ("ko", "zh-Hans", "zh-Hant", "zh-Latn-pinyin", "ko-Latn", "en")


@dataclass
class Parent:
    """A numbered formulation this term is a component of, and where."""

    entry: browse.Entry
    group: int
    position: int
    total: int


@dataclass
class TermView:
    """The term page's data."""

    term: Term
    iri: str
    headline: browse.Entry
    components: list[tuple[Group, list[browse.Entry]]] = field(default_factory=list)
    parents: list[Parent] = field(default_factory=list)
    related: list[browse.Entry] = field(default_factory=list)
    topics: list[browse.Topic] = field(default_factory=list)

    @property
    def forms(self) -> list[Label]:
        """Every label, in the table's language order, preferred first within a language."""
        rank = {lang: i for i, lang in enumerate(FORM_ORDER)}
        return sorted(self.term.labels, key=lambda lb: (rank.get(lb.lang, len(rank)), not lb.preferred, lb.form))

    @property
    def chinese(self) -> Label | None:
        """The preferred simplified Chinese label (its origin is the term's provenance)."""
        return self.term.pref_label("zh-Hans")

    @property
    def korean_forms(self) -> list[str]:
        """Korean forms, longest first (to highlight the longest one a sentence contains)."""
        return sorted(self.term.forms("ko"), key=len, reverse=True)


def _headline(store: TermStore, queries: Mapping[str, NamedQuery], slug: str) -> browse.Entry:
    return browse.entry(store, queries, slug) or browse.Entry(slug=slug, status="missing")


def load(store: TermStore, queries: Mapping[str, NamedQuery], slug: str,
         topics: list[browse.Topic]) -> TermView | None:
    """The term page's data for ``slug`` (``topics``: every topic, to name the term's), or None when there is none."""
    headline = browse.entry(store, queries, slug)
    if headline is None:
        return None
    iri = term_iri(slug, store.base)
    term = from_graph(store.construct(queries["describe_term"].text, {"term": iri}), iri, store.base)
    for label in term.labels:
        label.lang = browse.lang_tag(label.lang)
    term.definitions = {browse.lang_tag(k): v for k, v in term.definitions.items()}
    term.scope_notes = {browse.lang_tag(k): v for k, v in term.scope_notes.items()}
    view = TermView(term=term, iri=str(iri), headline=headline)
    view.components = [(g, [_headline(store, queries, c) for c in g.components]) for g in term.groups]
    for row in store.select(queries["term_parents"].text, {"term": iri}):
        parent_slug = str(row["parent"]).rsplit("/", 1)[-1]
        view.parents.append(Parent(_headline(store, queries, parent_slug), int(row["index"]),
                                   int(row["position"]), int(row["numeral"])))
    view.related = [_headline(store, queries, s) for s in term.related]
    by_id = {tp.id: tp for tp in topics}
    view.topics = [by_id[t] for t in term.topics if t in by_id]
    return view
