"""Headline numbers shared by the dashboard, the API and the reports.

One function per number family, so the overview, its JSON twin and every report agree.
Every function counts relevant items only, limited to a scope and period the same way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, case, desc, func, literal, select
from sqlalchemy.orm import Session, aliased

from pantau.store.scope import Period, Scope, apply_period, apply_scope
from pantau.store.tables import (
    Analysis,
    Item,
    ItemKeyMessage,
    ItemUnit,
    KeyMessage,
    Outlet,
    Quote,
    Story,
    Unit,
)


@dataclass(frozen=True, slots=True)
class Headline:
    """Relevant items and their tone; crisis items are the negative ones with a category."""

    items: int
    positive: int
    neutral: int
    negative: int
    crisis: int

    def share(self, count: int) -> float:
        return count / self.items if self.items else 0.0


def _tone_sums() -> tuple[Any, Any, Any, Any]:
    return (
        func.sum(case((Analysis.tone == "positive", 1), else_=0)),
        func.sum(case((Analysis.tone == "neutral", 1), else_=0)),
        func.sum(case((Analysis.tone == "negative", 1), else_=0)),
        func.sum(case((Analysis.crisis_category != "none", 1), else_=0)),
    )


def _limit(stmt: Select, scope: Scope, period: Period | None) -> Select:  # type: ignore[type-arg]
    """Relevant items in scope and period; ``stmt`` must already select from Item/Analysis."""
    stmt = stmt.where(Analysis.relevant.is_(True))
    return apply_period(apply_scope(stmt, scope), period)


def headline(session: Session, scope: Scope, period: Period | None) -> Headline:
    stmt = (
        select(func.count(Item.id), *_tone_sums())
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .where(Analysis.relevant.is_(True))
    )
    stmt = apply_period(apply_scope(stmt, scope), period)
    total, pos, neu, neg, crisis = session.execute(stmt).one()
    return Headline(int(total or 0), int(pos or 0), int(neu or 0), int(neg or 0), int(crisis or 0))


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """Counts of one day (or of the week starting on ``day``)."""

    day: date
    items: int
    positive: int
    neutral: int
    negative: int
    crisis: int


def _local_day(session: Session, tz: str) -> ColumnElement[str]:
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(tz, Item.published_at), "YYYY-MM-DD")
    # SQLite keeps UTC text; Indonesia's zones have no daylight saving, so a fixed shift is exact.
    offset = datetime(2020, 1, 1, tzinfo=ZoneInfo(tz)).utcoffset() or timedelta(0)
    return func.date(Item.published_at, f"{int(offset.total_seconds()) // 60:+d} minutes")


def trend(
    session: Session,
    scope: Scope,
    period: Period,
    *,
    bucket: str = "day",
    tz: str = "Asia/Jakarta",
) -> list[TrendPoint]:
    """Per day (or per ISO week, Monday first) across the whole period, zero-filled."""
    day = _local_day(session, tz).label("d")
    stmt = select(day, func.count(Item.id), *_tone_sums()).select_from(Item)
    stmt = _limit(stmt.join(Analysis, Analysis.item_id == Item.id), scope, period)
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for d, *values in session.execute(stmt.group_by(day)):
        key = date.fromisoformat(str(d)[:10])
        if bucket == "week":
            key -= timedelta(days=key.weekday())
        for i, value in enumerate(values):
            counts[key][i] += int(value or 0)
    first = period.start.astimezone(ZoneInfo(tz)).date()
    last = (period.end.astimezone(ZoneInfo(tz)) - timedelta(microseconds=1)).date()
    step = timedelta(days=7 if bucket == "week" else 1)
    cursor = first - timedelta(days=first.weekday()) if bucket == "week" else first
    points = []
    while cursor <= last:
        points.append(TrendPoint(cursor, *counts.get(cursor, [0, 0, 0, 0, 0])))
        cursor += step
    return points


@dataclass(frozen=True, slots=True)
class Count:
    """A label and how many items carry it."""

    key: str
    items: int


def crisis_categories(
    session: Session, scope: Scope, period: Period | None, *, limit: int = 10
) -> list[Count]:
    n = func.count(Item.id)
    stmt = select(Analysis.crisis_category, n).select_from(Item)
    stmt = _limit(stmt.join(Analysis, Analysis.item_id == Item.id), scope, period)
    stmt = stmt.where(Analysis.crisis_category != "none").group_by(Analysis.crisis_category)
    rows = session.execute(stmt.order_by(desc(n), Analysis.crisis_category).limit(limit))
    return [Count(str(k), int(c)) for k, c in rows]


def topics(
    session: Session, scope: Scope, period: Period | None, *, limit: int = 15
) -> list[Count]:
    n = func.count(Item.id)
    stmt = select(Analysis.topic, n).select_from(Item)
    stmt = _limit(stmt.join(Analysis, Analysis.item_id == Item.id), scope, period)
    stmt = stmt.where(Analysis.topic.is_not(None)).group_by(Analysis.topic)
    rows = session.execute(stmt.order_by(desc(n), Analysis.topic).limit(limit))
    return [Count(str(k), int(c)) for k, c in rows]


@dataclass(frozen=True, slots=True)
class ToneRow:
    """An entity (unit, outlet, story) with its item count and tone split."""

    id: int
    name: str
    items: int
    positive: int
    neutral: int
    negative: int
    crisis: int
    extra: str = ""  # unit: its Kanwil; outlet: its tier; story: first outlet
    flag: bool = False  # unit: pilot; outlet: national tier

    @property
    def positive_share(self) -> float:
        return self.positive / self.items if self.items else 0.0

    @property
    def negative_share(self) -> float:
        return self.negative / self.items if self.items else 0.0


def _tone_row(row: Any, extra: str = "", flag: bool = False) -> ToneRow:
    """``row`` = (id, name, items, positive, neutral, negative, crisis, ...)."""
    counts = [int(v or 0) for v in row[2:7]]
    pos, neu, neg, crisis = counts[1:]
    return ToneRow(int(row[0]), str(row[1]), counts[0], pos, neu, neg, crisis, extra, flag)


def units(
    session: Session,
    scope: Scope,
    period: Period | None,
    *,
    limit: int | None = 10,
    order: str = "items",
) -> list[ToneRow]:
    """Units named in the scope's items, limited to units inside the scope itself."""
    # Aliases: the scope filter's EXISTS over item_units/units must not correlate to these.
    link, unit = aliased(ItemUnit), aliased(Unit)
    n = func.count(Item.id)
    pos, neu, neg, cri = _tone_sums()
    stmt = (
        select(unit.id, unit.name, n, pos, neu, neg, cri, unit.kanwil, unit.pilot)
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .join(link, link.item_id == Item.id)
        .join(unit, unit.id == link.unit_id)
    )
    stmt = _limit(stmt, scope, period)
    if scope.unit_ids is not None:
        stmt = stmt.where(unit.id.in_(scope.unit_ids))
    if scope.province is not None:
        stmt = stmt.where(unit.province == scope.province)
    keys = {"items": desc(n), "positive": desc(pos), "negative": desc(neg)}
    stmt = stmt.group_by(unit.id, unit.name, unit.kanwil, unit.pilot).order_by(
        keys.get(order, desc(n)), unit.name
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_tone_row(r, r[7], bool(r[8])) for r in session.execute(stmt)]


def outlets(
    session: Session, scope: Scope, period: Period | None, *, limit: int = 10
) -> list[ToneRow]:
    n = func.count(Item.id)
    stmt = (
        select(Outlet.id, Outlet.name, n, *_tone_sums(), Outlet.tier)
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .join(Outlet, Outlet.id == Item.outlet_id)
    )
    stmt = _limit(stmt, scope, period).group_by(Outlet.id, Outlet.name, Outlet.tier)
    rows = session.execute(stmt.order_by(desc(n), Outlet.name).limit(limit))
    return [_tone_row(r, str(r[7]), r[7] == 1) for r in rows]


def stories(
    session: Session, scope: Scope, period: Period | None, *, limit: int = 10
) -> list[ToneRow]:
    """Stories with the most copies in scope (a story of one item is not a story)."""
    n = func.count(Item.id)
    stmt = (
        select(Story.id, Story.title, n, *_tone_sums(), Story.first_outlet, Story.outlet_count)
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .join(Story, Story.id == Item.story_id)
    )
    stmt = _limit(stmt, scope, period).group_by(
        Story.id, Story.title, Story.first_outlet, Story.outlet_count
    )
    stmt = stmt.having(n > 1).order_by(desc(n), Story.id).limit(limit)
    return [_tone_row(r, r[7] or "", (r[8] or 0) > 1) for r in session.execute(stmt)]


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person quoted in scope: how often, in how many items, and one recent quote."""

    name: str
    role: str
    quotes: int
    items: int
    sample: str
    sample_item_id: int


def spokespeople(
    session: Session, scope: Scope, period: Period | None, *, limit: int = 10
) -> list[Speaker]:
    n = func.count(Quote.id)
    stmt = (
        select(
            Quote.speaker,
            func.max(Quote.role),
            n,
            func.count(func.distinct(Quote.item_id)),
            func.max(Quote.id),
        )
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .join(Quote, Quote.item_id == Item.id)
        .where(Quote.speaker.is_not(None))
    )
    stmt = _limit(stmt, scope, period).group_by(Quote.speaker)
    rows = list(session.execute(stmt.order_by(desc(n), Quote.speaker).limit(limit)))
    latest = {
        q.id: q for q in session.scalars(select(Quote).where(Quote.id.in_([r[4] for r in rows])))
    }
    return [
        Speaker(str(s), r or "", int(c), int(i), latest[q].text, latest[q].item_id)
        for s, r, c, i, q in rows
    ]


def key_messages(session: Session, scope: Scope, period: Period | None) -> list[ToneRow]:
    """Every active key message and how many items in scope carry it (zero included)."""
    n = func.count(Item.id)
    stmt = (
        select(KeyMessage.id, n, *_tone_sums())
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .join(ItemKeyMessage, ItemKeyMessage.item_id == Item.id)
        .join(KeyMessage, KeyMessage.id == ItemKeyMessage.key_message_id)
    )
    stmt = _limit(stmt, scope, period).group_by(KeyMessage.id)
    found: dict[int, Any] = {int(r[0]): r for r in session.execute(stmt)}
    empty = (0, "", 0, 0, 0, 0, 0)
    rows = [
        _tone_row((km.id, km.name, *found.get(km.id, empty)[1:]), km.code)
        for km in session.scalars(select(KeyMessage).where(KeyMessage.active.is_(True)))
    ]
    return sorted(rows, key=lambda r: (-r.items, r.name))


@dataclass(frozen=True, slots=True)
class ItemBrief:
    """Enough of an item to list it."""

    id: int
    title: str
    outlet: str
    published_at: datetime | None
    tone: str | None
    headline_tone: str | None
    crisis_category: str


def mismatches(
    session: Session, scope: Scope, period: Period | None, *, limit: int = 8
) -> list[ItemBrief]:
    """Items whose headline's tone differs from the body's, newest first."""
    stmt = (
        select(
            Item.id,
            Item.title,
            Outlet.name,
            Item.published_at,
            Analysis.tone,
            Analysis.headline_tone,
            Analysis.crisis_category,
        )
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .outerjoin(Outlet, Outlet.id == Item.outlet_id)
        .where(Analysis.headline_mismatch.is_(True))
    )
    stmt = _limit(stmt, scope, period).order_by(desc(Item.published_at), desc(Item.id))
    return [
        ItemBrief(i, t, o or "", p, tone, ht, cc or "none")
        for i, t, o, p, tone, ht, cc in session.execute(stmt.limit(limit))
    ]


def kanwils(session: Session, scope: Scope, period: Period | None) -> list[ToneRow]:
    """Per Kanwil: items about any of its units (each item once per Kanwil).

    ``ToneRow.id`` is 0 (a Kanwil has no id); ``name`` is the Kanwil, ``extra`` its province.
    """
    pairs = (
        select(
            ItemUnit.item_id.label("item_id"),
            Unit.kanwil.label("kanwil"),
            Unit.province.label("province"),
        )
        .join(Unit, Unit.id == ItemUnit.unit_id)
        .distinct()
    )
    if scope.unit_ids is not None:
        pairs = pairs.where(Unit.id.in_(scope.unit_ids))
    if scope.province is not None:
        pairs = pairs.where(Unit.province == scope.province)
    sub = pairs.subquery()
    n = func.count(Item.id)
    stmt = (
        select(literal(0), sub.c.kanwil, n, *_tone_sums(), sub.c.province)
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .join(sub, sub.c.item_id == Item.id)
    )
    stmt = _limit(stmt, scope, period).group_by(sub.c.kanwil, sub.c.province)
    return [_tone_row(r, str(r[7])) for r in session.execute(stmt.order_by(desc(n), sub.c.kanwil))]
