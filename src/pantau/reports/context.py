"""Everything a report shows, as plain data: built once, rendered as PDF, XLSX, CSV or JSON.

Each figure comes from one query over the same scoped, relevant items the dashboard counts
(:mod:`pantau.store.stats`), so the report and the overview agree.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from pantau.reports.params import ReportParams, ResolvedScope, resolve_scope
from pantau.reports.period import PeriodKind, ReportPeriod, report_period
from pantau.store import stats
from pantau.store.scope import Period, Scope, apply_period, apply_scope, apply_unit_scope
from pantau.store.tables import Analysis, Item, Story, Unit
from pantau.vocab import CRISIS_LABELS_ID, TOPIC_LABELS_ID

TOP = 10
TIER_LABELS_ID = {
    1: "Tier 1 nasional",
    2: "Tier 2 regional",
    3: "Tier 3 situs resmi",
    4: "Tier 4 media sosial",
}


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
    def of(cls, h: stats.Headline) -> HeadlineRow:
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
    median_response_minutes: float | None = None  # first response to its crisis cases


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


@dataclass(frozen=True, slots=True)
class SurveyRow:
    """A unit's SKM score beside its media picture over the same period."""

    unit: str
    respondents: int
    score: float | None
    band: str | None
    band_label: str | None
    sample_short: bool
    media_items: int
    media_positive_share: float | None


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A crisis case opened in the period, with how fast the unit answered."""

    case_id: int
    title: str
    unit: str
    category: str
    level: int
    state: str
    opened_at: str
    first_response_minutes: float | None
    holding_statement_minutes: float | None


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
    surveys: list[SurveyRow] = field(default_factory=list)
    cases: list[CaseRow] = field(default_factory=list)

    @property
    def median_first_response_minutes(self) -> float | None:
        return _median([c.first_response_minutes for c in self.cases])

    @property
    def median_holding_statement_minutes(self) -> float | None:
        return _median([c.holding_statement_minutes for c in self.cases])

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


def _trend(session: Session, scope: Scope, rp: ReportPeriod, timezone: str) -> list[TrendPoint]:
    """Per day; per month for annual reports (summed from the days)."""
    points = stats.trend(session, scope, rp.current, bucket="day", tz=timezone)
    buckets: dict[str, list[int]] = {}
    for p in points:
        key = p.day.isoformat()[:7] if rp.kind is PeriodKind.ANNUAL else p.day.isoformat()
        row = buckets.setdefault(key, [0, 0, 0, 0])
        for i, value in enumerate((p.items, p.positive, p.neutral, p.negative)):
            row[i] += value
    return [TrendPoint(k, *v) for k, v in sorted(buckets.items())]


def _counts(rows: list[stats.Count], labels: dict[str, str], total: int) -> list[CountRow]:
    return [
        CountRow(r.key, labels.get(r.key, r.key), r.items, r.items / total if total else 0.0)
        for r in rows
    ]


def _stories(session: Session, scope: Scope, period: Period) -> list[StoryRow]:
    rows = stats.stories(session, scope, period, limit=TOP)
    found = session.scalars(select(Story).where(Story.id.in_([r.id for r in rows])))
    by_id = {story.id: story for story in found}
    return [_story_row(r, by_id[r.id]) for r in rows]


def _story_row(row: stats.ToneRow, story: Story) -> StoryRow:
    first_seen = story.first_seen.isoformat() if story.first_seen is not None else ""
    tone = "negative" if row.negative * 2 >= row.items else "non-negative"
    provinces = list(story.provinces or [])
    return StoryRow(
        row.id, row.name, row.items, story.outlet_count, row.extra, first_seen, provinces, tone
    )


def _units(session: Session, scope: Scope, period: Period) -> list[UnitRow]:
    rows = stats.units(session, scope, period, limit=None)
    found = session.scalars(select(Unit).where(Unit.id.in_([r.id for r in rows])))
    by_id = {unit.id: unit for unit in found}
    units = [
        UnitRow(
            r.name,
            by_id[r.id].type,
            by_id[r.id].province,
            r.flag,
            r.items,
            r.positive,
            r.negative,
            r.crisis,
            r.positive_share,
        )
        for r in rows
    ]
    return _rank_within_kanwil(units)


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
    rows = stats.outlets(session, scope, period, limit=None)
    return [OutletRow(r.name, int(r.extra or 0), r.items, r.positive, r.negative) for r in rows]


def _tiers(outlets: list[OutletRow], total: int) -> list[CountRow]:
    counts: dict[int, int] = defaultdict(int)
    for row in outlets:
        counts[row.tier] += row.items
    return [
        CountRow(str(t), TIER_LABELS_ID.get(t, f"Tier {t}"), c, c / total if total else 0.0)
        for t, c in sorted(counts.items())
    ]


def _speakers(session: Session, scope: Scope, period: Period) -> list[SpeakerRow]:
    return [
        SpeakerRow(s.name, s.role, s.quotes, s.items, s.sample[:240])
        for s in stats.spokespeople(session, scope, period, limit=TOP)
    ]


def _key_messages(session: Session, scope: Scope, period: Period, total: int) -> list[CountRow]:
    return [
        CountRow(r.extra, r.name, r.items, r.items / total if total else 0.0)
        for r in stats.key_messages(session, scope, period)
        if r.items
    ]


def _surveys(
    session: Session, scope: Scope, period: Period, units: list[UnitRow]
) -> list[SurveyRow]:
    from pantau.surveys.service import unit_results

    media = {u.unit: u for u in units}
    rows = []
    for result in unit_results(session=session, scope=scope, period=period):
        data, seen = result.as_dict(), media.get(result.unit_name)
        rows.append(
            SurveyRow(
                result.unit_name,
                int(data["respondents"]),
                data["score"],
                data["band"],
                data["band_label"],
                bool(data["sample_short"]),
                seen.items if seen else 0,
                seen.positive_share if seen else None,
            )
        )
    return rows


def _median(values: list[float | None]) -> float | None:
    present = sorted(v for v in values if v is not None)
    if not present:
        return None
    middle = len(present) // 2
    return present[middle] if len(present) % 2 else (present[middle - 1] + present[middle]) / 2


def _minutes(later: datetime | None, start: datetime) -> float | None:
    return round((later - start).total_seconds() / 60, 1) if later is not None else None


def _with_response_times(units: list[UnitRow], cases: list[CaseRow]) -> list[UnitRow]:
    by_unit: dict[str, list[float | None]] = defaultdict(list)
    for case in cases:
        by_unit[case.unit].append(case.first_response_minutes)
    return [replace(u, median_response_minutes=_median(by_unit.get(u.unit, []))) for u in units]


def _cases(session: Session, scope: Scope, period: Period) -> list[CaseRow]:
    from pantau.cases.tables import Case

    stmt = apply_unit_scope(
        select(Case, Unit.name).outerjoin(Unit, Unit.id == Case.unit_id),
        scope,
        unit_id=Case.unit_id,
        province=Case.province,
    ).where(Case.opened_at >= period.start, Case.opened_at < period.end)
    return [
        CaseRow(
            case.id,
            case.title,
            unit or "",
            case.category,
            case.level,
            case.state,
            case.opened_at.isoformat(),
            _minutes(case.first_response_at, case.opened_at),
            _minutes(case.holding_statement_at, case.opened_at),
        )
        for case, unit in session.execute(stmt.order_by(Case.opened_at, Case.id))
    ]


def _versions(session: Session, scope: Scope, period: Period) -> list[dict[str, Any]]:
    as_text = cast(Analysis.versions, String)
    stmt = (
        select(as_text, func.count(Item.id))
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .where(Analysis.relevant.is_(True))
    )
    stmt = apply_period(apply_scope(stmt, scope), period).group_by(as_text).limit(20)
    found = [{"versions": json.loads(v), "items": int(c)} for v, c in session.execute(stmt) if v]
    return sorted(found, key=lambda d: -int(d["items"]))


def build_context(
    *, session: Session, params: ReportParams, timezone: str, now: datetime | None = None
) -> ReportContext:
    """Compute every number of a report for ``params``; read-only."""
    resolved: ResolvedScope = resolve_scope(session, params.scope)
    rp = report_period(params.period, params.anchor, timezone)
    scope, current = resolved.scope, rp.current
    head = stats.headline(session, scope, current)
    outlets = _outlets(session, scope, current)
    cases = _cases(session, scope, current)
    units = _with_response_times(_units(session, scope, current), cases)
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
        previous=HeadlineRow.of(stats.headline(session, scope, rp.previous)),
        trend=_trend(session, scope, rp, timezone),
        crisis_categories=_counts(
            stats.crisis_categories(session, scope, current, limit=20),
            CRISIS_LABELS_ID,
            head.crisis,
        ),
        topics=_counts(
            stats.topics(session, scope, current, limit=20), TOPIC_LABELS_ID, head.items
        ),
        stories=_stories(session, scope, current),
        units=units,
        outlets=outlets,
        tiers=_tiers(outlets, head.items),
        speakers=_speakers(session, scope, current),
        key_messages=_key_messages(session, scope, current, head.items),
        surveys=_surveys(session, scope, current, units),
        cases=cases,
    )


def today_in(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()
