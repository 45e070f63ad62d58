"""App factory, login, roles, CSRF and the overview at HTTP level."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import PASSWORD, World, csrf_of, login


def test_pages_need_login(client: TestClient, world: World) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/masuk?next=")
    assert client.get("/ringkasan.json").status_code == 401


def test_login_sets_secure_session_cookie(client: TestClient, world: World) -> None:
    header = login(client, "pusat").lower()
    assert header.startswith("pantau_session=")
    assert "httponly" in header and "samesite=lax" in header
    assert "secure" not in header.replace("secure_", "")  # off by default (plain HTTP)
    page = client.get("/")
    assert page.status_code == 200
    assert "Ringkasan" in page.text and "Nasional" in page.text


def test_wrong_password_is_refused_then_throttled(client: TestClient, world: World) -> None:
    token = csrf_of(client)
    for _ in range(5):
        bad = client.post(
            "/masuk", data={"username": "pusat", "password": "salah", "csrf_token": token}
        )
        assert bad.status_code == 401
        assert "salah" in bad.text
    good = client.post(
        "/masuk", data={"username": "pusat", "password": PASSWORD, "csrf_token": token}
    )
    assert good.status_code == 429
    assert "Terlalu banyak percobaan" in good.text


def test_post_without_csrf_token_is_refused(client: TestClient, world: World) -> None:
    csrf_of(client)
    response = client.post("/masuk", data={"username": "pusat", "password": PASSWORD})
    assert response.status_code == 403
    assert "CSRF" in response.text


def test_overview_json_counts_scope(client: TestClient, world: World) -> None:
    login(client, "pusat")
    national = client.get("/ringkasan.json").json()
    assert national["headline"]["items"] == 4
    assert national["headline"]["negative"] == 2
    client.post("/keluar", data={"csrf_token": csrf_of(client, "/")})
    login(client, "kanwil")
    maluku = client.get("/ringkasan.json").json()
    assert maluku["headline"]["items"] == 3
    assert maluku["headline"]["crisis"] == 1
    client.post("/keluar", data={"csrf_token": csrf_of(client, "/")})
    login(client, "upt")
    unit = client.get("/ringkasan.json").json()
    assert unit["headline"]["items"] == 2
    assert {u["name"] for u in unit["units"]} == {"Lapas Kelas IIA Ambon"}


def test_overview_fragment_for_htmx(client: TestClient, world: World) -> None:
    login(client, "pusat")
    fragment = client.get("/?days=7", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<div id="overview-body"')
    assert "<html" not in fragment.text


def test_secure_cookie_flag_when_configured(settings, engine, world: World) -> None:  # type: ignore[no-untyped-def]
    from pantau.web.app import create_app

    secure = settings.model_copy(
        update={"web": settings.web.model_copy(update={"secure_cookies": True})}
    )
    with TestClient(create_app(secure, engine=engine), base_url="https://testserver") as c:
        assert "; secure" in login(c, "pusat").lower()


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/v1/ringkasan",
        "/api/v1/berita",
        "/api/v1/berita/{item_id}",
        "/api/v1/berita/{item_id}/koreksi",
        "/api/v1/unit",
        "/api/v1/saya",
    ):
        assert path in paths, path
    assert "/berita" not in paths  # pages stay out of the API document
    params = {p["name"] for p in paths["/api/v1/berita"]["get"]["parameters"]}
    assert {"q", "tone", "crisis", "halaman"} <= params


def test_api_correction_needs_csrf_header(client: TestClient, world: World) -> None:
    login(client, "upt")
    me = client.get("/api/v1/saya").json()
    assert me["scope"]["unit_ids"] == [world.units["a"]]
    url = f"/api/v1/berita/{world.items['a_neg']}/koreksi"
    body = {"field": "tone", "value": "neutral", "reason": "uji"}
    assert client.post(url, json=body).status_code == 403
    answer = client.post(url, json=body, headers={"X-CSRF-Token": me["csrf_token"]})
    assert answer.status_code == 200
    assert answer.json()["item_id"] == world.items["a_neg"]
