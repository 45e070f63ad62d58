"""Report periods: daily brief, weekly, monthly, annual, or an explicit range, in local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pantau.errors import PantauError
from pantau.store.scope import Period

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


class PeriodKind(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    ANNUAL = "annual"


PERIOD_LABELS_ID = {
    PeriodKind.DAILY: "Harian",
    PeriodKind.WEEKLY: "Mingguan",
    PeriodKind.MONTHLY: "Bulanan",
    PeriodKind.ANNUAL: "Tahunan",
}


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """A period with its kind, the previous period of the same length, and a title."""

    kind: PeriodKind
    current: Period
    previous: Period
    title: str

    @property
    def days(self) -> int:
        return (self.current.end - self.current.start).days


def _local(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def _month_start(day: date, months_back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _fmt(day: date) -> str:
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def report_period(kind: PeriodKind, anchor: date, timezone: str) -> ReportPeriod:
    """The period of ``kind`` that contains ``anchor`` (weeks start on Monday)."""
    tz = ZoneInfo(timezone)
    if kind is PeriodKind.DAILY:
        start, end, prev = anchor, anchor + timedelta(days=1), anchor - timedelta(days=1)
        title = _fmt(anchor)
    elif kind is PeriodKind.WEEKLY:
        start = anchor - timedelta(days=anchor.weekday())
        end, prev = start + timedelta(days=7), start - timedelta(days=7)
        title = f"{_fmt(start)} – {_fmt(end - timedelta(days=1))}"
    elif kind is PeriodKind.MONTHLY:
        start = anchor.replace(day=1)
        end, prev = _month_start(start, -1), _month_start(start, 1)
        title = f"{MONTHS_ID[start.month - 1]} {start.year}"
    else:
        start = date(anchor.year, 1, 1)
        end, prev = date(anchor.year + 1, 1, 1), date(anchor.year - 1, 1, 1)
        title = f"Tahun {anchor.year}"
    return ReportPeriod(
        kind=kind,
        current=Period(_local(start, tz), _local(end, tz)),
        previous=Period(_local(prev, tz), _local(start, tz)),
        title=title,
    )


def parse_anchor(text: str | None, today: date) -> date:
    """``2026-11-27``, ``2026-11`` (first of month) or ``2026`` (1 January); default today."""
    if not text:
        return today
    try:
        parts = [int(p) for p in text.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError) as exc:
        raise PantauError(f"Tanggal acuan tidak dikenali: {text!r} (contoh: 2026-11-27)") from exc
