"""Re-assigning items that are already in a story (store.stories on the real database)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.store.stories import assign_stories
from pantau.store.tables import Item, Outlet, Story, StorySignature

FIXTURES = Path(__file__).parents[1] / "fixtures" / "entities"
PAIR = ("remisi_kendari", "remisi_palu")


def _rows() -> list[dict[str, str]]:
    lines = (FIXTURES / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    rows = sorted((json.loads(line) for line in lines), key=lambda r: r["published_at"])
    return [r for r in rows if r["story"] in PAIR]


def _stored(session: Session) -> dict[str, list[Item]]:
    """The fixture's two stories as stored items, by fixture story name."""
    out: dict[str, list[Item]] = {name: [] for name in PAIR}
    for n, row in enumerate(_rows()):
        outlet = session.scalar(select(Outlet).where(Outlet.name == f"O{n % 3}"))
        item = Item(
            title=row["title"],
            body=row["text"],
            content_hash=hashlib.sha256(row["id"].encode()).hexdigest(),
            source_kind="text_file",
            source_locator="test",
            outlet=outlet or Outlet(name=f"O{n % 3}"),
            published_at=datetime.fromisoformat(row["published_at"]),
        )
        session.add(item)
        session.flush()
        out[row["story"]].append(item)
    return out


def _story_state(session: Session) -> list[tuple[str, int]]:
    return [(s.key, s.item_count) for s in session.scalars(select(Story).order_by(Story.key))]


def _count(session: Session, table: type[Story] | type[StorySignature]) -> int:
    return session.scalar(select(func.count()).select_from(table)) or 0


def test_reassigning_every_item_of_stored_stories_is_idempotent(session: Session) -> None:
    stored = _stored(session)
    ids = [item.id for items in stored.values() for item in items]
    first = assign_stories(session, ids)
    before = _story_state(session)
    assert len(before) == 2 and all(count == 5 for _, count in before)
    # All copies of both stories again (the case that raised a unique-key error on
    # stories.key), then only the items that founded each story, then everything twice.
    again = assign_stories(session, ids)
    founders = [items[0].id for items in stored.values()]
    again_founders = assign_stories(session, founders)
    assign_stories(session, ids)
    assert again == first
    assert again_founders == {i: first[i] for i in founders}
    assert _story_state(session) == before
    assert _count(session, Story) == 2
    assert _count(session, StorySignature) == len(ids)


def test_reassigning_an_edited_item_moves_it_to_the_story_it_now_matches(
    session: Session,
) -> None:
    stored = _stored(session)
    ids = [item.id for items in stored.values() for item in items]
    keys = assign_stories(session, ids)
    kendari, palu = stored["remisi_kendari"], stored["remisi_palu"]
    moved = kendari[-1]
    # An editor replaced the copy's text with a copy of the other story.
    moved.title, moved.body = palu[1].title, palu[1].body
    session.flush()
    result = assign_stories(session, [moved.id])
    assert result[moved.id] == keys[palu[0].id] != keys[kendari[0].id]
    counts = dict(_story_state(session))
    assert counts == {keys[kendari[0].id]: 4, keys[palu[0].id]: 6}
    assert _count(session, StorySignature) == len(ids)
    # And back: the story it left is reused, not created a second time.
    moved.title, moved.body = kendari[1].title, kendari[1].body
    session.flush()
    assert assign_stories(session, [moved.id])[moved.id] == keys[kendari[0].id]
    assert dict(_story_state(session)) == {keys[kendari[0].id]: 5, keys[palu[0].id]: 5}
