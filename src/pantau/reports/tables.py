"""Tables of the reports domain: what was generated, and what is scheduled."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pantau.store.base import Base, utcnow


class ReportRun(Base):
    """A generated report: its parameters, analyser versions and the fingerprint of its numbers."""

    __tablename__ = "report_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    format: Mapped[str] = mapped_column(String(10))
    fingerprint: Mapped[str] = mapped_column(String(32), index=True)
    analyser_versions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    actor: Mapped[str] = mapped_column(String(100), default="system")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportSchedule(Base):
    """A report sent by email on a schedule (e.g. every Monday 07:00 WIB)."""

    __tablename__ = "report_schedules"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(300), default="nasional")
    period: Mapped[str] = mapped_column(String(10), default="weekly")
    format: Mapped[str] = mapped_column(String(10), default="pdf")
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 Monday .. 6 Sunday; None = daily
    day_of_month: Mapped[int | None] = mapped_column(Integer)  # for monthly schedules
    hour: Mapped[int] = mapped_column(Integer, default=7)
    minute: Mapped[int] = mapped_column(Integer, default=0)
    timezone: Mapped[str] = mapped_column(String(50), default="Asia/Jakarta")
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
