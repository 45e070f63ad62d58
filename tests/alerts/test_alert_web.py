"""Alert and case pages over HTTP: scope, JSON twins, ack, open, act, move."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from tests.web.conftest import World, csrf_of, login

from pantau.alerts.service import run_alerts
from pantau.settings import Settings


def _alerts(sessions: sessionmaker[Session], settings: Settings) -> None:
    settings.alerts.quiet_start_hour = settings.alerts.quiet_end_hour = 0
    settings.alerts.lookback_hours = 24 * 7  # the dashboard world spreads items over days
    with sessions() as session:  # run_alerts commits (outbox)
        run_alerts(session=session, settings=settings, now=datetime.now(UTC))


def test_alert_pages_are_scoped(
    client: TestClient, world: World, sessions: sessionmaker[Session], settings: Settings
) -> None:
    _alerts(sessions, settings)
    login(client, "pusat")
    rows = client.get("/peringatan.json").json()["alerts"]
    titles = {r["title"] for r in rows}
    assert "Napi Lapas Ambon kabur lewat atap" in titles  # escape: a crisis category
    medan = [r for r in rows if "Medan" in r["title"]]
    assert medan == []  # contraband_phone is not a national crisis category by default
    ambon = next(r for r in rows if "Ambon" in r["title"])
    page = client.get(f"/peringatan/{ambon['id']}")
    assert page.status_code == 200
    assert "UPT percontohan Lapas Kelas IIA Ambon" in page.text
    client.post("/keluar", data={"csrf_token": csrf_of(client, "/")})
    login(client, "kanwil")
    assert client.get(f"/peringatan/{ambon['id']}").status_code == 200
    client.post("/keluar", data={"csrf_token": csrf_of(client, "/")})
    with sessions.begin() as session:
        from tests.web.conftest import add_user

        add_user(session, "upt_medan", "upt", unit_id=world.units["c"])
    login(client, "upt_medan")
    assert client.get(f"/peringatan/{ambon['id']}").status_code == 404
    assert client.get("/peringatan.json").json()["alerts"] == []


def test_case_walk_over_http(
    client: TestClient, world: World, sessions: sessionmaker[Session], settings: Settings
) -> None:
    _alerts(sessions, settings)
    login(client, "upt")
    (alert,) = client.get("/peringatan.json").json()["alerts"]
    token = csrf_of(client, f"/peringatan/{alert['id']}")
    r = client.post(
        "/kasus",
        data={
            "csrf_token": token,
            "alert_id": alert["id"],
            "unit_id": world.units["a"],
            "category": "escape",
            "level": "2",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    case_url = r.headers["location"]
    case_id = int(re.findall(r"\d+", case_url)[0])
    page = client.get(case_url + "?templat=holding_statement")
    assert "Narahubung:" in page.text and "mengetahui adanya informasi" in page.text
    r = client.post(
        f"/kasus/{case_id}/tindakan",
        data={"csrf_token": token, "action": "holding_statement", "text": "Pernyataan awal terbit"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    bad = client.post(f"/kasus/{case_id}/status", data={"csrf_token": token, "to_state": "closed"})
    assert bad.status_code == 409
    for to in ("monitoring", "closed"):
        ok = client.post(
            f"/kasus/{case_id}/status",
            data={"csrf_token": token, "to_state": to},
            follow_redirects=False,
        )
        assert ok.status_code == 303
    data = client.get(f"/kasus/{case_id}.json").json()
    assert data["case"]["state"] == "closed"
    steps = [(e["kind"], e["to_state"] or e["action"]) for e in data["timeline"]]
    assert steps == [
        ("transition", "open"),
        ("transition", "handling"),
        ("action", "holding_statement"),
        ("transition", "monitoring"),
        ("transition", "closed"),
    ]
    assert data["evaluation"]["before"]["items"] >= 1
    assert client.get("/peringatan.json").json()["alerts"][0]["status"] == "acknowledged"
    # Outside the unit's scope: a case for Medan is refused.
    r = client.post(
        "/kasus",
        data={"csrf_token": token, "unit_id": world.units["c"], "category": "drugs", "level": "1"},
    )
    assert r.status_code == 404


def test_pimpinan_reads_but_cannot_act(
    client: TestClient, world: World, sessions: sessionmaker[Session], settings: Settings
) -> None:
    _alerts(sessions, settings)
    login(client, "pimpinan")
    alert = client.get("/peringatan.json").json()["alerts"][0]
    token = csrf_of(client, f"/peringatan/{alert['id']}")
    r = client.post(f"/peringatan/{alert['id']}/akui", data={"csrf_token": token})
    assert r.status_code == 403
    assert client.get("/kasus").status_code == 200


def test_watch_keywords_are_managed_by_pusat_only(
    client: TestClient, world: World, sessions: sessionmaker[Session], settings: Settings
) -> None:
    login(client, "pusat")
    token = csrf_of(client, "/peringatan/kata-kunci")
    r = client.post(
        "/peringatan/kata-kunci",
        data={"csrf_token": token, "phrase": "  panen   sayur ", "level": "2"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    (kw,) = client.get("/peringatan/kata-kunci.json").json()["keywords"]
    assert (kw["phrase"], kw["level"], kw["active"]) == ("panen sayur", 2, True)
    _alerts(sessions, settings)
    rows = client.get("/peringatan.json").json()["alerts"]
    hit = next(r for r in rows if "panen sayur" in r["reason"])
    assert hit["level"] == 2 and "Lapas Ambon panen sayur" in hit["title"]
    client.post(f"/peringatan/kata-kunci/{kw['id']}/nonaktif", data={"csrf_token": token})
    assert client.get("/peringatan/kata-kunci.json").json()["keywords"][0]["active"] is False
    client.post("/keluar", data={"csrf_token": csrf_of(client, "/")})
    login(client, "kanwil")
    assert client.get("/peringatan/kata-kunci").status_code == 403


def test_case_team_from_the_dashboard(
    client: TestClient, world: World, sessions: sessionmaker[Session], settings: Settings
) -> None:
    login(client, "kanwil")
    token = csrf_of(client, "/kasus")
    r = client.post(
        "/kasus",
        data={
            "csrf_token": token,
            "unit_id": world.units["b"],
            "category": "overcrowding",
            "level": "1",
            "title": "Hunian Rutan Masohi penuh",
        },
        follow_redirects=False,
    )
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    ok = client.post(
        f"/kasus/{case_id}/tim",
        data={"csrf_token": token, "username": "kalapas", "role": "spokesperson"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    again = client.post(
        f"/kasus/{case_id}/tim", data={"csrf_token": token, "username": "kalapas", "role": "member"}
    )
    assert again.status_code == 422
    bad = client.post(
        f"/kasus/{case_id}/tim", data={"csrf_token": token, "username": "x", "role": "boss"}
    )
    assert bad.status_code == 422
    data = client.get(f"/kasus/{case_id}.json").json()
    assert data["case"]["members"] == [
        {"username": "kanwil", "role": "owner"},
        {"username": "kalapas", "role": "spokesperson"},
    ]
    assert [e["kind"] for e in data["timeline"]] == ["transition", "member"]
