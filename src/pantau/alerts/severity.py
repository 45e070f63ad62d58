"""Severity levels, from plain facts about what fired. Defaults live in ``AlertSettings``.

- Level 1 (lokal): one unit, one or two outlets.
- Level 2 (regional): a Kanwil-wide or category-wide surge, or ``level2_outlets`` outlets.
- Level 3 (nasional): the national volume, ``level3_outlets`` outlets (viral),
  ``level3_provinces`` provinces, ``level3_items`` items, or deaths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pantau.settings import AlertSettings

LEVEL_LABELS_ID = {1: "Level 1 (lokal)", 2: "Level 2 (regional)", 3: "Level 3 (nasional)"}


@dataclass(frozen=True, slots=True)
class SeverityFacts:
    scope: str  # unit, kanwil, category, national, story, item
    outlets: int = 1
    provinces: frozenset[str] = field(default_factory=frozenset)
    items: int = 1
    deaths: bool = False
    floor: int = 1  # a rule may ask for a minimum level (a watched keyword's level)


def assess(facts: SeverityFacts, alerts: AlertSettings) -> tuple[int, list[dict[str, Any]]]:
    """The level and the machine-readable reasons for it."""
    why: list[dict[str, Any]] = []
    level = max(1, min(3, facts.floor))
    if facts.floor > 1:
        why.append({"code": "rule_floor", "level": facts.floor})
    checks: list[tuple[int, bool, dict[str, Any]]] = [
        (2, facts.scope in {"kanwil", "category"}, {"code": "regional_scope"}),
        (2, facts.outlets >= alerts.level2_outlets, {"code": "outlets", "n": facts.outlets}),
        (3, facts.scope == "national", {"code": "national_scope"}),
        (3, facts.outlets >= alerts.level3_outlets, {"code": "viral_outlets", "n": facts.outlets}),
        (
            3,
            len(facts.provinces) >= alerts.level3_provinces,
            {"code": "provinces", "n": len(facts.provinces)},
        ),
        (3, facts.items >= alerts.level3_items, {"code": "viral_items", "n": facts.items}),
        (3, facts.deaths, {"code": "deaths"}),
    ]
    for lvl, hit, reason in checks:
        if hit:
            why.append({**reason, "level": lvl})
            level = max(level, lvl)
    return level, why
