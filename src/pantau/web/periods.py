"""Reading the period of a page from its query: a preset of days or explicit dates (WIB)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fastapi import Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.store.scope import Period, Scope, apply_scope
from pantau.store.tables import Analysis, Item
from pantau.web.formatting import local, tanggal
from pantau.web.pagecache import TTLCache, request_data_version

PRESETS = (7, 30, 90, 365)
DEFAULT_DAYS = 30
MAX_DAYS = 3 * 366


@dataclass(frozen=True, slots=True)
class PeriodChoice:
    """Inclusive local dates ``start``..``end`` and the half-open UTC-aware period behind them."""

    start: date
    end: date
    days: int
    custom: bool
    tz: str = "Asia/Jakarta"

    @property
    def period(self) -> Period:
        # In UTC: SQLite stores the wall time of UTC datetimes, and compares text.
        zone = ZoneInfo(self.tz)
        return Period(
            datetime.combine(self.start, time(), zone).astimezone(UTC),
            datetime.combine(self.end + timedelta(days=1), time(), zone).astimezone(UTC),
        )

    @property
    def bucket(self) -> str:
        """Trend granularity: per day up to three months, per week beyond."""
        return "day" if self.days <= 92 else "week"

    @property
    def label(self) -> str:
        return f"{tanggal(self.start)} – {tanggal(self.end)}"

    def query(self) -> dict[str, str]:
        """Query parameters that reproduce this period in links."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def previous(self) -> PeriodChoice:
        """The period of the same length just before this one (for comparisons)."""
        end = self.start - timedelta(days=1)
        return PeriodChoice(end - timedelta(days=self.days - 1), end, self.days, True, self.tz)


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def choose_period(
    *,
    days: str | None = None,
    start: str | None = None,
    end: str | None = None,
    today: date,
    tz: str = "Asia/Jakarta",
) -> PeriodChoice:
    """A preset of days ending at ``end`` (or today); without a preset, explicit dates.

    Invalid input never fails a page: it falls back to the last 30 days.
    """
    first, last = _parse(start), _parse(end)
    preset = int(days) if days and days.isdigit() and int(days) in PRESETS else None
    if preset is None and first and last and first <= last and (last - first).days < MAX_DAYS:
        return PeriodChoice(first, last, (last - first).days + 1, True, tz)
    n = preset or DEFAULT_DAYS
    anchor = last or today
    return PeriodChoice(anchor - timedelta(days=n - 1), anchor, n, False, tz)


def today_in(tz: str) -> date:
    return datetime.now(ZoneInfo(tz)).date()


def page_period(
    request: Request,
    session: Session,
    scope: Scope,
    *,
    days: str | None,
    start: str | None,
    end: str | None,
) -> tuple[PeriodChoice, str | None]:
    """The requested period; by default the last 30 days, or up to the newest item
    when nothing was published lately (an archive or the demo corpus)."""
    tz = request.app.state.settings.timezone
    choice = choose_period(days=days, start=start, end=end, today=today_in(tz), tz=tz)
    if days or start or end:
        return choice, None
    # The newest item in scope changes only with the data: cached by data version.
    cache: TTLCache = request.app.state.page_cache
    key = ("latest", scope, choice.period, request_data_version(request, session))
    latest = cache.get_or_build(key, lambda: _latest(session, scope, choice.period) or "")
    if not latest:
        return choice, None
    moved = choose_period(days=str(choice.days), end=latest, today=today_in(tz), tz=tz)
    note = (
        f"Belum ada berita dalam {choice.days} hari terakhir; "
        f"menampilkan data s.d. {tanggal(moved.end)}."
    )
    return moved, note


def _latest(session: Session, scope: Scope, period: Period) -> str | None:
    """The newest item's local date when none falls inside ``period``, else None."""
    stmt = select(func.max(Item.published_at)).join(Analysis, Analysis.item_id == Item.id)
    stmt = apply_scope(stmt.where(Analysis.relevant.is_(True)), scope)
    newest = session.scalar(stmt)
    if newest is None:
        return None
    if local(newest) >= period.start:
        return None
    return local(newest).date().isoformat()
