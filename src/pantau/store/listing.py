"""The filtered, paginated item list behind Berita, its CSV export and the API.

Filters only narrow: the caller passes the user's :class:`Scope` separately, and the
scope is applied first, so no filter value can widen what a user sees.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Select, desc, exists, func, select
from sqlalchemy.orm import Session

from pantau.store import search
from pantau.store.scope import Period, Scope, apply_period, apply_scope
from pantau.store.tables import (
    Analysis,
    Item,
    ItemKeyMessage,
    ItemUnit,
    Outlet,
    Quote,
    Unit,
)


@dataclass(frozen=True, slots=True)
class ItemFilter:
    """What a user asked for on top of their scope. Empty fields do not filter."""

    tone: str | None = None
    crisis: str | None = None  # a category, or "any" for every crisis item
    topic: str | None = None
    unit: int | None = None
    kanwil: str | None = None
    province: str | None = None
    outlet: int | None = None
    channel: str | None = None
    story: int | None = None
    review: bool = False
    mismatch: bool = False
    km: int | None = None  # key message id
    speaker: str | None = None
    q: str | None = None  # full-text query

    def query(self) -> dict[str, str]:
        """Non-empty fields as query parameters (booleans as "1")."""
        out: dict[str, str] = {}
        for key, value in asdict(self).items():
            if value is None or value is False or value == "":
                continue
            out[key] = "1" if value is True else str(value)
        return out

    @classmethod
    def from_query(cls, params: dict[str, str]) -> ItemFilter:
        """Read filters from query parameters; malformed numbers are ignored, not errors."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = (params.get(f.name) or "").strip()
            if not raw:
                continue
            if f.type in ("int | None",):
                if raw.isdigit():
                    values[f.name] = int(raw)
            elif f.type == "bool":
                values[f.name] = raw in ("1", "true", "ya", "on")
            else:
                values[f.name] = raw[:200]
        return cls(**values)

    def is_empty(self) -> bool:
        return not self.query()


def berita_href(period: dict[str, str], **filters: Any) -> str:
    """A link to the Berita list for ``period`` narrowed by ``filters``."""
    params = dict(period)
    params.update(
        {
            k: ("1" if v is True else str(v))
            for k, v in filters.items()
            if v not in (None, "", False)
        }
    )
    return "/berita?" + urlencode(params)


def apply_filter(stmt: Select, flt: ItemFilter) -> Select:  # type: ignore[type-arg]
    """Narrow a select over Item joined to Analysis by ``flt`` (not the full-text part)."""
    columns: dict[str, Any] = {
        "tone": Analysis.tone,
        "topic": Analysis.topic,
        "outlet": Item.outlet_id,
        "channel": Item.channel,
        "story": Item.story_id,
    }
    for name, column in columns.items():
        value = getattr(flt, name)
        if value is not None:
            stmt = stmt.where(column == value)
    if flt.province:  # same meaning as a Kanwil's scope, so roll-up numbers click through
        stmt = apply_scope(stmt, Scope(province=flt.province))
    if flt.crisis == "any":
        stmt = stmt.where(Analysis.crisis_category != "none")
    elif flt.crisis:
        stmt = stmt.where(Analysis.crisis_category == flt.crisis)
    if flt.review:
        stmt = stmt.where(Analysis.needs_review.is_(True))
    if flt.mismatch:
        stmt = stmt.where(Analysis.headline_mismatch.is_(True))
    if flt.unit is not None:
        stmt = stmt.where(exists().where(ItemUnit.item_id == Item.id, ItemUnit.unit_id == flt.unit))
    if flt.kanwil:
        stmt = stmt.where(
            exists().where(
                ItemUnit.item_id == Item.id, ItemUnit.unit_id == Unit.id, Unit.kanwil == flt.kanwil
            )
        )
    if flt.km is not None:
        stmt = stmt.where(
            exists().where(
                ItemKeyMessage.item_id == Item.id, ItemKeyMessage.key_message_id == flt.km
            )
        )
    if flt.speaker:
        stmt = stmt.where(exists().where(Quote.item_id == Item.id, Quote.speaker == flt.speaker))
    return stmt


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the Berita list."""

    id: int
    title: str
    lead: str
    url: str | None
    published_at: datetime | None
    channel: str
    outlet: str
    tone: str | None
    crisis_category: str
    topic: str | None
    province: str | None
    needs_review: bool
    headline_mismatch: bool
    story_id: int | None


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[Row]
    number: int
    per_page: int
    total: int  # -1 when not counted
    has_next: bool = False

    @property
    def pages(self) -> int:
        if self.total < 0:  # not counted: as far as we know
            return self.number + 1 if self.has_next else self.number
        return max(1, -(-min(self.total, COUNT_CAP) // self.per_page))

    @property
    def capped(self) -> bool:
        return self.total > COUNT_CAP


COUNT_CAP = 10_000  # counting beyond this costs a scan and helps no reader
ROW_COLUMNS = (
    Item.id,
    Item.title,
    Item.lead,
    Item.url,
    Item.published_at,
    Item.channel,
    Outlet.name,
    Analysis.tone,
    Analysis.crisis_category,
    Analysis.topic,
    Analysis.province,
    Analysis.needs_review,
    Analysis.headline_mismatch,
    Item.story_id,
)


def filtered(
    session: Session, scope: Scope, period: Period | None, flt: ItemFilter, *columns: Any
) -> Select:  # type: ignore[type-arg]
    """``select(*columns)`` over relevant items in scope, period, filters and search."""
    stmt = select(*(columns or (Item.id,))).select_from(Item)
    stmt = stmt.join(Analysis, Analysis.item_id == Item.id)
    if columns:  # the row columns include the outlet's name
        stmt = stmt.outerjoin(Outlet, Outlet.id == Item.outlet_id)
    stmt = stmt.where(Analysis.relevant.is_(True))
    stmt = apply_filter(apply_period(apply_scope(stmt, scope), period), flt)
    # With a search, the full-text matches are the narrower starting point already.
    for narrow in (scope, Scope(province=flt.province) if flt.province else None):
        if narrow is None or flt.q:
            continue
        if (ids := _sparse_scope_ids(session, narrow)) is not None:
            stmt = stmt.where(Item.id.in_(ids))
    if flt.q:
        condition = search.matches(session, flt.q, id_range=_id_range(session, period))
        if condition is not None:
            stmt = stmt.where(condition)
    return stmt


SPARSE_SCOPE = 5_000  # below this many linked items, a scope drives the query


def _sparse_scope_ids(session: Session, scope: Scope) -> Select | None:  # type: ignore[type-arg]
    """The ids of every item in a small ``scope`` (the same set :func:`apply_scope` admits).

    A Kanwil or unit with few items would otherwise be found by walking the whole period
    newest first and testing each item's units: hundreds of milliseconds at a million
    items. A small scope's ids, looked up by index, are the cheaper starting point; a
    large one keeps the period-first plan. Counting stops at ``SPARSE_SCOPE``.
    """
    if scope.unit_ids is not None:
        ids = select(ItemUnit.item_id).where(ItemUnit.unit_id.in_(scope.unit_ids))
    elif scope.province is not None:
        ids = select(Analysis.item_id).where(Analysis.province == scope.province)
        ids = ids.union(
            select(ItemUnit.item_id)
            .join(Unit, Unit.id == ItemUnit.unit_id)
            .where(Unit.province == scope.province)
        )  # type: ignore[assignment]
    else:
        return None
    bounded = select(func.count()).select_from(ids.limit(SPARSE_SCOPE + 1).subquery())
    if int(session.scalar(bounded) or 0) > SPARSE_SCOPE:
        return None
    return ids


def _id_range(session: Session, period: Period | None) -> tuple[int, int] | None:
    """The smallest and largest item id published in ``period`` (a covering-index scan)."""
    if period is None:
        return None
    stmt = select(func.min(Item.id), func.max(Item.id)).where(
        Item.published_at >= period.start, Item.published_at < period.end
    )
    lo, hi = session.execute(stmt).one()
    return (int(lo), int(hi)) if lo is not None else (0, -1)


def _row(values: Any) -> Row:
    v = list(values)
    v[6] = v[6] or ""  # outlet name
    return Row(*v)


def list_items(
    session: Session,
    scope: Scope,
    period: Period | None,
    flt: ItemFilter,
    *,
    page: int = 1,
    per_page: int = 25,
    count: bool = True,
) -> Page:
    """One page of items, newest first, with the (capped) number of matches.

    ``count=False`` skips counting (the dearest part at a million items; pages then load
    the count separately, see :func:`count_items`) and reports ``total=-1``.
    """
    page = max(1, page)
    stmt = filtered(session, scope, period, flt, *ROW_COLUMNS)
    stmt = stmt.order_by(desc(Item.published_at), desc(Item.id))
    stmt = stmt.limit(per_page + 1).offset((page - 1) * per_page)
    rows = [_row(r) for r in session.execute(stmt)]
    total = count_items(session, scope, period, flt) if count else -1
    return Page(rows[:per_page], page, per_page, total, len(rows) > per_page)


def count_items(session: Session, scope: Scope, period: Period | None, flt: ItemFilter) -> int:
    """How many items match, counting at most ``COUNT_CAP + 1``."""
    ids = filtered(session, scope, period, flt)
    total = session.scalar(select(func.count()).select_from(ids.limit(COUNT_CAP + 1).subquery()))
    return int(total or 0)


def iter_rows(
    session: Session, scope: Scope, period: Period | None, flt: ItemFilter, *, limit: int
) -> list[Row]:
    """Rows for an export, newest first, at most ``limit``."""
    stmt = filtered(session, scope, period, flt, *ROW_COLUMNS)
    stmt = stmt.order_by(desc(Item.published_at), desc(Item.id)).limit(limit)
    return [_row(r) for r in session.execute(stmt)]
