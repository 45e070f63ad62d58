"""Who hears about an alert, when, and how often.

Tiers run UPT -> Kanwil -> pusat. A level-1 alert goes to its unit's tier, level 2 to the
unit and its Kanwil, level 3 to all three; each escalation step (unacknowledged after
``escalate_after_minutes``) adds the next tier. An alert with no unit starts at the
Kanwil of its province, and one with neither at pusat. Recipients are dashboard users
(``upt`` users of the unit, ``kanwil`` users of the province, ``pusat``/``admin`` users,
``pimpinan`` for level 3; by email) and configured contacts of the tier.

During quiet hours only level 3 is sent; the rest is held and released when they end.
An address that already received ``rate_limit_per_hour`` notifications in the last hour
gets no more (the delivery is logged as ``limited``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.alerts.channels import Message, Sender
from pantau.alerts.tables import Contact, Delivery
from pantau.settings import AlertSettings
from pantau.store.tables import Unit, User
from pantau.vocab import Role

TIERS = ("upt", "kanwil", "pusat")


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    channel: str
    address: str
    tier: str


@dataclass(frozen=True, slots=True)
class Target:
    """What routing needs to know about the thing being announced."""

    level: int
    unit_id: int | None
    province: str | None
    alert_id: int | None = None
    case_id: int | None = None


def first_tier(target: Target) -> int:
    if target.unit_id is not None:
        return 0
    return 1 if target.province else 2


def tiers_for(target: Target, escalation_step: int) -> tuple[str, ...]:
    """Tiers reached at this level and escalation step."""
    start = first_tier(target)
    last = min(2, max(start, start + target.level - 1) + escalation_step)
    return TIERS[start : last + 1]


def _users(session: Session, tier: str, target: Target, province: str | None) -> list[User]:
    stmt = select(User).where(User.active.is_(True), User.email.is_not(None))
    if tier == "upt":
        stmt = stmt.where(User.role == Role.UPT, User.unit_id == target.unit_id)
    elif tier == "kanwil":
        stmt = stmt.where(User.role == Role.KANWIL, User.province == province)
    else:
        roles = [Role.PUSAT, Role.ADMIN] + ([Role.PIMPINAN] if target.level >= 3 else [])
        stmt = stmt.where(User.role.in_(roles))
    return list(session.scalars(stmt.order_by(User.id)))


def _contacts(session: Session, tier: str, target: Target, province: str | None) -> list[Contact]:
    stmt = select(Contact).where(
        Contact.active.is_(True), Contact.tier == tier, Contact.min_level <= target.level
    )
    if tier == "upt":
        stmt = stmt.where(Contact.unit_id == target.unit_id)
    elif tier == "kanwil":
        stmt = stmt.where(Contact.province == province)
    return list(session.scalars(stmt.order_by(Contact.id)))


def recipients(session: Session, target: Target, tiers: tuple[str, ...]) -> list[Recipient]:
    """Distinct (channel, address) recipients of the given tiers."""
    province = target.province
    if province is None and target.unit_id is not None:
        unit = session.get(Unit, target.unit_id)
        province = unit.province if unit else None
    out: dict[tuple[str, str], Recipient] = {}
    for tier in tiers:
        for user in _users(session, tier, target, province):
            out.setdefault(
                ("email", user.email or ""),
                Recipient(user.username, "email", user.email or "", tier),
            )
        for c in _contacts(session, tier, target, province):
            out.setdefault((c.channel, c.address), Recipient(c.name, c.channel, c.address, tier))
    return list(out.values())


def in_quiet_hours(now: datetime, alerts: AlertSettings) -> bool:
    hour = now.astimezone(ZoneInfo(alerts.timezone)).hour
    start, end = alerts.quiet_start_hour, alerts.quiet_end_hour
    if start == end:
        return False
    if start > end:  # the quiet hours wrap past midnight
        return bool(start <= hour or hour < end)
    return bool(start <= hour < end)


def _recent_sends(session: Session, address: str, now: datetime) -> int:
    stmt = select(func.count(Delivery.id)).where(
        Delivery.address == address,
        Delivery.status.in_(("sent", "pending")),
        Delivery.created_at >= now - timedelta(hours=1),
    )
    return int(session.scalar(stmt) or 0)


def deliver(
    session: Session,
    *,
    target: Target,
    tiers: tuple[str, ...],
    message: Message,
    purpose: str,
    alerts: AlertSettings,
    now: datetime,
) -> list[Delivery]:
    """Queue ``message`` for everyone in ``tiers`` (or hold, or refuse it); one row each.

    Nothing is sent here: :func:`send_pending` sends after the caller has committed, so
    no notification goes out for an alert that was not stored, and a slow channel never
    holds the database's write lock.
    """
    quiet = target.level < 3 and in_quiet_hours(now, alerts)
    rows = []
    for r in recipients(session, target, tiers):
        row = Delivery(
            alert_id=target.alert_id,
            case_id=target.case_id,
            channel=r.channel,
            recipient=r.name,
            address=r.address,
            purpose=purpose,
            subject=message.subject,
            body=message.text,
            payload=message.payload,
            created_at=now,
            attempts=0,
        )
        if quiet:
            row.status = "held"
        elif _recent_sends(session, r.address, now) >= alerts.rate_limit_per_hour:
            row.status = "limited"
        else:
            row.status = "pending"
        session.add(row)
        session.flush()
        rows.append(row)
    return rows


def release_held(session: Session, *, alerts: AlertSettings, now: datetime) -> int:
    """Queue what quiet hours held back, once they are over."""
    if in_quiet_hours(now, alerts):
        return 0
    held = list(session.scalars(select(Delivery).where(Delivery.status == "held")))
    for row in held:
        row.status = "pending"
    session.flush()
    return len(held)


def send_pending(
    session: Session, *, sender: Sender, now: datetime, on_sent: Any = None
) -> list[Delivery]:
    """Send every queued row, committing after each so the write lock is held only briefly.

    ``on_sent(row)`` runs for each row that went out (the alert notes when it was first
    notified, which starts its escalation timer).
    """
    session.commit()
    pending = list(
        session.scalars(select(Delivery).where(Delivery.status == "pending").order_by(Delivery.id))
    )
    session.commit()  # end the read transaction before talking to the network
    for row in pending:
        message = Message(row.subject, row.body, dict(row.payload or {}))
        outcome = sender.send(row.channel, row.address, message)
        row.attempts += outcome.attempts
        row.status = "sent" if outcome.ok else "failed"
        row.error = outcome.error
        row.sent_at = now if outcome.ok else None
        if outcome.ok and on_sent is not None:
            on_sent(row)
        session.commit()
    return pending
