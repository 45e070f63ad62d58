"""Importing response exports: column mapping, row errors, idempotent re-runs."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.errors import RejectedInput
from pantau.store.tables import Unit
from pantau.surveys import importer, service
from pantau.surveys.instrument import builtin_definitions, parse_instrument
from pantau.surveys.tables import SurveyAnswer, SurveyImportRun, SurveyResponse

SKM = parse_instrument(builtin_definitions()[0])
# Headers as a Google Forms sheet would have them (our own wording of the questions).
HEADERS = [
    "Timestamp",
    "Jenis Kelamin",
    "Usia",
    "Pendidikan terakhir",
    "Pekerjaan",
    "Layanan yang Anda gunakan",
    "1. Kesesuaian persyaratan pelayanan",
    "2. Kemudahan sistem, mekanisme dan prosedur",
    "3. Kecepatan waktu penyelesaian",
    "4. Kewajaran biaya/tarif",
    "5. Kesesuaian produk spesifikasi jenis pelayanan",
    "6. Kompetensi pelaksana (petugas)",
    "7. Perilaku pelaksana (kesopanan, keramahan)",
    "8. Penanganan pengaduan, saran dan masukan",
    "9. Kualitas sarana dan prasarana",
    "Saran dan masukan untuk kami",
]


def test_mapping_suggested_from_headers() -> None:
    mapping = importer.suggest_mapping(HEADERS, SKM)
    assert [mapping[h] for h in HEADERS[6:15]] == [f"u{i}" for i in range(1, 10)]
    assert mapping["Timestamp"] == "waktu"
    assert mapping["Saran dan masukan untuk kami"] == "saran"
    assert mapping["Jenis Kelamin"] == "jenis_kelamin"
    assert mapping["Usia"] == "kelompok_usia"
    # an override moves a field to another column and '-' drops one
    changed = importer.apply_overrides(
        mapping, {"Usia": "-", "Pekerjaan": "pekerjaan"}, HEADERS, SKM
    )
    assert "Usia" not in changed and changed["Pekerjaan"] == "pekerjaan"
    with pytest.raises(RejectedInput, match="tidak dikenal"):
        importer.apply_overrides(mapping, {"Usia": "umur"}, HEADERS, SKM)


def test_answer_parsing() -> None:
    labels = {"sangat sesuai": 4, "sesuai": 3}
    assert importer.parse_answer(4, labels) == 4
    assert importer.parse_answer("4", labels) == 4
    assert importer.parse_answer(" 3 - Sesuai", labels) == 3
    assert importer.parse_answer("Sangat Sesuai", labels) == 4
    assert importer.parse_answer("", labels) is None
    for bad, reason in (
        (5, "nilai_di_luar_skala"),
        ("0", "nilai_di_luar_skala"),
        ("bagus", "nilai_tidak_dikenal"),
        (2.5, "nilai_tidak_dikenal"),
    ):
        with pytest.raises(ValueError, match=reason):
            importer.parse_answer(bad, labels)


def _write_sheet(path: Path, rows: int) -> dict[int, str]:
    """A 10,000-row style export; returns {sheet row number: expected reason} of bad rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Form Responses 1")
    sheet.append(HEADERS)
    start = datetime(2026, 2, 1, 8, 0, 0)
    bad: dict[int, str] = {}
    for i in range(rows):
        number = i + 2
        answers: list[object] = [1 + (i * 7 + k * 3) % 4 for k in range(9)]
        if i % 3 == 0:  # some exports carry the answer labels instead of numbers
            answers = [SKM.elements[k].label_for(int(v)) for k, v in enumerate(answers)]  # type: ignore[call-overload]
        if i % 11 == 0:
            answers[7] = None  # a missing answer is fine
        when: object = start + timedelta(minutes=i)
        if i % 401 == 5:
            answers[2] = 5
            bad[number] = "nilai_di_luar_skala"
        elif i % 503 == 7:
            answers[5] = "lumayan"
            bad[number] = "nilai_tidak_dikenal"
        elif i % 997 == 9:
            answers = [None] * 9
            bad[number] = "tanpa_jawaban"
        elif i % 1009 == 11:
            when = "kemarin sore"
            bad[number] = "tanggal_tidak_valid"
        profile = [
            "Perempuan" if i % 2 else "Laki-laki",
            "30–39 tahun",
            "SMA/SMK",
            "Wiraswasta/pedagang",
            "Kunjungan keluarga",
        ]
        sheet.append([when, *profile, *answers, "Antrian lama" if i % 5 == 0 else ""])
    book.save(path)
    return bad


@pytest.mark.slow
def test_ten_thousand_rows_with_bad_rows_idempotent(
    session: Session, units: dict[str, Unit], tmp_path: Path
) -> None:
    path = tmp_path / "jawaban.xlsx"
    bad = _write_sheet(path, 10_000)
    assert len(bad) > 30
    survey = service.create_survey(session=session, unit_id=units["jambi"].id, period="2026-S1")
    first = importer.import_responses(session=session, survey_id=survey.id, path=path)
    session.commit()
    assert first.rows == 10_000
    assert first.stored == 10_000 - len(bad)
    assert {e.row: e.reason for e in first.errors} == bad
    assert all(e.message.startswith(f"Baris {e.row}:") for e in first.errors)
    stored = session.scalar(
        select(func.count(SurveyResponse.id)).where(SurveyResponse.survey_id == survey.id)
    )
    assert stored == 10_000 - len(bad)
    # missing answers are not stored as answers: 9 per row minus the u8 left blank
    blanks = sum(1 for i in range(10_000) if i % 11 == 0 and i + 2 not in bad)
    answers = session.scalar(select(func.count()).select_from(SurveyAnswer))
    assert answers == 9 * (10_000 - len(bad)) - blanks
    # the run keeps its report
    run = session.get_one(SurveyImportRun, first.run_id)
    assert run.counts["stored"] == first.stored and len(run.errors) == len(bad)
    assert Counter(e["reason"] for e in run.errors) == Counter(bad.values())
    # a re-run adds nothing, loses nothing, and reports the same bad rows again
    again = importer.import_responses(session=session, survey_id=survey.id, path=path)
    session.commit()
    assert (again.stored, again.duplicates) == (0, 10_000 - len(bad))
    assert {e.row: e.reason for e in again.errors} == bad
    assert session.scalar(select(func.count(SurveyResponse.id))) == stored


def test_identical_rows_are_two_respondents_and_csv_works(
    session: Session, units: dict[str, Unit], tmp_path: Path
) -> None:
    path = tmp_path / "jawaban.csv"
    lines = [
        "Persyaratan;Prosedur;Waktu penyelesaian;Biaya;Produk;"
        "Kompetensi;Perilaku;Pengaduan;Sarana;Saran"
    ]
    lines += ["4;4;3;4;3;3;4;3;3;"] * 2 + ["4;9;3;4;3;3;4;3;3;x"]
    path.write_text("\n".join(lines), encoding="utf-8")
    survey = service.create_survey(session=session, unit_id=units["palu"].id, period="2026")
    report = importer.import_responses(session=session, survey_id=survey.id, path=path)
    assert (report.stored, report.bad) == (2, 1)
    assert report.errors[0].row == 4 and "'9'" in report.errors[0].message
    appended = tmp_path / "jawaban2.csv"
    appended.write_text("\n".join([*lines, "3;3;3;3;3;3;3;3;3;"]), encoding="utf-8")
    later = importer.import_responses(session=session, survey_id=survey.id, path=appended)
    assert (later.stored, later.duplicates) == (1, 2)


def test_explicit_mapping_from_the_web_page(
    session: Session, units: dict[str, Unit], tmp_path: Path
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("A,B,C\n4,3,catatan\n", encoding="utf-8")
    survey = service.create_survey(session=session, unit_id=units["palu"].id, period="2026")
    with pytest.raises(RejectedInput, match="satu kolom"):
        importer.import_responses(
            session=session, survey_id=survey.id, path=path, mapping={"A": "u1", "B": "u1"}
        )
    report = importer.import_responses(
        session=session,
        survey_id=survey.id,
        path=path,
        mapping={"A": "u1", "B": "u2", "C": "saran"},
    )
    assert (report.stored, report.mapping) == (1, {"A": "u1", "B": "u2", "C": "saran"})
