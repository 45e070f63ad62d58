"""``pantau survey`` commands end to end on the test database."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session
from typer.testing import CliRunner

from pantau.cli.main import app
from pantau.settings import Settings
from pantau.store.tables import Unit

runner = CliRunner()


def test_create_import_score_export(
    settings: Settings, session: Session, units: dict[str, Unit], tmp_path: Path
) -> None:
    listed = runner.invoke(app, ["survey", "instruments"])
    assert listed.exit_code == 0 and "zi_spak" in listed.output and "skm" in listed.output
    made = runner.invoke(
        app,
        [
            "survey",
            "create",
            "--unit",
            "lapas kelas iia jambi",
            "--period",
            "2026-S1",
            "--population",
            "100",
        ],
    )
    assert made.exit_code == 0, made.output
    assert "Survei #1" in made.output and "/s/" in made.output
    dup = runner.invoke(
        app, ["survey", "create", "--unit", str(units["jambi"].id), "--period", "2026-s1"]
    )
    assert dup.exit_code == 1 and "sudah ada" in dup.output
    sheet = tmp_path / "jawaban.csv"
    sheet.write_text(
        "Kolom A,Kolom B,u3,u4,u5,u6,u7,u8,u9,Komentar\n"
        "4,4,4,4,4,4,4,4,4,=1+1\n"
        "2,2,2,2,2,2,2,2,2,Antrean lama\n"
        "2,x,2,2,2,2,2,2,2,\n",
        encoding="utf-8",
    )
    imported = runner.invoke(
        app,
        [
            "survey",
            "import",
            str(sheet),
            "--survey",
            "1",
            "--map",
            "Kolom A=u1",
            "--map",
            "Kolom B=u2",
            "--map",
            "Komentar=saran",
            "--report",
            str(tmp_path / "r.csv"),
        ],
    )
    assert imported.exit_code == 0, imported.output
    assert "tersimpan: 2" in imported.output and "bermasalah: 1" in imported.output
    assert "Baris 4" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    scored = runner.invoke(app, ["survey", "score", "1"])
    # (4 + 2)/2 = 3 per element; IKM 3; × 25 = 75.00 -> C Kurang Baik; 2 of 80 needed
    assert "nilai 75.00" in scored.output and "Kurang Baik" in scored.output
    assert "Sampel kurang" in scored.output
    out = tmp_path / "e.json"
    exported = runner.invoke(app, ["survey", "export", "1", "--format", "json", "-o", str(out)])
    assert exported.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["score"] == "75.00" and len(data["responses"]) == 2
    csv_out = tmp_path / "e.csv"
    runner.invoke(app, ["survey", "export", "1", "--format", "csv", "-o", str(csv_out)])
    assert "'=1+1" in csv_out.read_text(encoding="utf-8-sig")


def test_add_instrument_from_json(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "i.json"
    path.write_text(
        json.dumps({"code": "uji", "name": "Uji", "elements": [{"code": "x", "label": "X"}]})
    )
    added = runner.invoke(app, ["survey", "add-instrument", str(path)])
    assert added.exit_code == 0, added.output
    broken = tmp_path / "b.json"
    broken.write_text("{bukan json")
    failed = runner.invoke(app, ["survey", "add-instrument", str(broken)])
    assert failed.exit_code == 1 and "tidak bisa dibaca" in failed.output


def test_rekap_pools_kanwil(settings: Settings, session: Session, units: dict[str, Unit]) -> None:
    from pantau.surveys import service
    from pantau.surveys.service import Submission

    for key, values in (("jambi", [4, 4, 4]), ("muara", [2])):
        survey = service.create_survey(session=session, unit_id=units[key].id, period="2026-S1")
        rows = [
            (f"{key}{i}", Submission(dict.fromkeys([f"u{j}" for j in range(1, 10)], v)))
            for i, v in enumerate(values)
        ]
        service.store_responses(session=session, survey_id=survey.id, rows=rows, channel="web")
    session.commit()
    out = runner.invoke(app, ["survey", "rekap", "--period", "2026-S1", "--province", "Jambi"])
    assert out.exit_code == 0, out.output
    # (3×4 + 2)/4 = 3.5 -> 87.5
    assert "Kanwil Jambi: 2 UPT, 4 responden, nilai 87.5 (B)" in out.output
