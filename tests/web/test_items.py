"""Berita: list, filters, search, detail, CSV export and corrections over HTTP."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from tests.web.conftest import World, csrf_of, login

from pantau.store.tables import Item


def test_list_filters_narrow_and_search_finds(client: TestClient, world: World) -> None:
    login(client, "pusat")
    everything = client.get("/berita.json").json()
    assert everything["page"]["total"] == 4
    negative = client.get("/berita.json", params={"tone": "negative"}).json()
    assert {i["id"] for i in negative["items"]} == {world.items["a_neg"], world.items["c_neg"]}
    escape = client.get("/berita.json", params={"crisis": "escape"}).json()
    assert [i["id"] for i in escape["items"]] == [world.items["a_neg"]]
    found = client.get("/berita.json", params={"q": "kabur atap"}).json()
    assert [i["id"] for i in found["items"]] == [world.items["a_neg"]]
    prefix = client.get("/berita.json", params={"q": "pane"}).json()  # prefix of "panen"
    assert [i["id"] for i in prefix["items"]] == [world.items["a_pos"]]
    hostile = client.get("/berita.json", params={"q": '") OR 1=1 -- "*'}).json()
    assert hostile["page"]["total"] == 0


def test_filters_cannot_widen_scope(client: TestClient, world: World) -> None:
    login(client, "upt")
    other_unit = client.get("/berita.json", params={"unit": world.units["c"]}).json()
    assert other_unit["page"]["total"] == 0
    province = client.get("/berita.json", params={"province": "Sumatera Utara"}).json()
    assert province["page"]["total"] == 0
    mine = client.get("/berita.json").json()
    assert {i["id"] for i in mine["items"]} == {world.items["a_pos"], world.items["a_neg"]}


def test_detail_in_scope_and_404_outside(client: TestClient, world: World) -> None:
    login(client, "kanwil")
    ok = client.get(f"/berita/{world.items['b_neu']}.json")
    assert ok.status_code == 200
    assert ok.json()["item"]["title"] == "Rutan Masohi gelar rapat koordinasi"
    assert client.get(f"/berita/{world.items['c_neg']}").status_code == 404
    assert client.get(f"/berita/{world.items['c_neg']}.json").status_code == 404


def test_csv_export_is_scoped_and_neutralises_formulas(
    client: TestClient, world: World, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session:
        item = session.get(Item, world.items["a_pos"])
        assert item is not None
        item.title = '=HYPERLINK("http://evil")'
        session.commit()
    login(client, "upt")
    response = client.get("/berita.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert {int(r["id"]) for r in rows} == {world.items["a_pos"], world.items["a_neg"]}
    titles = {r["judul"] for r in rows}
    assert '\'=HYPERLINK("http://evil")' in titles


def test_pimpinan_cannot_correct(client: TestClient, world: World) -> None:
    login(client, "pimpinan")
    token = csrf_of(client, f"/berita/{world.items['a_neg']}")
    response = client.post(
        f"/berita/{world.items['a_neg']}/koreksi",
        data={"field": "tone", "value": "neutral", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_upt_cannot_correct_other_units_item(client: TestClient, world: World) -> None:
    login(client, "upt")
    token = csrf_of(client, "/")
    response = client.post(
        f"/berita/{world.items['c_neg']}/koreksi",
        data={"field": "tone", "value": "neutral", "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 404


def test_html_list_loads_its_count_separately(client: TestClient, world: World) -> None:
    login(client, "kanwil")
    page = client.get("/berita", params={"tone": "negative"})
    assert 'hx-get="/berita/jumlah?' in page.text
    count = client.get(
        "/berita/jumlah", params={"tone": "negative"}, headers={"HX-Request": "true"}
    )
    assert count.text.strip() == "1 berita"  # Maluku has one negative item; Medan's is out of scope
