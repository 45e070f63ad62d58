"""Grouping stored items into stories (near-duplicates), incrementally.

Each clustered item leaves its MinHash signature in ``story_signatures``. To place new
items, only the signatures dated within the story window of them are loaded into a
:class:`~pantau.analyse.stories.StoryIndex` (no text is re-read, nothing already placed
is recomputed); each new item then joins a story or starts one. The touched stories'
counts (items, outlets, provinces, first outlet, first and last seen) are recomputed
from their items.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from pantau.analyse.stories import Signature, StoryIndex, StoryParams
from pantau.store.tables import Analysis, Item, ItemUnit, Outlet, Story, StorySignature, Unit

_UNDATED_LIMIT = 5000  # undated signatures considered: the most recent ones


def _story_key(item_id: int) -> str:
    return f"s{item_id}"


def _item_units(session: Session, item_ids: Sequence[int]) -> dict[int, list[str]]:
    rows = session.execute(
        select(ItemUnit.item_id, Unit.name)
        .join(Unit, Unit.id == ItemUnit.unit_id)
        .where(ItemUnit.item_id.in_(item_ids))
    )
    out: dict[int, list[str]] = {}
    for item_id, name in rows:
        out.setdefault(item_id, []).append(name)
    return out


def _load_index(session: Session, items: Sequence[Item], params: StoryParams) -> StoryIndex:
    """Index of stored signatures near the new items' dates (the new items excluded)."""
    new_ids = [item.id for item in items]
    dates = [item.published_at for item in items if item.published_at]
    window = timedelta(days=params.window_days)
    conditions = []
    if dates:
        conditions.append(
            StorySignature.published_at.between(min(dates) - window, max(dates) + window)
        )
    query = (
        select(StorySignature, Story.key)
        .join(Story, Story.id == StorySignature.story_id)
        .where(StorySignature.item_id.not_in(new_ids))
    )
    dated = session.execute(query.where(or_(*conditions)) if conditions else query.limit(0))
    undated = session.execute(
        query.where(StorySignature.published_at.is_(None))
        .order_by(StorySignature.item_id.desc())
        .limit(_UNDATED_LIMIT)
    )
    rows = sorted([*dated, *undated], key=lambda r: r[0].item_id)
    index = StoryIndex(params=params, capacity=max(1024, len(rows) + len(items)))
    for stored, key in rows:
        index.add_signature(
            _story_key(stored.item_id),
            Signature.from_bytes(stored.signature, stored.shingles),
            published_at=stored.published_at,
            units=stored.units or (),
            story_key=key,
        )
    return index


def _known_stories(session: Session, items: Sequence[Item], index: StoryIndex) -> dict[str, Story]:
    """Stored stories an item may land in, by key.

    Besides the stories of the indexed signatures this holds each item's current story
    and the story its own id would found (``s<id>``): re-assigning items already placed
    (all copies of a story at once, or the item that founded it) lands on those keys
    again, and they must be reused, not inserted twice.
    """
    keys = set(index.story_keys) | {_story_key(item.id) for item in items}
    current = {item.story_id for item in items if item.story_id is not None}
    rows = session.scalars(select(Story).where(or_(Story.key.in_(keys), Story.id.in_(current))))
    return {story.key: story for story in rows}


def assign_stories(
    session: Session, item_ids: Sequence[int], *, window_days: float = 7.0
) -> dict[int, str]:
    """Attach each item to an existing story or start a new one; returns item -> story key.

    Idempotent: an item already in a story may be passed again (alone or with all the
    copies of its story); it keeps its story, or moves to the one its text now matches,
    and no story is created twice. Emptied stories are deleted.
    """
    if not item_ids:
        return {}
    params = StoryParams(window_days=window_days)
    items = session.scalars(
        select(Item).where(Item.id.in_(item_ids)).order_by(Item.published_at, Item.id)
    ).all()
    session.execute(delete(StorySignature).where(StorySignature.item_id.in_(item_ids)))
    index = _load_index(session, items, params)
    units = _item_units(session, item_ids)
    stories = _known_stories(session, items, index)
    result: dict[int, str] = {}
    touched: set[int] = {item.story_id for item in items if item.story_id}
    for item in items:
        signature = index.signer.sign(item.body, title=item.title)
        key = index.add_signature(
            _story_key(item.id),
            signature,
            published_at=item.published_at,
            units=units.get(item.id, ()),
        )
        story = stories.get(key) or session.scalar(select(Story).where(Story.key == key))
        if story is None:
            story = Story(key=key, title=item.title)
            session.add(story)
            session.flush()
            stories[key] = story
        item.story_id = story.id
        touched.add(story.id)
        session.add(
            StorySignature(
                item_id=item.id,
                story_id=story.id,
                signature=signature.to_bytes(),
                shingles=signature.size,
                published_at=item.published_at,
                units=units.get(item.id, []),
            )
        )
        result[item.id] = key
    session.flush()
    for story_id in touched:
        refresh_story(session, story_id)
    return result


def refresh_story(session: Session, story_id: int) -> None:
    """Recompute a story's spread and timeline from its items."""
    story = session.get(Story, story_id)
    if story is None:
        return
    rows = session.execute(
        select(
            Item.id, Item.title, Item.published_at, Item.fetched_at, Outlet.name, Analysis.province
        )
        .outerjoin(Outlet, Outlet.id == Item.outlet_id)
        .outerjoin(Analysis, Analysis.item_id == Item.id)
        .where(Item.story_id == story_id)
    ).all()
    if not rows:
        session.delete(story)
        return
    ordered = sorted(rows, key=lambda r: (r.published_at or r.fetched_at, r.id))
    first = ordered[0]
    story.first_item_id = first.id
    story.title = first.title
    story.first_outlet = first.name
    story.first_seen = first.published_at or first.fetched_at
    story.last_seen = max(r.published_at or r.fetched_at for r in rows)
    story.item_count = len(rows)
    story.outlet_count = len({r.name for r in rows if r.name})
    story.provinces = sorted({r.province for r in rows if r.province})
