from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.store.tables import Item
from pantau.store.timeseries import local_day


def test_local_day_uses_the_zone_not_utc(session: Session) -> None:
    # 18:30 UTC on 1 March is already 2 March in Jakarta (+07).
    for n, hour in enumerate((1, 18)):
        session.add(
            Item(
                title=f"t{n}",
                body="b",
                content_hash=f"h{n}",
                source_kind="test",
                source_locator="x",
                published_at=datetime(2026, 3, 1, hour, 30, tzinfo=UTC),
            )
        )
    session.commit()
    day = local_day(
        Item.published_at,
        dialect=session.get_bind().dialect.name,
        timezone="Asia/Jakarta",
        at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    rows = session.execute(select(day, func.count()).group_by(day).order_by(day)).all()
    assert [(str(d), c) for d, c in rows] == [
        (str(date(2026, 3, 1)), 1),
        (str(date(2026, 3, 2)), 1),
    ]
