"""JSON API ``/api/v1``: the same services and scope rules as the pages, documented in OpenAPI.

Authentication is the dashboard's session cookie; writes also need the ``X-CSRF-Token``
header (its value is in every page's ``hx-headers`` and in ``GET /api/v1/saya``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from pantau.web.deps import CurrentUser, DbSession, UserScope, Writer, csrf_token, user_scope
from pantau.web.render import ROLE_LABELS_ID
from pantau.web.routes import items, overview, units

router = APIRouter(prefix="/api/v1", tags=["API"])

Days = Annotated[str | None, Query(max_length=4, description="Preset: 7, 30, 90 atau 365 hari")]
Start = Annotated[str | None, Query(max_length=10, description="Tanggal awal YYYY-MM-DD (WIB)")]
End = Annotated[
    str | None, Query(max_length=10, description="Tanggal akhir YYYY-MM-DD (WIB), inklusif")
]


@router.get("/saya", summary="Pengguna yang masuk, perannya, cakupannya, dan token CSRF")
def me(request: Request, user: CurrentUser, scope: UserScope) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "role_label": ROLE_LABELS_ID.get(user.role, user.role),
        "scope": {
            "label": request.state.scope_label,
            "province": scope.province,
            "unit_ids": list(scope.unit_ids) if scope.unit_ids is not None else None,
        },
        "csrf_token": csrf_token(request),
    }


@router.get("/ringkasan", summary="Angka Ringkasan untuk periode dan cakupan pengguna")
def overview_api(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    days: Days = None,
    start: Start = None,
    end: End = None,
) -> Response:
    return overview.overview(request, session, user, scope, days, start, end)


@router.get(
    "/berita",
    summary="Daftar berita terfilter",
    description=(
        "Filter (semua opsional): q (teks), tone, crisis (kategori atau 'any'), topic, unit, "
        "kanwil, province, outlet, channel, story, review=1, mismatch=1, km, speaker; "
        "halaman untuk paginasi; days/start/end untuk periode. Filter hanya mempersempit "
        "cakupan pengguna."
    ),
)
def items_api(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    days: Days = None,
    start: Start = None,
    end: End = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    tone: str | None = None,
    crisis: str | None = None,
    topic: str | None = None,
    unit: int | None = None,
    province: str | None = None,
    outlet: int | None = None,
    halaman: int = 1,
) -> Response:
    return items.items_page(request, session, user, scope)


@router.get("/berita/{item_id}", summary="Satu berita dengan analisis, penjelasan dan cerita")
def item_api(
    request: Request, item_id: int, session: DbSession, user: CurrentUser, scope: UserScope
) -> Response:
    return items.item_page(request, item_id, session, user, scope)


class CorrectionIn(BaseModel):
    field: str = Field(description="tone, crisis_category, topic atau relevant", max_length=30)
    value: str = Field(
        description="Nilai baru (kode codebook; relevant: true/false)", max_length=50
    )
    reason: str = Field("", max_length=1000)


@router.post("/berita/{item_id}/koreksi", summary="Koreksi satu label (bukan pimpinan)")
def correct_api(
    request: Request,
    item_id: int,
    body: CorrectionIn,
    session: DbSession,
    user: Writer,
    scope: UserScope,
) -> dict[str, Any]:
    response = items.correct(
        request, item_id, session, user, scope, body.field, body.value, body.reason
    )
    location = response.headers.get("location", "")
    ok = "pesan=" in location
    return {
        "ok": ok,
        "item_id": item_id,
        "field": body.field,
        "message": items.message_of(location),
    }


@router.get("/unit", summary="Peringkat unit dalam cakupan pengguna")
def units_api(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    urut: str = "items",
    days: Days = None,
    start: Start = None,
    end: End = None,
) -> Response:
    return units.units_page(request, session, user, scope, urut, days, start, end)


@router.get("/unit/{unit_id}", summary="Angka satu unit")
def unit_api(
    request: Request,
    unit_id: int,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    days: Days = None,
    start: Start = None,
    end: End = None,
) -> Response:
    return units.unit_page(request, unit_id, session, user, scope, days, start, end)


@router.get("/kanwil/{province}", summary="Rekap satu Kanwil dan peringkat UPT-nya")
def kanwil_api(
    request: Request,
    province: str,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    days: Days = None,
    start: Start = None,
    end: End = None,
) -> Response:
    return units.kanwil_page(request, province, session, user, scope, days, start, end)


_ = user_scope  # the scope of every endpoint comes from the session user, never from input
