"""On the demo data: every report number against a direct SQL query, and the annual
national report against the dashboard's overview and its JSON API for the same period."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from tests.web.conftest import login

from pantau.demo.build import DemoReport, build_demo
from pantau.reports.context import ReportContext, build_context
from pantau.reports.params import ReportParams
from pantau.reports.period import PeriodKind
from pantau.settings import Settings, load_settings
from pantau.store.db import make_engine, make_sessionmaker
from pantau.web.app import create_app

YEAR = ReportParams(scope="nasional", period=PeriodKind.ANNUAL, anchor=date(2026, 1, 1))
# 1 January 2026 00:00 WIB and 1 January 2027 00:00 WIB, in UTC as stored.
BOUNDS = {"start": "2025-12-31 17:00:00", "end": "2026-12-31 17:00:00"}
IN_YEAR = "a.relevant AND i.published_at >= :start AND i.published_at < :end"


@dataclass
class Demo:
    report: DemoReport
    settings: Settings
    engine: Engine
    context: ReportContext


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    data_dir = tmp_path_factory.mktemp("demo-numbers")
    settings = load_settings(data_dir=data_dir, database_url="")
    report = build_demo(settings=settings)
    engine = make_engine(report.database_url)
    with make_sessionmaker(engine)() as session:
        context = build_context(session=session, params=YEAR, timezone="Asia/Jakarta")
    demo_settings = settings.model_copy(update={"database_url": report.database_url})
    yield Demo(report, demo_settings, engine, context)
    engine.dispose()


def _rows(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(text(sql), BOUNDS))


def test_headline_against_sql(demo: Demo) -> None:
    ((total, pos, neu, neg, crisis),) = _rows(
        demo.engine,
        "SELECT count(*), sum(CASE WHEN tone='positive' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN tone='neutral' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN tone='negative' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN crisis_category <> 'none' THEN 1 ELSE 0 END) "
        f"FROM items i JOIN analyses a ON a.item_id = i.id WHERE {IN_YEAR}",
    )
    h = demo.context.headline
    assert (h.items, h.positive, h.neutral, h.negative, h.crisis) == (total, pos, neu, neg, crisis)
    assert total > 300  # the demo year is mostly 2026
    assert sum(p.items for p in demo.context.trend) == total
    assert len(demo.context.trend) == 12


def test_units_outlets_categories_and_messages_against_sql(demo: Demo) -> None:
    ctx = demo.context
    units = dict(
        _rows(
            demo.engine,
            "SELECT u.name, count(DISTINCT i.id) FROM items i JOIN analyses a ON a.item_id = i.id "
            "JOIN item_units iu ON iu.item_id = i.id JOIN units u ON u.id = iu.unit_id "
            f"WHERE {IN_YEAR} GROUP BY u.name",
        )
    )
    assert {u.unit: u.items for u in ctx.units} == units
    outlets = dict(
        _rows(
            demo.engine,
            "SELECT o.name, count(*) FROM items i JOIN analyses a ON a.item_id = i.id "
            f"JOIN outlets o ON o.id = i.outlet_id WHERE {IN_YEAR} GROUP BY o.name",
        )
    )
    assert {o.outlet: o.items for o in ctx.outlets} == outlets
    categories = dict(
        _rows(
            demo.engine,
            "SELECT crisis_category, count(*) FROM items i JOIN analyses a ON a.item_id = i.id "
            f"WHERE {IN_YEAR} AND crisis_category <> 'none' GROUP BY crisis_category",
        )
    )
    assert {c.key: c.items for c in ctx.crisis_categories} == categories
    messages = dict(
        _rows(
            demo.engine,
            "SELECT k.code, count(DISTINCT i.id) FROM items i JOIN analyses a ON a.item_id = i.id "
            "JOIN item_key_messages ik ON ik.item_id = i.id JOIN key_messages k ON k.id = "
            f"ik.key_message_id WHERE {IN_YEAR} GROUP BY k.code",
        )
    )
    assert {m.key: m.items for m in ctx.key_messages} == messages


def test_annual_report_equals_overview_and_api(demo: Demo) -> None:
    app = create_app(demo.settings, engine=demo.engine)
    username, password = next((u, p) for u, p, role, _ in demo.report.accounts if role == "pusat")
    period = {"start": "2026-01-01", "end": "2026-12-31"}
    with TestClient(app, base_url="http://testserver") as client:
        login(client, username, password)
        page = client.get("/ringkasan.json", params=period).json()["headline"]
        api = client.get("/api/v1/ringkasan", params=period).json()["headline"]
        report = client.get(
            "/laporan/unduh",
            params={
                "cakupan": "nasional",
                "periode": "annual",
                "tanggal": "2026",
                "format": "json",
            },
        ).json()["headline"]
    h = demo.context.headline
    expected = {
        "items": h.items,
        "positive": h.positive,
        "neutral": h.neutral,
        "negative": h.negative,
        "crisis": h.crisis,
    }
    for name, numbers in (("overview", page), ("api", api), ("report download", report)):
        assert {k: numbers[k] for k in expected} == expected, name
