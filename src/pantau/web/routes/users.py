"""Pengguna: accounts and roles (admin only). Every change goes to the audit log."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import desc, select

from pantau.errors import PantauError
from pantau.store.tables import AuditLog, Unit
from pantau.vocab import Role
from pantau.web import accounts
from pantau.web.deps import Admin, DbSession
from pantau.web.formatting import waktu
from pantau.web.render import ROLE_LABELS_ID, render

router = APIRouter(tags=["Pengguna"])


@router.get("/pengguna", name="users")
@router.get("/pengguna.json", name="users_json")
def users_page(request: Request, session: DbSession, user: Admin) -> Response:
    units = {u.id: u.name for u in session.scalars(select(Unit).order_by(Unit.name))}
    context = {
        "active": "pengguna",
        "users": [
            {
                "id": u.id,
                "username": u.username,
                "full_name": u.full_name,
                "role": u.role,
                "role_label": ROLE_LABELS_ID.get(u.role, u.role),
                "unit": units.get(u.unit_id or 0),
                "province": u.province,
                "active": u.active,
            }
            for u in accounts.list_users(session)
        ],
        "roles": {r.value: ROLE_LABELS_ID[r.value] for r in Role},
        "units": [{"id": k, "name": v} for k, v in units.items()],
        "provinces": sorted(set(session.scalars(select(Unit.province).distinct()))),
        "audit": [
            {"actor": a.actor, "action": a.action, "target": a.target, "when": waktu(a.created_at)}
            for a in session.scalars(select(AuditLog).order_by(desc(AuditLog.id)).limit(30))
        ],
        "notice": request.query_params.get("pesan"),
        "error": request.query_params.get("galat"),
    }
    return render(request, "users.html", context)


@router.post("/pengguna", name="user_add")
def user_add(
    session: DbSession,
    user: Admin,
    username: Annotated[str, Form(max_length=100)],
    role: Annotated[str, Form(max_length=20)],
    password: Annotated[str, Form(max_length=500)],
    full_name: Annotated[str, Form(max_length=200)] = "",
    unit: Annotated[str, Form(max_length=20)] = "",
    province: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        accounts.create_user(
            session,
            username=username,
            role=role,
            password=password,
            actor=user.username,
            unit=unit or None,
            province=province or None,
            full_name=full_name,
        )
    except PantauError as exc:
        return _back(galat=str(exc))
    return _back(pesan=f"Akun {username} dibuat.")


@router.post("/pengguna/{username}/peran", name="user_role")
def user_role(
    username: str,
    session: DbSession,
    user: Admin,
    role: Annotated[str, Form(max_length=20)],
    unit: Annotated[str, Form(max_length=20)] = "",
    province: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    try:
        accounts.set_role(
            session,
            username=username,
            role=role,
            actor=user.username,
            unit=unit or None,
            province=province or None,
        )
    except PantauError as exc:
        return _back(galat=str(exc))
    return _back(pesan=f"Peran {username} diubah.")


@router.post("/pengguna/{username}/status", name="user_active")
def user_active(
    username: str,
    session: DbSession,
    user: Admin,
    active: Annotated[str, Form(max_length=5)],
) -> Response:
    try:
        accounts.set_active(session, username=username, active=active == "1", actor=user.username)
    except PantauError as exc:
        return _back(galat=str(exc))
    return _back(pesan=f"Status {username} diubah.")


def _back(**message: str) -> Response:
    return RedirectResponse("/pengguna?" + urlencode(message), status_code=303)
