"""Alert service: run the checks, de-duplicate into alerts, notify, escalate, acknowledge.

``run_alerts`` is safe to call as often as wanted (every minute after ingest, or from a
timer): a signal whose key already has an alert fired within ``dedupe_hours`` updates
that alert, and people are notified again only when its level rises or it escalates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.alerts.channels import Message, Sender
from pantau.alerts.clock import Clock, SystemClock
from pantau.alerts.detect import SpreadConfig, VolumeConfig
from pantau.alerts.routing import Target, deliver, release_held, send_pending, tiers_for
from pantau.alerts.severity import LEVEL_LABELS_ID, assess
from pantau.alerts.signals import (
    Signal,
    keywords,
    load_facts,
    merge,
    reason_id,
    rule_signals,
    spread_signals,
    volume_signals,
)
from pantau.alerts.tables import Alert, AlertItem, Delivery
from pantau.errors import NotFound
from pantau.settings import Settings
from pantau.store.scope import Scope, apply_unit_scope
from pantau.store.tables import Item, Outlet


@dataclass
class RunReport:
    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    notified: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    released: int = 0
    deliveries: int = 0


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def collect_signals(*, session: Session, settings: Settings, now: datetime) -> dict[str, Signal]:
    """Every rule, volume and spread signal at ``now`` (nothing is written)."""
    a = settings.alerts
    volumes = VolumeConfig.all_from_settings(a)
    reach = max(c.history for c in volumes)
    recent = load_facts(session, now - timedelta(hours=a.lookback_hours), now)
    history = load_facts(session, now - reach, now, negative_only=True, with_text=False)
    return merge(
        rule_signals(recent, categories=list(a.crisis_categories), watched=keywords(session)),
        spread_signals(
            session,
            recent,
            config=SpreadConfig(outlets=a.spread_outlets, provinces=a.spread_provinces),
        ),
        volume_signals(history, now=now, configs=volumes),
    )


def run_alerts(
    *,
    session: Session,
    settings: Settings,
    now: datetime | None = None,
    clock: Clock | None = None,
    sender: Sender | None = None,
) -> RunReport:
    """One pass: detect, store, queue notifications, escalate, release held ones; then
    commit and send (this function commits: see :func:`routing.send_pending`)."""
    clock = clock or SystemClock()
    now = utc(now or clock.now())
    sender = sender or Sender(settings.alerts, mail=settings.mail, clock=clock)
    report = RunReport()
    for signal in collect_signals(session=session, settings=settings, now=now).values():
        alert, created = _upsert(session, signal, settings, now)
        (report.new if created else report.updated).append(alert.id)
    session.flush()
    _notify_new_levels(session, settings, now, report)
    _escalate(session, settings, now, report)
    report.released = release_held(session, alerts=settings.alerts, now=now)
    # The outbox: alerts and their delivery rows are committed before anything is sent.
    send_pending(
        session, sender=sender, now=now, on_sent=lambda row: _mark_notified(session, row, now)
    )
    return report


def _mark_notified(session: Session, row: Delivery, now: datetime) -> None:
    alert = session.get(Alert, row.alert_id) if row.alert_id is not None else None
    if alert is not None and alert.notified_at is None:
        alert.notified_at = now


def _find(session: Session, key: str, since: datetime) -> Alert | None:
    stmt = (
        select(Alert)
        .where(Alert.key == key, Alert.last_fired_at >= since, Alert.status != "closed")
        .order_by(Alert.id.desc())
    )
    return session.scalars(stmt).first()


def _upsert(
    session: Session, signal: Signal, settings: Settings, now: datetime
) -> tuple[Alert, bool]:
    level, why = assess(signal.severity_facts(), settings.alerts)
    reasons = [*signal.reasons, *({**w, "code": "level_" + w["code"]} for w in why)]
    alert = _find(session, signal.key, now - timedelta(hours=settings.alerts.dedupe_hours))
    created = alert is None
    if alert is None:
        alert = Alert(
            key=signal.key,
            kind=signal.kind,
            level=level,
            status="open",
            title=signal.title,
            reason="",
            reasons=[],
            unit_id=signal.unit_id,
            province=signal.province,
            category=signal.category,
            story_id=signal.story_id,
            first_fired_at=now,
            last_fired_at=now,
            fire_count=1,
            notified_level=0,
            escalation_step=0,
        )
        session.add(alert)
        session.flush()
    known = {row.item_id for row in alert.items}
    fresh = sorted(signal.item_ids - known)
    for item_id in fresh:
        alert.items.append(AlertItem(item_id=item_id))
    fresh_ids = {reason_id(r) for r in reasons}
    kept = [r for r in alert.reasons or [] if reason_id(r) not in fresh_ids]
    # Level reasons are recomputed each time; older ones would contradict the new level.
    kept = [r for r in kept if not str(r.get("code", "")).startswith("level_")]
    if not created and (fresh or level > alert.level):
        alert.fire_count += 1
        alert.last_fired_at = now
    alert.level = max(alert.level, level)
    alert.reasons = [*kept, *reasons]
    alert.reason = "\n".join(r["text"] for r in alert.reasons if r.get("text"))
    return alert, created


def _target(alert: Alert) -> Target:
    return Target(
        level=alert.level, unit_id=alert.unit_id, province=alert.province, alert_id=alert.id
    )


def _notify_new_levels(
    session: Session, settings: Settings, now: datetime, report: RunReport
) -> None:
    # An acknowledged alert that grows (viral, deaths) still reaches the wider tiers.
    stmt = select(Alert).where(
        Alert.status.in_(("open", "acknowledged")), Alert.level > Alert.notified_level
    )
    for alert in session.scalars(stmt.order_by(Alert.id)).all():
        purpose = "new" if alert.notified_level == 0 else "upgrade"
        target = _target(alert)
        rows = deliver(
            session,
            target=target,
            tiers=tiers_for(target, alert.escalation_step),
            message=build_message(session, alert, settings, purpose),
            purpose=purpose,
            alerts=settings.alerts,
            now=now,
        )
        alert.notified_level = alert.level
        report.notified.append(alert.id)
        report.deliveries += len(rows)


def _escalate(session: Session, settings: Settings, now: datetime, report: RunReport) -> None:
    """Unacknowledged alerts climb one tier every ``escalate_after_minutes``."""
    wait = timedelta(minutes=settings.alerts.escalate_after_minutes)
    stmt = select(Alert).where(
        Alert.status == "open", Alert.notified_at.is_not(None), Alert.escalation_step < 2
    )
    for alert in session.scalars(stmt.order_by(Alert.id)).all():
        since = utc(alert.escalated_at or alert.notified_at or now)
        target = _target(alert)
        reached = tiers_for(target, alert.escalation_step)
        further = tiers_for(target, alert.escalation_step + 1)
        if now - since < wait or further == reached:
            continue
        alert.escalation_step += 1
        alert.escalated_at = now
        new_tiers = tuple(t for t in further if t not in reached)
        rows = deliver(
            session,
            target=target,
            tiers=new_tiers,
            message=build_message(session, alert, settings, "escalation"),
            purpose="escalation",
            alerts=settings.alerts,
            now=now,
        )
        report.escalated.append(alert.id)
        report.deliveries += len(rows)


def alert_items(session: Session, alert: Alert, limit: int = 50) -> list[tuple[Item, str | None]]:
    stmt = (
        select(Item, Outlet.name)
        .join(AlertItem, AlertItem.item_id == Item.id)
        .outerjoin(Outlet, Outlet.id == Item.outlet_id)
        .where(AlertItem.alert_id == alert.id)
        .order_by(Item.published_at.desc(), Item.id)
        .limit(limit)
    )
    return [(item, outlet) for item, outlet in session.execute(stmt)]


def build_message(session: Session, alert: Alert, settings: Settings, purpose: str) -> Message:
    """The notification text (Indonesian) and the webhook payload of one alert."""
    label = LEVEL_LABELS_ID.get(alert.level, str(alert.level))
    prefix = {"escalation": "ESKALASI: belum ditanggapi. ", "upgrade": "NAIK LEVEL. "}
    subject = f"[Pantau {label}] {prefix.get(purpose, '')}{alert.title}"
    items = alert_items(session, alert, limit=10)
    url = f"{settings.alerts.dashboard_url.rstrip('/')}/peringatan/{alert.id}"
    lines = [subject, "", "Mengapa muncul:", *(f"- {s}" for s in alert.reason.split("\n"))]
    lines += ["", "Berita:"]
    lines += [
        f"- {i.title} ({o or 'media tidak diketahui'}) {i.url or ''}".rstrip() for i, o in items
    ]
    lines += ["", f"Tanggapi dan akui di {url}"]
    payload: dict[str, Any] = {
        "alert_id": alert.id,
        "key": alert.key,
        "kind": alert.kind,
        "level": alert.level,
        "purpose": purpose,
        "title": alert.title,
        "reason": alert.reason,
        "reasons": alert.reasons,
        "unit_id": alert.unit_id,
        "province": alert.province,
        "category": alert.category,
        "url": url,
        "items": [{"id": i.id, "title": i.title, "outlet": o, "url": i.url} for i, o in items],
    }
    return Message(subject, "\n".join(lines), payload)


def acknowledge(*, session: Session, alert_id: int, actor: str, now: datetime) -> Alert:
    """Mark an alert as handled by someone: escalation stops."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise NotFound(f"Peringatan #{alert_id} tidak ditemukan.")
    if alert.status == "open":
        alert.status = "acknowledged"
        alert.acknowledged_at = utc(now)
        alert.acknowledged_by = actor
    return alert


def scoped_alerts(scope: Scope) -> Any:
    """``select(Alert)`` limited to what a scope may see."""
    return apply_unit_scope(select(Alert), scope, unit_id=Alert.unit_id, province=Alert.province)


def list_alerts(
    *, session: Session, scope: Scope, status: str | None = None, limit: int = 100
) -> list[Alert]:
    stmt = scoped_alerts(scope)
    if status:
        stmt = stmt.where(Alert.status == status)
    return list(
        session.scalars(stmt.order_by(Alert.last_fired_at.desc(), Alert.id.desc()).limit(limit))
    )


def get_alert(*, session: Session, alert_id: int, scope: Scope) -> Alert:
    alert: Alert | None = session.scalars(scoped_alerts(scope).where(Alert.id == alert_id)).first()
    if alert is None:
        raise NotFound(f"Peringatan #{alert_id} tidak ditemukan.")
    return alert
