"""Web pages for translators and editors (issue #7): home, browse, term, SPARQL, and the static files.

Handlers gather data from services and render templates (``api/templates``); the results and
annotate pages live in :mod:`api.web.tool_pages`.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, Response

from api.deps import LookupDep, StoreDep
from api.lookup.index import LookupIndex
from api.lookup.results import suggestions_json
from api.record_cache import records_of
from api.store import TermStore
from api.web import browse, collation, term_view, tool_pages, validate_page
from api.web.render import page

router = APIRouter(include_in_schema=False)
router.include_router(tool_pages.router)
router.include_router(validate_page.router)
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_FILES = {p.name: p for p in STATIC_DIR.iterdir() if p.is_file()}  # a fixed set: no path from the request
EXAMPLE_SLUGS = ("sanqusanxian", "qiyou", "wuxing", "sanchengyiqu")
INDEX_PAGE = 200  # rows per index page (a letter of a large graph holds thousands)


def _queries(request: Request) -> dict:
    return request.app.state.queries


def _web_catalogue(request: Request) -> browse.Catalogue:
    state = request.app.state
    if not hasattr(state, "web_catalogue"):
        state.web_catalogue = browse.Catalogue()
    return state.web_catalogue


def _catalogue(request: Request, store: TermStore) -> tuple[list[browse.Entry], list[browse.Topic]]:
    """Every term's entry and the topics, cached on the app per store version."""
    return _web_catalogue(request).get(store, _queries(request))


def not_found(request: Request, key: str, suggestions: list[dict[str, object]] | None = None,
              **values: object) -> Response:
    """The HTML 404 page with the message ``key`` of the catalogue, formatted with ``values``, and ``suggestions``."""
    context = {"status": 404, "message_key": key, "values": values, "suggestions": suggestions or []}
    return page(request, "error.html", context, status=404)


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    """One of the files under ``api/static`` (CSS, JS, images)."""
    path = STATIC_FILES.get(name)
    if path is None:
        raise HTTPException(404, f"no static file {name!r}")
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media, headers={"Cache-Control": "public, max-age=3600"})


@router.get("/")
def home(request: Request, index: LookupDep) -> Response:
    """The home page: search box, counts and entry points.

    Everything comes from the lookup index, not the store: the home page stays fast at any size and right after
    a write (the index follows writes; the browse catalogue would re-read every term).
    """
    concepts = list(index.concepts.values())
    counts = [
        ("terms", len(concepts)),
        ("numbered", sum(bool(c.groups) for c in concepts)),
        ("components", sum(1 for slug in index.parents if slug in index.concepts)),
        ("named", sum(c.kind == "named-entity" for c in concepts)),
    ]
    examples = [browse.entry_of(index.concepts[s]) for s in EXAMPLE_SLUGS if s in index.concepts]
    return page(request, "home.html", {"nav": "home", "counts": counts, "examples": examples})


@router.get("/browse")
def browse_home(request: Request, store: StoreDep) -> Response:
    """Browse: the policy areas, and the ways in (numbered formulations, 초성, pinyin)."""
    return page(request, "browse.html", {"nav": "browse", "topics": _catalogue(request, store)[1]})


@router.get("/browse/topic/{topic_id}")
def browse_topic(request: Request, topic_id: str, store: StoreDep) -> Response:
    """The terms of one policy area, in Korean order."""
    terms, topics = _catalogue(request, store)
    topic = next((tp for tp in topics if tp.id == topic_id), None)
    if topic is None:
        return not_found(request, "error.no_topic", id=topic_id)
    rows = sorted((e for e in terms if topic_id in e.topics), key=lambda e: collation.korean_key(e.ko or e.zh_hans or ""))
    return page(request, "browse_topic.html", {"nav": "browse", "topic": topic, "rows": rows})


@router.get("/browse/numbered")
def browse_numbered(request: Request, store: StoreDep) -> Response:
    """Numbered formulations (七有, 三区三线 …) with their numeral groups, in pinyin order."""
    rows = [e for e in _catalogue(request, store)[0] if e.numbered]
    rows.sort(key=lambda e: collation.pinyin_key(e.pinyin or ""))
    return page(request, "browse_numbered.html", {"nav": "browse", "rows": rows})


def _index_page(request: Request, index: dict[str, list[browse.Entry]], selected: str | None, page_no: int,
                **context: str) -> Response:
    if selected is not None and selected not in index:
        return not_found(request, "error.no_letter", letter=selected)
    if selected is None:  # the first tab that has terms
        selected = next((k for k, rows in index.items() if rows), None)
    letters = [(k, len(rows)) for k, rows in index.items()]
    rows = index.get(selected, []) if selected else []
    pages = max(1, -(-len(rows) // INDEX_PAGE))
    if not 1 <= page_no <= pages:
        return not_found(request, "error.no_page", page=page_no)
    shown = rows[(page_no - 1) * INDEX_PAGE:page_no * INDEX_PAGE]
    return page(request, "browse_index.html", {"nav": "browse", "letters": letters, "selected": selected,
                                               "rows": shown, "page_no": page_no, "pages": pages, **context})


@router.get("/browse/ko")
def browse_korean(request: Request, store: StoreDep, initial: str | None = None, page: int = 1) -> Response:
    """Index by the initial consonant (초성) of the Korean form."""
    index = browse.korean_index(_catalogue(request, store)[0])
    return _index_page(request, index, initial, page, heading="browse.ko", param="initial", letter_lang="ko",
                       collation_note="browse.sorted_ko")


@router.get("/browse/pinyin")
def browse_pinyin(request: Request, store: StoreDep, letter: str | None = None, page: int = 1) -> Response:
    """Index by the first letter of the pinyin, A–Z."""
    index = browse.pinyin_index(_catalogue(request, store)[0])
    return _index_page(request, index, letter.upper() if letter else None, page, heading="browse.pinyin",
                       param="letter", letter_lang="en", collation_note="browse.sorted_pinyin")


# (label, media type, file extension, query forms it serves: "table" = SELECT/ASK, "graph" = CONSTRUCT/DESCRIBE)
RESULT_FORMATS = (
    ("JSON", "application/sparql-results+json", "srj", "table"),
    ("XML", "application/sparql-results+xml", "srx", "table"),
    ("CSV", "text/csv", "csv", "table"),
    ("TSV", "text/tab-separated-values", "tsv", "table"),
    ("Turtle", "text/turtle", "ttl", "graph"),
    ("N-Triples", "application/n-triples", "nt", "graph"),
    ("JSON-LD", "application/ld+json", "jsonld", "graph"),
    ("RDF/XML", "application/rdf+xml", "rdf", "graph"),
)


@router.get("/query")
def query_page(request: Request, example: str | None = None) -> Response:
    """The SPARQL page: an editor, the named queries of ``queries/`` as examples, results as a table."""
    named = _queries(request)
    if example is not None and example not in named:
        return not_found(request, "error.no_query", name=example)
    chosen = example or next(iter(named), None)
    text = named[chosen].text if chosen else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    examples = sorted(named.values(), key=lambda q: q.name)
    return page(request, "query.html", {"nav": "query", "examples": examples, "selected": chosen,
                                        "query_text": text, "formats": RESULT_FORMATS})


def render_term(request: Request, store: StoreDep, slug: str, index: LookupIndex) -> Response:
    """The HTML term page of ``slug``, or a 404 page suggesting the terms the lookup finds for ``slug``.

    The content-negotiating ``/term/{id}`` route (:mod:`api.routers.terms`) calls this for ``text/html``;
    ``slug`` may be any text there (a mistyped id, a Korean or Chinese form), which is what is looked up.
    """
    view = term_view.load(store, _queries(request), slug, _web_catalogue(request).topic_list(store, _queries(request)),
                          records_of(request.app.state))
    if view is None:
        return not_found(request, "error.no_term", suggestions_json(index, slug, store.base), id=slug)
    return page(request, "term.html", {"nav": "browse", "view": view})
