"""Core tables: sources, items, ingestion, units, analysis, stories, corrections, users.

Domain packages (alerts, cases, reports, surveys) keep their own ``tables.py`` on the
same :class:`Base`. Labels are stored with the codebook spellings of :mod:`pantau.vocab`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pantau.store.base import Base, utcnow


class Outlet(Base):
    """A news outlet or social platform account that publishes items."""

    __tablename__ = "outlets"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    domain: Mapped[str | None] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="news")  # news, social, official
    tier: Mapped[int] = mapped_column(Integer, default=2)  # 1 national .. 4 social/UGC
    province: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Feed(Base):
    """An RSS/Atom feed polled on a schedule, with its health."""

    __tablename__ = "feeds"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_polled_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_new_item_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    items_total: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    outlet: Mapped[Outlet | None] = relationship()


class IngestRun(Base):
    """One ingestion batch and what became of its inputs, counted by outcome."""

    __tablename__ = "ingest_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(1000))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")  # running, done, failed
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Quarantine(Base):
    """An input that could not become an item, kept with its reason."""

    __tablename__ = "quarantine"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id", ondelete="SET NULL"))
    source_kind: Mapped[str] = mapped_column(String(20))
    locator: Mapped[str] = mapped_column(String(1000))
    reason: Mapped[str] = mapped_column(String(50), index=True)
    message: Mapped[str] = mapped_column(Text)
    sample: Mapped[str | None] = mapped_column(Text)  # first bytes, for a human to look at
    content_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    __table_args__ = (
        UniqueConstraint("locator", "reason", "content_hash", name="uq_quarantine_input"),
    )


class Unit(Base):
    """A corrections unit (UPT) in the gazetteer."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)  # "Lapas Kelas IIA Palangka Raya"
    type: Mapped[str] = mapped_column(String(30), index=True)  # vocab.UnitType
    klass: Mapped[str | None] = mapped_column(String(10))  # I, IIA, IIB, III
    place: Mapped[str] = mapped_column(String(100))  # the place in the official name
    city: Mapped[str | None] = mapped_column(String(100))  # city or regency
    province: Mapped[str] = mapped_column(String(100), index=True)
    kanwil: Mapped[str] = mapped_column(String(200), index=True)  # "Kanwil Ditjenpas Jambi"
    kanwil_old: Mapped[str | None] = mapped_column(String(200))  # "Kanwil Kemenkumham Jambi"
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    pilot: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Story(Base):
    """Syndicated copies and republished releases of one piece of news."""

    __tablename__ = "stories"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    first_item_id: Mapped[int | None] = mapped_column(Integer)
    first_outlet: Mapped[str | None] = mapped_column(String(200))
    first_seen: Mapped[datetime | None]
    last_seen: Mapped[datetime | None]
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    outlet_count: Mapped[int] = mapped_column(Integer, default=0)
    provinces: Mapped[list[str]] = mapped_column(JSON, default=list)


class Item(Base):
    """A clean, dated, attributed news item or social post."""

    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), default="news", index=True)
    platform: Mapped[str | None] = mapped_column(String(30))
    url: Mapped[str | None] = mapped_column(String(2000))
    canonical_url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    lead: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    outlet_id: Mapped[int | None] = mapped_column(
        ForeignKey("outlets.id", ondelete="SET NULL"), index=True
    )
    author: Mapped[str | None] = mapped_column(String(200))
    dateline: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(10), default="id")
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source_kind: Mapped[str] = mapped_column(String(20))
    source_locator: Mapped[str] = mapped_column(String(1000))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id", ondelete="SET NULL"))
    feed_id: Mapped[int | None] = mapped_column(
        ForeignKey("feeds.id", ondelete="SET NULL"), index=True
    )  # the feed that brought it: per-feed health (items per day)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    gold_labels: Mapped[dict[str, Any] | None] = mapped_column(
        JSON
    )  # labels shipped with the input

    outlet: Mapped[Outlet | None] = relationship()
    analysis: Mapped[Analysis | None] = relationship(back_populates="item", uselist=False)
    story: Mapped[Story | None] = relationship()


class Analysis(Base):
    """The labels of one item. Corrected fields are listed in ``locked`` and never overwritten."""

    __tablename__ = "analyses"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    relevant: Mapped[bool] = mapped_column(Boolean, index=True)
    tone: Mapped[str | None] = mapped_column(String(10), index=True)
    headline_tone: Mapped[str | None] = mapped_column(String(10))
    headline_mismatch: Mapped[bool] = mapped_column(Boolean, default=False)
    crisis_category: Mapped[str] = mapped_column(String(30), default="none", index=True)
    severity: Mapped[float] = mapped_column(Float, default=0.0)
    topic: Mapped[str | None] = mapped_column(String(30), index=True)
    province: Mapped[str | None] = mapped_column(String(100), index=True)
    city: Mapped[str | None] = mapped_column(String(100))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # analyser name -> version
    locked: Mapped[list[str]] = mapped_column(JSON, default=list)  # fields set by an analyst
    analysed_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[Item] = relationship(back_populates="analysis")


class ItemUnit(Base):
    """A unit an item is about, with the mention that linked it."""

    __tablename__ = "item_units"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    mention: Mapped[str] = mapped_column(String(300))
    score: Mapped[float] = mapped_column(Float, default=1.0)
    main: Mapped[bool] = mapped_column(Boolean, default=False)


class UnitCandidate(Base):
    """A unit-like mention that matched no gazetteer entry, waiting for review."""

    __tablename__ = "unit_candidates"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    mention: Mapped[str] = mapped_column(String(300))
    context: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open, linked, dismissed
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))


class PersonMention(Base):
    """A person named in an item, with the role the text gives them."""

    __tablename__ = "person_mentions"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    role: Mapped[str | None] = mapped_column(String(100))
    is_inmate: Mapped[bool] = mapped_column(Boolean, default=False)


class Quote(Base):
    """A direct quote and its speaker: spokesperson tracking."""

    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(200), index=True)
    role: Mapped[str | None] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)


class KeyMessage(Base):
    """One of the institution's key messages or slogans, with the phrases that carry it."""

    __tablename__ = "key_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phrases: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ItemKeyMessage(Base):
    __tablename__ = "item_key_messages"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    key_message_id: Mapped[int] = mapped_column(
        ForeignKey("key_messages.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Correction(Base):
    """An analyst's change to a label: who, when, old -> new, why. Append-only."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(30))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    """A dashboard account. ``unit_id`` scopes upt users, ``province`` scopes kanwil users."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))  # vocab.Role
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    province: Mapped[str | None] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditLog(Base):
    """Corrections and admin actions, who did them and when. Append-only."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


Index("ix_analyses_scope", Analysis.relevant, Analysis.tone, Analysis.crisis_category)
# Dashboard (migration 0005): the overview cache's data version reads max(analysed_at);
# covering indexes let the list and the overview filter and count without row lookups.
Index("ix_analyses_analysed_at", Analysis.analysed_at)
Index(
    "ix_analyses_cover",
    Analysis.item_id,
    Analysis.relevant,
    Analysis.tone,
    Analysis.crisis_category,
    Analysis.topic,
    Analysis.needs_review,
    Analysis.headline_mismatch,
    Analysis.province,
)
Index(
    "ix_items_period_cover", Item.published_at, Item.id, Item.outlet_id, Item.story_id, Item.channel
)


class StorySignature(Base):
    """An item's MinHash signature, kept so a new item joins a story without re-reading
    the others (owned by analysis II; see pantau.store.stories)."""

    __tablename__ = "story_signatures"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    shingles: Mapped[int] = mapped_column(Integer, default=0)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    units: Mapped[list[str]] = mapped_column(JSON, default=list)
