"""A survey's responses and scores out as CSV, XLSX or JSON.

Text that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage
return) is prefixed with an apostrophe in CSV and XLSX, so a visitor's suggestion can
never become a formula on the officer's computer. JSON keeps the text as written.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.errors import RejectedInput
from pantau.exports import neutralise
from pantau.surveys.service import SurveyResults, survey_results
from pantau.surveys.tables import SurveyAnswer, SurveyResponse

FORMATS = ("csv", "xlsx", "json")


def response_rows(*, session: Session, results: SurveyResults) -> tuple[list[str], list[list[Any]]]:
    instrument = results.instrument
    codes = instrument.element_codes
    profile_codes = [f.code for f in instrument.profile]
    headers = ["id", "waktu", "kanal", *profile_codes, *codes, "saran"]
    answers: dict[int, dict[str, int]] = {}
    stmt = (
        select(SurveyAnswer.response_id, SurveyAnswer.element, SurveyAnswer.value)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.survey_id == results.survey.id)
    )
    for rid, element, value in session.execute(stmt):
        answers.setdefault(rid, {})[element] = value
    rows: list[list[Any]] = []
    responses = session.scalars(
        select(SurveyResponse)
        .where(SurveyResponse.survey_id == results.survey.id)
        .order_by(SurveyResponse.id)
    )
    for r in responses:
        got = answers.get(r.id, {})
        rows.append(
            [
                r.id,
                r.submitted_at.isoformat(),
                r.channel,
                *[r.profile.get(c, "") for c in profile_codes],
                *[got.get(c) for c in codes],
                r.suggestion,
            ]
        )
    return headers, rows


def summary(results: SurveyResults) -> dict[str, Any]:
    r = results.result
    return {
        "survey_id": results.survey.id,
        "unit": results.unit.name,
        "instrument": results.instrument.code,
        "period": results.survey.period_code,
        "respondents": r.respondents,
        "elements": [
            {
                "code": e.code,
                "label": results.instrument.element(e.code).label,
                "n": e.n,
                "nrr": None if e.nrr_display is None else str(e.nrr_display),
            }
            for e in r.elements
        ],
        "ikm": None if r.ikm_display is None else str(r.ikm_display),
        "score": None if r.score is None else str(r.score),
        "band": r.band.code if r.band else None,
        "band_label": r.band.label if r.band else None,
        "weakest": list(r.weakest),
        "sample_required": results.adequacy.required,
        "sample_short": results.adequacy.short,
    }


def export_survey(*, session: Session, survey_id: int, fmt: str, path: Path) -> int:
    """Write the survey's responses (and, for JSON and XLSX, its scores) to ``path``."""
    if fmt not in FORMATS:
        raise RejectedInput("format_tidak_didukung", f"Format harus salah satu dari {FORMATS}.")
    results = survey_results(session=session, survey_id=survey_id)
    headers, rows = response_rows(session=session, results=results)
    if fmt == "json":
        payload = {
            "summary": summary(results),
            "responses": [dict(zip(headers, r, strict=True)) for r in rows],
        }
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows([[neutralise(v) for v in row] for row in rows])
        path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    else:
        _write_xlsx(path, results, headers, rows)
    return len(rows)


def _write_xlsx(
    path: Path, results: SurveyResults, headers: list[str], rows: list[list[Any]]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Jawaban"
    sheet.append(headers)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    scores = book.create_sheet("Nilai")
    info = summary(results)
    scores.append(["Unsur", "Kode", "Responden", "NRR"])
    for element in info["elements"]:
        scores.append([element["label"], element["code"], element["n"], element["nrr"]])
    scores.append([])
    for key in ("respondents", "ikm", "score", "band", "band_label"):
        scores.append([key, info[key]])
    book.save(path)
