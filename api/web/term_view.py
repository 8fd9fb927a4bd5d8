"""What the term page shows: the term record (:func:`api.records.load_record`) and the topics it belongs to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import groupby

from api.model import Label, Term
from api.queries import NamedQuery
from api.record_cache import RecordCache
from api.records import ComponentRef, TermRecord, load_record
from api.store import TermStore
from api.web import browse

# the order of forms in the term page's table; other tags follow
FORM_ORDER = ("ko", "zh-Hans", "zh-Hant", "zh-Latn-pinyin", "ko-Latn", "en")


@dataclass
class TermView:
    """The term page's data: the record and the topics (policy areas) of the term."""

    record: TermRecord
    topics: list[browse.Topic] = field(default_factory=list)

    @property
    def term(self) -> Term:
        """The term itself."""
        return self.record.term

    @property
    def forms(self) -> list[Label]:
        """Every label, in the table's language order, preferred first within a language."""
        rank = {lang: i for i, lang in enumerate(FORM_ORDER)}
        return sorted(self.term.labels, key=lambda lb: (rank.get(lb.lang, len(rank)), not lb.preferred, lb.form))

    @property
    def reading_row(self) -> str | None:
        """The Sino-Korean reading for its own row, or None when a Korean label already shows that form.

        Readings such as 칠유 are often also recorded as a Korean label (rendering ``sino-korean-reading``);
        the table then lists the form once, in the label's row.
        """
        reading = self.term.sino_korean_reading
        return reading if reading and reading not in self.term.forms("ko") else None

    @property
    def chinese(self) -> Label | None:
        """The preferred simplified Chinese label (its origin is the term's provenance)."""
        return self.term.pref_label("zh-Hans")

    @property
    def korean_forms(self) -> list[str]:
        """Korean forms, longest first (to highlight the longest one a sentence contains)."""
        return sorted(self.term.forms("ko"), key=len, reverse=True)

    @property
    def groups(self) -> list[tuple[int, int, str, list[ComponentRef]]]:
        """``(index, numeral, unit, components in order)`` per numeral group."""
        out = []
        for index, refs in groupby(self.record.components, key=lambda c: c.group):
            members = sorted(refs, key=lambda c: c.position)
            out.append((index, members[0].numeral, members[0].unit, members))
        return out


def load(store: TermStore, queries: Mapping[str, NamedQuery], slug: str,
         topics: list[browse.Topic], records: RecordCache | None = None) -> TermView | None:
    """The term page's data for ``slug`` (``topics``: every topic, to name the term's), or None when there is none.

    ``records``: the app's cache of records per store version (without it the store is read).
    """
    record = records.get(store, queries, slug) if records is not None else load_record(store, queries, slug)
    if record is None:
        return None
    by_id = {tp.id: tp for tp in topics}
    return TermView(record, [by_id[t] for t in record.term.topics if t in by_id])
