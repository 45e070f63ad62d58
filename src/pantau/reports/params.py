"""What a report is asked for: a scope and a period, parsed from words Humas officers use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.errors import PantauError
from pantau.reports.period import PeriodKind
from pantau.store.scope import NATIONAL, Scope
from pantau.store.tables import Unit


@dataclass(frozen=True, slots=True)
class ReportParams:
    """``scope``: "nasional", "kanwil:<Provinsi>" or "upt:<nama unit>"."""

    scope: str
    period: PeriodKind
    anchor: date

    def as_dict(self) -> dict[str, Any]:
        return {"scope": self.scope, "period": self.period.value, "anchor": self.anchor.isoformat()}


@dataclass(frozen=True, slots=True)
class ResolvedScope:
    scope: Scope
    label: str  # "Nasional", "Kanwil Ditjenpas Jambi", "Lapas Perempuan Kelas IIB Jambi"
    kind: str  # nasional, kanwil, upt
    province: str | None = None


def resolve_scope(session: Session, spec: str) -> ResolvedScope:
    """Turn a scope word into a :class:`Scope`; unknown units or provinces are a clear error."""
    kind, _, value = spec.partition(":")
    kind = kind.strip().lower()
    value = value.strip()
    if kind in ("nasional", "national", ""):
        return ResolvedScope(NATIONAL, "Nasional", "nasional")
    if kind == "kanwil":
        known = session.scalars(select(Unit.province).where(Unit.province.ilike(value))).first()
        if not known:
            raise PantauError(f"Provinsi tidak dikenal di daftar unit: {value!r}")
        label = session.scalars(select(Unit.kanwil).where(Unit.province == known)).first()
        return ResolvedScope(Scope(province=known), label or f"Kanwil {known}", "kanwil", known)
    if kind == "upt":
        unit = session.scalars(select(Unit).where(Unit.name.ilike(value))).first()
        if unit is None and value.isdigit():
            unit = session.get(Unit, int(value))
        if unit is None:
            raise PantauError(f"Unit tidak dikenal: {value!r} (lihat `pantau units list`)")
        return ResolvedScope(Scope(unit_ids=(unit.id,)), unit.name, "upt", unit.province)
    raise PantauError(f"Cakupan tidak dikenal: {spec!r} (nasional, kanwil:<Provinsi>, upt:<Unit>)")
