"""Bucketing stored instants (UTC) into local calendar days, in SQL, on both engines."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, func, literal_column
from sqlalchemy.sql.elements import ColumnElement


def utc_offset_hours(timezone: str, at: datetime) -> float:
    offset = ZoneInfo(timezone).utcoffset(at)
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def local_day(column: Any, *, dialect: str, timezone: str, at: datetime) -> ColumnElement[Any]:
    """The local calendar day of a UTC timestamp column, as an SQL expression.

    Indonesia has no daylight saving, so one fixed offset per zone is exact; ``at`` picks
    the offset for zones that do have it (good enough within one report period).
    """
    if dialect == "postgresql":
        return func.date(func.timezone(timezone, column)).cast(Date)
    hours = utc_offset_hours(timezone, at)
    modifier: ColumnElement[Any] = literal_column(f"'{hours:+.2f} hours'")
    return func.date(column, modifier)
