"""A small, fully known dataset: every report number can be checked by hand or by SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session

from pantau.store.tables import (
    Analysis,
    Item,
    ItemKeyMessage,
    ItemUnit,
    KeyMessage,
    Outlet,
    Quote,
    Story,
    Unit,
)

WIB = timezone(timedelta(hours=7))


@dataclass
class Dataset:
    units: dict[str, Unit]
    items: list[Item]


def _unit(name: str, type_: str, province: str, pilot: bool = False) -> Unit:
    return Unit(
        name=name,
        type=type_,
        klass="IIA",
        place=name.split()[-1],
        city=name.split()[-1],
        province=province,
        kanwil=f"Kanwil Ditjenpas {province}",
        kanwil_old=f"Kanwil Kemenkumham {province}",
        aliases=[],
        pilot=pilot,
    )


# (day in March 2026 or -N for February, hour, tone, crisis, topic, unit keys, outlet, story, quote)
ROWS = [
    (
        2,
        9,
        "positive",
        "none",
        "remisi_parole",
        ["jambi"],
        "Jambi Ekspres",
        "s1",
        ("Ani Lestari", "Kalapas"),
    ),
    (2, 13, "positive", "none", "remisi_parole", ["jambi"], "Warta Sumatra", "s1", None),
    (
        3,
        10,
        "negative",
        "escape",
        "incident",
        ["jambi"],
        "Jambi Ekspres",
        "s2",
        ("Ani Lestari", "Kalapas"),
    ),
    (3, 23, "negative", "escape", "incident", ["jambi"], "Warta Sumatra", "s2", None),
    (5, 8, "neutral", "none", "policy_statistics", ["perempuan"], "Jambi Ekspres", None, None),
    (
        9,
        11,
        "positive",
        "none",
        "pembinaan",
        ["medan"],
        "Kabar Deli",
        None,
        ("Budi Santoso", "Kakanwil"),
    ),
    (9, 15, "negative", "drugs", "incident", ["medan"], '=HYPERLINK("x")', None, None),
    (20, 7, "positive", "none", "religion", ["perempuan", "jambi"], "Kabar Deli", None, None),
    (
        31,
        23,
        "positive",
        "none",
        "religion",
        ["medan"],
        "Kabar Deli",
        None,
        None,
    ),  # late on the last day: still March in WIB
    (-10, 9, "negative", "violence_riot", "incident", ["medan"], "Kabar Deli", None, None),
    (-11, 9, "positive", "none", "health", ["jambi"], "Jambi Ekspres", None, None),
]


@pytest.fixture
def dataset(session: Session) -> Dataset:
    units = {
        "jambi": _unit("Lapas Kelas IIA Jambi", "Lapas", "Jambi"),
        "perempuan": _unit(
            "Lapas Perempuan Kelas IIB Jambi", "Lapas Perempuan", "Jambi", pilot=True
        ),
        "medan": _unit("Lapas Kelas I Medan", "Lapas", "Sumatera Utara"),
    }
    session.add_all(units.values())
    outlets: dict[str, Outlet] = {}
    stories: dict[str, Story] = {}
    km = KeyMessage(code="zero_halinar", name="Zero HALINAR", phrases=["zero halinar"])
    session.add(km)
    items = []
    for n, (day, hour, tone, crisis, topic, unit_keys, outlet, story, quote) in enumerate(ROWS):
        when = (
            datetime(2026, 3, day, hour, tzinfo=WIB)
            if day > 0
            else datetime(2026, 2, -day, hour, tzinfo=WIB)
        )
        if outlet not in outlets:
            outlets[outlet] = Outlet(name=outlet, tier=2)
        if story and story not in stories:
            stories[story] = Story(
                key=story,
                title=f"Cerita {story}",
                item_count=2,
                outlet_count=2,
                first_outlet="Jambi Ekspres",
                provinces=["Jambi"],
            )
        item = Item(
            title=f"Berita {n}",
            body="isi",
            content_hash=f"h{n}",
            source_kind="test",
            source_locator="test",
            published_at=when,
            outlet=outlets[outlet],
            story=stories.get(story) if story else None,
        )
        item.analysis = Analysis(
            relevant=True,
            tone=tone,
            crisis_category=crisis,
            topic=topic,
            province=units[unit_keys[0]].province,
            versions={"tone": "1"},
        )
        session.add(item)
        session.flush()
        for i, key in enumerate(unit_keys):
            session.add(ItemUnit(item_id=item.id, unit_id=units[key].id, mention=key, main=i == 0))
        if quote:
            session.add(
                Quote(item_id=item.id, speaker=quote[0], role=quote[1], text="Kami bergerak cepat.")
            )
        if n % 2 == 0:
            session.add(ItemKeyMessage(item_id=item.id, key_message_id=km.id))
        items.append(item)
    irrelevant = Item(
        title="Tahanan Polsek kabur",
        body="x",
        content_hash="irr",
        source_kind="test",
        source_locator="test",
        published_at=datetime(2026, 3, 4, tzinfo=WIB),
    )
    irrelevant.analysis = Analysis(
        relevant=False, tone=None, crisis_category="none", versions={"tone": "1"}
    )
    session.add(irrelevant)
    session.commit()
    return Dataset(units, items)
