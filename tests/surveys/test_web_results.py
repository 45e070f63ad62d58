"""Dashboard survey pages: scoped by role, JSON twins, create, import, export, instruments."""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker
from tests.web.conftest import World, add_user, build_world, csrf_of, login

from pantau.settings import Settings
from pantau.surveys import service
from pantau.surveys.service import Submission
from pantau.web.app import create_app

CODES = tuple(f"u{i}" for i in range(1, 10))
SECRET = "Rahasia Medan survei"  # only in the Sumatera Utara unit's suggestions


@dataclass
class Surveys:
    world: World
    ambon: int
    masohi: int
    medan: int


@pytest.fixture
def surveys(sessions: sessionmaker[Session]) -> Surveys:
    with sessions() as session:
        world = build_world(session)
        for name, role, extra in (
            ("admin", "admin", {}),
            ("pimpinan", "pimpinan", {}),
            ("kanwil", "kanwil", {"province": "Maluku"}),
            ("upt", "upt", {"unit_id": world.units["a"]}),
        ):
            add_user(session, name, role, **extra)  # type: ignore[arg-type]
        ids = {}
        for key, values, text in (
            ("a", [4, 3], "Ruang tunggu <b>panas</b>"),
            ("b", [2], "Antrean lama"),
            ("c", [1], SECRET),
        ):
            survey = service.create_survey(
                session=session, unit_id=world.units[key], period="2026", population=100
            )
            rows = [
                (f"{key}{i}", Submission(dict.fromkeys(CODES, v), {}, text))
                for i, v in enumerate(values)
            ]
            service.store_responses(session=session, survey_id=survey.id, rows=rows, channel="web")
            ids[key] = survey.id
        session.commit()
    return Surveys(world, ids["a"], ids["b"], ids["c"])


@pytest.fixture
def client(settings: Settings, sessions: sessionmaker[Session]) -> TestClient:
    return TestClient(create_app(settings), base_url="http://testserver")


def test_login_required(client: TestClient, surveys: Surveys) -> None:
    for path in ("/survei", f"/survei/{surveys.ambon}", "/survei/rekap", "/survei/instrumen"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and "/masuk" in response.headers["location"]
    assert client.get(f"/survei/{surveys.ambon}.json").status_code == 401


def test_upt_sees_only_its_unit(client: TestClient, surveys: Surveys) -> None:
    login(client, "upt")
    index = client.get("/survei")
    assert "Lapas Kelas IIA Ambon" in index.text and "Masohi" not in index.text
    data = client.get(f"/survei/{surveys.ambon}.json").json()
    # (4 + 3)/2 = 3.5 per element -> IKM 3.5 -> 87.50, B
    assert (data["score"], data["band"], data["respondents"]) == (87.5, "B", 2)
    assert data["media"]["items"] == 2  # Ambon's two items, beside the score
    for other in (surveys.masohi, surveys.medan):
        assert client.get(f"/survei/{other}").status_code == 404
        assert client.get(f"/survei/{other}/ekspor?format=csv").status_code == 404
    page = client.get(f"/survei/{surveys.ambon}")
    assert "87.50" in page.text and "Sangat Baik" not in page.text and "Baik" in page.text
    # the suggestion is shown as text, never as markup
    assert "Ruang tunggu &lt;b&gt;panas&lt;/b&gt;" in page.text
    rollup = client.get("/survei/rekap.json?periode=2026").json()
    assert [u["unit"] for u in rollup["units"]] == ["Lapas Kelas IIA Ambon"]
    assert rollup["kanwil"] == []


def test_kanwil_rollup_pools_its_province_only(client: TestClient, surveys: Surveys) -> None:
    login(client, "kanwil")
    rollup = client.get("/survei/rekap.json?periode=2026").json()
    assert [u["unit"] for u in rollup["units"]] == [
        "Lapas Kelas IIA Ambon",
        "Rutan Kelas IIB Masohi",
    ]
    # pooled Maluku: (4 + 3 + 2)/3 = 3 -> 75.00 (C)
    assert rollup["kanwil"] == [
        {
            "province": "Maluku",
            "units": 2,
            "respondents": 3,
            "ikm": 3.0,
            "score": 75.0,
            "band": "C",
            "band_label": "Kurang Baik",
        }
    ]
    assert SECRET not in client.get("/survei/rekap?periode=2026").text
    assert client.get(f"/survei/{surveys.medan}.json").status_code == 404
    assert client.get("/survei/rekap?periode=semester").status_code == 400


def test_create_survey_within_scope(client: TestClient, surveys: Surveys) -> None:
    login(client, "kanwil")
    token = csrf_of(client, "/survei")
    made = client.post(
        "/survei",
        data={
            "csrf_token": token,
            "unit_id": surveys.world.units["b"],
            "periode": "2026-S2",
            "instrumen": "zi_spak",
            "populasi": "500",
        },
        follow_redirects=False,
    )
    assert made.status_code == 303
    page = client.get(made.headers["location"])
    assert "Survei Persepsi Anti Korupsi" in page.text and "minimal 217" in page.text
    outside = client.post(
        "/survei",
        data={"csrf_token": token, "unit_id": surveys.world.units["c"], "periode": "2026-S2"},
    )
    assert outside.status_code == 403
    twice = client.post(
        "/survei",
        data={
            "csrf_token": token,
            "unit_id": surveys.world.units["b"],
            "periode": "2026-s2",
            "instrumen": "zi_spak",
        },
    )
    assert twice.status_code == 400 and "sudah ada" in twice.text


def test_pimpinan_reads_but_cannot_create(client: TestClient, surveys: Surveys) -> None:
    login(client, "pimpinan")
    assert SECRET in client.get(f"/survei/{surveys.medan}").text
    token = csrf_of(client, "/survei")
    refused = client.post(
        "/survei",
        data={"csrf_token": token, "unit_id": surveys.world.units["a"], "periode": "2027"},
    )
    assert refused.status_code == 403


def test_web_import_with_mapping_step(client: TestClient, surveys: Surveys) -> None:
    login(client, "upt")
    token = csrf_of(client, f"/survei/{surveys.ambon}")
    csv_text = "Waktu isi,Persyaratan,Prosedur,Catatan petugas\n,4,4,x\n,3,9,y\n"
    step1 = client.post(
        f"/survei/{surveys.ambon}/impor",
        data={"csrf_token": token},
        files={"berkas": ("jawaban.csv", csv_text.encode(), "text/csv")},
    )
    assert step1.status_code == 200
    action = re.search(r'action="(/survei/\d+/impor/[^"]+)"', step1.text)
    assert action
    assert re.search(r'<option value="u1" selected>', step1.text)
    step2 = client.post(
        action.group(1),
        data={
            "csrf_token": token,
            "kolom_0": "-",
            "kolom_1": "u1",
            "kolom_2": "u2",
            "kolom_3": "-",
        },
    )
    assert step2.status_code == 200
    assert "tersimpan: 1" in step2.text and "Baris 3" in step2.text
    assert client.get(f"/survei/{surveys.ambon}.json").json()["respondents"] == 3
    # the upload was used once and removed
    assert client.post(action.group(1), data={"csrf_token": token}).status_code == 410


def test_export_xlsx_neutralises(
    client: TestClient, surveys: Surveys, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session:
        service.store_responses(
            session=session,
            survey_id=surveys.ambon,
            channel="web",
            rows=[("f", Submission(dict.fromkeys(CODES, 4), {}, "=cmd|' /C calc'!A0"))],
        )
        session.commit()
    login(client, "upt")
    response = client.get(f"/survei/{surveys.ambon}/ekspor?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    values = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=cmd|' /C calc'!A0" in values


def test_instruments_page_is_admin_only(client: TestClient, surveys: Surveys) -> None:
    login(client, "upt")
    assert client.get("/survei/instrumen").status_code == 403
    client.cookies.clear()
    login(client, "admin")
    page = client.get("/survei/instrumen")
    assert page.status_code == 200 and "zi_spkp" in page.text
    token = csrf_of(client, "/survei/instrumen")
    definition = (
        "bagian,kode,label,pertanyaan,pilihan\n"
        "instrumen,bapas,Survei Layanan Bapas,,\n"
        "unsur,b1,Litmas,Laporan litmas selesai tepat waktu?,\n"
    )
    added = client.post(
        "/survei/instrumen",
        data={"csrf_token": token},
        files={"berkas": ("bapas.csv", definition.encode(), "text/csv")},
    )
    assert added.status_code == 200 and "bapas ditambahkan" in added.text
    bad = client.post(
        "/survei/instrumen",
        data={"csrf_token": token},
        files={"berkas": ("x.json", b"{rusak", "application/json")},
    )
    assert bad.status_code == 400 and "tidak bisa dibaca" in bad.text


def test_public_pages_need_no_login_and_csrf_is_kept_elsewhere(
    client: TestClient, surveys: Surveys
) -> None:
    with TestClient(client.app) as anonymous:
        token = service_token(client, surveys)
        assert anonymous.get(f"/s/{token}").status_code == 200
        # dashboard writes still demand the CSRF token
        assert anonymous.post("/survei", data={"periode": "2026"}).status_code in (401, 403)


def service_token(client: TestClient, surveys: Surveys) -> str:
    login(client, "upt")
    return str(client.get(f"/survei/{surveys.ambon}.json").json()["survey"]["token"])
