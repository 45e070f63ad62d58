"""The dashboard and JSON API: ``create_app(settings)`` builds everything, nothing at import."""

from __future__ import annotations

from fastapi import FastAPI

from pantau.settings import Settings
from pantau.web.routes import alerts, cases, reports, surveys


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="Pantau", version="0.1.0")
    app.state.settings = settings
    for module in (alerts, cases, reports, surveys):
        app.include_router(module.router)
    return app
