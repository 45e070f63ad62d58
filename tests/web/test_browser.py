"""Real headless Chromium against a real uvicorn: roles, pages, filters, search,
corrections, scope and inert hostile content. Screenshots go to artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from tests.web.conftest import PASSWORD, World
from tests.web.live import ARTIFACTS, chromium, serve

from pantau.demo.synthetic import generate
from pantau.store.tables import Analysis, Item, ItemUnit

pytestmark = pytest.mark.browser
MARKER = "Rahasia Medan"
HOSTILE_TITLE = 'Judul <script>window.__pwned=1;alert("t")</script> berbahaya'
HOSTILE_BODY = (
    'Paragraf <img src="x" onerror="window.__pwned=2;alert(1)"> dengan gambar.\n\n'
    '<a href="javascript:window.__pwned=3;alert(2)">klik di sini</a> dan '
    '<svg onload="alert(3)"></svg> selesai.'
)


@dataclass
class Site:
    base: str
    world: World
    hostile_id: int
    explained_id: int


def _hostile(session: Session, world: World) -> tuple[int, int]:
    """An item full of markup and one with evidence offsets, both about unit a."""
    ids = []
    for n, (title, body, explanation) in enumerate(
        [
            (HOSTILE_TITLE, HOSTILE_BODY, {}),
            (
                "Napi Lapas Ambon kembali ditangkap setelah kabur",
                "Petugas menangkap kembali napi yang kabur pekan lalu. Kalapas menyampaikan "
                "terima kasih kepada polisi atas kerja sama yang baik.",
                {
                    "tone": [
                        {
                            "rule": "tone.recapture",
                            "weight": 0.8,
                            "phrase": "ditangkap",
                            "start": 25,
                            "end": 34,
                        }
                    ],
                    "crisis_category": [
                        {
                            "rule": "crisis.escape",
                            "weight": -0.6,
                            "phrase": "kabur",
                            "start": 43,
                            "end": 48,
                        }
                    ],
                },
            ),
        ]
    ):
        item = Item(
            title=title,
            body=body,
            lead=body[:80],
            url="javascript:alert(4)",
            published_at=world.now - timedelta(hours=2 + n),
            content_hash=f"hostile-{n}",
            source_kind="test",
            source_locator=f"hostile-{n}",
        )
        session.add(item)
        session.flush()
        session.add(
            Analysis(
                item_id=item.id,
                relevant=True,
                tone="negative" if n == 0 else "positive",
                crisis_category="escape",
                province="Maluku",
                topic="incident",
                confidence=0.7,
                explanation=explanation,
                versions={},
                locked=[],
                needs_review=n == 1,
            )
        )
        session.add(ItemUnit(item_id=item.id, unit_id=world.units["a"], mention="Lapas Ambon"))
        ids.append(item.id)
    session.commit()
    return ids[0], ids[1]


@pytest.fixture
def site(
    app: FastAPI, engine: Engine, sessions: sessionmaker[Session], world: World
) -> Iterator[Site]:
    generate(engine, items=1500, days=45, units=40, outlets=24, end=datetime.now(UTC))
    with sessions() as session:
        hostile, explained = _hostile(session, world)
    with serve(app) as base:
        yield Site(base, world, hostile, explained)


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _page(browser: Any, *, phone: bool = False) -> Any:
    viewport = {"width": 390, "height": 844} if phone else {"width": 1440, "height": 960}
    context = browser.new_context(
        viewport=viewport,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        device_scale_factor=2 if phone else 1,
    )
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/masuk")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


ROLE_PAGES = {
    "admin": ["/", "/berita", "/unit", "/sumber", "/pengguna"],
    "pusat": ["/", "/berita", "/unit", "/sumber"],
    "pimpinan": ["/", "/berita", "/unit"],
    "kanwil": ["/", "/berita", "/unit"],
    "upt": ["/", "/berita", "/unit"],
}


def test_each_role_opens_each_page(site: Site, browser: Any) -> None:
    for role, paths in ROLE_PAGES.items():
        page = _page(browser)
        _login(page, site.base, role)
        for path in paths:
            response = page.goto(site.base + path)
            assert response is not None and response.status == 200, f"{role} {path}"
            assert page.locator("h1").first.is_visible()
            assert MARKER not in page.content() or role in ("admin", "pusat", "pimpinan")
        nav = page.locator("#sidenav a").all_inner_texts()
        assert ("Pengguna" in " ".join(nav)) == (role == "admin")
        assert page.errors == []  # type: ignore[attr-defined]
        page.context.close()


def test_overview_charts_and_screenshots(site: Site, browser: Any) -> None:
    page = _page(browser)
    _login(page, site.base, "pusat")
    page.wait_for_function("document.querySelectorAll('canvas[data-ready]').length >= 2")
    assert page.locator(".stat-value").first.inner_text() != "0"
    _shot(page, "ringkasan")
    page.goto(site.base + "/berita")
    _shot(page, "berita")
    page.goto(f"{site.base}/berita/{site.explained_id}")
    assert page.locator("h1 mark.ev").all_inner_texts() == ["ditangkap", "kabur"]
    _shot(page, "berita-detail")
    page.goto(site.base + "/unit")
    _shot(page, "unit")
    phone = _page(browser, phone=True)
    _login(phone, site.base, "kanwil")
    phone.wait_for_function("document.querySelectorAll('canvas[data-ready]').length >= 2")
    _shot(phone, "ringkasan-ponsel")
    phone.click("[data-nav-toggle]")
    assert phone.locator("#sidenav").is_visible()
    assert page.errors == [] and phone.errors == []  # type: ignore[attr-defined]


def test_filter_and_search_swap_results(site: Site, browser: Any) -> None:
    page = _page(browser)
    _login(page, site.base, "pusat")
    page.goto(site.base + "/berita")
    page.select_option("select[name=tone]", "negative")
    page.wait_for_url("**tone=negative**")
    page.wait_for_load_state("networkidle")
    badges = page.locator("#berita-results .item-tags .badge[class*=tone-]")
    texts = set(badges.all_inner_texts())
    assert texts == {"Negatif"}
    page.fill("#q", "kabur")
    page.wait_for_url("**q=kabur**")
    page.wait_for_load_state("networkidle")
    titles = page.locator("#berita-results .item-title").all_inner_texts()
    assert titles and all("kabur" in t.lower() or t for t in titles)
    assert any("kabur" in t.lower() for t in titles)


def test_analyst_corrects_a_label(site: Site, browser: Any) -> None:
    page = _page(browser)
    _login(page, site.base, "upt")
    page.goto(f"{site.base}/berita/{site.explained_id}")
    page.select_option("select[name=field]", "tone")
    page.select_option(".correct-value[data-for=tone] select", "neutral")
    page.fill("textarea[name=reason]", "Penangkapan kembali, bukan berita negatif baru")
    page.click(".correction-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert-ok").is_visible(), page.locator(".alert").all_inner_texts()
    assert page.locator(".label-strip .badge.tone-neutral").is_visible()


def test_pimpinan_has_no_correction_form(site: Site, browser: Any) -> None:
    page = _page(browser)
    _login(page, site.base, "pimpinan")
    page.goto(f"{site.base}/berita/{site.explained_id}")
    assert page.locator(".correction-form").count() == 0
    assert "hanya dapat membaca" in page.locator("#koreksi").inner_text()


def test_upt_cannot_reach_other_units_items(site: Site, browser: Any) -> None:
    page = _page(browser)
    _login(page, site.base, "upt")
    other = site.world.items["c_neg"]
    response = page.goto(f"{site.base}/berita/{other}")
    assert response is not None and response.status == 404
    assert MARKER not in page.content()
    fetched = page.evaluate(
        """async (id) => {
            const r = {};
            for (const [k, url, h] of [
                ['api', `/api/v1/berita/${id}`, {}],
                ['json', `/berita/${id}.json`, {}],
                ['fragment', `/berita?q=Rahasia&days=365`, {'HX-Request': 'true'}],
                ['csv', `/berita.csv?days=365&q=Medan`, {}],
                ['unit', `/api/v1/unit`, {}],
            ]) {
                const res = await fetch(url, {headers: h});
                r[k] = [res.status, await res.text()];
            }
            return r;
        }""",
        other,
    )
    assert fetched["api"][0] == 404 and fetched["json"][0] == 404
    for key, (_status, text) in fetched.items():
        assert MARKER not in text, key
    assert "Lapas Kelas I Medan" not in fetched["unit"][1]


def test_hostile_item_renders_inert(site: Site, browser: Any) -> None:
    page = _page(browser)
    _login(page, site.base, "upt")
    for path in (f"/berita/{site.hostile_id}", "/berita?q=berbahaya", "/"):
        page.goto(site.base + path)
        page.wait_for_load_state("networkidle")
        state = page.evaluate(
            """() => ({
                pwned: window.__pwned || 0,
                scripts: [...document.scripts].filter(s => !s.src.includes('/static/')).length,
                handlers: document.querySelectorAll('[onerror],[onload]').length,
                jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
                imgs: document.querySelectorAll('img[src="x"]').length,
            })"""
        )
        assert state == {"pwned": 0, "scripts": 0, "handlers": 0, "jsLinks": 0, "imgs": 0}, path
    page.goto(f"{site.base}/berita/{site.hostile_id}")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text, not run
    page.click("h1")  # clicking the shown markup must not run it either
    assert page.dialogs == []  # type: ignore[attr-defined]
