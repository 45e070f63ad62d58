"""The fast paths of the dashboard give the same answers as the plain ones.

A small scope drives the list from its item ids (``listing.SPARSE_SCOPE``); a large one
walks the period. Cached pages follow the data and never cross scopes.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from tests.web.conftest import World, add_user, login

from pantau.store import listing
from pantau.store.listing import ItemFilter, count_items, list_items
from pantau.store.scope import NATIONAL, Period, Scope
from pantau.store.tables import Analysis, Correction


@pytest.mark.parametrize(
    ("scope", "flt"),
    [
        (Scope(province="Maluku"), ItemFilter()),
        (Scope(province="Maluku"), ItemFilter(tone="negative")),
        (Scope(province="Sumatera Utara"), ItemFilter()),
        (NATIONAL, ItemFilter(province="Maluku")),
        (Scope(unit_ids=(1,)), ItemFilter()),
        (Scope(unit_ids=(1, 2)), ItemFilter(crisis="any")),
    ],
)
def test_sparse_scope_plan_matches_period_plan(
    sessions: sessionmaker[Session],
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    scope: Scope,
    flt: ItemFilter,
) -> None:
    if scope.unit_ids is not None:  # the fixture's unit ids, not the literal ones
        scope = Scope(unit_ids=tuple(world.units["ab"[i - 1]] for i in scope.unit_ids))
    period = Period(world.now - timedelta(days=30), world.now + timedelta(days=1))
    with sessions() as session:
        fast = list_items(session, scope, period, flt)
        monkeypatch.setattr(listing, "SPARSE_SCOPE", -1)  # never sparse: period first
        plain = list_items(session, scope, period, flt)
        assert count_items(session, scope, period, flt) == plain.total
    assert [r.id for r in fast.rows] == [r.id for r in plain.rows]
    assert fast.total == plain.total
    assert fast.rows, "each case must list something, or it proves nothing"


def test_cached_list_follows_corrections_and_never_crosses_scopes(
    client: TestClient, sessions: sessionmaker[Session], world: World
) -> None:
    with sessions() as session:
        add_user(session, "kanwil-maluku", "kanwil", province="Maluku")
        add_user(session, "kanwil-sumut", "kanwil", province="Sumatera Utara")
        session.commit()
    login(client, "kanwil-maluku")
    ids = {row["id"] for row in client.get("/berita.json").json()["items"]}
    assert ids == {world.items["a_pos"], world.items["a_neg"], world.items["b_neu"]}
    client.cookies.clear()
    login(client, "kanwil-sumut")  # same period and filters, other scope: its own entry
    assert {r["id"] for r in client.get("/berita.json").json()["items"]} == {world.items["c_neg"]}
    assert client.get("/berita.json?tone=positive").json()["items"] == []
    with sessions() as session:  # a correction changes the data version
        analysis = session.scalars(
            select(Analysis).where(Analysis.item_id == world.items["c_neg"])
        ).one()
        analysis.tone = "positive"
        session.add(
            Correction(
                item_id=world.items["c_neg"],
                field="tone",
                old_value="negative",
                new_value="positive",
                actor="test",
                reason="",
            )
        )
        session.commit()
    rows = client.get("/berita.json?tone=positive").json()["items"]
    assert [r["id"] for r in rows] == [world.items["c_neg"]]
