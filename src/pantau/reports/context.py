"""Everything a report shows, as plain data: built once, rendered as PDF, XLSX, CSV or JSON.

Each figure comes from one query over the same scoped, relevant items the dashboard counts
(:mod:`pantau.store.stats`), so the report and the overview agree.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, String, case, cast, distinct, func, select
from sqlalchemy.orm import Session

from pantau.reports.params import ReportParams, ResolvedScope, resolve_scope
from pantau.reports.period import PeriodKind, ReportPeriod, report_period
from pantau.store.scope import Period, Scope, apply_period, apply_scope
from pantau.store.stats import Headline, headline
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
from pantau.store.timeseries import local_day

TOP = 10


@dataclass(frozen=True, slots=True)
class HeadlineRow:
    items: int
    positive: int
    neutral: int
    negative: int
    crisis: int
    positive_share: float
    neutral_share: float
    negative_share: float
    crisis_share: float

    @classmethod
    def of(cls, h: Headline) -> HeadlineRow:
        return cls(
            h.items,
            h.positive,
            h.neutral,
            h.negative,
            h.crisis,
            h.share(h.positive),
            h.share(h.neutral),
            h.share(h.negative),
            h.share(h.crisis),
        )


@dataclass(frozen=True, slots=True)
class TrendPoint:
    bucket: str  # ISO day, or YYYY-MM for annual reports
    items: int
    positive: int
    neutral: int
    negative: int


@dataclass(frozen=True, slots=True)
class CountRow:
    key: str
    label: str
    items: int
    share: float


@dataclass(frozen=True, slots=True)
class StoryRow:
    story_id: int
    title: str
    items: int
    outlets: int
    first_outlet: str
    first_seen: str
    provinces: list[str]
    tone: str


@dataclass(frozen=True, slots=True)
class UnitRow:
    unit: str
    type: str
    province: str
    pilot: bool
    items: int
    positive: int
    negative: int
    crisis: int
    positive_share: float
    rank_in_kanwil: int = 0


@dataclass(frozen=True, slots=True)
class OutletRow:
    outlet: str
    tier: int
    items: int
    positive: int
    negative: int


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    speaker: str
    role: str
    quotes: int
    items: int
    example: str


@dataclass(slots=True)
class ReportContext:
    """The report's numbers; ``fingerprint`` changes only when a number changes."""

    params: dict[str, Any]
    scope_label: str
    period_title: str
    period_kind: str
    period_start: str
    period_end: str
    generated_at: str
    analyser_versions: list[dict[str, Any]]
    headline: HeadlineRow
    previous: HeadlineRow
    trend: list[TrendPoint]
    crisis_categories: list[CountRow]
    topics: list[CountRow]
    stories: list[StoryRow]
    units: list[UnitRow]
    outlets: list[OutletRow]
    tiers: list[CountRow]
    speakers: list[SpeakerRow]
    key_messages: list[CountRow]
    extra: dict[str, Any] = field(default_factory=dict)  # sections added by other domains

    def numbers(self) -> dict[str, Any]:
        """Everything but the generation time: what reproducibility compares."""
        data = asdict(self)
        data.pop("generated_at")
        return data

    @property
    def fingerprint(self) -> str:
        payload = json.dumps(self.numbers(), sort_keys=True, default=str).encode()
        return hashlib.sha256(payload).hexdigest()[:16]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fingerprint"] = self.fingerprint
        return data


def _relevant(scope: Scope, period: Period, *columns: Any) -> Select[Any]:
    stmt = (
        select(*columns)
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .where(Analysis.relevant.is_(True))
    )
    return apply_period(apply_scope(stmt, scope), period)


def _tone_sums() -> tuple[Any, Any, Any]:
    return (
        func.sum(case((Analysis.tone == "positive", 1), else_=0)),
        func.sum(case((Analysis.tone == "neutral", 1), else_=0)),
        func.sum(case((Analysis.tone == "negative", 1), else_=0)),
    )


def _trend(session: Session, scope: Scope, rp: ReportPeriod, timezone: str) -> list[TrendPoint]:
    dialect = session.get_bind().dialect.name
    day = local_day(Item.published_at, dialect=dialect, timezone=timezone, at=rp.current.start)
    stmt = _relevant(scope, rp.current, day, func.count(Item.id), *_tone_sums()).group_by(day)
    buckets: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for raw_day, count, pos, neu, neg in session.execute(stmt):
        key = str(raw_day)[:7] if rp.kind is PeriodKind.ANNUAL else str(raw_day)[:10]
        for i, value in enumerate((count, pos, neu, neg)):
            buckets[key][i] += int(value or 0)
    return [TrendPoint(k, *v) for k, v in sorted(_fill(buckets, rp).items())]


def _fill(buckets: dict[str, list[int]], rp: ReportPeriod) -> dict[str, list[int]]:
    """Every day (or month) of the period appears, with zeros where nothing was published."""
    start = rp.current.start.date()
    filled = dict(buckets)
    for offset in range(rp.days):
        day = start + timedelta(days=offset)
        key = day.isoformat()[:7] if rp.kind is PeriodKind.ANNUAL else day.isoformat()
        filled.setdefault(key, [0, 0, 0, 0])
    return filled


def _counts(
    session: Session, scope: Scope, period: Period, column: Any, labels: dict[str, str], total: int
) -> list[CountRow]:
    stmt = _relevant(scope, period, column, func.count(Item.id)).group_by(column)
    rows = [(str(k), int(n)) for k, n in session.execute(stmt) if k is not None]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return [CountRow(k, labels.get(k, k), n, n / total if total else 0.0) for k, n in rows]


def _stories(session: Session, scope: Scope, period: Period) -> list[StoryRow]:
    n = func.count(Item.id)
    neg = func.sum(case((Analysis.tone == "negative", 1), else_=0))
    stmt = (
        _relevant(scope, period, Story, n, neg)
        .join(Story, Story.id == Item.story_id)
        .group_by(Story.id)
        .order_by(n.desc(), Story.id)
        .limit(TOP)
    )
    return [
        StoryRow(
            story.id,
            story.title,
            int(count),
            story.outlet_count,
            story.first_outlet or "",
            story.first_seen.isoformat() if story.first_seen else "",
            list(story.provinces or []),
            "negative" if neg and neg * 2 >= count else "non-negative",
        )
        for story, count, neg in session.execute(stmt)
    ]


def _units(session: Session, scope: Scope, period: Period) -> list[UnitRow]:
    pos, _neu, neg = _tone_sums()
    crisis = func.sum(case((Analysis.crisis_category != "none", 1), else_=0))
    stmt = (
        _relevant(scope, period, Unit, func.count(distinct(Item.id)), pos, neg, crisis)
        .join(ItemUnit, ItemUnit.item_id == Item.id)
        .join(Unit, Unit.id == ItemUnit.unit_id)
        .group_by(Unit.id)
    )
    if scope.unit_ids is not None:
        stmt = stmt.where(Unit.id.in_(scope.unit_ids))
    if scope.province is not None:
        stmt = stmt.where(Unit.province == scope.province)
    rows = [
        UnitRow(
            u.name,
            u.type,
            u.province,
            u.pilot,
            int(c),
            int(p or 0),
            int(ng or 0),
            int(cr or 0),
            (p or 0) / c if c else 0.0,
        )
        for u, c, p, ng, cr in session.execute(stmt)
    ]
    return _rank_within_kanwil(rows)


def _rank_within_kanwil(rows: list[UnitRow]) -> list[UnitRow]:
    """Each Kanwil ranks its UPTs by net tone ((positive - negative) / items), then fewer
    crises, then more coverage: a unit with many positives but an escape does not lead."""
    by_province: dict[str, list[UnitRow]] = defaultdict(list)
    for row in rows:
        by_province[row.province].append(row)
    ranked: list[UnitRow] = []
    for province in sorted(by_province):
        ordered = sorted(
            by_province[province], key=lambda r: (-_net_tone(r), r.crisis, -r.items, r.unit)
        )
        ranked += [_with_rank(r, i + 1) for i, r in enumerate(ordered)]
    ranked.sort(key=lambda r: (-r.items, r.unit))
    return ranked


def _net_tone(row: UnitRow) -> float:
    return (row.positive - row.negative) / row.items if row.items else 0.0


def _with_rank(row: UnitRow, rank: int) -> UnitRow:
    data = asdict(row)
    data["rank_in_kanwil"] = rank
    return UnitRow(**data)


def _outlets(session: Session, scope: Scope, period: Period) -> list[OutletRow]:
    pos, _neu, neg = _tone_sums()
    n = func.count(Item.id)
    stmt = (
        _relevant(scope, period, Outlet.name, Outlet.tier, n, pos, neg)
        .join(Outlet, Outlet.id == Item.outlet_id)
        .group_by(Outlet.id)
        .order_by(n.desc(), Outlet.name)
    )
    return [
        OutletRow(name, int(tier), int(c), int(p or 0), int(ng or 0))
        for name, tier, c, p, ng in session.execute(stmt)
    ]


def _tiers(outlets: list[OutletRow], total: int) -> list[CountRow]:
    names = {
        1: "Tier 1 nasional",
        2: "Tier 2 regional",
        3: "Tier 3 situs resmi",
        4: "Tier 4 media sosial",
    }
    counts: dict[int, int] = defaultdict(int)
    for row in outlets:
        counts[row.tier] += row.items
    return [
        CountRow(str(t), names.get(t, f"Tier {t}"), c, c / total if total else 0.0)
        for t, c in sorted(counts.items())
    ]


def _speakers(session: Session, scope: Scope, period: Period) -> list[SpeakerRow]:
    n = func.count(Quote.id)
    stmt = (
        _relevant(
            scope,
            period,
            Quote.speaker,
            func.max(Quote.role),
            n,
            func.count(distinct(Item.id)),
            func.min(Quote.text),
        )
        .join(Quote, Quote.item_id == Item.id)
        .where(Quote.speaker.is_not(None))
        .group_by(Quote.speaker)
        .order_by(n.desc(), Quote.speaker)
        .limit(TOP)
    )
    return [
        SpeakerRow(s, r or "", int(q), int(i), (ex or "")[:240])
        for s, r, q, i, ex in session.execute(stmt)
    ]


def _key_messages(session: Session, scope: Scope, period: Period, total: int) -> list[CountRow]:
    n = func.count(distinct(Item.id))
    stmt = (
        _relevant(scope, period, KeyMessage.code, KeyMessage.name, n)
        .join(ItemKeyMessage, ItemKeyMessage.item_id == Item.id)
        .join(KeyMessage, KeyMessage.id == ItemKeyMessage.key_message_id)
        .group_by(KeyMessage.code, KeyMessage.name)
        .order_by(n.desc(), KeyMessage.code)
    )
    return [
        CountRow(code, name, int(c), int(c) / total if total else 0.0)
        for code, name, c in session.execute(stmt)
    ]


def _versions(session: Session, scope: Scope, period: Period) -> list[dict[str, Any]]:
    as_text = cast(Analysis.versions, String)
    stmt = _relevant(scope, period, as_text, func.count(Item.id)).group_by(as_text).limit(20)
    found = [{"versions": json.loads(v), "items": int(c)} for v, c in session.execute(stmt) if v]
    return sorted(found, key=lambda d: -int(d["items"]))


def build_context(
    *, session: Session, params: ReportParams, timezone: str, now: datetime | None = None
) -> ReportContext:
    """Compute every number of a report for ``params``; read-only."""
    from pantau.vocab import CRISIS_LABELS_ID, TOPIC_LABELS_ID

    resolved: ResolvedScope = resolve_scope(session, params.scope)
    rp = report_period(params.period, params.anchor, timezone)
    scope, current = resolved.scope, rp.current
    head = headline(session, scope, current)
    outlets = _outlets(session, scope, current)
    crisis_col = case((Analysis.crisis_category != "none", Analysis.crisis_category), else_=None)
    return ReportContext(
        params=params.as_dict(),
        scope_label=resolved.label,
        period_title=rp.title,
        period_kind=rp.kind.value,
        period_start=current.start.isoformat(),
        period_end=current.end.isoformat(),
        generated_at=(now or datetime.now(UTC))
        .astimezone(ZoneInfo(timezone))
        .isoformat(timespec="minutes"),
        analyser_versions=_versions(session, scope, current),
        headline=HeadlineRow.of(head),
        previous=HeadlineRow.of(headline(session, scope, rp.previous)),
        trend=_trend(session, scope, rp, timezone),
        crisis_categories=_counts(
            session, scope, current, crisis_col, CRISIS_LABELS_ID, head.crisis
        ),
        topics=_counts(session, scope, current, Analysis.topic, TOPIC_LABELS_ID, head.items),
        stories=_stories(session, scope, current),
        units=_units(session, scope, current),
        outlets=outlets,
        tiers=_tiers(outlets, head.items),
        speakers=_speakers(session, scope, current),
        key_messages=_key_messages(session, scope, current, head.items),
    )


def today_in(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()
