"""Plain data for the survey pages, their ``.json`` twins and reports.

A results page shows the survey's scores SIDE BY SIDE with the unit's media tone over the
same period, so an officer sees at once whether what visitors say and what the press
writes agree. Everything here is built from the service and :mod:`pantau.store.stats`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.errors import NotFound
from pantau.store.scope import Period, Scope
from pantau.store.stats import headline
from pantau.store.tables import Unit
from pantau.surveys import service
from pantau.surveys.periods import parse_period
from pantau.surveys.scoring import BANDS, score
from pantau.surveys.tables import Survey, SurveyInstrument


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _collapse(items: list[str]) -> list[dict[str, Any]]:
    """The same suggestion written by many visitors is shown once, with how many wrote it."""
    counts: dict[str, int] = {}
    for text in items:
        counts[text] = counts.get(text, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: newest first on ties
    return [{"text": text, "count": n} for text, n in ranked]


def media_tone(session: Session, unit_id: int, period: Period) -> dict[str, Any]:
    """The unit's relevant news over the period: counts and shares by tone."""
    head = headline(session, Scope(unit_ids=(unit_id,)), period)
    return {
        "items": head.items,
        "positive": head.positive,
        "neutral": head.neutral,
        "negative": head.negative,
        "crisis": head.crisis,
        "positive_share": head.share(head.positive),
        "negative_share": head.share(head.negative),
        "net_tone": head.share(head.positive) - head.share(head.negative) if head.items else None,
    }


def results_context(*, session: Session, survey_id: int, scope: Scope) -> dict[str, Any]:
    """The results of one survey the caller may see; outside the scope is 'not found'."""
    survey = service.get_survey(session=session, survey_id=survey_id)
    if not service.in_scope(session, survey, scope):
        raise NotFound("Survei tidak ditemukan.")
    res = service.survey_results(session=session, survey_id=survey_id)
    r, inst = res.result, res.instrument
    period = Period(survey.period_start, survey.period_end)
    return {
        "survey": {
            "id": survey.id,
            "token": survey.token,
            "period": survey.period_code,
            "period_start": survey.period_start,
            "period_end": survey.period_end,
            # the half-open end is midnight of the next day; people read the last day
            "period_last": survey.period_end - timedelta(seconds=1),
            "status": survey.status,
            "population": survey.population,
        },
        "unit": {"id": res.unit.id, "name": res.unit.name, "province": res.unit.province},
        "instrument": {
            "code": inst.code,
            "name": inst.name,
            "regulation": inst.regulation,
            "target_index": inst.target_index,
        },
        "respondents": r.respondents,
        "elements": [
            {
                "code": e.code,
                "label": inst.element(e.code).label,
                "n": e.n,
                "nrr": _number(e.nrr_display),
                "converted": _number(e.converted),
                "weak": e.code in r.weakest,
            }
            for e in r.elements
        ],
        "ikm": _number(r.ikm_display),
        "score": _number(r.score),
        "band": r.band.code if r.band else None,
        "band_label": r.band.label if r.band else None,
        "bands": [{"code": b.code, "label": b.label, "low": float(b.low)} for b in BANDS],
        "missing": list(r.missing),
        "weakest": [{"code": code, "label": inst.element(code).label} for code in r.weakest],
        "sample": {
            "population": res.adequacy.population,
            "required": res.adequacy.required,
            "short": res.adequacy.short,
            "message": res.adequacy.message(),
        },
        "suggestions": [
            {"theme": code, "label": label, "count": len(items), "items": _collapse(items)[:50]}
            for code, label, items in res.suggestions
        ],
        "media": media_tone(session, survey.unit_id, period),
    }


def survey_list(*, session: Session, scope: Scope) -> list[dict[str, Any]]:
    """Surveys the caller may see, newest period first, each with its current score."""
    stmt = (
        select(Survey, Unit, SurveyInstrument)
        .join(Unit, Unit.id == Survey.unit_id)
        .join(SurveyInstrument, SurveyInstrument.id == Survey.instrument_id)
        .order_by(Survey.period_start.desc(), Unit.name, SurveyInstrument.code)
    )
    if scope.unit_ids is not None:
        stmt = stmt.where(Survey.unit_id.in_(scope.unit_ids))
    if scope.province is not None:
        stmt = stmt.where(Unit.province == scope.province)
    rows = []
    for survey, unit, instrument in session.execute(stmt):
        codes = service.instrument_of(instrument).element_codes
        result = score(
            service.tallies_for(session=session, survey_ids=[survey.id]),
            codes,
            respondents=service.respondents_for(session=session, survey_ids=[survey.id]),
        )
        rows.append(
            {
                "id": survey.id,
                "token": survey.token,
                "unit": unit.name,
                "instrument": instrument.code,
                "instrument_name": instrument.name,
                "period": survey.period_code,
                "respondents": result.respondents,
                "score": _number(result.score),
                "band": result.band.code if result.band else None,
            }
        )
    return rows


def units_in_scope(*, session: Session, scope: Scope) -> list[tuple[int, str]]:
    stmt = select(Unit.id, Unit.name).where(Unit.active.is_(True)).order_by(Unit.name)
    if scope.unit_ids is not None:
        stmt = stmt.where(Unit.id.in_(scope.unit_ids))
    if scope.province is not None:
        stmt = stmt.where(Unit.province == scope.province)
    return [(uid, name) for uid, name in session.execute(stmt)]


def rollup_context(
    *, session: Session, scope: Scope, period_code: str, instrument: str = "skm"
) -> dict[str, Any]:
    """Scores per unit and pooled per Kanwil for a period, each unit beside its media tone."""
    code, period = parse_period(period_code)
    units = service.unit_results(session=session, scope=scope, period=period, instrument=instrument)
    rows = []
    for unit in units:
        row = unit.as_dict()
        row["media"] = media_tone(session, unit.unit_id, period)
        rows.append(row)
    kanwil = []
    if scope.unit_ids is None:
        for province in sorted({u.province for u in units}):
            pooled = service.kanwil_result(
                session=session, province=province, period=period, instrument=instrument
            )
            kanwil.append(
                {
                    "province": province,
                    "units": sum(1 for u in units if u.province == province),
                    "respondents": pooled.respondents,
                    "ikm": _number(pooled.ikm_display),
                    "score": _number(pooled.score),
                    "band": pooled.band.code if pooled.band else None,
                    "band_label": pooled.band.label if pooled.band else None,
                }
            )
    return {"period": code, "instrument": instrument, "units": rows, "kanwil": kanwil}
