"""Dashboard pages of the cases area: list and open, one case (timeline, actions with
templates, state moves, SLA, evaluation). Every page has a ``.json`` twin; everything
is limited to the user's scope; only writer roles change anything.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.alerts.service import get_alert
from pantau.alerts.severity import LEVEL_LABELS_ID
from pantau.cases.evaluation import Evaluation, evaluate_case
from pantau.cases.service import (
    ACTION_LABELS_ID,
    MEMBER_ROLES_ID,
    add_action,
    add_member,
    get_case,
    list_cases,
    move_case,
    open_case,
    state_label,
    timeline,
)
from pantau.cases.states import STATE_LABELS_ID, TRANSITIONS, CaseState, allowed
from pantau.cases.tables import Case
from pantau.cases.templates import KIND_LABELS_ID, KINDS, draft
from pantau.errors import InvalidTransition, NotFound, RejectedInput
from pantau.store.scope import Scope
from pantau.store.tables import Unit
from pantau.web.deps import CurrentUser, DbSession, UserScope, Writer, unit_in_scope
from pantau.web.render import render

router = APIRouter(tags=["Kasus"])


def case_dict(case: Case, unit_name: str | None) -> dict[str, Any]:
    return {
        "id": case.id,
        "title": case.title,
        "state": case.state,
        "state_label": state_label(case.state),
        "unit_id": case.unit_id,
        "unit": unit_name,
        "province": case.province,
        "category": case.category,
        "level": case.level,
        "level_label": LEVEL_LABELS_ID.get(case.level, str(case.level)),
        "owner": case.owner,
        "alert_id": case.alert_id,
        "opened_at": case.opened_at,
        "first_response_at": case.first_response_at,
        "holding_statement_at": case.holding_statement_at,
        "closed_at": case.closed_at,
        "sla_breaches": case.sla_breaches or [],
        "members": [
            {"username": m.username, "role": m.role}
            for m in sorted(case.members, key=lambda m: (m.role != "owner", m.added_at, m.username))
        ],
    }


def _units_in_scope(session: Session, scope: Scope) -> list[Unit]:
    stmt = select(Unit).where(Unit.active.is_(True)).order_by(Unit.name)
    if scope.unit_ids is not None:
        stmt = stmt.where(Unit.id.in_(scope.unit_ids))
    elif scope.province is not None:
        stmt = stmt.where(Unit.province == scope.province)
    return list(session.scalars(stmt))


def _name(session: Session, unit_id: int | None) -> str | None:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    return unit.name if unit else None


def _found(session: Session, case_id: int, scope: Scope) -> Case:
    try:
        return get_case(session=session, case_id=case_id, scope=scope)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc


@router.get("/kasus", name="cases")
@router.get("/kasus.json", name="cases_json")
def cases_page(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    state: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    cases = list_cases(session=session, scope=scope, state=state or None)
    context = {
        "active": "kasus",
        "state": state,
        "states": STATE_LABELS_ID,
        "cases": [case_dict(c, _name(session, c.unit_id)) for c in cases],
        "_units": _units_in_scope(session, scope),
    }
    return render(request, "cases/list.html", context)


@router.post("/kasus", name="case_open")
def case_open(
    session: DbSession,
    user: Writer,
    scope: UserScope,
    category: Annotated[str, Form(max_length=30)],
    level: Annotated[int, Form(ge=1, le=3)] = 1,
    unit_id: Annotated[str, Form(max_length=12)] = "",
    alert_id: Annotated[str, Form(max_length=12)] = "",
    title: Annotated[str, Form(max_length=300)] = "",
) -> RedirectResponse:
    alert = None
    if alert_id.strip():
        try:
            alert = get_alert(session=session, alert_id=int(alert_id), scope=scope)
        except (NotFound, ValueError) as exc:
            raise HTTPException(status_code=404, detail="Peringatan tidak ditemukan.") from exc
    unit = int(unit_id) if unit_id.strip().isdigit() else None
    if unit is None and not scope.is_national:
        raise HTTPException(status_code=422, detail="Pilih UPT untuk kasus ini.")
    if unit is not None and not unit_in_scope(session, scope, unit):
        raise HTTPException(status_code=404, detail="UPT tidak ditemukan dalam cakupan Anda.")
    try:
        case = open_case(
            session=session,
            alert=alert,
            unit_id=unit,
            category=category,
            level=level,
            owner=user.username,
            actor=user.username,
            title=title.strip() or None,
            now=datetime.now(UTC),
        )
    except (RejectedInput, NotFound) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return RedirectResponse(f"/kasus/{case.id}", status_code=303)


def evaluation_chart(ev: Evaluation) -> dict[str, Any]:
    """A stacked bar per day: negative and other items (Chart.js config for pantau.js)."""
    return {
        "type": "bar",
        "labels": [p.day.isoformat() for p in ev.curve],
        "datasets": [
            {
                "label": "Negatif",
                "data": [p.negative for p in ev.curve],
                "backgroundColor": "#c0392b",
            },
            {
                "label": "Lainnya",
                "data": [p.items - p.negative for p in ev.curve],
                "backgroundColor": "#7f8c8d",
            },
        ],
    }


@router.get("/kasus/{case_id}", name="case")
@router.get("/kasus/{case_id}.json", name="case_json")
def case_page(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    case_id: int,
    templat: Annotated[str, Query(max_length=30)] = "",
) -> Response:
    case = _found(session, case_id, scope)
    settings = request.app.state.settings
    ev = evaluate_case(session=session, case=case, settings=settings)
    prefill = ""
    if templat in KINDS:
        prefill = draft(session=session, case=case, kind=templat, settings=settings)
    events = [
        {
            "id": e.id,
            "kind": e.kind,
            "from_state": e.from_state,
            "to_state": e.to_state,
            "action": e.action,
            "action_label": ACTION_LABELS_ID.get(e.action or "", ""),
            "text": e.text,
            "actor": e.actor,
            "created_at": e.created_at,
        }
        for e in timeline(case)
    ]
    context = {
        "active": "kasus",
        "case": case_dict(case, _name(session, case.unit_id)),
        "timeline": events,
        "evaluation": ev.as_dict(),
        "moves": [
            {"to": s.value, "label": TRANSITIONS[(CaseState(case.state), s)]}
            for s in allowed(case.state)
        ],
        "actions": ACTION_LABELS_ID,
        "member_roles": MEMBER_ROLES_ID,
        "templates": KIND_LABELS_ID,
        "templat": templat if templat in KINDS else "",
        "prefill": prefill,
        "_chart": evaluation_chart(ev),
    }
    return render(request, "cases/detail.html", context)


@router.post("/kasus/{case_id}/tindakan", name="case_action")
def case_action(
    session: DbSession,
    user: Writer,
    scope: UserScope,
    case_id: int,
    action: Annotated[str, Form(max_length=30)],
    text: Annotated[str, Form(max_length=20000)] = "",
) -> RedirectResponse:
    case = _found(session, case_id, scope)
    try:
        add_action(
            session=session,
            case=case,
            action=action,
            text=text.strip(),
            actor=user.username,
            now=datetime.now(UTC),
        )
    except (RejectedInput, InvalidTransition) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return RedirectResponse(f"/kasus/{case_id}#lini-masa", status_code=303)


@router.post("/kasus/{case_id}/status", name="case_move")
def case_move(
    session: DbSession,
    user: Writer,
    scope: UserScope,
    case_id: int,
    to_state: Annotated[str, Form(max_length=20)],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> RedirectResponse:
    case = _found(session, case_id, scope)
    try:
        move_case(
            session=session,
            case=case,
            to_state=to_state,
            actor=user.username,
            note=note.strip(),
            now=datetime.now(UTC),
        )
    except InvalidTransition as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return RedirectResponse(f"/kasus/{case_id}#lini-masa", status_code=303)


@router.post("/kasus/{case_id}/tim", name="case_member")
def case_member(
    session: DbSession,
    user: Writer,
    scope: UserScope,
    case_id: int,
    username: Annotated[str, Form(min_length=1, max_length=100)],
    role: Annotated[str, Form(max_length=30)] = "member",
) -> RedirectResponse:
    case = _found(session, case_id, scope)
    if role not in MEMBER_ROLES_ID:
        raise HTTPException(status_code=422, detail="Peran tim tidak dikenal.")
    try:
        add_member(
            session=session,
            case=case,
            username=username.strip(),
            role=role,
            actor=user.username,
            now=datetime.now(UTC),
        )
    except RejectedInput as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return RedirectResponse(f"/kasus/{case_id}#lini-masa", status_code=303)
