"""Survey pages: the public form at ``/s/{token}`` (no login) and its QR poster.

The public pages stand alone (no dashboard layout): they must load fast on an old phone
at a visitors' desk. Anti-abuse lives in :mod:`pantau.surveys.antiabuse`; this module
only gathers the request's facts and renders.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from pantau.errors import NotFound
from pantau.settings import Settings
from pantau.store.db import engine_from_settings, make_sessionmaker
from pantau.store.tables import Unit
from pantau.surveys import antiabuse, service
from pantau.surveys.instrument import Instrument
from pantau.surveys.tables import Survey, SurveyInstrument

router = APIRouter()
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


def _public_templates(request: Request) -> Jinja2Templates:
    """A small autoescaping environment of our own for the standalone public pages."""
    cached = getattr(request.app.state, "survey_templates", None)
    if cached is None:
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES_DIR)),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        cached = Jinja2Templates(env=env)
        request.app.state.survey_templates = cached
    return cached


def _session(request: Request) -> Iterator[Session]:
    factory: sessionmaker[Session] | None = getattr(request.app.state, "sessions", None)
    if factory is None:  # an app built without the dashboard base (tests of this area)
        factory = make_sessionmaker(engine_from_settings(request.app.state.settings))
        request.app.state.sessions = factory
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(_session)]


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _open_survey(session: Session, token: str) -> tuple[Survey, Unit, Instrument]:
    try:
        survey = service.get_survey(session=session, token=token)
    except NotFound as exc:
        raise HTTPException(
            404, "Survei tidak ditemukan. Periksa kembali tautan atau kode QR."
        ) from exc
    unit = session.get_one(Unit, survey.unit_id)
    instrument = service.instrument_of(session.get_one(SurveyInstrument, survey.instrument_id))
    return survey, unit, instrument


def public_url(request: Request, token: str) -> str:
    base = _settings(request).surveys.public_base_url.rstrip("/")
    return f"{base}/s/{token}" if base else str(request.url_for("survey_form", token=token))


def _form_page(
    request: Request,
    *,
    survey: Survey,
    unit: Unit,
    instrument: Instrument,
    device: str,
    values: dict[str, str] | None = None,
    message: str = "",
    status_code: int = 200,
    shown_at: datetime | None = None,
) -> Response:
    settings = _settings(request)
    ticket = antiabuse.issue_ticket(
        antiabuse.secret_key(settings),
        survey_token=survey.token,
        device=device,
        now=shown_at or datetime.now(UTC),
    )
    response = _public_templates(request).TemplateResponse(
        request,
        "surveys/form.html",
        {
            "survey": survey,
            "unit": unit,
            "instrument": instrument,
            "ticket": ticket,
            "values": values or {},
            "message": message,
            "honeypot": antiabuse.HONEYPOT_FIELD,
            "closed": survey.status != "open",
        },
        status_code=status_code,
    )
    response.set_cookie(
        antiabuse.DEVICE_COOKIE,
        device,
        max_age=400 * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=settings.web.secure_cookies,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _device(request: Request) -> str:
    raw = request.cookies.get(antiabuse.DEVICE_COOKIE, "")
    return (
        raw
        if 16 <= len(raw) <= 64 and raw.replace("-", "").replace("_", "").isalnum()
        else (antiabuse.new_device_id())
    )


@router.get("/s/{token}", response_class=HTMLResponse, name="survey_form")
def survey_form(request: Request, token: str, session: DbSession) -> Response:
    survey, unit, instrument = _open_survey(session, token)
    return _form_page(
        request, survey=survey, unit=unit, instrument=instrument, device=_device(request)
    )


def survey_submit_exempt(func: Any) -> Any:
    # The public form carries its own signed, single-use ticket instead of the dashboard's
    # session CSRF token: no cookie-authenticated write can be forged through it.
    func.__csrf_exempt__ = True
    return func


@router.post("/s/{token}", response_class=HTMLResponse)
@survey_submit_exempt
async def survey_submit(request: Request, token: str, session: DbSession) -> Response:
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    survey, unit, instrument = _open_survey(session, token)
    settings = _settings(request)
    secret = antiabuse.secret_key(settings)
    ticket = antiabuse.read_ticket(secret, values.get("tiket", ""))
    device = ticket.device if ticket else _device(request)

    def refuse(message: str, status: int, shown_at: datetime | None = None) -> Response:
        return _form_page(
            request,
            survey=survey,
            unit=unit,
            instrument=instrument,
            device=device,
            values=values,
            message=message,
            status_code=status,
            shown_at=shown_at,
        )

    if survey.status != "open":
        return refuse("Survei ini sudah ditutup. Terima kasih atas perhatian Anda.", 410)
    now = datetime.now(UTC)
    verdict = antiabuse.check_form(
        ticket=ticket,
        survey_token=survey.token,
        honeypot=values.get(antiabuse.HONEYPOT_FIELD, ""),
        now=now,
        min_fill_seconds=settings.surveys.min_fill_seconds,
        max_age_hours=settings.surveys.form_max_age_hours,
    )
    if verdict.silent:
        return RedirectResponse(request.url_for("survey_thanks", token=token), status_code=303)
    if verdict.reason == "terlalu_cepat" and ticket is not None:
        # Keep the time the form was first shown, so a real visitor's resend passes.
        return refuse(verdict.message, 429, datetime.fromtimestamp(ticket.issued_at, UTC))
    if not verdict.ok or ticket is None:
        return refuse(verdict.message, 400)
    submission = _submission(instrument, values)
    if not submission.answers:
        return refuse("Mohon pilih jawaban untuk setidaknya satu pertanyaan.", 400)
    fingerprint = antiabuse.keyed_hash(secret, "tiket:" + ticket.nonce)
    if service.has_fingerprint(session=session, survey_id=survey.id, fingerprint=fingerprint):
        # The same page sent twice (double tap, back button): already counted once.
        return RedirectResponse(request.url_for("survey_thanks", token=token), status_code=303)
    device_hash = antiabuse.keyed_hash(secret, "perangkat:" + device)
    client = request.client.host if request.client else "unknown"
    client_hash = antiabuse.keyed_hash(secret, "alamat:" + client)
    interval = settings.surveys.device_interval_seconds
    _, last = service.recent_count(
        session=session,
        survey_id=survey.id,
        since=now - timedelta(seconds=interval),
        device_hash=device_hash,
    )
    verdict = antiabuse.check_device(last=last, now=now, interval_seconds=interval)
    if verdict.ok:
        count, _ = service.recent_count(
            session=session,
            survey_id=survey.id,
            since=antiabuse.hour_ago(now),
            client_hash=client_hash,
        )
        verdict = antiabuse.check_client(
            count_last_hour=count, limit=settings.surveys.submissions_per_hour
        )
    if not verdict.ok:
        response = refuse(verdict.message, 429)
        response.headers["Retry-After"] = str(verdict.retry_after)
        return response
    try:
        with session.begin_nested():
            service.store_responses(
                session=session,
                survey_id=survey.id,
                rows=[(fingerprint, submission)],
                channel="web",
                client_hash=client_hash,
                device_hash=device_hash,
            )
    except IntegrityError:
        pass  # the same ticket raced in twice; the first one is stored, that is enough
    return RedirectResponse(request.url_for("survey_thanks", token=token), status_code=303)


def _submission(instrument: Instrument, values: dict[str, str]) -> service.Submission:
    answers = {
        code: int(values[code])
        for code in instrument.element_codes
        if values.get(code, "") in {"1", "2", "3", "4"}
    }
    profile = {f.code: values.get(f.code, "") for f in instrument.profile}
    return service.clean_submission(
        instrument, service.Submission(answers, profile, values.get("saran", ""))
    )


@router.get("/s/{token}/terima-kasih", response_class=HTMLResponse, name="survey_thanks")
def survey_thanks(request: Request, token: str, session: DbSession) -> Response:
    survey, unit, instrument = _open_survey(session, token)
    return _public_templates(request).TemplateResponse(
        request,
        "surveys/thanks.html",
        {
            "survey": survey,
            "unit": unit,
            "instrument": instrument,
            "wait": _settings(request).surveys.device_interval_seconds,
        },
    )


@router.get("/s/{token}/qr.svg", name="survey_qr")
def survey_qr(request: Request, token: str, session: DbSession) -> Response:
    survey, _, _ = _open_survey(session, token)
    return Response(qr_svg(public_url(request, survey.token)), media_type="image/svg+xml")


def qr_svg(url: str) -> bytes:
    """The link as an SVG QR code (vector: sharp on any printer, no image library)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=20,
        border=2,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


@router.get("/s/{token}/poster", response_class=HTMLResponse, name="survey_poster")
def survey_poster(request: Request, token: str, session: DbSession) -> Response:
    survey, unit, instrument = _open_survey(session, token)
    return _public_templates(request).TemplateResponse(
        request,
        "surveys/poster.html",
        {
            "survey": survey,
            "unit": unit,
            "instrument": instrument,
            "url": public_url(request, survey.token),
            "qr": qr_svg(public_url(request, survey.token)).decode("utf-8"),
        },
    )
