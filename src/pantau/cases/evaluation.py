"""Post-crisis evaluation: the coverage and tone curve before and after the first response.

Items counted are the relevant items about the case's unit or in its story, published
from ``evaluation_days`` before the first response (the opening, if there was none) to
``evaluation_days`` after it, grouped by local day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pantau.cases.tables import Case
from pantau.settings import Settings
from pantau.store.tables import Analysis, Item, ItemUnit
from pantau.vocab import Tone


@dataclass(frozen=True, slots=True)
class DayPoint:
    day: date
    items: int
    negative: int

    @property
    def negative_share(self) -> float:
        return self.negative / self.items if self.items else 0.0


@dataclass(frozen=True, slots=True)
class Summary:
    days: int
    items: int
    negative: int

    @property
    def items_per_day(self) -> float:
        return self.items / self.days if self.days else 0.0

    @property
    def negative_share(self) -> float:
        return self.negative / self.items if self.items else 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    case_id: int
    pivot: datetime
    pivot_is_response: bool
    curve: tuple[DayPoint, ...]
    before: Summary
    after: Summary

    def as_dict(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "pivot": self.pivot.isoformat(),
            "pivot_is_response": self.pivot_is_response,
            "curve": [
                {
                    "day": p.day.isoformat(),
                    "items": p.items,
                    "negative": p.negative,
                    "negative_share": round(p.negative_share, 4),
                }
                for p in self.curve
            ],
            "before": _summary_dict(self.before),
            "after": _summary_dict(self.after),
        }


def _summary_dict(s: Summary) -> dict[str, float | int]:
    return {
        "days": s.days,
        "items": s.items,
        "negative": s.negative,
        "items_per_day": round(s.items_per_day, 3),
        "negative_share": round(s.negative_share, 4),
    }


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def evaluate_case(
    *, session: Session, case: Case, settings: Settings, now: datetime | None = None
) -> Evaluation:
    """Items per day and negative share around the first response."""
    now = _utc(now or datetime.now(UTC))
    tz = ZoneInfo(settings.timezone)
    pivot = _utc(case.first_response_at or case.opened_at)
    span = timedelta(days=settings.alerts.evaluation_days)
    start, end = pivot - span, min(now, pivot + span)
    linked = [Item.story_id == case.story_id] if case.story_id is not None else []
    if case.unit_id is not None:
        in_unit = select(ItemUnit.item_id).where(ItemUnit.unit_id == case.unit_id)
        linked.append(Item.id.in_(in_unit))
    rows = (
        session.execute(
            select(Item.published_at, Analysis.tone)
            .join(Analysis, Analysis.item_id == Item.id)
            .where(Analysis.relevant.is_(True), or_(*linked))
            .where(Item.published_at >= start, Item.published_at < end)
        ).all()
        if linked
        else []
    )
    counts: dict[date, list[int]] = {}
    first, last = start.astimezone(tz).date(), end.astimezone(tz).date()
    day = first
    while day <= last:
        counts[day] = [0, 0]
        day += timedelta(days=1)
    before, after = [0, 0], [0, 0]
    for published, tone in rows:
        if published is None:
            continue
        local = _utc(published).astimezone(tz).date()
        bucket = counts.setdefault(local, [0, 0])
        side = before if _utc(published) < pivot else after
        for target in (bucket, side):
            target[0] += 1
            target[1] += int(tone == Tone.NEGATIVE)
    curve = tuple(DayPoint(d, c[0], c[1]) for d, c in sorted(counts.items()))
    days_before = max(1, round((pivot - start) / timedelta(days=1)))
    days_after = max(1, round((end - pivot) / timedelta(days=1))) if end > pivot else 0
    return Evaluation(
        case_id=case.id,
        pivot=pivot,
        pivot_is_response=case.first_response_at is not None,
        curve=curve,
        before=Summary(days_before, before[0], before[1]),
        after=Summary(days_after, after[0], after[1]),
    )
