"""The alerts and cases commands, in-process against the test database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from alerts_world import add_item, make_world
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from pantau.cli.main import app
from pantau.settings import Settings

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_alerts_and_cases_from_the_command_line(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    now = datetime.now(UTC)
    with sessions.begin() as session:
        world = make_world(session)
        add_item(
            session,
            title="Kericuhan di blok hunian",
            unit=world.pilot,
            category="violence_riot",
            published_at=now - timedelta(hours=1),
        )
    assert "Baru: 1" in invoke("alerts", "run")
    rows = json.loads(invoke("alerts", "list", "--json"))
    assert [r["title"] for r in rows] == ["Kericuhan di blok hunian"]
    alert_id = rows[0]["id"]
    assert "Kerusuhan & kekerasan" in rows[0]["reason"]
    out = invoke(
        "cases",
        "open",
        "--alert-id",
        str(alert_id),
        "--category",
        "violence_riot",
        "--level",
        "2",
        "--owner",
        "upt_jambi",
    )
    assert "Kasus #1 dibuka" in out
    assert json.loads(invoke("alerts", "list", "--json"))[0]["status"] == "acknowledged"
    out = invoke(
        "cases", "act", "1", "--action", "holding_statement", "--template", "holding_statement"
    )
    assert "Ditangani" in out
    bad = runner.invoke(app, ["cases", "close", "1"])
    assert bad.exit_code == 1 and "tidak bisa dipindah" in bad.output
    invoke("cases", "move", "1", "--to", "monitoring")
    invoke("cases", "close", "1", "--note", "Situasi kondusif")
    show = invoke("cases", "show", "1")
    assert "Pernyataan awal" in show and "Kasus ditutup" in show
    ev = json.loads(invoke("cases", "evaluate", "1", "--json"))
    assert ev["before"]["items"] + ev["after"]["items"] == 1
    missing = runner.invoke(app, ["alerts", "ack", "999"])
    assert missing.exit_code == 1 and "tidak ditemukan" in missing.output
