"""One context, three renderings: full page, HTMX fragment, or its ``.json`` twin.

A page handler builds a plain ``context`` dict and calls :func:`render`. Keys starting
with ``_`` are for templates only (ORM rows, forms) and stay out of the JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pantau.vocab import CRISIS_LABELS_ID, TONE_LABELS_ID, TOPIC_LABELS_ID, Role
from pantau.web import formatting
from pantau.web.assets import missing_assets
from pantau.web.auth import CSRF_FIELD, CSRF_HEADER
from pantau.web.deps import can_write, csrf_token

TEMPLATES_DIR = Path(__file__).parent / "templates"

#: The main navigation: (key, label, path, roles that see it or None for all).
NAV: tuple[tuple[str, str, str, frozenset[str] | None], ...] = (
    ("ringkasan", "Ringkasan", "/", None),
    ("berita", "Berita", "/berita", None),
    ("unit", "Unit", "/unit", None),
    ("peringatan", "Peringatan", "/peringatan", None),
    ("kasus", "Kasus", "/kasus", None),
    ("laporan", "Laporan", "/laporan", None),
    ("survei", "Survei", "/survei", None),
    ("sumber", "Sumber", "/sumber", frozenset({Role.ADMIN, Role.PUSAT})),
    ("pengguna", "Pengguna", "/pengguna", frozenset({Role.ADMIN})),
)

ROLE_LABELS_ID = {
    "admin": "Admin",
    "pusat": "Humas Pusat",
    "kanwil": "Humas Kanwil",
    "upt": "Humas UPT",
    "pimpinan": "Pimpinan",
}


class PageEnvironment(Environment):
    """Jinja2 with a faster ``row.key`` for the plain dicts page contexts are made of.

    Jinja tries ``getattr`` first and only then ``row["key"]``; on a dict every such
    lookup raises and catches an AttributeError, a tenth of an overview's render time.
    Names of dict methods (``row.items``) still go the usual way, so templates behave
    exactly as before.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


_DICT_ATTRS = frozenset(dir(dict))


def make_templates() -> Jinja2Templates:
    """The Jinja2 environment: autoescape on for every template, Indonesian filters."""
    env = PageEnvironment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package; no stat() per render
    )
    env.filters.update(
        angka=formatting.angka,
        persen=formatting.persen,
        tanggal=formatting.tanggal,
        waktu=formatting.waktu,
        tone_label=formatting.tone_label,
        crisis_label=formatting.crisis_label,
        topic_label=formatting.topic_label,
    )
    env.globals.update(
        TONE_LABELS=TONE_LABELS_ID,
        CRISIS_LABELS=CRISIS_LABELS_ID,
        TOPIC_LABELS=TOPIC_LABELS_ID,
        ROLE_LABELS=ROLE_LABELS_ID,
        CSRF_FIELD=CSRF_FIELD,
    )
    return Jinja2Templates(env=env)


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json") or request.url.path.startswith("/api/")


def is_htmx(request: Request) -> bool:
    """An HTMX swap (not a boosted full navigation)."""
    return request.headers.get("HX-Request") == "true" and "HX-Boosted" not in request.headers


def nav_for(user: Any) -> list[dict[str, str]]:
    role = getattr(user, "role", None)
    return [
        {"key": key, "label": label, "href": href}
        for key, label, href, roles in NAV
        if roles is None or role in roles
    ]


def page_context(request: Request) -> dict[str, Any]:
    """What every template gets: the user, navigation, CSRF token, asset status."""
    user = getattr(request.state, "user", None)
    token = csrf_token(request)
    return {
        "request": request,
        "user": user,
        "scope_label": getattr(request.state, "scope_label", ""),
        "can_write": can_write(user),
        "nav": nav_for(user),
        "csrf_token": token,
        "hx_headers": {CSRF_HEADER: token},
        "vendor_missing": _vendor_missing(request),
    }


def _vendor_missing(request: Request) -> list[str]:
    # Checked once per app (a stat() per file on every page otherwise); `make assets`
    # is followed by a restart anyway.
    missing: list[str] | None = getattr(request.app.state, "vendor_missing", None)
    if missing is None:
        missing = missing_assets()
        request.app.state.vendor_missing = missing
    return missing


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    fragment: str | None = None,
    status_code: int = 200,
) -> Response:
    """Render ``template`` (or ``fragment`` for HTMX requests), or the JSON of ``context``."""
    if wants_json(request):
        return JSONResponse(to_json(context), status_code=status_code)
    templates: Jinja2Templates = request.app.state.templates
    name = fragment if fragment is not None and is_htmx(request) else template
    full = {**page_context(request), **context}
    response: HTMLResponse = templates.TemplateResponse(
        request, name, full, status_code=status_code
    )
    response.headers["Vary"] = "HX-Request"
    return response


def to_json(context: dict[str, Any]) -> Any:
    return jsonable_encoder({k: v for k, v in context.items() if not k.startswith("_")})
