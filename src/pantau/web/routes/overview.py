"""Ringkasan: the overview every officer opens first."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.store.scope import Period, Scope, apply_scope
from pantau.store.tables import Analysis, Item
from pantau.web.deps import CurrentUser, DbSession, UserScope
from pantau.web.formatting import tanggal
from pantau.web.overview_data import OverviewCache, build_overview, charts, data_version
from pantau.web.periods import PeriodChoice, choose_period, today_in
from pantau.web.render import render

router = APIRouter(tags=["Ringkasan"])


def page_period(
    request: Request,
    session: Session,
    scope: Scope,
    *,
    days: str | None,
    start: str | None,
    end: str | None,
) -> tuple[PeriodChoice, str | None]:
    """The requested period; by default the last 30 days, or up to the newest item
    when nothing was published lately (an archive or the demo corpus)."""
    tz = request.app.state.settings.timezone
    choice = choose_period(days=days, start=start, end=end, today=today_in(tz), tz=tz)
    if days or start or end:
        return choice, None
    latest = _latest(session, scope, choice.period)
    if latest is None:
        return choice, None
    moved = choose_period(days=str(choice.days), end=latest, today=today_in(tz), tz=tz)
    note = (
        f"Belum ada berita dalam {choice.days} hari terakhir; "
        f"menampilkan data s.d. {tanggal(moved.end)}."
    )
    return moved, note


def _latest(session: Session, scope: Scope, period: Period) -> str | None:
    """The newest item's local date when none falls inside ``period``, else None."""
    stmt = select(func.max(Item.published_at)).join(Analysis, Analysis.item_id == Item.id)
    stmt = apply_scope(stmt.where(Analysis.relevant.is_(True)), scope)
    newest = session.scalar(stmt)
    if newest is None:
        return None
    from pantau.web.formatting import local

    if local(newest) >= period.start:
        return None
    return local(newest).date().isoformat()


@router.get("/", name="overview")
@router.get("/ringkasan.json", name="overview_json")
def overview(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    days: Annotated[str | None, Query(max_length=4)] = None,
    start: Annotated[str | None, Query(max_length=10)] = None,
    end: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    choice, note = page_period(request, session, scope, days=days, start=start, end=end)
    cache: OverviewCache = request.app.state.overview_cache
    key = (scope, choice.start, choice.end, choice.days, choice.custom, data_version(session))
    data = cache.get(key)
    if data is None:
        data = build_overview(session, scope, choice)
        cache.put(key, data)
    context: dict[str, Any] = {
        "active": "ringkasan",
        "scope_label": request.state.scope_label,
        "period_note": note,
        **data,
        "charts": charts(data),
        "_period_obj": choice,
    }
    context["period_qs"] = "&".join(f"{k}={v}" for k, v in choice.query().items())
    return render(
        request,
        "overview.html",
        {**context, "period": _period_view(choice)},
        fragment="_overview_body.html",
    )


def _period_view(choice: PeriodChoice) -> dict[str, Any]:
    return {
        "start": choice.start.isoformat(),
        "end": choice.end.isoformat(),
        "days": choice.days,
        "custom": choice.custom,
        "label": choice.label,
        "bucket": choice.bucket,
    }
