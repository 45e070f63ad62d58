"""A crisis case walked end to end in real headless Chromium: open it from an alert, add
actions (one drafted from the holding-statement template), close it, read the evaluation,
and check that the timeline tells exactly that story."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from tests.web.conftest import PASSWORD, World
from tests.web.live import chromium, serve

from pantau.alerts.service import run_alerts
from pantau.cases.tables import Case
from pantau.settings import Settings


def navigate(page: Any, selector: str) -> None:
    """Click something that loads a new page, and wait for that page (not the old one)."""
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.browser
def test_case_end_to_end_in_the_browser(
    app: FastAPI, world: World, sessions: sessionmaker[Session], settings: Settings
) -> None:
    settings.alerts.quiet_start_hour = settings.alerts.quiet_end_hour = 0
    settings.alerts.lookback_hours = 24 * 7
    settings.alerts.spokesperson_name = "Rina Humas"
    with sessions() as session:  # run_alerts commits (outbox)
        run_alerts(session=session, settings=settings, now=datetime.now(UTC))
    with chromium() as browser, serve(app) as base:
        page = browser.new_page()
        page.goto(f"{base}/masuk")
        page.fill("input[name=username]", "upt")
        page.fill("input[name=password]", PASSWORD)
        navigate(page, "button[type=submit]")

        page.goto(f"{base}/peringatan")
        navigate(page, "#daftar-peringatan a:has-text('Napi Lapas Ambon kabur')")
        assert "UPT percontohan" in page.inner_text("#alasan")
        page.select_option("#buka-kasus select[name=category]", "escape")
        navigate(page, "#buka-kasus button[type=submit]")
        page.wait_for_url("**/kasus/*")
        case_url = page.url
        assert page.inner_text("#status-kasus") == "Baru dibuka"

        navigate(page, "a[data-template=holding_statement]")
        draft = page.input_value("#form-tindakan textarea[name=text]")
        assert "Narahubung:" in draft and "Rina Humas" in draft
        assert page.input_value("#form-tindakan select[name=action]") == "holding_statement"
        navigate(page, "#form-tindakan button[type=submit]")
        assert page.inner_text("#status-kasus") == "Ditangani"

        page.select_option("#form-tindakan select[name=action]", "police_coordination")
        page.fill("#form-tindakan textarea[name=text]", "Koordinasi dengan Polres untuk pencarian")
        navigate(page, "#form-tindakan button[type=submit]")

        navigate(page, "button[data-move=monitoring]")
        assert page.inner_text("#status-kasus") == "Dipantau"
        page.fill("form:has(button[data-move=closed]) input[name=note]", "Situasi kondusif")
        navigate(page, "button[data-move=closed]")
        assert page.inner_text("#status-kasus") == "Ditutup"

        events = page.eval_on_selector_all(
            "#lini-masa li.event",
            "els => els.map(e => [e.dataset.kind, e.dataset.to || e.dataset.action])",
        )
        assert events == [
            ["transition", "open"],
            ["transition", "handling"],
            ["action", "holding_statement"],
            ["action", "police_coordination"],
            ["transition", "monitoring"],
            ["transition", "closed"],
        ]
        assert "Situasi kondusif" in page.inner_text("#lini-masa")
        rows = page.eval_on_selector_all(
            "#evaluasi-ringkas tbody tr",
            "trs => trs.map(tr => [...tr.children].map(c => c.textContent.trim()))",
        )
        # Unit a has two items in the week before the response (one negative), none after.
        assert rows == [["Sebelum", "0.3", "50%", "2"], ["Sesudah", "0.0", "0%", "0"]]
        assert page.url.split("#")[0] == case_url.split("#")[0]
    with sessions() as session:
        case = session.scalars(select(Case)).one()
        assert case.state == "closed" and case.holding_statement_at is not None
