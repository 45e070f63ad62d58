from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from pantau.cli.main import app
from pantau.cli.runtime import console
from pantau.reports.tables import ReportSchedule
from pantau.settings import Settings

runner = CliRunner()


def test_report_command_writes_the_file(settings: Settings, dataset: Any, tmp_path: Path) -> None:
    out = tmp_path / "maret.json"
    result = runner.invoke(
        app,
        [
            "report",
            "--scope",
            "kanwil:Jambi",
            "--period",
            "monthly",
            "--date",
            "2026-03",
            "--format",
            "json",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "6 berita relevan" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["scope_label"] == "Kanwil Ditjenpas Jambi"
    assert data["headline"]["items"] == 6


def test_unknown_scope_is_a_clear_error(settings: Settings, dataset: Any, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["report", "--scope", "upt:Lapas Atlantis", "--output", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 2
    assert "Unit tidak dikenal" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_schedule_add_and_list(
    settings: Settings,
    dataset: Any,
    sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    added = runner.invoke(
        app,
        [
            "report-schedules",
            "add",
            "Mingguan Jambi",
            "--to",
            "a@pantau.test",
            "--scope",
            "kanwil:Jambi",
            "--weekday",
            "senin",
            "--at",
            "07:00",
        ],
    )
    assert added.exit_code == 0, added.output
    with sessions() as session:
        schedule = session.scalars(select(ReportSchedule)).one()
        assert (schedule.name, schedule.scope, schedule.weekday, schedule.hour) == (
            "Mingguan Jambi",
            "kanwil:Jambi",
            0,
            7,
        )
        assert schedule.recipients == ["a@pantau.test"]
    monkeypatch.setattr(console, "width", 200)
    listed = runner.invoke(app, ["report-schedules", "list"])
    assert "Mingguan Jambi" in listed.output and "senin 07:00" in listed.output
