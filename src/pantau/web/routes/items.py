"""Berita: the filtered list, its CSV export, item detail and label corrections."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from pantau.errors import NotFound, PantauError
from pantau.store import analysed
from pantau.store.listing import COUNT_CAP, ItemFilter, count_items, iter_rows, list_items
from pantau.store.tables import AuditLog
from pantau.web.deps import CurrentUser, DbSession, UserScope, Writer
from pantau.web.itemviews import (
    CORRECTABLE,
    EXPORT_LIMIT,
    FIELD_LABELS,
    VALUE_LABELS,
    csv_text,
    filter_options,
    item_detail,
    parse_correction,
    row_dict,
    visible_item,
)
from pantau.web.pagecache import TTLCache, request_data_version
from pantau.web.periods import page_period
from pantau.web.render import render

router = APIRouter(tags=["Berita"])
PER_PAGE = 25


def _params(request: Request) -> dict[str, str]:
    return dict(request.query_params.items())


def list_context(
    request: Request, session: DbSession, scope: UserScope
) -> tuple[dict[str, Any], Any, ItemFilter]:
    params = _params(request)
    choice, note = page_period(
        request,
        session,
        scope,
        days=params.get("days"),
        start=params.get("start"),
        end=params.get("end"),
    )
    flt = ItemFilter.from_query(params)
    page_no = int(params["halaman"]) if params.get("halaman", "").isdigit() else 1
    # HTML pages load the count in a second request (hx-trigger=load): the list shows at once.
    count = request.url.path.endswith(".json") or request.url.path.startswith("/api/")
    # Rows are cached by scope, period, filters and data version: officers open the same
    # few lists all day, and a key never spans two scopes.
    cache: TTLCache = request.app.state.page_cache
    key = (
        "list",
        scope,
        choice.period,
        flt,
        page_no,
        count,
        request_data_version(request, session),
    )
    page = cache.get_or_build(
        key,
        lambda: list_items(
            session, scope, choice.period, flt, page=page_no, per_page=PER_PAGE, count=count
        ),
    )
    query = {**choice.query(), **flt.query()}
    context = {
        "active": "berita",
        "period_note": note,
        "period": {
            **choice.query(),
            "days": choice.days,
            "custom": choice.custom,
            "label": choice.label,
            "bucket": choice.bucket,
        },
        "filters": flt.query(),
        "page": {
            "number": page.number,
            "pages": page.pages,
            "per_page": page.per_page,
            "total": page.total,
            "capped": page.capped,
            "has_next": page.has_next,
        },
        "items": [row_dict(r) for r in page.rows],
        "query": urlencode(query),
        "export_href": "/berita.csv?" + urlencode(query),
    }
    return context, choice, flt


@router.get("/berita", name="items")
@router.get("/berita.json", name="items_json")
def items_page(
    request: Request, session: DbSession, user: CurrentUser, scope: UserScope
) -> Response:
    context, _choice, _flt = list_context(request, session, scope)
    cache: TTLCache = request.app.state.options_cache
    options = cache.get(scope)
    if options is None:
        options = filter_options(session, scope)
        cache.put(scope, options)
    context["_options"] = options
    context["scope_label"] = request.state.scope_label
    return render(request, "items.html", context, fragment="_items_results.html")


@router.get("/berita/jumlah", name="items_count")
def items_count(
    request: Request, session: DbSession, user: CurrentUser, scope: UserScope
) -> Response:
    """The number of matches for the list's filters (a small HTMX fragment)."""
    params = _params(request)
    choice, _ = page_period(
        request,
        session,
        scope,
        days=params.get("days"),
        start=params.get("start"),
        end=params.get("end"),
    )
    flt = ItemFilter.from_query(params)
    cache: TTLCache = request.app.state.page_cache
    key = ("count", scope, choice.period, flt, request_data_version(request, session))
    total = cache.get_or_build(key, lambda: count_items(session, scope, choice.period, flt))
    return render(request, "_items_count.html", {"total": total, "capped": total > COUNT_CAP})


@router.get("/berita.csv", name="items_csv")
def items_csv(
    request: Request, session: DbSession, user: CurrentUser, scope: UserScope
) -> Response:
    params = _params(request)
    choice, _ = page_period(
        request,
        session,
        scope,
        days=params.get("days"),
        start=params.get("start"),
        end=params.get("end"),
    )
    rows = iter_rows(
        session, scope, choice.period, ItemFilter.from_query(params), limit=EXPORT_LIMIT
    )
    name = f"pantau-berita-{choice.start.isoformat()}-{choice.end.isoformat()}.csv"
    session.add(
        AuditLog(
            actor=user.username,
            action="export.csv",
            target="berita",
            detail={"rows": len(rows), **choice.query(), **ItemFilter.from_query(params).query()},
        )
    )
    return Response(
        csv_text(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/berita/{item_id:int}.json", name="item_json")
@router.get("/berita/{item_id:int}", name="item")
def item_page(
    request: Request, item_id: int, session: DbSession, user: CurrentUser, scope: UserScope
) -> Response:
    try:
        context = item_detail(session, scope, item_id)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    context.update(
        active="berita",
        correctable=CORRECTABLE,
        field_labels=FIELD_LABELS,
        value_labels=VALUE_LABELS,
        notice=request.query_params.get("pesan"),
        error=request.query_params.get("galat"),
    )
    return render(request, "item.html", context)


@router.post("/berita/{item_id:int}/koreksi", name="item_correct")
def correct(
    request: Request,
    item_id: int,
    session: DbSession,
    user: Writer,
    scope: UserScope,
    field: Annotated[str, Form(max_length=30)],
    value: Annotated[str, Form(max_length=50)],
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    """Correct one label of an item in the user's scope (pimpinan cannot)."""
    try:
        visible_item(session, scope, item_id)
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    try:
        new_value = parse_correction(field, value)
        correction = analysed.correct_label(
            session,
            item_id=item_id,
            field=field,
            new_value=new_value,
            actor=user.username,
            reason=reason.strip(),
        )
    except (ValueError, PantauError) as exc:
        return _back(item_id, galat=str(exc))
    except NotImplementedError:
        return _back(item_id, galat="Koreksi label belum tersedia pada versi ini.")
    session.add(
        AuditLog(
            actor=user.username,
            action="label.correct",
            target=f"item:{item_id}",
            detail={
                "field": field,
                "old": correction.old_value,
                "new": correction.new_value,
                "reason": reason.strip(),
            },
        )
    )
    return _back(item_id, pesan=f"{FIELD_LABELS[field]} dikoreksi. Terima kasih.")


def message_of(location: str) -> str:
    """The user message carried by a redirect made by :func:`_back`."""
    from urllib.parse import parse_qs, urlparse

    query = parse_qs(urlparse(location).query)
    return (query.get("pesan") or query.get("galat") or [""])[0]


def _back(item_id: int, **message: str) -> Response:
    return RedirectResponse(f"/berita/{item_id}?{urlencode(message)}#koreksi", status_code=303)
