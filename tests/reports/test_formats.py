"""Each format carries the same numbers; spreadsheets neutralise formulas; the PDF renders."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.reports.params import ReportParams
from pantau.reports.period import PeriodKind
from pantau.reports.service import ReportFormat, generate_report
from pantau.reports.tables import ReportRun
from pantau.settings import Settings

MARCH = ReportParams(scope="nasional", period=PeriodKind.MONTHLY, anchor=date(2026, 3, 1))


def _generate(session: Session, settings: Settings, fmt: ReportFormat) -> Any:
    return generate_report(session=session, settings=settings, params=MARCH, fmt=fmt)


def test_xlsx_cells_are_typed_and_neutralised(
    session: Session, settings: Settings, dataset: Any
) -> None:
    report = _generate(session, settings, ReportFormat.XLSX)
    book = load_workbook(io.BytesIO(report.content))
    summary = book["Ringkasan"]
    assert [summary.cell(row=r, column=1).value for r in (4, 5, 6, 7)] == [
        "Berita relevan", "Positif", "Netral", "Negatif",
    ]  # fmt: skip
    assert [summary.cell(row=r, column=2).value for r in (4, 5, 6, 7, 8)] == [9, 5, 1, 3, 3]
    assert summary.cell(row=4, column=3).value == 2  # previous period
    share = summary.cell(row=11, column=2)
    assert share.value == pytest.approx(3 / 9) and share.number_format == "0.0%"
    trend = book["Tren"]
    assert isinstance(trend.cell(row=2, column=1).value, datetime)
    assert sum(trend.cell(row=r, column=2).value for r in range(2, 33)) == 9
    outlets = [row[0] for row in book["Media"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("x")' in outlets
    assert not any(isinstance(v, str) and v.startswith("=") for v in outlets)
    units = {row[0]: row for row in book["Unit"].iter_rows(min_row=2, values_only=True)}
    assert units["Lapas Kelas IIA Jambi"][4:8] == (5, 3, 2, 2)


def test_csv_neutralises_and_matches(session: Session, settings: Settings, dataset: Any) -> None:
    report = _generate(session, settings, ReportFormat.CSV)
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert ["Berita relevan", "9", "2"] in rows
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("x")' in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_json_carries_parameters_and_versions(
    session: Session, settings: Settings, dataset: Any
) -> None:
    data = json.loads(_generate(session, settings, ReportFormat.JSON).content)
    assert data["params"] == {"scope": "nasional", "period": "monthly", "anchor": "2026-03-01"}
    assert data["headline"]["items"] == 9
    assert data["analyser_versions"] == [{"versions": {"tone": "1"}, "items": 9}]


def test_runs_are_recorded_with_the_same_fingerprint(
    session: Session, settings: Settings, dataset: Any
) -> None:
    first = _generate(session, settings, ReportFormat.JSON)
    second = _generate(session, settings, ReportFormat.PDF)
    session.commit()
    runs = session.scalars(select(ReportRun).order_by(ReportRun.id)).all()
    assert [r.format for r in runs] == ["json", "pdf"]
    assert runs[0].fingerprint == runs[1].fingerprint == first.context.fingerprint
    assert second.context.fingerprint == first.context.fingerprint


def test_pdf_renders_to_pages_with_the_numbers(
    session: Session, settings: Settings, dataset: Any, tmp_path: Path
) -> None:
    report = _generate(session, settings, ReportFormat.PDF)
    assert report.content.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(report.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Laporan Analisis Media Bulanan" in text
    assert "Maret 2026" in text and "Lapas Perempuan" in text
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) not installed")
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(report.content)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and pages[0].stat().st_size > 10_000
    artifacts = Path(__file__).resolve().parents[2] / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(pages[0], artifacts / "report_page1.png")


def test_every_formula_start_is_neutralised_in_csv_and_xlsx(
    session: Session, settings: Settings, dataset: Any
) -> None:
    hostile = ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd|' /C calc'!A0"]
    stories = sorted({i.story for i in dataset.items if i.story}, key=lambda s: s.key)
    stories[0].title, stories[1].title = hostile[0], hostile[1]
    dataset.items[0].outlet.name = hostile[2]
    dataset.units["medan"].name = hostile[3]
    session.commit()
    xlsx = load_workbook(io.BytesIO(_generate(session, settings, ReportFormat.XLSX).content))
    cells = [
        str(c) for ws in xlsx.worksheets for row in ws.iter_rows(values_only=True) for c in row
    ]
    csv_cells = [
        cell
        for row in csv.reader(
            io.StringIO(_generate(session, settings, ReportFormat.CSV).content.decode("utf-8-sig"))
        )
        for cell in row
    ]
    for found in (cells, csv_cells):
        for text in hostile:
            assert "'" + text in found, text
        assert not any(c.startswith(("=", "+", "-", "@")) for c in found)
