"""The web UI and JSON API over a rasid store (FastAPI + Jinja, right-to-left pages).

``create_app(db_path)`` builds the app; ``rasid serve`` runs it with uvicorn on 127.0.0.1.
Every page has a JSON twin (the same path with ``.json`` or ``?format=json``) and the API under
``/api`` returns the same data; errors are ``{"error": {"code", "message"}}`` everywhere; every
list has ``limit``/``offset`` and says its ``total``.  Templates autoescape; the article is
marked up from escaped pieces (rasid.web.render); a Content-Security-Policy forbids scripts.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasid.errors import RasidError, StoreError
from rasid.search import Filters, SearchError, search, sync_index
from rasid.web import data, render

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
MAX_LIMIT = 500
_STATUS = {data.NotFound: (404, "not_found"), data.BadRequest: (400, "bad_request"),
           SearchError: (400, "bad_query"), StoreError: (503, "store_unavailable")}
_CODES = {404: "not_found", 405: "method_not_allowed", 400: "bad_request", 422: "invalid_parameter"}


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("rasid.web").joinpath(name)))


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_package_dir("templates"))), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(entity_href=render.entity_href, safe_url=render.safe_url, pager_query=_pager_query)
    return env


def _pager_query(query: dict[str, str], offset: int) -> str:
    return urlencode({**query, "offset": offset})


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def create_app(db_path: str | Path) -> FastAPI:
    """The app over the database at ``db_path`` (which must exist; its search index is brought up to date)."""
    db = str(db_path)
    from rasid.store import Store

    with Store(db, create=False) as store:  # migrates, so the search tables exist
        sync_index(store.conn)
    index_lock = threading.Lock()
    env = _templates()
    app = FastAPI(title="rasid", version=_version(),
                  description="Arabic news knowledge base: documents, entities, quotes, search, timeline, stances.")
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")

    @contextmanager
    def reader() -> Iterator[sqlite3.Connection]:
        conn = data.connect(db)
        try:
            yield conn
        finally:
            conn.close()

    def query(read: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """One read on a fresh connection: what every page and its JSON twin share."""
        with reader() as conn:
            return read(conn, *args, **kwargs)

    def ensure_index() -> None:
        """Index documents stored since the server started (another process may be ingesting)."""
        with reader() as conn:
            stale = conn.execute("SELECT 1 FROM documents d LEFT JOIN search_indexed s ON s.doc_id = d.id "
                                 "WHERE s.doc_id IS NULL LIMIT 1").fetchone()
        if stale:
            with index_lock, Store(db, create=False) as store:
                sync_index(store.conn)

    def wants_json(request: Request) -> bool:
        return (request.url.path.startswith("/api/") or request.url.path.endswith(".json")
                or request.query_params.get("format") == "json")

    def respond(request: Request, template: str, payload: dict[str, Any], **extra: Any) -> Response:
        if wants_json(request):
            return JSONResponse(payload)
        html = env.get_template(template).render(data=payload, request_path=request.url.path,
                                                 query=dict(request.query_params), **extra)
        return HTMLResponse(html)

    def strip_json(value: str) -> str:
        return value[:-5] if value.endswith(".json") else value

    # -- errors --------------------------------------------------------------------------------
    def error_response(request: Request, status: int, code: str, message: str) -> Response:
        if wants_json(request):
            return JSONResponse(error_body(code, message), status_code=status)
        html = env.get_template("error.html").render(status=status, code=code, message=message,
                                                     request_path=request.url.path, query={})
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(RasidError)
    async def on_rasid_error(request: Request, err: RasidError) -> Response:
        status, code = next(((s, c) for t, (s, c) in _STATUS.items() if isinstance(err, t)), (500, "error"))
        return error_response(request, status, code, str(err))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, err: StarletteHTTPException) -> Response:
        code = _CODES.get(err.status_code, "error")
        message = "no such page" if err.status_code == 404 else str(err.detail)
        return error_response(request, err.status_code, code, message)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, err: RequestValidationError) -> Response:
        first = err.errors()[0] if err.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path"))
        return error_response(request, 400, "invalid_parameter", f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(sqlite3.Error)
    async def on_sqlite(request: Request, err: sqlite3.Error) -> Response:
        return error_response(request, 500, "database_error", "the database could not answer this request")

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, err: Exception) -> Response:
        return error_response(request, 500, "internal_error", "unexpected error; see the server log")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable) -> Response:
        response = await call_next(request)
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    Limit = Query(20, ge=1, le=MAX_LIMIT, description="items per page")
    Offset = Query(0, ge=0, le=10_000_000, description="items to skip")

    # -- documents -----------------------------------------------------------------------------
    def documents_payload(limit: int, offset: int, source: str | None) -> dict[str, Any]:
        return query(data.list_documents, limit, offset, source)

    @app.get("/api/documents", tags=["documents"])
    def api_documents(limit: int = Limit, offset: int = Offset, source: str | None = None) -> dict:
        return documents_payload(limit, offset, source)

    @app.get("/", include_in_schema=False)
    @app.get("/documents", include_in_schema=False)
    @app.get("/documents.json", include_in_schema=False)
    def page_documents(request: Request, limit: int = Limit, offset: int = Offset,
                       source: str | None = None) -> Response:
        return respond(request, "documents.html", documents_payload(limit, offset, source))

    def document_payload(doc_id: str) -> dict[str, Any]:
        return query(data.get_document, doc_id)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def api_document(doc_id: str) -> dict:
        return document_payload(doc_id)

    @app.get("/documents/{doc_id}", include_in_schema=False)
    def page_document(request: Request, doc_id: str) -> Response:
        doc = document_payload(strip_json(doc_id))
        return respond(request, "document.html", doc, article=render.article_html(doc))

    # -- entities ------------------------------------------------------------------------------
    def entities_payload(limit: int, offset: int, type_: str | None, q: str | None) -> dict[str, Any]:
        return query(data.list_entities, limit, offset, type_, q)

    @app.get("/api/entities", tags=["entities"])
    def api_entities(limit: int = Limit, offset: int = Offset, type: str | None = None,
                     q: str | None = None) -> dict:
        return entities_payload(limit, offset, type, q)

    @app.get("/entities", include_in_schema=False)
    @app.get("/entities.json", include_in_schema=False)
    def page_entities(request: Request, limit: int = Limit, offset: int = Offset, type: str | None = None,
                      q: str | None = None) -> Response:
        return respond(request, "entities.html", entities_payload(limit, offset, type, q))

    def entity_payload(entity_id: str) -> dict[str, Any]:
        return query(data.get_entity, entity_id)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str) -> dict:
        return entity_payload(entity_id)

    @app.get("/entities/{entity_id}", include_in_schema=False)
    def page_entity(request: Request, entity_id: str) -> Response:
        ent = entity_payload(strip_json(entity_id))
        return respond(request, "entity.html", ent, chart=render.bar_chart(ent["mentions_by_date"]))

    # -- quotes --------------------------------------------------------------------------------
    def quotes_payload(limit: int, offset: int, speaker: str | None, text: str | None) -> dict[str, Any]:
        return query(data.quotes, limit, offset, speaker=speaker or None, text=text or None)

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(limit: int = Limit, offset: int = Offset, speaker: str | None = None,
                   text: str | None = None) -> dict:
        return quotes_payload(limit, offset, speaker, text)

    @app.get("/quotes", include_in_schema=False)
    @app.get("/quotes.json", include_in_schema=False)
    def page_quotes(request: Request, limit: int = Limit, offset: int = Offset, speaker: str | None = None,
                    text: str | None = None) -> Response:
        payload = quotes_payload(limit, offset, speaker, text)
        with reader() as conn:
            speakers = conn.execute(
                "SELECT json_extract(a.attrs, '$.speaker') AS s, e.name, COUNT(*) FROM annotations a "
                "LEFT JOIN entities e ON e.id = json_extract(a.attrs, '$.speaker') WHERE a.layer = 'quotes' "
                "AND s IS NOT NULL GROUP BY s ORDER BY COUNT(*) DESC LIMIT 200").fetchall()
        return respond(request, "quotes.html", payload, speakers=speakers)

    # -- search --------------------------------------------------------------------------------
    def search_payload(q: str, limit: int, offset: int, entity: str | None, source: str | None,
                       date_from: str | None, date_to: str | None, has_quote: bool) -> dict[str, Any]:
        if entity:
            data.check_entity_id(entity)
        ensure_index()
        filters = Filters(entity=entity or None, source=source or None, date_from=date_from or None,
                          date_to=date_to or None, has_quote=has_quote)
        with reader() as conn:
            result = search(conn, q, filters, limit=limit, offset=offset)
        return {"query": q, **data.page(result.hits, result.total, limit, offset)}

    @app.get("/api/search", tags=["search"])
    def api_search(q: str = Query(..., min_length=1, max_length=500), limit: int = Limit,
                   offset: int = Offset, entity: str | None = None, source: str | None = None,
                   date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                   has_quote: bool = False) -> dict:
        return search_payload(q, limit, offset, entity, source, date_from, date_to, has_quote)

    @app.get("/search", include_in_schema=False)
    @app.get("/search.json", include_in_schema=False)
    def page_search(request: Request, q: str = Query("", max_length=500), limit: int = Limit,
                    offset: int = Offset, entity: str | None = None, source: str | None = None,
                    date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                    has_quote: bool = False) -> Response:
        if not q.strip():
            payload = {"query": q, **data.page([], 0, limit, offset)}
        else:
            payload = search_payload(q, limit, offset, entity, source, date_from, date_to, has_quote)
        return respond(request, "search.html", payload)

    # -- timeline, network, briefing -----------------------------------------------------------
    def timeline_payload(limit: int, offset: int, date_from: str | None, date_to: str | None) -> dict:
        return query(data.timeline, limit, offset, date_from or None, date_to or None)

    @app.get("/api/timeline", tags=["timeline"])
    def api_timeline(limit: int = Query(100, ge=1, le=MAX_LIMIT), offset: int = Offset,
                     date_from: str | None = Query(None, alias="from"),
                     date_to: str | None = Query(None, alias="to")) -> dict:
        return timeline_payload(limit, offset, date_from, date_to)

    @app.get("/timeline", include_in_schema=False)
    @app.get("/timeline.json", include_in_schema=False)
    def page_timeline(request: Request, limit: int = Query(100, ge=1, le=MAX_LIMIT), offset: int = Offset,
                      date_from: str | None = Query(None, alias="from"),
                      date_to: str | None = Query(None, alias="to")) -> Response:
        return respond(request, "timeline.html", timeline_payload(limit, offset, date_from, date_to))

    def network_payload(limit: int) -> dict[str, Any]:
        return query(data.network, limit)

    @app.get("/api/network", tags=["entities"])
    def api_network(limit: int = Query(30, ge=1, le=100)) -> dict:
        return network_payload(limit)

    @app.get("/network", include_in_schema=False)
    @app.get("/network.json", include_in_schema=False)
    def page_network(request: Request, limit: int = Query(30, ge=1, le=100)) -> Response:
        net = network_payload(limit)
        return respond(request, "network.html", net, graph=render.network_svg(net))

    def briefing_payload() -> dict[str, Any]:
        return query(data.briefing)

    @app.get("/api/briefing", tags=["stances"])
    def api_briefing() -> dict:
        return briefing_payload()

    @app.get("/briefing", include_in_schema=False)
    @app.get("/briefing.json", include_in_schema=False)
    def page_briefing(request: Request) -> Response:
        payload = briefing_payload()
        cells = {(c["actor"], c["proposition"]): c for c in payload["cells"]}
        return respond(request, "briefing.html", payload, cells=cells)

    return app


def _version() -> str:
    from rasid import __version__

    return __version__
