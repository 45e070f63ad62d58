"""Datetimes keep their instant on both engines, whatever zone they were written in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.store.tables import Item

WIB = timezone(timedelta(hours=7))
WIT = timezone(timedelta(hours=9))


def _item(n: int, published: datetime) -> Item:
    return Item(
        title=f"t{n}",
        body="b",
        content_hash=f"h{n}",
        source_kind="test",
        source_locator="test",
        published_at=published,
    )


def test_instants_survive_and_order_across_zones(session: Session) -> None:
    # 20:00 WIB is 13:00 UTC; 21:00 WIT is 12:00 UTC: the WIT item is earlier.
    session.add_all(
        [
            _item(1, datetime(2026, 3, 1, 20, tzinfo=WIB)),
            _item(2, datetime(2026, 3, 1, 21, tzinfo=WIT)),
        ]
    )
    session.commit()
    rows = session.scalars(select(Item).order_by(Item.published_at)).all()
    assert [r.title for r in rows] == ["t2", "t1"]
    assert rows[1].published_at == datetime(2026, 3, 1, 13, tzinfo=UTC)
    cutoff = datetime(2026, 3, 1, 19, 30, tzinfo=WIB)  # 12:30 UTC
    later = session.scalars(select(Item.title).where(Item.published_at >= cutoff)).all()
    assert later == ["t1"]


def test_naive_datetimes_are_refused(session: Session) -> None:
    session.add(_item(3, datetime(2026, 3, 1, 20)))
    with pytest.raises(Exception, match="naive datetime"):
        session.commit()
