"""``tifa lookup QUERY``: find a term from any of its forms (the lookup index of ``GET /api/terms``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager

from api.lookup.index import LookupIndex
from api.store import TermStore


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``lookup`` subcommand."""
    p = sub.add_parser("lookup", help="find a term from any form: Hangul, 中文, pinyin, romanisation, English")
    p.add_argument("query", help="the form to look up, e.g. '3구 3선', 三區三線, sanqusanxian")
    p.add_argument("--json", action="store_true", help="print the JSON of GET /api/terms")
    p.add_argument("--limit", type=int, default=10, help="at most this many rows (default 10)")
    p.add_argument("--lang", help="only forms in this language (ko, zh, zh-Hans, zh-Hant, pinyin, ko-Latn, en)")
    p.set_defaults(func=run)


@contextmanager
def opened_index(args: argparse.Namespace) -> Iterator[tuple[TermStore, LookupIndex]]:
    """The store of the configured data folder and its lookup index (kept in the data folder between runs)."""
    from api.cli import settings_from_args
    from api.lookup.store_index import load_or_build
    from api.queries import load_queries
    from api.store import open_store

    settings = settings_from_args(args)
    store = open_store(settings)
    try:
        yield store, load_or_build(store, settings, load_queries(settings.queries_dir))
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    """Look the query up and print a table (or JSON); exit 1 when nothing matched, 2 for bad input."""
    from api.cli import EXIT_INPUT
    from api.lookup.results import search_json
    from api.lookup.search import LANG_FILTERS, Searcher

    query = args.query
    if not query.strip() or len(query) > 200 or not 1 <= args.limit <= 100:
        print("tifa lookup: give a query of 1–200 characters and --limit between 1 and 100")
        return EXIT_INPUT
    if args.lang and args.lang not in LANG_FILTERS:
        print(f"tifa lookup: unknown --lang {args.lang!r}; use one of {', '.join(LANG_FILTERS)}")
        return EXIT_INPUT
    with opened_index(args) as (store, index):
        normalized, hits = Searcher(index).search(query, args.lang, args.limit)
        body = search_json(query, normalized, hits, index, store.base)
    if args.json:
        print(json.dumps(body, ensure_ascii=False, indent=1))
        return 0 if hits else 1
    print(f"query: {query}   normalised: {normalized}   {len(hits)} result(s)")
    for i, row in enumerate(body["results"], start=1):  # type: ignore[union-attr]
        m = row["match"]
        parents = "; ".join(f"{p['zh_hans'] or p['id']} {p['position']}/{p['of']}" for p in row["parents"])
        print(f"{i:>2}. {row['id']}  {row['ko'] or '-'} | {row['zh_hans'] or '-'} | {row['pinyin'] or '-'}"
              f"  [{m['kind']} {m['score']} on {m['lang']} {m['form']!r}{' via ' + m['via'] if 'via' in m else ''}]"
              + (f"  part of: {parents}" if parents else ""))
        if row["definition"]:
            print(f"    {row['definition']}")
    return 0 if hits else 1
