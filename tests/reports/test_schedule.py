"""Scheduled reports fire once at their time, cover the last complete period, reach SMTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy.orm import Session

from pantau.reports.schedule import is_due, last_occurrence, reported_anchor, run_due_schedules
from pantau.reports.tables import ReportSchedule
from pantau.settings import Settings

WIB = timezone(timedelta(hours=7))


def _weekly() -> ReportSchedule:
    return ReportSchedule(
        id=1,
        name="Laporan mingguan Kanwil Jambi",
        scope="kanwil:Jambi",
        period="weekly",
        format="pdf",
        weekday=0,
        hour=7,
        minute=0,
        timezone="Asia/Jakarta",
        recipients=["kakanwil@pantau.test"],
        active=True,
    )


def test_monday_seven_wib_is_the_occurrence() -> None:
    schedule = _weekly()
    wednesday = datetime(2026, 3, 11, 15, 0, tzinfo=WIB)
    assert last_occurrence(schedule, wednesday) == datetime(2026, 3, 9, 7, 0, tzinfo=WIB)
    assert not is_due(schedule, datetime(2026, 3, 9, 6, 59, tzinfo=WIB) + timedelta(days=7))
    assert is_due(schedule, datetime(2026, 3, 16, 7, 1, tzinfo=WIB))
    schedule.last_sent_at = datetime(2026, 3, 16, 0, 2, tzinfo=UTC)  # 07:02 WIB
    assert not is_due(schedule, datetime(2026, 3, 16, 9, 0, tzinfo=WIB))


def test_reports_cover_the_last_complete_period() -> None:
    schedule = _weekly()
    params = reported_anchor(schedule, datetime(2026, 3, 16, 7, tzinfo=WIB))
    assert params.anchor.isoformat() == "2026-03-09"
    schedule.period, schedule.weekday, schedule.day_of_month = "monthly", None, 1
    params = reported_anchor(schedule, datetime(2026, 4, 1, 7, tzinfo=WIB))
    assert params.anchor.isoformat() == "2026-03-01"


def test_due_report_is_mailed_once(
    session: Session, settings: Settings, dataset: Any, smtp_server: Any
) -> None:
    inbox, port = smtp_server
    settings.mail.smtp_host, settings.mail.smtp_port = "127.0.0.1", port
    schedule = _weekly()
    schedule.id = None  # type: ignore[assignment]
    schedule.period, schedule.weekday, schedule.day_of_month, schedule.format = (
        "monthly",
        None,
        1,
        "xlsx",
    )
    session.add(schedule)
    session.flush()
    now = datetime(2026, 4, 1, 7, 5, tzinfo=WIB)
    first = run_due_schedules(session=session, settings=settings, now=now)
    again = run_due_schedules(session=session, settings=settings, now=now + timedelta(hours=1))
    assert [d.ok for d in first] == [True] and again == []
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert "Maret 2026" in message["Subject"]
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert "Berita relevan 6" in body.get_payload(decode=True).decode()
    attachment = next(p for p in message.walk() if p.get_filename())
    assert attachment.get_filename().endswith(".xlsx")


def test_mail_failure_is_recorded_not_raised(
    session: Session, settings: Settings, dataset: Any
) -> None:
    schedule = _weekly()
    schedule.id = None  # type: ignore[assignment]
    session.add(schedule)
    session.flush()
    result = run_due_schedules(
        session=session, settings=settings, now=datetime(2026, 3, 16, 7, 1, tzinfo=WIB)
    )
    assert [d.ok for d in result] == [False]
    assert schedule.last_sent_at is None and "belum dikonfigurasi" in (schedule.last_error or "")
