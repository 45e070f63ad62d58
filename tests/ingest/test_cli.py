"""The ingest commands, run in-process against the test database."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from pantau.cli.main import app
from pantau.settings import Settings

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def test_ingest_command_prints_counts_and_reasons(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "masukan"
    folder.mkdir()
    shutil.copy(FIXTURES / "seed_bidik_grand_strategy.txt", folder / "seed.txt")
    (folder / "kosong.txt").write_bytes(b"")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert re.search(r"Ditambahkan\s*│\s*1", result.stdout)
    assert re.search(r"Dikarantina\s*│\s*1", result.stdout)
    assert "empty" in result.stdout
    again = runner.invoke(app, ["ingest", str(folder)])
    assert re.search(r"Sudah ada \(duplikat\)\s*│\s*1", again.stdout)
    listed = runner.invoke(app, ["quarantine", "list"])
    assert listed.exit_code == 0 and "empty" in listed.stdout
    rows = json.loads(runner.invoke(app, ["quarantine", "list", "--json"]).stdout)
    assert [(Path(r["locator"]).name, r["reason"]) for r in rows] == [("kosong.txt", "empty")]


def test_extract_reports_unreadable_input_clearly(settings: Settings, tmp_path: Path) -> None:
    blob = tmp_path / "gambar.txt"
    blob.write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(app, ["extract", str(blob), "--json"])
    assert result.exit_code == 1
    assert "biner" in result.output


def test_bench_ingest_reports_items_per_second(settings: Settings) -> None:
    result = CliRunner().invoke(app, ["bench", "ingest", "--items", "5"])
    assert result.exit_code == 0, result.output
    assert re.search(r"HTML: 5 halaman .* item/s", result.stdout)
    assert re.search(r"teks: 5 halaman .* item/s", result.stdout)
