"""Laporan: build a report for a scope and period the user may see, preview it, download it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from pantau.errors import PantauError
from pantau.reports.access import allowed, scope_choices
from pantau.reports.context import build_context, today_in
from pantau.reports.params import ReportParams
from pantau.reports.period import PERIOD_LABELS_ID, PeriodKind, parse_anchor
from pantau.reports.service import ReportFormat, generate_report
from pantau.reports.tables import ReportRun, ReportSchedule
from pantau.vocab import Role
from pantau.web.deps import CurrentUser, DbSession, UserScope
from pantau.web.render import render

router = APIRouter(tags=["Laporan"])

FORMAT_LABELS = {"pdf": "PDF", "xlsx": "Excel (XLSX)", "csv": "CSV", "json": "JSON"}


def _params(
    session: Any, scope: Any, spec: str | None, period: str, anchor: str | None, today: date
) -> ReportParams:
    choices = scope_choices(session, scope)
    if not choices:
        raise HTTPException(status_code=403, detail="Akun Anda belum memiliki cakupan laporan.")
    chosen = spec or choices[0].spec
    if not allowed(session, scope, chosen):
        raise HTTPException(status_code=403, detail="Cakupan laporan di luar wewenang Anda.")
    try:
        return ReportParams(chosen, PeriodKind(period), parse_anchor(anchor, today))
    except (ValueError, PantauError) as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


@router.get("/laporan", name="reports")
@router.get("/laporan.json", name="reports_json")
def reports_page(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    cakupan: Annotated[str | None, Query(max_length=300)] = None,
    periode: Annotated[str, Query(max_length=10)] = "monthly",
    tanggal: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """Pick scope and period; preview the headline numbers; download in any format."""
    settings = request.app.state.settings
    params = _params(session, scope, cakupan, periode, tanggal, today_in(settings.reports.timezone))
    ctx = build_context(session=session, params=params, timezone=settings.reports.timezone)
    runs = session.scalars(select(ReportRun).order_by(ReportRun.id.desc()).limit(10)).all()
    visible_runs = [r for r in runs if allowed(session, scope, str(r.params.get("scope", "")))]
    schedules = []
    if user.role in (Role.ADMIN, Role.PUSAT):
        schedules = list(session.scalars(select(ReportSchedule).order_by(ReportSchedule.id)))
    query = {
        "cakupan": params.scope,
        "periode": params.period.value,
        "tanggal": params.anchor.isoformat(),
    }
    context: dict[str, Any] = {
        "active": "laporan",
        "params": params.as_dict(),
        "report": ctx.as_dict(),
        "choices": [c.spec for c in scope_choices(session, scope)],
        "_choices": scope_choices(session, scope),
        "_periods": PERIOD_LABELS_ID,
        "_formats": FORMAT_LABELS,
        "_query": query,
        "runs": [
            {
                "id": r.id,
                "params": r.params,
                "format": r.format,
                "fingerprint": r.fingerprint,
                "created_at": r.created_at,
            }
            for r in visible_runs
        ],
        "schedules": [
            {
                "id": s.id,
                "name": s.name,
                "scope": s.scope,
                "period": s.period,
                "recipients": s.recipients,
                "last_sent_at": s.last_sent_at,
                "last_error": s.last_error,
            }
            for s in schedules
        ],
    }
    return render(request, "reports/laporan.html", context)


@router.get("/laporan/unduh", name="report_download")
def report_download(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    cakupan: Annotated[str | None, Query(max_length=300)] = None,
    periode: Annotated[str, Query(max_length=10)] = "monthly",
    tanggal: Annotated[str | None, Query(max_length=10)] = None,
    format: Annotated[str, Query(max_length=5)] = "pdf",
) -> Response:
    """The report file; its scope is checked against the user's before anything is computed."""
    settings = request.app.state.settings
    params = _params(session, scope, cakupan, periode, tanggal, today_in(settings.reports.timezone))
    try:
        fmt = ReportFormat(format)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail="Format tidak dikenal.") from exc
    report = generate_report(
        session=session, settings=settings, params=params, fmt=fmt, actor=user.username
    )
    disposition = f'attachment; filename="{report.filename}"'
    return Response(
        report.content, media_type=report.media_type, headers={"Content-Disposition": disposition}
    )
