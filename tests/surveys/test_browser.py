"""The public form in real headless Chromium on a phone-sized screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.web.conftest import PASSWORD, add_user

from pantau.settings import Settings
from pantau.store.tables import Unit
from pantau.surveys import service
from pantau.surveys.tables import SurveyResponse
from pantau.web.app import create_app

PHONE = {"width": 390, "height": 844}
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def _fill(page: Any, labels: list[str]) -> None:
    cards = page.locator("fieldset.card")
    assert cards.count() == len(labels)
    for i, label in enumerate(labels):
        cards.nth(i).get_by_text(label, exact=True).click()


@pytest.mark.browser
def test_phone_visitor_submits_and_a_burst_is_refused(
    settings: Settings,
    session: Session,
    units: dict[str, Unit],
    live_server: Callable[[FastAPI], str],
    browser: Any,
) -> None:
    settings.surveys.min_fill_seconds = 0.0
    settings.surveys.device_interval_seconds = 60
    survey = service.create_survey(session=session, unit_id=units["jambi"].id, period="2026-S1")
    session.commit()
    base = live_server(create_app(settings))
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{base}/s/{survey.token}")
    assert "Lapas Kelas IIA Jambi" in page.locator("h1").inner_text()
    # big touch targets: every choice is at least 56 px high and nearly full width
    box = page.locator("label.choice").first.bounding_box()
    assert box is not None and box["height"] >= 56 and box["width"] >= 300
    # no sideways scrolling on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _fill(
        page,
        [
            "Sangat sesuai",
            "Mudah",
            "Cepat",
            "Gratis",
            "Sesuai",
            "Sangat mampu",
            "Sopan dan ramah",
            "Dikelola dengan baik",
            "Baik",
        ],
    )
    page.locator("details summary").click()
    page.get_by_label("Jenis kelamin").select_option("Perempuan")
    page.locator("textarea[name=saran]").fill(XSS)
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_url("**/terima-kasih")
    assert "Terima kasih" in page.locator("h1").inner_text()
    session.expire_all()
    stored = session.scalars(select(SurveyResponse)).all()
    assert len(stored) == 1 and stored[0].suggestion == XSS
    assert stored[0].profile == {"jenis_kelamin": "Perempuan"}
    # the same phone at once again: refused with a clear Indonesian message, answers kept
    page.get_by_role("link", name="Isi lagi untuk orang lain").click()
    _fill(
        page,
        [
            "Tidak sesuai",
            "Tidak mudah",
            "Tidak cepat",
            "Sangat mahal",
            "Tidak sesuai",
            "Tidak mampu",
            "Tidak sopan dan ramah",
            "Tidak ada",
            "Buruk",
        ],
    )
    page.get_by_role("button", name="Kirim jawaban").click()
    alert = page.get_by_role("alert")
    assert "baru saja kami terima" in alert.inner_text() and "tunggu" in alert.inner_text()
    assert page.locator("input[type=radio]:checked").count() == 9
    session.expire_all()
    assert len(session.scalars(select(SurveyResponse)).all()) == 1
    context.close()

    # The unit's officer opens the results: the submission is there, the payload is inert.
    add_user(session, "humas_jambi", "upt", unit_id=units["jambi"].id)
    officer = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = officer.new_page()
    page.goto(f"{base}/masuk")
    page.fill("input[name=username]", "humas_jambi")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{base}/survei/{survey.id}")
    # 4 3 3 4 3 4 3 4 3 -> Σ 31; IKM 31/9 = 3.4444; × 25 = 86.11 (B)
    assert "86.11" in page.locator("#nilai").inner_text()
    assert "1 responden" in page.locator("#nilai").inner_text()
    assert page.locator("#saran li").first.inner_text() == XSS  # shown as text
    assert page.locator("#saran img, #saran script").count() == 0
    assert page.evaluate("window.__xss") is None
    officer.close()
