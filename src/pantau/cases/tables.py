"""Tables of the cases domain (on the shared declarative base).

``case_events`` is append-only: the timeline of a case is read from it, never rewritten.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.store.base import Base, utcnow


class Case(Base):
    """A crisis handled by a unit's crisis team, from first warning to evaluation."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)
    alert_id: Mapped[int | None] = mapped_column(
        ForeignKey("alerts.id", ondelete="SET NULL"), index=True
    )
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True
    )
    province: Mapped[str | None] = mapped_column(String(100), index=True)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"))
    category: Mapped[str] = mapped_column(String(30))
    level: Mapped[int] = mapped_column(Integer, default=1)
    owner: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    first_response_at: Mapped[datetime | None]
    holding_statement_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    sla_breaches: Mapped[list[Any]] = mapped_column(JSON, default=list)

    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="CaseEvent.id", cascade="all, delete-orphan"
    )
    members: Mapped[list[CaseMember]] = relationship(cascade="all, delete-orphan")


class CaseEvent(Base):
    """One line of a case's timeline: a transition, an action, an SLA breach. Append-only."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # transition, action, sla_breach, member
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    action: Mapped[str | None] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    case: Mapped[Case] = relationship(back_populates="events")


class CaseMember(Base):
    """Someone on a case's crisis team (owner, spokesperson, member)."""

    __tablename__ = "case_members"
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(30), default="member")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
