"""Term lookup (issue #4): normalisation, the in-memory index over every form, and search.

Typical use::

    index = load_or_build(store, settings, queries)   # api.lookup.store_index
    normalized, hits = Searcher(index).search("3구3선")
"""

from api.lookup.index import LookupIndex
from api.lookup.search import Hit, Searcher

__all__ = ["LookupIndex", "Searcher", "Hit"]
