"""``/sparql`` (SPARQL 1.1 Protocol, read-only), ``/.well-known/void`` and the named queries ``/api/queries``."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from api.deps import SettingsDep, StoreDep
from api.routers.openapi_doc import DETAIL, TEXT, content, error, request_body, text_error
from api.services.sparql_describe import service_description, void_description
from api.services.sparql_results import GRAPH_FORMATS, RESULT_FORMATS
from api.services.sparql_service import Answer, Dataset, SparqlError, execute, negotiate

router = APIRouter()

CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "86400"}
Multi = Annotated[list[str] | None, Query()]

ANSWER = {"description": "the answer: SPARQL results, or a graph for CONSTRUCT and DESCRIBE",
          "content": content(f.media_type for f in (*RESULT_FORMATS, *GRAPH_FORMATS))}
GRAPH_ANSWER = {"description": "an RDF graph", "content": content(("text/turtle", "application/ld+json",
                                                                   "application/n-triples"))}
QUERY_ERRORS: dict[int | str, dict[str, object]] = {
    400: text_error("no query, a syntax error (line and column), or a query the store could not evaluate"),
    403: text_error("SPARQL Update or SERVICE: the endpoint is read-only and makes no outbound requests"),
    406: text_error("no acceptable format for this query"),
    413: text_error("the query or body is over the limit"),
    503: text_error("the query ran out of time or the store is unavailable (Retry-After)"),
}
POST_BODY = request_body({
    "application/sparql-query": TEXT,
    "application/x-www-form-urlencoded": {"type": "object", "properties": {
        "query": TEXT, "default-graph-uri": TEXT, "named-graph-uri": TEXT, "format": TEXT}},
})


def _error(exc: SparqlError) -> Response:
    return Response(exc.message + "\n", status_code=exc.status, media_type="text/plain; charset=utf-8",
                    headers={**CORS, **exc.headers})


def _answer(answer: Answer) -> Response:
    headers = {**CORS, "X-Tifa-Cache": "hit" if answer.cached else "miss"}
    if answer.truncated:
        headers["X-Tifa-Truncated"] = "true"
    media = answer.media_type + ("; charset=utf-8" if answer.media_type.startswith("text/") else "")
    return Response(answer.body, media_type=media, headers={**headers, "Vary": "Accept"})


FORMAT_PARAMS = ("format", "output", "results")  # what Virtuoso, sparqler and SPARQLWrapper send


def _format_param(values: dict[str, list[str]]) -> str | None:
    found = [v for key in FORMAT_PARAMS for v in values.get(key, []) if v]
    return ",".join(found) or None


def _use_cache(request: Request) -> bool:
    """False when the client asks for a fresh evaluation (``Cache-Control: no-cache``)."""
    return "no-cache" not in request.headers.get("cache-control", "").lower()


def _dataset(default: list[str] | None, named: list[str] | None) -> Dataset:
    return Dataset(tuple(default) if default is not None else None, tuple(named) if named is not None else None)


def _graph_response(request: Request, graph: object, format_param: str | None) -> Response:
    try:
        fmt = negotiate(request.headers.get("accept"), format_param, graph=True)
    except SparqlError as exc:
        return _error(exc)
    if fmt.name not in ("ttl", "jsonld", "nt"):
        fmt = negotiate(None, "ttl", graph=True)
    rdflib_format = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}[fmt.name]
    body = graph.serialize(format=rdflib_format)  # type: ignore[attr-defined]
    return Response(body, media_type=fmt.media_type, headers={**CORS, "Vary": "Accept"})


def _param(name: str, description: str, many: bool = False) -> dict[str, object]:
    schema: dict[str, object] = {"type": "array", "items": {"type": "string"}} if many else {"type": "string"}
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


GET_PARAMETERS = [
    _param("query", "the SPARQL query; without it, the SPARQL Service Description"),
    _param("default-graph-uri", "the default graph (repeatable)", many=True),
    _param("named-graph-uri", "a named graph (repeatable)", many=True),
    _param("format", "result format (json, xml, csv, tsv; ttl, jsonld, nt, rdf); overrides Accept"),
]


@router.get("/sparql", tags=["sparql"], openapi_extra={"parameters": GET_PARAMETERS},
            responses={200: ANSWER, **QUERY_ERRORS})
async def sparql_get(request: Request) -> Response:
    """SPARQL 1.1 query by GET; with no ``query``, the SPARQL Service Description.

    ``async`` on purpose: the query runs in a worker process (or on the remote store), and
    waiting on its pipe from the event loop saves a thread hop per request. The parameters are
    read from the query string here (documented by ``GET_PARAMETERS``) rather than declared:
    FastAPI's per-parameter solving cost more than the rest of a cached answer.
    """
    params = request.query_params
    settings = request.app.state.settings
    fmt = _format_param({k: params.getlist(k) for k in FORMAT_PARAMS})
    query = params.get("query")
    if query is None:
        root = str(request.base_url)
        cache = request.app.state.__dict__.setdefault("sd_cache", {})
        if root not in cache:  # the named queries are fixed at start-up, so the description is too
            cache[root] = service_description(root + "sparql", settings.base_uri, request.app.state.queries, root)
        return _graph_response(request, cache[root], fmt)
    default, named = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    try:
        answer = await execute(request.app.state.sparql, settings, query,
                               _dataset(default or None, named or None), request.headers.get("accept"), fmt,
                               _use_cache(request))
    except SparqlError as exc:
        return _error(exc)
    return _answer(answer)


@router.post("/sparql", tags=["sparql"], openapi_extra=POST_BODY,
             responses={200: ANSWER, **QUERY_ERRORS, 415: text_error("a Content-Type other than the protocol's")})
async def sparql_post(request: Request, settings: SettingsDep) -> Response:
    """SPARQL 1.1 query by POST (form-urlencoded or ``application/sparql-query``); updates are refused."""
    try:
        query, dataset, fmt = await _read_post(request)
        answer = await execute(request.app.state.sparql, settings, query, dataset, request.headers.get("accept"), fmt,
                               _use_cache(request))
    except SparqlError as exc:
        return _error(exc)
    return _answer(answer)


async def _read_post(request: Request) -> tuple[str | None, Dataset, str | None]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()  # at most max_body_bytes: api.body_limit answers 413 past it
    url_params = parse_qs(request.url.query, keep_blank_values=True)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SparqlError(400, f"the request body is not UTF-8 (byte {exc.start})") from exc
    if ctype == "application/x-www-form-urlencoded":
        params = parse_qs(text, keep_blank_values=True)
        if "update" in params:
            raise SparqlError(403, "SPARQL Update is not accepted: /sparql is read-only")
        merged = {**url_params, **params}
        query = (params.get("query") or [None])[0]
    elif ctype == "application/sparql-query":
        merged, query = url_params, text
    elif ctype == "application/sparql-update":
        raise SparqlError(403, "SPARQL Update is not accepted: /sparql is read-only")
    else:
        raise SparqlError(415, f"unsupported Content-Type {ctype or '(none)'}; send application/sparql-query or "
                               "application/x-www-form-urlencoded")
    dataset = _dataset(merged.get("default-graph-uri"), merged.get("named-graph-uri"))
    return query, dataset, _format_param(merged)


@router.options("/sparql", include_in_schema=False)
def sparql_preflight() -> Response:
    """CORS preflight: browsers may query from any origin."""
    return Response(status_code=204, headers=CORS)


@router.get("/.well-known/void", tags=["sparql"], responses={200: GRAPH_ANSWER, 406: QUERY_ERRORS[406]})
def void(request: Request, store: StoreDep, format: str | None = None) -> Response:  # noqa: A002
    """VoID description of the dataset (Turtle, JSON-LD or N-Triples by Accept or ``?format=``)."""
    root = str(request.base_url)
    cache = request.app.state.__dict__.setdefault("void_cache", {})
    key = (store.version(), root)
    if key not in cache:
        cache.clear()
        cache[key] = void_description(store, root + "sparql", root)
    return _graph_response(request, cache[key], format)


@router.get("/api/queries", tags=["sparql"])
def list_queries(request: Request) -> list[dict[str, object]]:
    """Every named query: name, summary, form, parameters (name, type, optional) and its URL."""
    root = str(request.base_url)
    return [{"name": q.name, "summary": q.summary, "form": q.form, "url": f"{root}api/queries/{q.name}",
             "params": [{"name": p.name, "type": p.type_text, "optional": p.optional,
                         "languages": list(p.languages)} for p in q.parameters],
             "query": q.text} for q in request.app.state.queries.values()]


@router.get("/api/queries/{name}", tags=["sparql"], responses={
    **QUERY_ERRORS, 200: ANSWER, 404: error("no named query of that name"),
    # a parameter that does not fit (JSON, with the query's parameters) or an error of the query (text)
    400: {"description": "bad parameter or query error",
          "content": {**content(["application/json"], DETAIL), **content(["text/plain"], TEXT)}}})
async def run_query(name: str, request: Request, settings: SettingsDep, format: str | None = None) -> Response:  # noqa: A002
    """Run the named query ``name`` with the request's parameters bound as typed RDF terms."""
    q = request.app.state.queries.get(name)
    if q is None:
        return JSONResponse({"detail": f"no named query {name!r}", "queries": sorted(request.app.state.queries)},
                            status_code=404)
    values = {k: v for k, v in request.query_params.items() if k not in FORMAT_PARAMS}
    try:
        text = q.bound_text(values)
    except ValueError as exc:
        return JSONResponse({"detail": str(exc), "params": [p.name for p in q.parameters]}, status_code=400)
    try:
        answer = await execute(request.app.state.sparql, settings, text, Dataset(), request.headers.get("accept"),
                               _format_param({k: request.query_params.getlist(k) for k in FORMAT_PARAMS}),
                               _use_cache(request))
    except SparqlError as exc:
        return _error(exc)
    return _answer(answer)


