"""The dashboard and JSON API: ``create_app(settings)`` builds everything, nothing at import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, event
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from pantau.settings import Settings
from pantau.store.db import engine_from_settings, make_sessionmaker
from pantau.web import auth
from pantau.web.assets import STATIC_DIR, missing_assets
from pantau.web.deps import LoginRequired, csrf_protect
from pantau.web.pagecache import TTLCache
from pantau.web.render import is_htmx, make_templates, render, wants_json
from pantau.web.routes import (
    alerts,
    api,
    cases,
    items,
    overview,
    reports,
    sources,
    surveys,
    units,
    users,
)
from pantau.web.routes import auth as auth_routes

log = logging.getLogger(__name__)

# Routers of the areas other parts of Pantau own; included as they are.
AREA_ROUTERS = (alerts.router, cases.router, reports.router, surveys.router)


#: Threads running the (sync) route handlers. anyio's default of 40 lets 20 busy requests
#: fight over the GIL and overflow the connection pool (5 kept, the rest opened and closed
#: per request, each with a cold page cache). Two threads per process measured best at
#: 20 clients on 2 cores (docs/web.md); a slow first overview still leaves one free.
HANDLER_THREADS = 2


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = HANDLER_THREADS
    yield


def create_app(settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    """Build the dashboard over ``engine`` (default: the settings' database, migrated)."""
    app = FastAPI(
        lifespan=_lifespan,
        title="Pantau",
        version="0.1.0",
        description="Pemantauan media Pemasyarakatan: dasbor dan API JSON (/api/v1).",
        dependencies=[Depends(csrf_protect)],
    )
    app.state.settings = settings
    app.state.engine = engine or engine_from_settings(settings)
    app.state.sessions = make_sessionmaker(app.state.engine)
    app.state.templates = make_templates()
    app.state.throttle = auth.LoginThrottle()
    app.state.overview_cache = TTLCache()
    app.state.options_cache = TTLCache(size=256, ttl=120.0)
    app.state.page_cache = TTLCache(size=1024, ttl=120.0)
    app.add_middleware(
        SessionMiddleware,
        secret_key=auth.session_secret(settings),
        session_cookie=auth.SESSION_COOKIE,
        max_age=auth.SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.web.secure_cookies,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Pages stay out of the OpenAPI document; /api/v1 is the documented interface.
    for router in (
        auth_routes.router,
        overview.router,
        items.router,
        units.router,
        sources.router,
        users.router,
    ):
        app.include_router(router, include_in_schema=False)
    app.include_router(api.router)
    for router in AREA_ROUTERS:
        app.include_router(router)
    _install_handlers(app)
    _optimise(app.state.engine)
    if missing := missing_assets():
        log.warning(
            "Aset tampilan belum terpasang (%s): jalankan `make assets`", ", ".join(missing)
        )
    return app


def _reader_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The dashboard reads wide ranges: memory-mapped reads and a larger page cache per
    # connection keep a million-item database's hot indexes in memory.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _optimise(engine: Engine) -> None:
    """Give SQLite's planner table statistics (bounded work), so period filters drive
    the queries instead of the low-selectivity ``relevant`` index."""
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _reader_pragmas)
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA analysis_limit=1000")
        conn.exec_driver_sql("PRAGMA optimize=0x10002")


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": "Silakan masuk terlebih dahulu."}, status_code=401)
        target = "/masuk?next=" + _safe_next(request)
        if is_htmx(request):
            return Response(status_code=401, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request) or is_htmx(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        message = exc.detail if exc.status_code != 404 else "Halaman tidak ditemukan."
        return render(
            request,
            "error.html",
            {"status": exc.status_code, "message": message},
            status_code=exc.status_code,
        )

    @app.get("/sehat", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    _ = HTTPException  # FastAPI's subclass is handled by the Starlette handler above


def _safe_next(request: Request) -> str:
    from urllib.parse import quote

    path = request.url.path
    if request.url.query:
        path += "?" + request.url.query
    return quote(path, safe="")


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory``: settings from the environment, database migrated."""
    from pantau.settings import load_settings
    from pantau.store.migrate import upgrade

    settings = load_settings()
    engine = engine_from_settings(settings)
    upgrade(engine)
    return create_app(settings, engine=engine)
