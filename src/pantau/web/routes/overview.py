"""Ringkasan: the overview every officer opens first."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy.orm import Session

from pantau.store.scope import Scope
from pantau.web.deps import CurrentUser, DbSession, UserScope
from pantau.web.overview_data import build_overview, charts
from pantau.web.pagecache import TTLCache, request_data_version
from pantau.web.periods import PeriodChoice, page_period
from pantau.web.render import render, wants_json

router = APIRouter(tags=["Ringkasan"])


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
    cache: TTLCache = request.app.state.overview_cache
    version = request_data_version(request, session)
    key = (scope, choice.start, choice.end, choice.days, choice.custom, version)
    data = cache.get_or_build(key, lambda: _data(session, scope, choice))
    context: dict[str, Any] = {
        "active": "ringkasan",
        "scope_label": request.state.scope_label,
        "period_note": note,
        **data,
        "_period_obj": choice,
        "period_qs": "&".join(f"{k}={v}" for k, v in choice.query().items()),
        "period": _period_view(choice),
    }
    if wants_json(request):
        return render(request, "overview.html", context)
    # The body shows only the cached numbers and the period (no user, no token), so it
    # is rendered once per key: its hundreds of links and cells dominate a page view.
    templates: Jinja2Templates = request.app.state.templates
    context["_body_html"] = cache.get_or_build(
        ("html", key, note),
        lambda: Markup(templates.get_template("_overview_body.html").render(context)),
    )
    return render(request, "overview.html", context, fragment="_overview_cached.html")


def _data(session: Session, scope: Scope, choice: PeriodChoice) -> dict[str, Any]:
    data = build_overview(session, scope, choice)
    return {**data, "charts": charts(data)}


def _period_view(choice: PeriodChoice) -> dict[str, Any]:
    return {
        "start": choice.start.isoformat(),
        "end": choice.end.isoformat(),
        "days": choice.days,
        "custom": choice.custom,
        "label": choice.label,
        "bucket": choice.bucket,
    }
