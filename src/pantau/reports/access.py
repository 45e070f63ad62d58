"""Which report scopes a user may ask for: never wider than what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.store.scope import Scope
from pantau.store.tables import Unit


@dataclass(frozen=True, slots=True)
class ScopeChoice:
    spec: str  # what ReportParams.scope takes
    label: str


def scope_choices(session: Session, scope: Scope) -> list[ScopeChoice]:
    """National scope offers everything; a Kanwil its own province and units; a UPT itself."""
    units_stmt = select(Unit).where(Unit.active.is_(True)).order_by(Unit.province, Unit.name)
    choices: list[ScopeChoice] = []
    if scope.is_national:
        choices.append(ScopeChoice("nasional", "Nasional"))
        provinces = session.scalars(select(Unit.province).distinct().order_by(Unit.province))
        choices += [ScopeChoice(f"kanwil:{p}", f"Kanwil {p}") for p in provinces]
    elif scope.province is not None:
        choices.append(ScopeChoice(f"kanwil:{scope.province}", f"Kanwil {scope.province}"))
        units_stmt = units_stmt.where(Unit.province == scope.province)
    if scope.unit_ids is not None:
        units_stmt = units_stmt.where(Unit.id.in_(scope.unit_ids))
    choices += [ScopeChoice(f"upt:{u.name}", u.name) for u in session.scalars(units_stmt)]
    return choices


def allowed(session: Session, scope: Scope, spec: str) -> bool:
    """True when ``spec`` is one of the user's choices (compared without letter case)."""
    wanted = spec.strip().casefold()
    return any(c.spec.casefold() == wanted for c in scope_choices(session, scope))
