"""Dashboard pages of the alerts area: the list, one alert (why, items, deliveries), ack.

Every page has a ``.json`` twin; everything is limited to the user's scope.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from pantau.alerts.service import acknowledge, alert_items, get_alert, list_alerts
from pantau.alerts.severity import LEVEL_LABELS_ID
from pantau.alerts.tables import Alert, Delivery, WatchKeyword
from pantau.cases.tables import Case
from pantau.errors import NotFound
from pantau.store.tables import Unit, User
from pantau.vocab import Role
from pantau.web.deps import CurrentUser, DbSession, UserScope, Writer, require_role
from pantau.web.render import render

router = APIRouter(tags=["Peringatan"])
# Watched keywords apply nationally, so only admin and pusat manage them.
Manager = Annotated[User, Depends(require_role(Role.ADMIN, Role.PUSAT))]
STATUS_LABELS_ID = {"open": "Belum diakui", "acknowledged": "Sudah diakui"}
DELIVERY_LABELS_ID = {
    "sent": "Terkirim",
    "failed": "Gagal",
    "held": "Ditahan (jam tenang)",
    "limited": "Dibatasi",
}


def alert_dict(alert: Alert, unit_names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": alert.id,
        "key": alert.key,
        "kind": alert.kind,
        "level": alert.level,
        "level_label": LEVEL_LABELS_ID.get(alert.level, str(alert.level)),
        "status": alert.status,
        "status_label": STATUS_LABELS_ID.get(alert.status, alert.status),
        "title": alert.title,
        "reason": alert.reason,
        "reasons": alert.reasons,
        "unit_id": alert.unit_id,
        "unit": unit_names.get(alert.unit_id) if alert.unit_id else None,
        "province": alert.province,
        "category": alert.category,
        "first_fired_at": alert.first_fired_at,
        "last_fired_at": alert.last_fired_at,
        "fire_count": alert.fire_count,
        "escalation_step": alert.escalation_step,
        "acknowledged_at": alert.acknowledged_at,
        "acknowledged_by": alert.acknowledged_by,
        "items": len(alert.items),
    }


def _unit_names(session: Any, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(wanted))).all())


@router.get("/peringatan", name="alerts")
@router.get("/peringatan.json", name="alerts_json")
def alerts_page(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    status: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    alerts = list_alerts(session=session, scope=scope, status=status or None, limit=200)
    names = _unit_names(session, {a.unit_id for a in alerts})
    context = {
        "active": "peringatan",
        "status": status,
        "statuses": STATUS_LABELS_ID,
        "alerts": [alert_dict(a, names) for a in alerts],
    }
    return render(request, "alerts/list.html", context)


@router.get("/peringatan/kata-kunci", name="watch_keywords")
@router.get("/peringatan/kata-kunci.json", name="watch_keywords_json")
def keywords_page(request: Request, session: DbSession, user: Manager) -> Response:
    rows = session.scalars(select(WatchKeyword).order_by(WatchKeyword.phrase)).all()
    context = {
        "active": "peringatan",
        "keywords": [
            {
                "id": k.id,
                "phrase": k.phrase,
                "level": k.level,
                "active": k.active,
                "created_by": k.created_by,
            }
            for k in rows
        ],
    }
    return render(request, "alerts/keywords.html", context)


@router.post("/peringatan/kata-kunci", name="watch_keyword_add")
def keyword_add(
    session: DbSession,
    user: Manager,
    phrase: Annotated[str, Form(min_length=2, max_length=200)],
    level: Annotated[int, Form(ge=1, le=3)] = 1,
) -> RedirectResponse:
    clean = " ".join(phrase.split())
    row = session.scalars(select(WatchKeyword).where(WatchKeyword.phrase == clean)).first()
    if row is None:
        row = WatchKeyword(phrase=clean, level=level, created_by=user.username)
        session.add(row)
    row.active, row.level = True, level
    return RedirectResponse("/peringatan/kata-kunci", status_code=303)


@router.post("/peringatan/kata-kunci/{keyword_id}/nonaktif", name="watch_keyword_off")
def keyword_off(session: DbSession, user: Manager, keyword_id: int) -> RedirectResponse:
    row = session.get(WatchKeyword, keyword_id)
    if row is None:
        raise HTTPException(status_code=404, detail="Kata kunci tidak ditemukan.")
    row.active = False
    return RedirectResponse("/peringatan/kata-kunci", status_code=303)


@router.get("/peringatan/{alert_id}", name="alert")
@router.get("/peringatan/{alert_id}.json", name="alert_json")
def alert_page(
    request: Request, session: DbSession, user: CurrentUser, scope: UserScope, alert_id: int
) -> Response:
    try:
        alert = get_alert(session=session, alert_id=alert_id, scope=scope)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    names = _unit_names(session, {alert.unit_id})
    deliveries = session.scalars(
        select(Delivery).where(Delivery.alert_id == alert.id).order_by(Delivery.id)
    ).all()
    cases = session.scalars(select(Case).where(Case.alert_id == alert.id)).all()
    context = {
        "active": "peringatan",
        "alert": alert_dict(alert, names),
        "items": [
            {
                "id": i.id,
                "title": i.title,
                "outlet": o,
                "url": i.url,
                "published_at": i.published_at,
            }
            for i, o in alert_items(session, alert, limit=200)
        ],
        "deliveries": [
            {
                "channel": d.channel,
                "recipient": d.recipient,
                "purpose": d.purpose,
                "status": d.status,
                "status_label": DELIVERY_LABELS_ID.get(d.status, d.status),
                "attempts": d.attempts,
                "error": d.error,
                "created_at": d.created_at,
            }
            for d in deliveries
        ],
        "cases": [{"id": c.id, "title": c.title, "state": c.state} for c in cases],
    }
    return render(request, "alerts/detail.html", context)


@router.post("/peringatan/{alert_id}/akui", name="alert_ack")
def alert_ack(
    session: DbSession, user: Writer, scope: UserScope, alert_id: int
) -> RedirectResponse:
    try:
        get_alert(session=session, alert_id=alert_id, scope=scope)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    acknowledge(session=session, alert_id=alert_id, actor=user.username, now=datetime.now(UTC))
    return RedirectResponse(f"/peringatan/{alert_id}", status_code=303)
