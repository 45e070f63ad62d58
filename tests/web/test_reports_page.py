"""Laporan page: scope choices follow the role; downloads outside the scope are refused."""

from __future__ import annotations

import io
from datetime import timedelta

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from tests.web.conftest import World, login


def _this_year(world: World, days_back: list[int]) -> int:
    """How many of the world's items (dated now - n days) fall in the current year, WIB."""
    wib = timedelta(hours=7)
    year = (world.now + wib).year
    return sum(1 for n in days_back if (world.now - timedelta(days=n) + wib).year == year)


def test_upt_sees_only_its_unit_and_cannot_download_others(
    client: TestClient, world: World
) -> None:
    login(client, "upt")
    page = client.get("/laporan.json", params={"periode": "annual"}).json()
    assert page["choices"] == ["upt:Lapas Kelas IIA Ambon"]
    assert page["report"]["headline"]["items"] == _this_year(world, [0, 1])
    for other in ("nasional", "kanwil:Maluku", "upt:Lapas Kelas I Medan"):
        refused = client.get("/laporan/unduh", params={"cakupan": other, "format": "json"})
        assert refused.status_code == 403, other
    own = client.get(
        "/laporan/unduh",
        params={"cakupan": "upt:Lapas Kelas IIA Ambon", "periode": "annual", "format": "json"},
    )
    assert own.status_code == 200
    assert own.json()["headline"]["items"] == _this_year(world, [0, 1])


def test_kanwil_gets_its_province_and_units(client: TestClient, world: World) -> None:
    login(client, "kanwil")
    page = client.get("/laporan.json", params={"periode": "annual"}).json()
    assert page["choices"][0] == "kanwil:Maluku"
    assert "upt:Rutan Kelas IIB Masohi" in page["choices"]
    assert not any("Medan" in c for c in page["choices"])
    assert page["report"]["headline"]["items"] == _this_year(world, [0, 1, 2])


def test_pusat_downloads_national_xlsx_matching_the_overview(
    client: TestClient, world: World
) -> None:
    login(client, "pusat")
    response = client.get(
        "/laporan/unduh", params={"cakupan": "nasional", "periode": "annual", "format": "xlsx"}
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["Ringkasan"]
    assert sheet["B4"].value == _this_year(world, [0, 1, 2, 3])
    html = client.get("/laporan", params={"periode": "annual"})
    assert "Unduh" in html.text and "/laporan/unduh?cakupan=nasional" in html.text
