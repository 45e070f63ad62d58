"""Scheduled reports: which are due, and sending them by email."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.mail import MailError, send_mail
from pantau.reports.params import ReportParams
from pantau.reports.period import PeriodKind
from pantau.reports.service import ReportFormat, generate_report
from pantau.reports.tables import ReportSchedule
from pantau.settings import Settings

# A schedule missed for longer than this (server off) is not sent late: the next one is.
CATCH_UP = timedelta(hours=12)


def last_occurrence(schedule: ReportSchedule, now: datetime) -> datetime:
    """The latest scheduled moment at or before ``now``, in the schedule's time zone."""
    tz = ZoneInfo(schedule.timezone)
    local = now.astimezone(tz)
    at = time(schedule.hour, schedule.minute)
    candidate = datetime.combine(local.date(), at, tzinfo=tz)
    for _ in range(370):
        if candidate <= local and _matches(schedule, candidate):
            return candidate
        candidate -= timedelta(days=1)
    raise ValueError(f"jadwal {schedule.id} tidak pernah jatuh tempo")


def _matches(schedule: ReportSchedule, moment: datetime) -> bool:
    if schedule.day_of_month is not None:
        return moment.day == schedule.day_of_month
    if schedule.weekday is not None:
        return moment.weekday() == schedule.weekday
    return True


def is_due(schedule: ReportSchedule, now: datetime) -> bool:
    if not schedule.active:
        return False
    occurrence = last_occurrence(schedule, now)
    already = schedule.last_sent_at is not None and schedule.last_sent_at >= occurrence
    return not already and now - occurrence <= CATCH_UP


def reported_anchor(schedule: ReportSchedule, occurrence: datetime) -> ReportParams:
    """A schedule reports the last complete period before it fires (Monday: last week)."""
    kind = PeriodKind(schedule.period)
    day = occurrence.date()
    step = {PeriodKind.DAILY: 1, PeriodKind.WEEKLY: 7}.get(kind)
    if step is not None:
        anchor = day - timedelta(days=step)
    elif kind is PeriodKind.MONTHLY:
        anchor = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
    else:
        anchor = day.replace(year=day.year - 1, month=1, day=1)
    return ReportParams(scope=schedule.scope, period=kind, anchor=anchor)


@dataclass(frozen=True, slots=True)
class Delivery:
    schedule_id: int
    ok: bool
    detail: str


def run_due_schedules(*, session: Session, settings: Settings, now: datetime) -> list[Delivery]:
    """Generate and email every due report; a failure is recorded and the others still go."""
    deliveries = []
    for schedule in session.scalars(select(ReportSchedule).where(ReportSchedule.active)):
        if not is_due(schedule, now):
            continue
        params = reported_anchor(schedule, last_occurrence(schedule, now))
        report = generate_report(
            session=session,
            settings=settings,
            params=params,
            fmt=ReportFormat(schedule.format),
            actor=f"jadwal:{schedule.id}",
            now=now,
        )
        head = report.context.headline
        body = (
            f"{schedule.name}\nCakupan: {report.context.scope_label}\n"
            f"Periode: {report.context.period_title}\n"
            f"Berita relevan {head.items}: {head.positive} positif, {head.neutral} netral, "
            f"{head.negative} negatif (krisis {head.crisis_share:.1%}).\n"
            "Laporan lengkap terlampir. — Pantau"
        )
        try:
            send_mail(
                settings=settings.mail,
                to=schedule.recipients,
                subject=f"[Pantau] {schedule.name} — {report.context.period_title}",
                text=body,
                attachments=[(report.filename, report.media_type.split(";")[0], report.content)],
            )
        except MailError as exc:
            schedule.last_error = str(exc)
            deliveries.append(Delivery(schedule.id, False, str(exc)))
            continue
        schedule.last_sent_at, schedule.last_error = now, None
        deliveries.append(Delivery(schedule.id, True, report.filename))
    session.flush()
    return deliveries
