"""Tables of the surveys domain (on the shared declarative base)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pantau.store.base import Base, utcnow


class SurveyInstrument(Base):
    """An instrument's definition as data (JSON); shipped ones are marked ``builtin``."""

    __tablename__ = "survey_instruments"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer, default=1)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(100), default="system")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Survey(Base):
    """One unit's run of one instrument over one period, reachable at ``/s/{token}``."""

    __tablename__ = "surveys"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(40), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("survey_instruments.id", ondelete="RESTRICT"), index=True
    )
    period_code: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[datetime]
    period_end: Mapped[datetime]
    population: Mapped[int | None] = mapped_column(Integer)  # service users in the period
    status: Mapped[str] = mapped_column(String(10), default="open")  # open, closed
    created_by: Mapped[str] = mapped_column(String(100), default="system")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (
        UniqueConstraint("unit_id", "instrument_id", "period_code", name="uq_surveys_run"),
    )


class SurveyImportRun(Base):
    """One import of a CSV/XLSX export: its column mapping, counts and bad rows."""

    __tablename__ = "survey_import_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(500))
    file_hash: Mapped[str] = mapped_column(String(64))
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    errors: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{row, reason, message}]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    actor: Mapped[str] = mapped_column(String(100), default="system")


class SurveyResponse(Base):
    """One respondent. ``fingerprint`` makes web resubmits and re-imports idempotent."""

    __tablename__ = "survey_responses"
    id: Mapped[int] = mapped_column(primary_key=True)
    # No single-column index: the unique (survey_id, fingerprint) pair already leads with it.
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(10))  # web, import
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    suggestion: Mapped[str] = mapped_column(Text, default="")
    client_hash: Mapped[str | None] = mapped_column(String(64))  # keyed hash of the address
    device_hash: Mapped[str | None] = mapped_column(String(64))  # keyed hash of the cookie
    import_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_import_runs.id", ondelete="SET NULL")
    )
    source_row: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (
        UniqueConstraint("survey_id", "fingerprint", name="uq_survey_responses_fingerprint"),
        Index("ix_survey_responses_client", "survey_id", "client_hash", "submitted_at"),
        Index("ix_survey_responses_device", "survey_id", "device_hash", "submitted_at"),
    )


class SurveyAnswer(Base):
    """One valid answer (1..4) to one element; a missing answer has no row."""

    __tablename__ = "survey_answers"
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), primary_key=True
    )
    element: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(SmallInteger)
