"""Surveys, submissions, unit and Kanwil results on a real database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.errors import NotFound, RejectedInput
from pantau.store.scope import NATIONAL, Scope
from pantau.store.tables import Unit
from pantau.surveys import service
from pantau.surveys.export import export_survey
from pantau.surveys.instrument import parse_csv
from pantau.surveys.periods import parse_period
from pantau.surveys.service import Submission
from pantau.surveys.tables import SurveyResponse

CODES = tuple(f"u{i}" for i in range(1, 10))


def _submit(session: Session, survey_id: int, values: list[tuple[int, ...]], tag: str) -> None:
    rows = [
        (f"{tag}-{i}", Submission(dict(zip(CODES, v, strict=True)), {}, f"saran {tag} {i}"))
        for i, v in enumerate(values)
    ]
    service.store_responses(session=session, survey_id=survey_id, rows=rows, channel="web")


def test_periods() -> None:
    code, span = parse_period("2026-s2")
    assert code == "2026-S2"
    assert (span.start.month, span.end.year, span.end.month) == (7, 2027, 1)
    assert parse_period("2026-TW3")[0] == "2026-Q3"
    with pytest.raises(RejectedInput):
        parse_period("semester 1")


def test_create_survey_refuses_duplicates_and_unknowns(
    session: Session, units: dict[str, Unit]
) -> None:
    survey = service.create_survey(session=session, unit_id=units["jambi"].id, period="2026-S1")
    assert len(survey.token) >= 16
    with pytest.raises(RejectedInput, match="sudah ada"):
        service.create_survey(session=session, unit_id=units["jambi"].id, period="2026-s1")
    with pytest.raises(NotFound):
        service.create_survey(
            session=session, unit_id=units["jambi"].id, period="2026", instrument="xx"
        )
    zi = service.create_survey(
        session=session, unit_id=units["jambi"].id, period="2026-S1", instrument="zi_spak"
    )
    assert zi.id != survey.id


def test_results_pool_units_and_kanwil(session: Session, units: dict[str, Unit]) -> None:
    a = service.create_survey(
        session=session, unit_id=units["jambi"].id, period="2026-S1", population=100
    )
    b = service.create_survey(session=session, unit_id=units["muara"].id, period="2026-Q1")
    c = service.create_survey(session=session, unit_id=units["palu"].id, period="2026-S1")
    _submit(session, a.id, [(4,) * 9, (4,) * 9, (4,) * 9], "a")  # 3 respondents at 4
    _submit(session, b.id, [(2,) * 9], "b")  # 1 respondent at 2
    _submit(session, c.id, [(3,) * 9], "c")
    # resubmitting the same fingerprints stores nothing new
    _submit(session, a.id, [(1,) * 9, (1,) * 9, (1,) * 9], "a")
    session.commit()
    _, s1 = parse_period("2026-S1")
    rows = service.unit_results(session=session, scope=Scope(province="Jambi"), period=s1)
    assert [r.unit_name for r in rows] == ["Lapas Kelas IIA Jambi", "Rutan Kelas IIB Muara Bulian"]
    assert [r.result.score for r in rows] == [Decimal("100.00"), Decimal("50.00")]
    assert rows[0].adequacy.required == 80 and rows[0].adequacy.short
    assert rows[0].as_dict()["band"] == "A"
    # Kanwil Jambi pools respondents: (3×4 + 1×2)/4 = 3.5 -> 87.50 (B); averaging the two
    # unit scores would give (100 + 50)/2 = 75.00 (C), which the regulation does not do.
    kanwil = service.kanwil_result(session=session, province="Jambi", period=s1)
    assert (kanwil.respondents, kanwil.score) == (4, Decimal("87.50"))
    assert kanwil.band is not None and kanwil.band.code == "B"
    # scope: a unit user sees only their unit; national sees all three
    only = service.unit_results(
        session=session, scope=Scope(unit_ids=(units["palu"].id,)), period=s1
    )
    assert [r.unit_name for r in only] == ["Lapas Kelas IIA Palu"]
    assert len(service.unit_results(session=session, scope=NATIONAL, period=s1)) == 3
    _, s2 = parse_period("2026-S2")
    assert service.unit_results(session=session, scope=NATIONAL, period=s2) == []


def test_admin_instrument_from_csv_is_usable(session: Session, units: dict[str, Unit]) -> None:
    text = (
        "bagian,kode,label,pertanyaan,pilihan\n"
        "instrumen,kunjungan,Survei Layanan Kunjungan,Khusus layanan kunjungan,\n"
        "unsur,k1,Pendaftaran,Pendaftaran kunjungan mudah?,Sulit|Agak sulit|Mudah|Sangat mudah\n"
        "unsur,k2,Ruang kunjungan,Ruang kunjungan nyaman?,\n"
    )
    row = service.add_instrument(session=session, definition=parse_csv(text), actor="admin")
    assert row.code == "kunjungan"
    with pytest.raises(RejectedInput, match="sudah ada"):
        service.add_instrument(session=session, definition=parse_csv(text), actor="admin")
    survey = service.create_survey(
        session=session, unit_id=units["palu"].id, period="2026-05", instrument="kunjungan"
    )
    service.store_responses(
        session=session,
        survey_id=survey.id,
        channel="web",
        rows=[("x", Submission({"k1": 4, "k2": 3})), ("y", Submission({"k1": 2}))],
    )
    # NRR k1 = (4+2)/2 = 3, k2 = 3/1 = 3; IKM = (3+3) × 1/2 = 3 -> 75.00
    result = service.survey_results(session=session, survey_id=survey.id).result
    assert result.score == Decimal("75.00")
    with pytest.raises(RejectedInput, match="empat"):
        parse_csv("bagian,kode,label,pertanyaan,pilihan\ninstrumen,x,X,,\nunsur,a,A,,satu|dua\n")


def test_export_neutralises_formulas(
    session: Session, units: dict[str, Unit], tmp_path: Path
) -> None:
    survey = service.create_survey(session=session, unit_id=units["jambi"].id, period="2026")
    service.store_responses(
        session=session,
        survey_id=survey.id,
        channel="web",
        rows=[("f", Submission(dict.fromkeys(CODES, 3), {}, '=HYPERLINK("http://x","klik")'))],
    )
    path = tmp_path / "out.csv"
    assert export_survey(session=session, survey_id=survey.id, fmt="csv", path=path) == 1
    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    from openpyxl import load_workbook

    xlsx = tmp_path / "out.xlsx"
    export_survey(session=session, survey_id=survey.id, fmt="xlsx", path=xlsx)
    sheet = load_workbook(xlsx).worksheets[0]
    assert str(sheet.cell(row=2, column=sheet.max_column).value).startswith("'=")
    assert session.scalar(select(func.count(SurveyResponse.id))) == 1
