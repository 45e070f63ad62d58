"""``pantau bench reports``: time a report over a large synthetic database."""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from pantau.reports.context import build_context
from pantau.reports.params import ReportParams
from pantau.reports.period import PeriodKind
from pantau.reports.service import RENDERERS, ReportFormat
from pantau.settings import Settings
from pantau.store.db import make_engine, make_sessionmaker
from pantau.store.tables import Item


@dataclass(frozen=True, slots=True)
class ReportTiming:
    items_in_database: int
    items_in_period: int
    period_title: str
    context_seconds: float
    render_seconds: float
    output_bytes: int
    peak_rss_mb: float

    @property
    def total_seconds(self) -> float:
        return self.context_seconds + self.render_seconds


def time_report(
    url: str, *, settings: Settings, scope: str, period: PeriodKind, fmt: ReportFormat
) -> ReportTiming:
    """Build and render the report of the last complete period in the database."""
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        total = int(session.scalar(select(func.count(Item.id))) or 0)
        latest = session.scalar(select(func.max(Item.published_at)))
        if latest is None:
            raise ValueError("database has no items")
        anchor = (latest - timedelta(days=32)).date()
        params = ReportParams(scope=scope, period=period, anchor=anchor)
        start = time.perf_counter()
        context = build_context(session=session, params=params, timezone=settings.timezone)
        built = time.perf_counter()
        content = RENDERERS[fmt](context)
        rendered = time.perf_counter()
    engine.dispose()
    return ReportTiming(
        items_in_database=total,
        items_in_period=context.headline.items,
        period_title=context.period_title,
        context_seconds=built - start,
        render_seconds=rendered - built,
        output_bytes=len(content),
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
