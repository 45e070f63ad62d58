"""Unit: the ranking of units, each UPT's page, each Kanwil's roll-up."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.store import stats
from pantau.store.listing import ItemFilter, berita_href, list_items
from pantau.store.scope import Scope
from pantau.store.tables import Unit
from pantau.vocab import Role
from pantau.web.deps import CurrentUser, DbSession, UserScope, unit_in_scope
from pantau.web.itemviews import row_dict
from pantau.web.overview_data import _headline, _rows
from pantau.web.periods import PeriodChoice, page_period
from pantau.web.render import render

router = APIRouter(tags=["Unit"])
ORDERS = {"items": "Jumlah berita", "positive": "Berita positif", "negative": "Berita negatif"}


def _period(choice: PeriodChoice) -> dict[str, Any]:
    return {
        **choice.query(),
        "days": choice.days,
        "custom": choice.custom,
        "label": choice.label,
        "bucket": choice.bucket,
    }


def _choice(
    request: Request,
    session: Session,
    scope: Scope,
    days: str | None,
    start: str | None,
    end: str | None,
) -> tuple[PeriodChoice, str | None]:
    return page_period(request, session, scope, days=days, start=start, end=end)


@router.get("/unit", name="units")
@router.get("/unit.json", name="units_json")
def units_page(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    urut: Annotated[str, Query(max_length=10)] = "items",
    days: Annotated[str | None, Query(max_length=4)] = None,
    start: Annotated[str | None, Query(max_length=10)] = None,
    end: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """Ranking of units by coverage (national or the Kanwil's units); a UPT goes to its page."""
    if (
        user.role == Role.UPT
        and user.unit_id is not None
        and not request.url.path.endswith(".json")
    ):
        return RedirectResponse(f"/unit/{user.unit_id}", status_code=303)
    choice, note = _choice(request, session, scope, days, start, end)
    order = urut if urut in ORDERS else "items"
    pq = choice.query()
    rows = stats.units(session, scope, choice.period, limit=None, order=order)
    units = [{**r, "href": f"/unit/{r['id']}?{urlencode(pq)}"} for r in _rows(rows, pq, "unit")]
    for rank, row in enumerate(units, start=1):
        row["rank"] = rank
    kanwil_rows = stats.kanwils(session, scope, choice.period) if scope.unit_ids is None else []
    kanwils = [
        {
            **asdict(k),
            "positive_share": k.positive_share,
            "negative_share": k.negative_share,
            "href": f"/kanwil/{quote(k.extra)}?{urlencode(pq)}",
            "href_items": berita_href(pq, kanwil=k.name),
        }
        for k in kanwil_rows
    ]
    context = {
        "active": "unit",
        "scope_label": request.state.scope_label,
        "period_note": note,
        "period": _period(choice),
        "order": order,
        "orders": ORDERS,
        "units": units,
        "kanwils": kanwils,
        "period_keep": {"urut": order},
    }
    return render(request, "units.html", context)


def _unit_or_404(session: Session, scope: Scope, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None or not unit_in_scope(session, scope, unit_id):
        raise HTTPException(status_code=404, detail="Unit tidak ditemukan.")
    return unit


def _area_context(
    session: Session, area: Scope, choice: PeriodChoice, **link: Any
) -> dict[str, Any]:
    """Numbers of one unit or Kanwil for the period, each linking to the Berita list."""
    period, pq = choice.period, choice.query()
    head = stats.headline(session, area, period)
    trend = stats.trend(session, area, period, bucket=choice.bucket, tz=choice.tz)
    recent = list_items(session, area, period, ItemFilter(), per_page=10)
    return {
        "headline": _headline(head),
        "links": {
            "all": berita_href(pq, **link),
            **{t: berita_href(pq, tone=t, **link) for t in ("positive", "neutral", "negative")},
            "crisis": berita_href(pq, crisis="any", **link),
        },
        "crisis_categories": [asdict(c) for c in stats.crisis_categories(session, area, period)],
        "outlets": _rows(stats.outlets(session, area, period, limit=8), pq, "outlet"),
        "recent": [row_dict(r) for r in recent.rows],
        "charts": {
            "trend": {
                "type": "bar",
                "labels": [p.day.isoformat() for p in trend],
                "datasets": [
                    {
                        "label": label,
                        "data": [getattr(p, key) for p in trend],
                        "backgroundColor": colour,
                        "stack": "tone",
                    }
                    for key, label, colour in (
                        ("positive", "Positif", "#1f8a5b"),
                        ("neutral", "Netral", "#8a94a6"),
                        ("negative", "Negatif", "#c8443a"),
                    )
                ],
            }
        },
    }


@router.get("/unit/{unit_id:int}.json", name="unit_json")
@router.get("/unit/{unit_id:int}", name="unit")
def unit_page(
    request: Request,
    unit_id: int,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    days: Annotated[str | None, Query(max_length=4)] = None,
    start: Annotated[str | None, Query(max_length=10)] = None,
    end: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    unit = _unit_or_404(session, scope, unit_id)
    area = Scope(unit_ids=(unit.id,))
    choice, note = _choice(request, session, area, days, start, end)
    context = {
        "active": "unit",
        "scope_label": request.state.scope_label,
        "period_note": note,
        "period": _period(choice),
        "unit": {
            "id": unit.id,
            "name": unit.name,
            "type": unit.type,
            "klass": unit.klass,
            "city": unit.city,
            "province": unit.province,
            "kanwil": unit.kanwil,
            "pilot": unit.pilot,
        },
        "kanwil_href": f"/kanwil/{quote(unit.province)}" if scope.unit_ids is None else None,
        **_area_context(session, area, choice, unit=unit.id),
    }
    return render(request, "unit.html", context)


# Decorators register bottom-up: the .json path must come first, or "{province}" eats it.
@router.get("/kanwil/{province}", name="kanwil")
@router.get("/kanwil/{province}.json", name="kanwil_json")
def kanwil_page(
    request: Request,
    province: str,
    session: DbSession,
    user: CurrentUser,
    scope: UserScope,
    days: Annotated[str | None, Query(max_length=4)] = None,
    start: Annotated[str | None, Query(max_length=10)] = None,
    end: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """A Kanwil's roll-up of its UPTs: national roles, or the Kanwil's own account."""
    if scope.unit_ids is not None or (scope.province is not None and scope.province != province):
        raise HTTPException(status_code=404, detail="Kanwil tidak ditemukan.")
    kanwil = session.scalar(select(Unit.kanwil).where(Unit.province == province).limit(1))
    if kanwil is None:
        raise HTTPException(status_code=404, detail="Kanwil tidak ditemukan.")
    area = Scope(province=province)
    choice, note = _choice(request, session, area, days, start, end)
    pq = choice.query()
    units = [
        {**r, "href": f"/unit/{r['id']}?{urlencode(pq)}"}
        for r in _rows(stats.units(session, area, choice.period, limit=None), pq, "unit")
    ]
    for rank, row in enumerate(units, start=1):
        row["rank"] = rank
    context = {
        "active": "unit",
        "scope_label": request.state.scope_label,
        "period_note": note,
        "period": _period(choice),
        "kanwil": {"name": kanwil, "province": province},
        "units": units,
        **_area_context(session, area, choice, province=province),
    }
    return render(request, "kanwil.html", context)
