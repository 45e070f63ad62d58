"""Every number on the overview and the unit pages leads to exactly the items it counts."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from tests.web.conftest import World, login

from pantau.demo.synthetic import generate


def _total(client: TestClient, href: str) -> int:
    parts = urlsplit(href)
    return int(client.get(parts.path + ".json?" + parts.query).json()["page"]["total"])


@pytest.mark.parametrize("username", ["pusat", "kanwil", "upt"])
def test_overview_numbers_click_through(
    client: TestClient, engine: Engine, world: World, username: str
) -> None:
    generate(engine, items=600, days=20, units=20, outlets=8, end=datetime.now(UTC))
    login(client, username)
    data = client.get("/ringkasan.json?days=30").json()
    h = data["headline"]
    assert h["items"] == h["positive"] + h["neutral"] + h["negative"] + (
        h["items"] - h["positive"] - h["neutral"] - h["negative"]
    )
    assert _total(client, data["links"]["all"]) == h["items"]
    for tone in ("positive", "neutral", "negative"):
        assert _total(client, data["links"][tone]) == h[tone]
    assert _total(client, data["links"]["crisis"]) == h["crisis"]
    for row in data["crisis_categories"][:3] + data["topics"][:3]:
        assert _total(client, row["href"]) == row["items"]
    for row in data["outlets"][:3] + data["stories"][:3] + data["key_messages"][:2]:
        assert _total(client, row["href"]) == row["items"]
    for row in data["units"][:3]:
        assert _total(client, row["href_negative"]) == row["negative"]
    assert sum(p["items"] for p in data["trend"]) == h["items"]


def test_kanwil_roll_up_matches_its_list(client: TestClient, engine: Engine, world: World) -> None:
    generate(engine, items=600, days=20, units=20, outlets=8, end=datetime.now(UTC))
    login(client, "pusat")
    units = client.get("/unit.json?days=30").json()
    maluku = next(k for k in units["kanwils"] if k["extra"] == "Maluku")
    page = client.get("/kanwil/Maluku.json?days=30").json()
    assert _total(client, page["links"]["all"]) == page["headline"]["items"]
    assert page["headline"]["items"] >= maluku["items"]  # plus items placed by province only
    ranked = [u["items"] for u in units["units"]]
    assert ranked == sorted(ranked, reverse=True)
