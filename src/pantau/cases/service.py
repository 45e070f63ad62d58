"""Crisis cases: open, act, move, close, watch the SLAs, and evaluate afterwards.

Every change appends a :class:`CaseEvent`; nothing in the timeline is edited. An action
on a case that is still ``open`` first moves it to ``handling`` (acting is handling),
and the first action of any kind is the case's first response.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.alerts.channels import Message, Sender
from pantau.alerts.clock import Clock, SystemClock
from pantau.alerts.routing import Target, deliver, send_pending
from pantau.alerts.service import acknowledge
from pantau.alerts.tables import Alert
from pantau.cases.states import STATE_LABELS_ID, CaseState, check
from pantau.cases.tables import Case, CaseEvent, CaseMember
from pantau.errors import InvalidTransition, NotFound, RejectedInput
from pantau.settings import Settings
from pantau.store.scope import Scope, apply_unit_scope
from pantau.store.tables import Unit
from pantau.vocab import CRISIS_LABELS_ID, CrisisCategory


class CaseAction(StrEnum):
    HOLDING_STATEMENT = "holding_statement"
    PRESS_RELEASE = "press_release"
    CLARIFICATION = "clarification"
    RIGHT_OF_REPLY = "right_of_reply"
    POLICE_COORDINATION = "police_coordination"
    NOTE = "note"


ACTION_LABELS_ID: dict[str, str] = {
    "holding_statement": "Pernyataan awal (holding statement)",
    "press_release": "Siaran pers",
    "clarification": "Klarifikasi ke media",
    "right_of_reply": "Hak jawab (UU Pers No. 40/1999)",
    "police_coordination": "Koordinasi dengan kepolisian",
    "note": "Catatan",
}


# The crisis team (TKK): one owner, one official spokesperson ("satu pintu"), members.
MEMBER_ROLES_ID: dict[str, str] = {
    "owner": "Pemilik kasus",
    "spokesperson": "Juru bicara",
    "member": "Anggota tim",
}


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _event(case: Case, *, kind: str, actor: str, now: datetime, **fields: Any) -> CaseEvent:
    event = CaseEvent(case_id=case.id, kind=kind, actor=actor, created_at=now, **fields)
    case.events.append(event)
    return event


def open_case(
    *,
    session: Session,
    alert: Alert | None = None,
    unit_id: int | None,
    category: str,
    level: int,
    owner: str,
    actor: str,
    title: str | None = None,
    now: datetime | None = None,
) -> Case:
    """Open a case by hand or from an alert (which it then acknowledges)."""
    now = utc(now or datetime.now(UTC))
    if category not in CrisisCategory.__members__.values():
        raise RejectedInput("bad_category", f"Kategori krisis tidak dikenal: {category}.")
    if level not in (1, 2, 3):
        raise RejectedInput("bad_level", "Level krisis harus 1, 2 atau 3.")
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit_id is not None and unit is None:
        raise NotFound(f"UPT #{unit_id} tidak ditemukan.")
    label = CRISIS_LABELS_ID.get(category, category)
    case = Case(
        title=title
        or (alert.title if alert else f"{label} di {unit.name if unit else 'nasional'}"),
        state=CaseState.OPEN,
        alert_id=alert.id if alert else None,
        unit_id=unit_id,
        province=unit.province if unit else (alert.province if alert else None),
        story_id=alert.story_id if alert else None,
        category=category,
        level=level,
        owner=owner,
        opened_at=now,
        sla_breaches=[],
    )
    session.add(case)
    session.flush()
    detail: dict[str, Any] = {"level": level, "category": category, "owner": owner}
    if alert is not None:
        detail["alert_id"] = alert.id
        acknowledge(session=session, alert_id=alert.id, actor=actor, now=now)
    _event(
        case,
        kind="transition",
        to_state=CaseState.OPEN,
        actor=actor,
        now=now,
        text="Kasus dibuka" + (f" dari peringatan #{alert.id}" if alert else ""),
        detail=detail,
    )
    case.members.append(CaseMember(username=owner, role="owner", added_at=now))
    session.flush()
    return case


def move_case(
    *,
    session: Session,
    case: Case,
    to_state: str,
    actor: str,
    note: str = "",
    now: datetime | None = None,
) -> CaseEvent:
    """Change state along the transition table; an illegal edge raises."""
    now = utc(now or datetime.now(UTC))
    meaning = check(case.state, to_state)
    if case.state == CaseState.OPEN and to_state == CaseState.CLOSED and not note.strip():
        raise InvalidTransition("Menutup kasus tanpa penanganan harus disertai alasan.")
    event = _event(
        case,
        kind="transition",
        from_state=case.state,
        to_state=to_state,
        actor=actor,
        now=now,
        text=meaning + (f": {note}" if note else ""),
    )
    case.state = to_state
    if to_state == CaseState.CLOSED:
        case.closed_at = now
    elif case.closed_at is not None:
        case.closed_at = None
    session.flush()
    return event


def add_action(
    *,
    session: Session,
    case: Case,
    action: str,
    text: str,
    actor: str,
    now: datetime | None = None,
    detail: dict[str, Any] | None = None,
) -> CaseEvent:
    """Record what the team did: a statement, a release, a clarification, a reply..."""
    now = utc(now or datetime.now(UTC))
    if action not in CaseAction.__members__.values():
        raise RejectedInput("bad_action", f"Jenis tindakan tidak dikenal: {action}.")
    if case.state == CaseState.CLOSED:
        raise InvalidTransition("Kasus sudah ditutup; buka kembali untuk menambah tindakan.")
    if case.state == CaseState.OPEN:
        move_case(session=session, case=case, to_state=CaseState.HANDLING, actor=actor, now=now)
    event = _event(
        case, kind="action", action=action, actor=actor, now=now, text=text, detail=detail or {}
    )
    if case.first_response_at is None:
        case.first_response_at = now
    if action == CaseAction.HOLDING_STATEMENT and case.holding_statement_at is None:
        case.holding_statement_at = now
    session.flush()
    return event


def add_member(
    *,
    session: Session,
    case: Case,
    username: str,
    role: str,
    actor: str,
    now: datetime | None = None,
) -> CaseEvent:
    now = utc(now or datetime.now(UTC))
    if role not in MEMBER_ROLES_ID:
        raise RejectedInput("bad_role", f"Peran tim tidak dikenal: {role}.")
    if any(m.username == username for m in case.members):
        raise RejectedInput("duplicate_member", f"{username} sudah menjadi anggota tim.")
    case.members.append(CaseMember(username=username, role=role, added_at=now))
    return _event(
        case,
        kind="member",
        actor=actor,
        now=now,
        text=f"{username} bergabung sebagai {role}",
        detail={"username": username},
    )


SLA_TEXT = {
    "first_response": "Belum ada tanggapan pertama dalam {m} menit",
    "holding_statement": "Belum ada pernyataan awal dalam {m} menit",
}


def check_slas(
    *,
    session: Session,
    settings: Settings,
    now: datetime | None = None,
    clock: Clock | None = None,
    sender: Sender | None = None,
) -> list[tuple[int, str]]:
    """Record each SLA breach once per case and escalate it to the Kanwil and pusat.
    Commits, then sends (as :func:`pantau.alerts.service.run_alerts` does)."""
    clock = clock or SystemClock()
    now = utc(now or clock.now())
    sender = sender or Sender(settings.alerts, mail=settings.mail, clock=clock)
    a = settings.alerts
    limits = {
        "first_response": a.sla_first_response_minutes,
        "holding_statement": a.sla_holding_statement_minutes,
    }
    breaches = []
    for case in session.scalars(select(Case).where(Case.state != CaseState.CLOSED)).all():
        done = {
            "first_response": case.first_response_at,
            "holding_statement": case.holding_statement_at,
        }
        for kind, minutes in limits.items():
            already = kind in (case.sla_breaches or [])
            if (
                done[kind] is not None
                or already
                or now - utc(case.opened_at) < timedelta(minutes=minutes)
            ):
                continue
            text = SLA_TEXT[kind].format(m=minutes)
            case.sla_breaches = [*(case.sla_breaches or []), kind]
            _event(
                case,
                kind="sla_breach",
                actor="sistem",
                now=now,
                text=text,
                detail={"sla": kind, "minutes": minutes},
            )
            _escalate_breach(session, case, text, settings, now)
            breaches.append((case.id, kind))
    session.flush()
    send_pending(session, sender=sender, now=now)
    return breaches


def _escalate_breach(
    session: Session, case: Case, text: str, settings: Settings, now: datetime
) -> None:
    target = Target(
        level=max(case.level, 2), unit_id=case.unit_id, province=case.province, case_id=case.id
    )
    url = f"{settings.alerts.dashboard_url.rstrip('/')}/kasus/{case.id}"
    subject = f"[Pantau] Batas waktu terlewati: {case.title}"
    body = f"{subject}\n\n{text}. Pemilik kasus: {case.owner}.\n\nBuka {url}"
    payload = {"case_id": case.id, "purpose": "sla", "text": text, "url": url}
    deliver(
        session,
        target=target,
        tiers=("kanwil", "pusat"),
        message=Message(subject, body, payload),
        purpose="sla",
        alerts=settings.alerts,
        now=now,
    )


def scoped_cases(scope: Scope) -> Any:
    """``select(Case)`` limited to what a scope may see."""
    return apply_unit_scope(select(Case), scope, unit_id=Case.unit_id, province=Case.province)


def list_cases(
    *, session: Session, scope: Scope, state: str | None = None, limit: int = 200
) -> list[Case]:
    stmt = scoped_cases(scope)
    if state:
        stmt = stmt.where(Case.state == state)
    return list(session.scalars(stmt.order_by(Case.opened_at.desc(), Case.id.desc()).limit(limit)))


def get_case(*, session: Session, case_id: int, scope: Scope) -> Case:
    case: Case | None = session.scalars(scoped_cases(scope).where(Case.id == case_id)).first()
    if case is None:
        raise NotFound(f"Kasus #{case_id} tidak ditemukan.")
    return case


def timeline(case: Case) -> Sequence[CaseEvent]:
    # Events are append-only, so their ids are the order they happened in.
    return sorted(case.events, key=lambda e: e.id)


def state_label(state: str) -> str:
    return STATE_LABELS_ID.get(state, state)
