"""Rule alerts over one item's facts, pure: pilot units, crisis categories, watched words.

The service loads :class:`ItemFacts` from the database; the rules only read them.
Each hit carries a stable code, an Indonesian sentence and details for machines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pantau.vocab import CRISIS_LABELS_ID, CrisisCategory, Tone


@dataclass(frozen=True, slots=True)
class UnitFacts:
    id: int
    name: str
    province: str
    pilot: bool


@dataclass(frozen=True, slots=True)
class ItemFacts:
    id: int
    title: str
    text: str
    published_at: datetime
    tone: str | None
    category: str
    province: str | None
    outlet: str | None
    url: str | None
    story_id: int | None
    units: tuple[UnitFacts, ...] = ()

    @property
    def negative(self) -> bool:
        return self.tone == Tone.NEGATIVE

    @property
    def main_unit(self) -> UnitFacts | None:
        return self.units[0] if self.units else None


@dataclass(frozen=True, slots=True)
class Keyword:
    phrase: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class RuleHit:
    code: str
    sentence: str
    unit: UnitFacts | None = None
    level_floor: int = 1
    detail: dict[str, Any] = field(default_factory=dict)


def _category_label(category: str) -> str:
    return CRISIS_LABELS_ID.get(category, category)


def pilot_hits(item: ItemFacts) -> list[RuleHit]:
    if not item.negative:
        return []
    return [
        RuleHit(
            "pilot_negative",
            f"Berita negatif tentang UPT percontohan {u.name}.",
            unit=u,
            detail={"unit_id": u.id},
        )
        for u in item.units
        if u.pilot
    ]


def crisis_hits(item: ItemFacts, categories: Iterable[str]) -> list[RuleHit]:
    if item.category in (CrisisCategory.NONE, "") or item.category not in set(categories):
        return []
    place = item.main_unit.name if item.main_unit else (item.province or "lokasi belum diketahui")
    return [
        RuleHit(
            "crisis_category",
            f"Kategori krisis {_category_label(item.category)} di {place}.",
            unit=item.main_unit,
            detail={"category": item.category},
        )
    ]


def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase.strip()) + r"(?!\w)", re.IGNORECASE)


def keyword_hits(item: ItemFacts, keywords: Sequence[Keyword]) -> list[RuleHit]:
    haystack = f"{item.title}\n{item.text}"
    return [
        RuleHit(
            "keyword",
            f"Kata kunci pantauan \u201c{k.phrase}\u201d muncul.",
            unit=item.main_unit,
            level_floor=k.level,
            detail={"phrase": k.phrase},
        )
        for k in keywords
        if k.phrase.strip() and _pattern(k.phrase).search(haystack)
    ]


def rule_hits(
    item: ItemFacts, *, categories: Iterable[str], keywords: Sequence[Keyword]
) -> list[RuleHit]:
    """Every rule this item trips, in a stable order."""
    return [*pilot_hits(item), *crisis_hits(item, categories), *keyword_hits(item, keywords)]


def alert_key(item: ItemFacts, unit: UnitFacts | None) -> str:
    """One story is one alert; without a story, one unit (or place) and category is."""
    if item.story_id is not None:
        return f"story:{item.story_id}"
    category = item.category if item.category != CrisisCategory.NONE else "negative"
    if unit is not None:
        return f"unit:{unit.id}:{category}"
    if item.province:
        return f"province:{item.province}:{category}"
    return f"item:{item.id}"
