"""From stored items to signals: rule hits, volume surges and story spread.

A :class:`Signal` is what one check found, before de-duplication turns it into an alert.
This module reads the database; the judgements themselves live in the pure modules
``rules``, ``detect`` and ``severity``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from pantau.alerts.detect import (
    SpreadConfig,
    VolumeConfig,
    VolumeResult,
    first_firing,
    story_spread,
)
from pantau.alerts.rules import ItemFacts, Keyword, UnitFacts, alert_key, rule_hits
from pantau.alerts.severity import SeverityFacts
from pantau.alerts.tables import WatchKeyword
from pantau.store.tables import Analysis, Item, ItemUnit, Outlet, Story, Unit
from pantau.vocab import CRISIS_LABELS_ID, CrisisCategory, Tone


@dataclass
class Signal:
    key: str
    kind: str  # rule, volume, spread
    scope: str  # item, story, unit, kanwil, category, national
    title: str
    unit_id: int | None = None
    province: str | None = None
    category: str | None = None
    story_id: int | None = None
    reasons: list[dict[str, Any]] = field(default_factory=list)
    item_ids: set[int] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    deaths: bool = False
    floor: int = 1
    story_items: int = 0
    story_outlets: int = 0

    def add(self, sentence: str, reason: dict[str, Any]) -> None:
        """Keep one reason per identity; a reason carries its own sentence (``text``)."""
        reason = {**reason, "text": sentence}
        self.reasons = [r for r in self.reasons if reason_id(r) != reason_id(reason)]
        self.reasons.append(reason)

    def add_item(self, item: ItemFacts) -> None:
        self.item_ids.add(item.id)
        if item.outlet:
            self.outlets.add(item.outlet)
        self.provinces.update(p for p in [item.province, *(u.province for u in item.units)] if p)
        self.deaths |= item.category == CrisisCategory.DEATH_HEALTH

    def severity_facts(self) -> SeverityFacts:
        return SeverityFacts(
            scope=self.scope,
            outlets=max(len(self.outlets), self.story_outlets),
            provinces=frozenset(self.provinces),
            items=max(len(self.item_ids), self.story_items),
            deaths=self.deaths,
            floor=self.floor,
        )


def reason_id(reason: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two reasons the same: a volume reason is one per series and window
    (its counts change from run to run), any other is itself."""
    if reason.get("code") == "volume":
        return ("volume", reason.get("dimension"), reason.get("value"), reason.get("window_hours"))
    return tuple(sorted((k, repr(v)) for k, v in reason.items() if k != "text"))


def load_facts(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    negative_only: bool = False,
    with_text: bool = True,
) -> list[ItemFacts]:
    """Relevant items published in ``[start, end)`` with their units and outlet.

    The volume history needs only negative items and no bodies, which keeps a month of
    national history small.
    """
    body = Item.body if with_text else literal("")
    stmt = (
        select(
            Item.id,
            Item.title,
            body,
            Item.published_at,
            Item.url,
            Item.story_id,
            Analysis.tone,
            Analysis.crisis_category,
            Analysis.province,
            Outlet.name,
        )
        .join(Analysis, Analysis.item_id == Item.id)
        .outerjoin(Outlet, Outlet.id == Item.outlet_id)
        .where(Analysis.relevant.is_(True), Item.published_at >= start, Item.published_at < end)
        .order_by(Item.published_at, Item.id)
    )
    if negative_only:
        stmt = stmt.where(Analysis.tone == Tone.NEGATIVE)
    rows = session.execute(stmt).all()
    units = _units_of(session, [row[0] for row in rows])
    return [
        ItemFacts(
            id=r[0],
            title=r[1],
            text=r[2] or "",
            published_at=_aware(r[3]),
            url=r[4],
            story_id=r[5],
            tone=r[6],
            category=r[7] or "none",
            province=r[8],
            outlet=r[9],
            units=tuple(units.get(r[0], ())),
        )
        for r in rows
        if r[3] is not None
    ]


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _units_of(session: Session, item_ids: list[int]) -> dict[int, list[UnitFacts]]:
    out: dict[int, list[UnitFacts]] = defaultdict(list)
    for chunk in range(0, len(item_ids), 500):
        ids = item_ids[chunk : chunk + 500]
        stmt = (
            select(ItemUnit.item_id, Unit)
            .join(Unit, Unit.id == ItemUnit.unit_id)
            .where(ItemUnit.item_id.in_(ids))
            .order_by(ItemUnit.item_id, ItemUnit.main.desc(), Unit.id)
        )
        for item_id, unit in session.execute(stmt):
            out[item_id].append(UnitFacts(unit.id, unit.name, unit.province, unit.pilot))
    return out


def keywords(session: Session) -> list[Keyword]:
    rows = session.scalars(select(WatchKeyword).where(WatchKeyword.active.is_(True)))
    return [Keyword(k.phrase, k.level) for k in rows]


def _get(signals: dict[str, Signal], key: str, **kwargs: Any) -> Signal:
    if key not in signals:
        signals[key] = Signal(key=key, **kwargs)
    return signals[key]


def rule_signals(
    facts: Iterable[ItemFacts], *, categories: list[str], watched: list[Keyword]
) -> dict[str, Signal]:
    signals: dict[str, Signal] = {}
    for item in facts:
        for hit in rule_hits(item, categories=categories, keywords=watched):
            unit = hit.unit or item.main_unit
            sig = _get(
                signals,
                alert_key(item, unit),
                kind="rule",
                scope="story" if item.story_id else "item",
                title=item.title,
                unit_id=unit.id if unit else None,
                province=unit.province if unit else item.province,
                category=item.category if item.category != CrisisCategory.NONE else None,
                story_id=item.story_id,
            )
            sig.add(hit.sentence, {"code": hit.code, **hit.detail})
            sig.floor = max(sig.floor, hit.level_floor)
            sig.add_item(item)
    return signals


def _series(facts: Iterable[ItemFacts]) -> dict[tuple[str, str], list[ItemFacts]]:
    """Negative items per (dimension, value): unit, kanwil (province), category, national."""
    series: dict[tuple[str, str], list[ItemFacts]] = defaultdict(list)
    for item in facts:
        if item.tone != Tone.NEGATIVE:
            continue
        series[("national", "")].append(item)
        if item.category not in ("", CrisisCategory.NONE):
            series[("category", item.category)].append(item)
        provinces = {u.province for u in item.units} | ({item.province} if item.province else set())
        for p in provinces:
            series[("kanwil", p)].append(item)
        for u in item.units:
            series[("unit", str(u.id))].append(item)
    return series


def _volume_title(dim: str, value: str, unit_names: dict[str, str]) -> str:
    if dim == "unit":
        return f"Lonjakan berita negatif tentang {unit_names.get(value, 'UPT ' + value)}"
    if dim == "kanwil":
        return f"Lonjakan berita negatif di wilayah Kanwil {value}"
    if dim == "category":
        return f"Lonjakan berita kategori {CRISIS_LABELS_ID.get(value, value)}"
    return "Lonjakan berita negatif nasional"


def volume_signals(
    facts: list[ItemFacts], *, now: datetime, configs: list[VolumeConfig]
) -> dict[str, Signal]:
    signals: dict[str, Signal] = {}
    names = {str(u.id): u.name for f in facts for u in f.units}
    provinces = {str(u.id): u.province for f in facts for u in f.units}
    for (dim, value), items in _series(facts).items():
        hit = first_firing([i.published_at for i in items], now, configs)
        if hit is None:
            continue
        config, result = hit
        sig = _get(
            signals,
            f"volume:{dim}:{value}" if value else f"volume:{dim}",
            kind="volume",
            scope=dim,
            title=_volume_title(dim, value, names),
            unit_id=int(value) if dim == "unit" else None,
            province=value if dim == "kanwil" else provinces.get(value),
            category=value if dim == "category" else None,
        )
        sig.add(_volume_sentence(result, config), _volume_reason(dim, value, result, config))
        for item in items:
            if item.published_at >= now - config.window:
                sig.add_item(item)
    return signals


def _volume_sentence(result: VolumeResult, config: VolumeConfig) -> str:
    return (
        f"{result.observed} berita negatif dalam {config.window_hours} jam terakhir, "
        f"padahal pada jam yang sama minggu-minggu sebelumnya biasanya paling banyak "
        f"{result.expected:.1f} (peluang kebetulan {result.p_value:.1e})."
    )


def _volume_reason(
    dim: str, value: str, result: VolumeResult, config: VolumeConfig
) -> dict[str, Any]:
    return {
        "code": "volume",
        "dimension": dim,
        "value": value,
        "window_hours": config.window_hours,
        "observed": result.observed,
        "expected": round(result.expected, 3),
        "p_value": result.p_value,
        "same_window": list(result.same_window),
    }


def spread_signals(
    session: Session, facts: list[ItemFacts], *, config: SpreadConfig
) -> dict[str, Signal]:
    signals: dict[str, Signal] = {}
    story_ids = {f.story_id for f in facts if f.story_id is not None and f.tone == Tone.NEGATIVE}
    for story in session.scalars(select(Story).where(Story.id.in_(story_ids))):
        reasons = story_spread(
            outlet_count=story.outlet_count, provinces=story.provinces or [], config=config
        )
        if not reasons:
            continue
        items = [f for f in facts if f.story_id == story.id]
        first = items[0]
        unit = first.main_unit
        sig = _get(
            signals,
            f"story:{story.id}",
            kind="spread",
            scope="story",
            title=story.title,
            unit_id=unit.id if unit else None,
            province=unit.province if unit else first.province,
            category=first.category if first.category != CrisisCategory.NONE else None,
            story_id=story.id,
            story_items=story.item_count,
            story_outlets=story.outlet_count,
        )
        sig.provinces.update(story.provinces or [])
        for r in reasons:
            sig.add(_spread_sentence(r), r)
        for item in items:
            sig.add_item(item)
    return signals


def _spread_sentence(reason: dict[str, Any]) -> str:
    if reason["code"] == "spread_outlets":
        return f"Cerita yang sama sudah dimuat {reason['outlets']} media."
    return (
        f"Cerita menyebar ke {len(reason['provinces'])} provinsi: "
        + ", ".join(reason["provinces"])
        + "."
    )


def merge(*groups: dict[str, Signal]) -> dict[str, Signal]:
    """Signals with the same key become one (a story that trips a rule and spreads)."""
    out: dict[str, Signal] = {}
    for group in groups:
        for key, sig in group.items():
            if key not in out:
                out[key] = sig
                continue
            base = out[key]
            for reason in sig.reasons:
                base.add(reason["text"], reason)
            base.item_ids |= sig.item_ids
            base.outlets |= sig.outlets
            base.provinces |= sig.provinces
            base.deaths |= sig.deaths
            base.floor = max(base.floor, sig.floor)
            base.story_items = max(base.story_items, sig.story_items)
            base.story_outlets = max(base.story_outlets, sig.story_outlets)
            if sig.kind == "spread":
                base.kind = "spread" if base.kind != "rule" else base.kind
    return out


def history_start(now: datetime, config: VolumeConfig, lookback_hours: int) -> datetime:
    return now - max(config.history, timedelta(hours=lookback_hours))
