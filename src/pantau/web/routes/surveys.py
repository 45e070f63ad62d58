"""Survey pages: the public form at ``/s/{token}`` (no login), its QR poster, and the
dashboard pages under ``/survei`` (login, scoped by role: upt its unit, kanwil its province).

The public pages stand alone (no dashboard layout): they must load fast on an old phone
at a visitors' desk. Anti-abuse lives in :mod:`pantau.surveys.antiabuse`; this module
only gathers the request's facts and renders.
"""

from __future__ import annotations

import io
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile  # what request.form() hands back

from pantau.errors import NotFound, RejectedInput
from pantau.settings import Settings
from pantau.store.scope import Scope
from pantau.store.tables import Unit
from pantau.surveys import antiabuse, importer, pages, service, uploads
from pantau.surveys import export as survey_export
from pantau.surveys.instrument import Instrument, parse_csv, parse_json
from pantau.surveys.periods import WIB
from pantau.surveys.tables import Survey, SurveyInstrument
from pantau.web.deps import (
    Admin,
    CurrentUser,
    DbSession,
    UserScope,
    Writer,
    csrf_exempt,
    unit_in_scope,
)
from pantau.web.render import render

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


@router.post("/s/{token}", response_class=HTMLResponse)
# The public form carries its own signed, single-use ticket instead of the dashboard's
# session CSRF token: no cookie-authenticated write can be forged through it.
@csrf_exempt
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


# --- dashboard pages (login, scoped by role) ---------------------------------------------


def _instrument_choices(session: Session) -> list[tuple[str, str]]:
    return [(row.code, inst.name) for row, inst in service.list_instruments(session=session)]


def _index_context(
    request: Request, session: Session, scope: Scope, message: str = ""
) -> dict[str, Any]:
    return {
        "active": "survei",
        "scope_label": request.state.scope_label,
        "message": message,
        "surveys": pages.survey_list(session=session, scope=scope),
        "units": pages.units_in_scope(session=session, scope=scope),
        "instruments": _instrument_choices(session),
    }


@router.get("/survei", name="surveys_index")
@router.get("/survei.json", name="surveys_index_json")
def surveys_index(
    request: Request, session: DbSession, user: CurrentUser, scope: UserScope
) -> Response:
    return render(request, "surveys/index.html", _index_context(request, session, scope))


@router.post("/survei", name="surveys_create")
async def surveys_create(
    request: Request, session: DbSession, user: Writer, scope: UserScope
) -> Response:
    form = await request.form()
    unit_raw, period = str(form.get("unit_id", "")), str(form.get("periode", ""))
    population_raw = str(form.get("populasi", "")).strip()
    if not unit_raw.isdigit() or not unit_in_scope(session, scope, int(unit_raw)):
        raise HTTPException(403, "UPT ini di luar cakupan Anda.")
    try:
        survey = service.create_survey(
            session=session,
            unit_id=int(unit_raw),
            period=period,
            instrument=str(form.get("instrumen", "skm")),
            population=int(population_raw) if population_raw.isdigit() else None,
            actor=user.username,
        )
    except (RejectedInput, NotFound) as exc:
        session.rollback()
        context = _index_context(request, session, scope, message=str(exc))
        return render(request, "surveys/index.html", context, status_code=400)
    return RedirectResponse(f"/survei/{survey.id}", status_code=303)


@router.get("/survei/rekap", name="surveys_rollup")
@router.get("/survei/rekap.json", name="surveys_rollup_json")
def surveys_rollup(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    periode: Annotated[str | None, Query(max_length=10)] = None,
    instrumen: Annotated[str, Query(max_length=50)] = "skm",
) -> Response:
    now = datetime.now(WIB)
    code = periode or f"{now.year}-S{1 if now.month <= 6 else 2}"
    try:
        context = pages.rollup_context(
            session=session, scope=scope, period_code=code, instrument=instrumen
        )
    except (RejectedInput, NotFound) as exc:
        raise HTTPException(400, str(exc)) from exc
    context.update(
        active="survei",
        scope_label=request.state.scope_label,
        instruments=_instrument_choices(session),
    )
    return render(request, "surveys/rollup.html", context)


@router.get("/survei/instrumen", name="surveys_instruments")
@router.get("/survei/instrumen.json", name="surveys_instruments_json")
def surveys_instruments(request: Request, session: DbSession, user: Admin) -> Response:
    return render(request, "surveys/instruments.html", _instruments_context(session))


def _instruments_context(
    session: Session, message: str = "", error: bool = False
) -> dict[str, Any]:
    rows = service.list_instruments(session=session)
    return {
        "active": "survei",
        "message": message,
        "error": error,
        "instruments": [
            {
                "code": row.code,
                "name": inst.name,
                "elements": len(inst.elements),
                "regulation": inst.regulation,
                "builtin": row.builtin,
                "created_by": row.created_by,
            }
            for row, inst in rows
        ],
    }


@router.post("/survei/instrumen", name="surveys_instrument_add")
async def surveys_instrument_add(request: Request, session: DbSession, user: Admin) -> Response:
    form = await request.form()
    upload = form.get("berkas")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "Pilih berkas definisi instrumen (.json atau .csv).")
    raw = await upload.read(256 * 1024 + 1)
    try:
        if len(raw) > 256 * 1024:
            raise RejectedInput("berkas_terlalu_besar", "Berkas definisi lebih dari 256 KB.")
        text = raw.decode("utf-8-sig")
        is_csv = (upload.filename or "").lower().endswith(".csv")
        definition = parse_csv(text) if is_csv else parse_json(text)
        row = service.add_instrument(session=session, definition=definition, actor=user.username)
    except UnicodeDecodeError:
        context = _instruments_context(session, "Berkas harus berupa teks UTF-8.", error=True)
        return render(request, "surveys/instruments.html", context, status_code=400)
    except RejectedInput as exc:
        session.rollback()
        context = _instruments_context(session, exc.message, error=True)
        return render(request, "surveys/instruments.html", context, status_code=400)
    message = f"Instrumen {row.code} ditambahkan."
    return render(request, "surveys/instruments.html", _instruments_context(session, message))


def _scoped_survey(session: Session, scope: Scope, survey_id: int) -> Survey:
    try:
        survey = service.get_survey(session=session, survey_id=survey_id)
    except NotFound as exc:
        raise HTTPException(404, "Survei tidak ditemukan.") from exc
    if not service.in_scope(session, survey, scope):
        raise HTTPException(404, "Survei tidak ditemukan.")
    return survey


@router.get("/survei/{survey_id:int}", name="surveys_results")
@router.get("/survei/{survey_id:int}.json", name="surveys_results_json")
def surveys_results(
    request: Request, survey_id: int, session: DbSession, user: CurrentUser, scope: UserScope
) -> Response:
    _scoped_survey(session, scope, survey_id)
    context = pages.results_context(session=session, survey_id=survey_id, scope=scope)
    context.update(active="survei", scope_label=request.state.scope_label)
    return render(request, "surveys/results.html", context)


@router.post("/survei/{survey_id:int}/status", name="surveys_status")
async def surveys_status(
    request: Request, survey_id: int, session: DbSession, user: Writer, scope: UserScope
) -> Response:
    survey = _scoped_survey(session, scope, survey_id)
    status = str((await request.form()).get("status", ""))
    if status not in {"open", "closed"}:
        raise HTTPException(400, "Status survei harus open atau closed.")
    survey.status = status
    return RedirectResponse(f"/survei/{survey_id}", status_code=303)


@router.get("/survei/{survey_id:int}/ekspor", name="surveys_export")
def surveys_export(
    request: Request,
    survey_id: int,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    format: Annotated[str, Query(pattern="^(csv|xlsx|json)$")] = "xlsx",
) -> Response:
    survey = _scoped_survey(session, scope, survey_id)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"survei-{survey.id}-{survey.period_code}.{format}"
        survey_export.export_survey(session=session, survey_id=survey.id, fmt=format, path=path)
        content = path.read_bytes()
    media = {
        "csv": "text/csv; charset=utf-8",
        "json": "application/json",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[format]
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{path.name}"'},
    )


@router.post("/survei/{survey_id:int}/impor", name="surveys_import_upload")
async def surveys_import_upload(
    request: Request, survey_id: int, session: DbSession, user: Writer, scope: UserScope
) -> Response:
    """Step 1: keep the uploaded file aside and show the suggested column mapping."""
    survey = _scoped_survey(session, scope, survey_id)
    upload = (await request.form()).get("berkas")
    if not isinstance(upload, UploadFile):
        raise HTTPException(400, "Pilih berkas jawaban (.csv atau .xlsx).")
    raw = await upload.read(uploads.MAX_BYTES + 1)
    try:
        path = uploads.stage(_settings(request).data_dir, upload.filename or "", raw)
    except RejectedInput as exc:
        raise HTTPException(400, exc.message) from exc
    name = path.name
    try:
        headers, mapping = importer.preview_mapping(session=session, survey_id=survey.id, path=path)
    except RejectedInput as exc:
        path.unlink(missing_ok=True)
        raise HTTPException(400, exc.message) from exc
    instrument = service.instrument_of(session.get_one(SurveyInstrument, survey.instrument_id))
    context = {
        "active": "survei",
        "survey_id": survey.id,
        "filename": upload.filename or name,
        "upload": name,
        "headers": headers,
        "mapping": mapping,
        "report": None,
        "targets": [(t.code, t.label) for t in importer.targets(instrument)],
    }
    return render(request, "surveys/import_mapping.html", context)


@router.post("/survei/{survey_id:int}/impor/{upload}", name="surveys_import_run")
async def surveys_import_run(
    request: Request,
    survey_id: int,
    upload: str,
    session: DbSession,
    user: Writer,
    scope: UserScope,
) -> Response:
    """Step 2: import with the mapping the officer confirmed; show the row report."""
    survey = _scoped_survey(session, scope, survey_id)
    path = uploads.staged(_settings(request).data_dir, upload)
    if path is None:
        raise HTTPException(410, "Berkas unggahan sudah tidak ada. Unggah ulang berkasnya.")
    form = await request.form()
    headers = importer.read_table(path).headers
    chosen = {h: str(form.get(f"kolom_{i}", "-")) for i, h in enumerate(headers) if h}
    try:
        report = importer.import_responses(
            session=session,
            survey_id=survey.id,
            path=path,
            mapping=chosen,
            actor=user.username,
            max_rows=_settings(request).surveys.import_max_rows,
        )
    except RejectedInput as exc:
        raise HTTPException(400, exc.message) from exc
    path.unlink(missing_ok=True)
    context = {
        "active": "survei",
        "survey_id": survey.id,
        "filename": upload,
        "upload": upload,
        "headers": headers,
        "mapping": report.mapping,
        "targets": [],
        "report": {
            "rows": report.rows,
            "stored": report.stored,
            "duplicates": report.duplicates,
            "blank": report.blank,
            "bad": report.bad,
            "run_id": report.run_id,
            "errors": [
                {"row": e.row, "reason": e.reason, "message": e.message} for e in report.errors
            ],
        },
    }
    return render(request, "surveys/import_mapping.html", context)
