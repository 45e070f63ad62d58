"""Who sees what: a scope (national, one Kanwil's province, one unit) and a period.

Every page, export, report and API call filters items through :func:`scoped_items`,
so role enforcement lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import aliased

from pantau.store.tables import Analysis, Item, ItemUnit, Unit


@dataclass(frozen=True, slots=True)
class Scope:
    """``province`` limits to a Kanwil's province; ``unit_ids`` to some units."""

    province: str | None = None
    unit_ids: tuple[int, ...] | None = None

    @property
    def is_national(self) -> bool:
        return self.province is None and self.unit_ids is None

    def describe(self) -> str:
        if self.unit_ids is not None:
            return "UPT"
        return f"Kanwil {self.province}" if self.province else "Nasional"


NATIONAL = Scope()


@dataclass(frozen=True, slots=True)
class Period:
    """Half-open interval [start, end) of publication time, both timezone-aware."""

    start: datetime
    end: datetime


def apply_scope(stmt: Select, scope: Scope) -> Select:  # type: ignore[type-arg]
    """Limit a select over ``Item`` (joined to ``Analysis``) to ``scope``.

    The subqueries use their own aliases and correlate only on ``Item``, so callers may
    join ``ItemUnit`` or ``Unit`` themselves (per-unit tables) without confusing them.
    """
    link, unit = aliased(ItemUnit), aliased(Unit)
    if scope.unit_ids is not None:
        in_units = exists().where(link.item_id == Item.id, link.unit_id.in_(scope.unit_ids))
        stmt = stmt.where(in_units.correlate(Item))
    if scope.province is not None:
        in_province_unit = exists().where(
            link.item_id == Item.id, link.unit_id == unit.id, unit.province == scope.province
        )
        stmt = stmt.where((Analysis.province == scope.province) | in_province_unit.correlate(Item))
    return stmt


def apply_unit_scope(
    stmt: Select,  # type: ignore[type-arg]
    scope: Scope,
    *,
    unit_id: Any,
    province: Any | None = None,
) -> Select:  # type: ignore[type-arg]
    """Limit rows that belong to a unit, and perhaps name a province (alerts, cases)."""
    if scope.unit_ids is not None:
        stmt = stmt.where(unit_id.in_(scope.unit_ids))
    if scope.province is not None:
        in_province = unit_id.in_(select(Unit.id).where(Unit.province == scope.province))
        stmt = stmt.where(
            in_province if province is None else (province == scope.province) | in_province
        )
    return stmt


def apply_period(stmt: Select, period: Period | None) -> Select:  # type: ignore[type-arg]
    if period is None:
        return stmt
    return stmt.where(Item.published_at >= period.start, Item.published_at < period.end)


def scoped_items(
    scope: Scope, period: Period | None = None, *, relevant_only: bool = True
) -> Select:  # type: ignore[type-arg]
    """``select(Item, Analysis)`` limited to the scope and period."""
    stmt = select(Item, Analysis).join(Analysis, Analysis.item_id == Item.id)
    if relevant_only:
        stmt = stmt.where(Analysis.relevant.is_(True))
    return apply_period(apply_scope(stmt, scope), period)
