"""Login and logout."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import unquote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from pantau.store.tables import AuditLog
from pantau.web.auth import authenticate
from pantau.web.deps import DbSession, login_session, optional_user
from pantau.web.render import render

router = APIRouter(include_in_schema=False)


def _next_path(value: str | None) -> str:
    """Only local paths: an open redirect would help phishing."""
    target = unquote(value or "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/masuk")
def login_page(request: Request, session: DbSession, next: str | None = None) -> Response:
    if optional_user(request, session) is not None:
        return RedirectResponse(_next_path(next), status_code=303)
    return render(request, "login.html", {"next": _next_path(next), "error": None})


@router.post("/masuk")
def login(
    request: Request,
    session: DbSession,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=500)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    throttle = request.app.state.throttle
    ip = request.client.host if request.client else "-"
    wait = throttle.retry_after(username, ip)
    if wait:
        minutes = (wait + 59) // 60
        error = f"Terlalu banyak percobaan masuk. Coba lagi dalam {minutes} menit."
        return render(request, "login.html", {"next": next, "error": error}, status_code=429)
    user = authenticate(session, username=username.strip(), password=password)
    if user is None:
        throttle.failed(username, ip)
        error = "Nama pengguna atau kata sandi salah."
        return render(request, "login.html", {"next": next, "error": error}, status_code=401)
    throttle.succeeded(username, ip)
    login_session(request, user)
    session.add(AuditLog(actor=user.username, action="login", target=f"user:{user.id}"))
    return RedirectResponse(_next_path(next), status_code=303)


@router.post("/keluar")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/masuk", status_code=303)
