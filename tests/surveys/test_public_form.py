"""The public form over real HTTP in-process: submissions, refusals, replays, honeypot."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.settings import Settings
from pantau.store.tables import Unit
from pantau.surveys import service
from pantau.surveys.tables import SurveyAnswer, SurveyResponse
from pantau.web.app import create_app


@pytest.fixture
def fast_settings(settings: Settings) -> Settings:
    settings.surveys.min_fill_seconds = 0.0
    settings.surveys.device_interval_seconds = 2
    return settings


@pytest.fixture
def token(session: Session, units: dict[str, Unit]) -> str:
    survey = service.create_survey(session=session, unit_id=units["jambi"].id, period="2026-S1")
    session.commit()
    return survey.token


def _ticket(html: str) -> str:
    match = re.search(r'name="tiket" value="([^"]+)"', html)
    assert match
    return match.group(1)


def _answers(value: str = "4") -> dict[str, str]:
    return {f"u{i}": value for i in range(1, 10)}


def _count(session: Session) -> int:
    session.expire_all()
    return int(session.scalar(select(func.count(SurveyResponse.id))) or 0)


def test_form_renders_nine_cards_with_four_labelled_choices(
    fast_settings: Settings, token: str
) -> None:
    client = TestClient(create_app(fast_settings))
    page = client.get(f"/s/{token}")
    assert page.status_code == 200
    assert page.text.count('<fieldset class="card"') == 9
    assert page.text.count('type="radio"') == 36
    assert "Sangat sopan dan ramah" in page.text and "Gratis" in page.text
    assert "pantau_survei" in page.headers["set-cookie"]
    assert client.get("/s/tidak-ada").status_code == 404
    qr = client.get(f"/s/{token}/qr.svg")
    assert qr.headers["content-type"].startswith("image/svg+xml") and b"<svg" in qr.content
    poster = client.get(f"/s/{token}/poster")
    assert f"/s/{token}/qr.svg" in poster.text and "Bagaimana layanan kami" in poster.text


def test_submit_replay_burst_then_second_family_member(
    fast_settings: Settings, token: str, session: Session
) -> None:
    client = TestClient(create_app(fast_settings))
    ticket = _ticket(client.get(f"/s/{token}").text)
    sent = client.post(
        f"/s/{token}",
        data={**_answers(), "tiket": ticket, "saran": "Toilet bersih"},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers["location"].endswith("/terima-kasih")
    assert _count(session) == 1
    # the same page sent again (double tap) is thanked but not counted twice
    again = client.post(f"/s/{token}", data={**_answers(), "tiket": ticket}, follow_redirects=False)
    assert again.status_code == 303 and _count(session) == 1
    # a burst of fresh forms from the same phone is refused with a clear message
    for _ in range(3):
        burst = client.post(
            f"/s/{token}", data={**_answers("1"), "tiket": _ticket(client.get(f"/s/{token}").text)}
        )
        assert burst.status_code == 429
        assert "baru saja kami terima" in burst.text and "tunggu" in burst.text
        assert burst.headers["retry-after"].isdigit()
    assert _count(session) == 1
    # a second family member on the same phone, after the short pause, gets through
    time.sleep(2.1)
    ticket = _ticket(client.get(f"/s/{token}").text)
    later = client.post(
        f"/s/{token}", data={**_answers("3"), "tiket": ticket}, follow_redirects=False
    )
    assert later.status_code == 303 and _count(session) == 2
    assert session.scalar(select(func.count()).select_from(SurveyAnswer)) == 18


def test_bots_are_refused_or_dropped(settings: Settings, token: str, session: Session) -> None:
    settings.surveys.min_fill_seconds = 3.0
    client = TestClient(create_app(settings))
    # no ticket at all: a script posting straight to the URL
    bare = client.post(f"/s/{token}", data=_answers())
    assert bare.status_code == 400 and "muat ulang" in bare.text
    # a forged ticket
    forged = client.post(f"/s/{token}", data={**_answers(), "tiket": "abc.def"})
    assert forged.status_code == 400
    # filled faster than a person could: refused, answers kept for a real visitor to resend
    ticket = _ticket(client.get(f"/s/{token}").text)
    quick = client.post(f"/s/{token}", data={**_answers("2"), "tiket": ticket})
    assert quick.status_code == 429 and "terlalu cepat" in quick.text
    assert quick.text.count(" checked>") == 9
    # ...and the resend after a moment passes: the form keeps the time it was first shown
    time.sleep(3.1)
    resend = client.post(
        f"/s/{token}", data={**_answers("2"), "tiket": _ticket(quick.text)}, follow_redirects=False
    )
    assert resend.status_code == 303 and _count(session) == 1
    # the honeypot: thanked, nothing stored
    trap = client.post(
        f"/s/{token}",
        data={**_answers(), "tiket": ticket, "situs_web": "http://spam"},
        follow_redirects=False,
    )
    assert trap.status_code == 303
    assert _count(session) == 1


def test_address_cap_stops_a_script_rotating_devices(
    fast_settings: Settings, token: str, session: Session
) -> None:
    fast_settings.surveys.submissions_per_hour = 3
    app = create_app(fast_settings)
    codes = []
    for _ in range(5):
        client = TestClient(app)  # a fresh cookie jar each time: a new "device"
        ticket = _ticket(client.get(f"/s/{token}").text)
        codes.append(
            client.post(
                f"/s/{token}", data={**_answers(), "tiket": ticket}, follow_redirects=False
            ).status_code
        )
    assert codes == [303, 303, 303, 429, 429]
    assert _count(session) == 3
