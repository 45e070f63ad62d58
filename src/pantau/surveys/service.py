"""Survey workflows: instruments, surveys, submissions and results.

Keyword-only functions over a session; the caller commits. Scoring itself is pure and
lives in :mod:`pantau.surveys.scoring`; this module only gathers the tallies.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pantau.errors import NotFound, RejectedInput
from pantau.store.base import utcnow
from pantau.store.scope import Period, Scope
from pantau.store.tables import Unit
from pantau.surveys.instrument import (
    Instrument,
    builtin_definitions,
    parse_instrument,
)
from pantau.surveys.periods import parse_period
from pantau.surveys.sample import Adequacy, adequacy
from pantau.surveys.scoring import Result, Tally, group_suggestions, pool, score
from pantau.surveys.tables import Survey, SurveyAnswer, SurveyInstrument, SurveyResponse

# --- instruments -----------------------------------------------------------------------


def ensure_builtin_instruments(*, session: Session) -> None:
    """Store the shipped instruments once (and refresh them when their version rises)."""
    existing = {row.code: row for row in session.scalars(select(SurveyInstrument))}
    for data in builtin_definitions():
        row = existing.get(data["code"])
        if row is None:
            session.add(
                SurveyInstrument(
                    code=data["code"],
                    name=data["name"],
                    version=int(data["version"]),
                    definition=data,
                    builtin=True,
                )
            )
        elif row.builtin and row.version < int(data["version"]):
            row.definition, row.version, row.name = data, int(data["version"]), data["name"]
    session.flush()


def add_instrument(*, session: Session, definition: dict[str, Any], actor: str) -> SurveyInstrument:
    """Add an admin-made instrument; a code already in use is refused, never overwritten."""
    instrument = parse_instrument(definition)
    ensure_builtin_instruments(session=session)
    if session.scalar(select(SurveyInstrument.id).where(SurveyInstrument.code == instrument.code)):
        raise RejectedInput(
            "instrumen_sudah_ada", f"Instrumen dengan kode '{instrument.code}' sudah ada."
        )
    row = SurveyInstrument(
        code=instrument.code,
        name=instrument.name,
        version=instrument.version,
        definition=definition,
        builtin=False,
        created_by=actor,
    )
    session.add(row)
    session.flush()
    return row


def list_instruments(*, session: Session) -> list[tuple[SurveyInstrument, Instrument]]:
    ensure_builtin_instruments(session=session)
    rows = session.scalars(select(SurveyInstrument).order_by(SurveyInstrument.id))
    return [(row, parse_instrument(row.definition)) for row in rows]


def instrument_of(row: SurveyInstrument) -> Instrument:
    return parse_instrument(row.definition)


def get_instrument(*, session: Session, code: str) -> SurveyInstrument:
    ensure_builtin_instruments(session=session)
    row = session.scalar(select(SurveyInstrument).where(SurveyInstrument.code == code))
    if row is None:
        raise NotFound(f"Instrumen '{code}' tidak ada. Lihat: pantau survey instruments.")
    return row


# --- surveys ---------------------------------------------------------------------------


def resolve_unit(*, session: Session, ref: str) -> Unit:
    """A unit by id or by (case-insensitive) exact name."""
    unit = session.get(Unit, int(ref)) if ref.isdigit() else None
    if unit is None:
        unit = session.scalar(select(Unit).where(func.lower(Unit.name) == ref.strip().lower()))
    if unit is None:
        raise NotFound(f"UPT '{ref}' tidak ditemukan di daftar unit.")
    return unit


def create_survey(
    *,
    session: Session,
    unit_id: int,
    period: str,
    instrument: str = "skm",
    population: int | None = None,
    actor: str = "system",
) -> Survey:
    """Open a survey for a unit, period and instrument; the same triple twice is refused."""
    if session.get(Unit, unit_id) is None:
        raise NotFound(f"UPT dengan id {unit_id} tidak ada.")
    if population is not None and population <= 0:
        raise RejectedInput("populasi_tidak_valid", "Populasi layanan harus lebih dari nol.")
    code, span = parse_period(period)
    row = get_instrument(session=session, code=instrument)
    duplicate = session.scalar(
        select(Survey.id).where(
            Survey.unit_id == unit_id, Survey.instrument_id == row.id, Survey.period_code == code
        )
    )
    if duplicate:
        raise RejectedInput(
            "survei_sudah_ada", f"Survei {row.code} periode {code} untuk UPT ini sudah ada."
        )
    survey = Survey(
        token=secrets.token_urlsafe(12),
        unit_id=unit_id,
        instrument_id=row.id,
        period_code=code,
        period_start=span.start,
        period_end=span.end,
        population=population,
        created_by=actor,
    )
    session.add(survey)
    session.flush()
    return survey


def get_survey(
    *, session: Session, survey_id: int | None = None, token: str | None = None
) -> Survey:
    if token is not None:
        survey = session.scalar(select(Survey).where(Survey.token == token))
    else:
        survey = session.get(Survey, survey_id) if survey_id is not None else None
    if survey is None:
        raise NotFound("Survei tidak ditemukan.")
    return survey


def in_scope(session: Session, survey: Survey, scope: Scope) -> bool:
    if scope.unit_ids is not None and survey.unit_id not in scope.unit_ids:
        return False
    if scope.province is not None:
        unit = session.get(Unit, survey.unit_id)
        return unit is not None and unit.province == scope.province
    return True


# --- submissions -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Submission:
    """One respondent's answers as the form or an import row delivers them."""

    answers: Mapping[str, int]
    profile: Mapping[str, str] = field(default_factory=dict)
    suggestion: str = ""
    submitted_at: datetime | None = None
    source_row: int | None = None


def clean_submission(instrument: Instrument, submission: Submission) -> Submission:
    """Keep only known elements with values 1..4 and known profile fields, trimmed."""
    answers = {
        code: value
        for code, value in submission.answers.items()
        if code in instrument.element_codes and value in (1, 2, 3, 4)
    }
    known = {f.code for f in instrument.profile}
    profile = {k: v.strip()[:200] for k, v in submission.profile.items() if k in known and v}
    return Submission(
        answers,
        profile,
        submission.suggestion.strip()[:2000] if instrument.suggestions else "",
        submission.submitted_at,
        submission.source_row,
    )


def store_responses(
    *,
    session: Session,
    survey_id: int,
    rows: Sequence[tuple[str, Submission]],
    channel: str,
    import_run_id: int | None = None,
    client_hash: str | None = None,
    device_hash: str | None = None,
) -> int:
    """Insert (fingerprint, submission) pairs whose fingerprint is new; return how many.

    Bulk inserts with RETURNING (SQLAlchemy's insertmanyvalues) so 10,000 rows take
    two statements per chunk instead of 100,000 round trips.
    """
    fingerprints = [fp for fp, _ in rows]
    seen = (
        set(
            session.scalars(
                select(SurveyResponse.fingerprint).where(
                    SurveyResponse.survey_id == survey_id,
                    SurveyResponse.fingerprint.in_(fingerprints),
                )
            )
        )
        if len(fingerprints) <= 500
        else existing_fingerprints(session=session, survey_id=survey_id)
    )
    fresh = [(fp, sub) for fp, sub in rows if fp not in seen]
    if not fresh:
        return 0
    now = utcnow()
    values = [
        {
            "survey_id": survey_id,
            "fingerprint": fp,
            "channel": channel,
            "submitted_at": sub.submitted_at or now,
            "profile": dict(sub.profile),
            "suggestion": sub.suggestion,
            "client_hash": client_hash,
            "device_hash": device_hash,
            "import_run_id": import_run_id,
            "source_row": sub.source_row,
        }
        for fp, sub in fresh
    ]
    ids = session.scalars(
        insert(SurveyResponse).returning(SurveyResponse.id, sort_by_parameter_order=True), values
    ).all()
    answers = [
        {"response_id": rid, "element": code, "value": value}
        for rid, (_, sub) in zip(ids, fresh, strict=True)
        for code, value in sub.answers.items()
    ]
    if answers:
        session.execute(insert(SurveyAnswer), answers)
    return len(fresh)


def has_fingerprint(*, session: Session, survey_id: int, fingerprint: str) -> bool:
    stmt = select(SurveyResponse.id).where(
        SurveyResponse.survey_id == survey_id, SurveyResponse.fingerprint == fingerprint
    )
    return session.scalar(stmt) is not None


def existing_fingerprints(*, session: Session, survey_id: int) -> set[str]:
    stmt = select(SurveyResponse.fingerprint).where(SurveyResponse.survey_id == survey_id)
    return set(session.scalars(stmt))


def recent_count(
    *,
    session: Session,
    survey_id: int,
    since: datetime,
    client_hash: str | None = None,
    device_hash: str | None = None,
) -> tuple[int, datetime | None]:
    """Submissions from one client address or device since ``since``, and the latest time."""
    stmt = select(func.count(SurveyResponse.id), func.max(SurveyResponse.submitted_at)).where(
        SurveyResponse.survey_id == survey_id, SurveyResponse.submitted_at >= since
    )
    if client_hash is not None:
        stmt = stmt.where(SurveyResponse.client_hash == client_hash)
    if device_hash is not None:
        stmt = stmt.where(SurveyResponse.device_hash == device_hash)
    count, latest = session.execute(stmt).one()
    return int(count or 0), latest


# --- results ---------------------------------------------------------------------------


def tallies_for(*, session: Session, survey_ids: Sequence[int]) -> dict[str, Tally]:
    """Per-element answer counts over the responses of some surveys (pooled)."""
    stmt = (
        select(SurveyAnswer.element, SurveyAnswer.value, func.count())
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.survey_id.in_(survey_ids))
        .group_by(SurveyAnswer.element, SurveyAnswer.value)
    )
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for element, value, n in session.execute(stmt):
        if 1 <= value <= 4:
            counts[element][value - 1] += int(n)
    return {code: Tally((c[0], c[1], c[2], c[3])) for code, c in counts.items()}


def respondents_for(*, session: Session, survey_ids: Sequence[int]) -> int:
    stmt = select(func.count(SurveyResponse.id)).where(SurveyResponse.survey_id.in_(survey_ids))
    return int(session.scalar(stmt) or 0)


@dataclass(frozen=True, slots=True)
class SurveyResults:
    """Everything a results page, export or report shows for one survey."""

    survey: Survey
    unit: Unit
    instrument: Instrument
    result: Result
    adequacy: Adequacy
    suggestions: list[tuple[str, str, list[str]]]


def survey_results(*, session: Session, survey_id: int) -> SurveyResults:
    survey = get_survey(session=session, survey_id=survey_id)
    instrument = instrument_of(session.get_one(SurveyInstrument, survey.instrument_id))
    respondents = respondents_for(session=session, survey_ids=[survey.id])
    result = score(
        tallies_for(session=session, survey_ids=[survey.id]),
        instrument.element_codes,
        respondents=respondents,
    )
    texts = session.scalars(
        select(SurveyResponse.suggestion)
        .where(SurveyResponse.survey_id == survey.id, SurveyResponse.suggestion != "")
        .order_by(SurveyResponse.submitted_at.desc())
    )
    return SurveyResults(
        survey=survey,
        unit=session.get_one(Unit, survey.unit_id),
        instrument=instrument,
        result=result,
        adequacy=adequacy(population=survey.population, respondents=respondents),
        suggestions=group_suggestions(texts),
    )


@dataclass(frozen=True, slots=True)
class UnitResult:
    """A unit's pooled score for one instrument over the surveys overlapping a period."""

    unit_id: int
    unit_name: str
    province: str
    kanwil: str
    instrument: str
    survey_ids: tuple[int, ...]
    result: Result
    adequacy: Adequacy

    def as_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "unit_id": self.unit_id,
            "unit": self.unit_name,
            "province": self.province,
            "kanwil": self.kanwil,
            "instrument": self.instrument,
            "surveys": list(self.survey_ids),
            "respondents": r.respondents,
            "ikm": None if r.ikm_display is None else float(r.ikm_display),
            "score": None if r.score is None else float(r.score),
            "band": r.band.code if r.band else None,
            "band_label": r.band.label if r.band else None,
            "weakest": list(r.weakest),
            "sample_required": self.adequacy.required,
            "sample_short": self.adequacy.short,
        }


def _scoped_surveys(
    session: Session, scope: Scope, period: Period | None, instrument: str
) -> list[tuple[Survey, Unit]]:
    stmt = (
        select(Survey, Unit)
        .join(Unit, Unit.id == Survey.unit_id)
        .join(SurveyInstrument, SurveyInstrument.id == Survey.instrument_id)
        .where(SurveyInstrument.code == instrument)
        .order_by(Unit.name, Survey.period_start)
    )
    if scope.unit_ids is not None:
        stmt = stmt.where(Survey.unit_id.in_(scope.unit_ids))
    if scope.province is not None:
        stmt = stmt.where(Unit.province == scope.province)
    if period is not None:  # surveys whose period overlaps the asked one
        stmt = stmt.where(Survey.period_start < period.end, Survey.period_end > period.start)
    return [(s, u) for s, u in session.execute(stmt)]


def unit_results(
    *, session: Session, scope: Scope, period: Period | None, instrument: str = "skm"
) -> list[UnitResult]:
    """IKM per unit in ``scope`` for surveys overlapping ``period``, ordered by unit name.

    Several surveys of one unit in the period (e.g. two quarters in a semester) are pooled:
    their respondents are scored together, as if one survey.
    """
    definition = instrument_of(get_instrument(session=session, code=instrument))
    by_unit: dict[int, tuple[Unit, list[Survey]]] = {}
    for survey, unit in _scoped_surveys(session, scope, period, instrument):
        by_unit.setdefault(unit.id, (unit, []))[1].append(survey)
    results = []
    for unit, surveys in by_unit.values():
        ids = [s.id for s in surveys]
        respondents = respondents_for(session=session, survey_ids=ids)
        result = score(
            tallies_for(session=session, survey_ids=ids),
            definition.element_codes,
            respondents=respondents,
        )
        populations = [s.population for s in surveys if s.population]
        population = sum(populations) if len(populations) == len(surveys) else None
        results.append(
            UnitResult(
                unit.id,
                unit.name,
                unit.province,
                unit.kanwil,
                instrument,
                tuple(ids),
                result,
                adequacy(population=population, respondents=respondents),
            )
        )
    return results


def kanwil_result(
    *, session: Session, province: str, period: Period | None, instrument: str = "skm"
) -> Result:
    """A Kanwil's roll-up: respondents of all its units pooled, then scored once.

    Pooling (not averaging unit scores) follows regulation practice: the IKM is always
    computed from respondents' answers, so a unit with 400 respondents weighs more than
    one with 40.
    """
    definition = instrument_of(get_instrument(session=session, code=instrument))
    pairs = _scoped_surveys(session, Scope(province=province), period, instrument)
    ids = [s.id for s, _ in pairs]
    tallies = pool([tallies_for(session=session, survey_ids=ids)]) if ids else {}
    return score(
        tallies,
        definition.element_codes,
        respondents=respondents_for(session=session, survey_ids=ids) if ids else 0,
    )
