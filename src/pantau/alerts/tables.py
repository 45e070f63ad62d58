"""Tables of the alerts domain (on the shared declarative base).

An :class:`Alert` is one warning with a stable ``key`` (story, unit or category): a
second firing within the de-duplication window updates the same row instead of paging
people again. :class:`Delivery` rows log every notification attempt, whatever its fate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.store.base import Base, utcnow


class Alert(Base):
    """One early warning: why it fired, how severe, who acknowledged it."""

    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)  # de-duplication key
    kind: Mapped[str] = mapped_column(String(20))  # rule, volume, spread
    level: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open, acked
    title: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)  # one Indonesian sentence per reason
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)  # machine-readable
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True
    )
    province: Mapped[str | None] = mapped_column(String(100), index=True)
    category: Mapped[str | None] = mapped_column(String(30))
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="SET NULL"))
    first_fired_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_fired_at: Mapped[datetime] = mapped_column(default=utcnow)
    fire_count: Mapped[int] = mapped_column(Integer, default=1)
    notified_level: Mapped[int] = mapped_column(Integer, default=0)
    notified_at: Mapped[datetime | None]  # first notification actually sent
    escalation_step: Mapped[int] = mapped_column(Integer, default=0)
    escalated_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(100))

    items: Mapped[list[AlertItem]] = relationship(
        back_populates="alert", cascade="all, delete-orphan"
    )


class AlertItem(Base):
    """An item that made an alert fire."""

    __tablename__ = "alert_items"
    alert_id: Mapped[int] = mapped_column(
        ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    alert: Mapped[Alert] = relationship(back_populates="items")


class Delivery(Base):
    """One notification to one recipient on one channel (an outbox row).

    ``pending`` rows are written with the alert and sent after the commit; then ``sent``
    or ``failed``. ``held`` waits for quiet hours to end; ``limited`` was refused by the
    rate limit.
    """

    __tablename__ = "alert_deliveries"
    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int | None] = mapped_column(
        ForeignKey("alerts.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    channel: Mapped[str] = mapped_column(String(20))  # email, webhook, telegram, whatsapp
    recipient: Mapped[str] = mapped_column(String(200))  # username or contact name
    address: Mapped[str] = mapped_column(String(500), index=True)
    purpose: Mapped[str] = mapped_column(String(30))  # new, upgrade, escalation, sla
    status: Mapped[str] = mapped_column(String(20), index=True)  # sent, failed, held, limited
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the webhook's JSON
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]


class WatchKeyword(Base):
    """A phrase whose appearance in a relevant item raises an alert."""

    __tablename__ = "watch_keywords"
    id: Mapped[int] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(String(200), unique=True)
    level: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Contact(Base):
    """A configured recipient beyond dashboard users: a group chat, a phone, a webhook.

    ``tier`` says where in the chain it sits: ``upt`` (with ``unit_id``), ``kanwil``
    (with ``province``) or ``pusat``.
    """

    __tablename__ = "alert_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(500))
    tier: Mapped[str] = mapped_column(String(10))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    province: Mapped[str | None] = mapped_column(String(100))
    min_level: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
