"""Sumber: feed health, outlets, adding and removing feeds (admin and pusat)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from pantau.errors import PantauError
from pantau.store.tables import User
from pantau.vocab import Role
from pantau.web.deps import DbSession, require_role
from pantau.web.feeds import add_feed, feeds_view, outlets_view, remove_feed
from pantau.web.render import render

router = APIRouter(tags=["Sumber"])
Manager = Annotated[User, Depends(require_role(Role.ADMIN, Role.PUSAT))]


@router.get("/sumber", name="sources")
@router.get("/sumber.json", name="sources_json")
def sources_page(request: Request, session: DbSession, user: Manager) -> Response:
    settings = request.app.state.settings
    feeds = feeds_view(session, stale_hours=settings.ingest.feed_stale_hours)
    context = {
        "active": "sumber",
        "feeds": feeds,
        "problems": sum(1 for f in feeds if f["health"] in ("stale", "failing")),
        "outlets": outlets_view(session),
        "stale_hours": settings.ingest.feed_stale_hours,
        "notice": request.query_params.get("pesan"),
        "error": request.query_params.get("galat"),
    }
    return render(request, "sources.html", context)


@router.post("/sumber/feed", name="feed_add")
def feed_add(
    session: DbSession,
    user: Manager,
    url: Annotated[str, Form(max_length=1000)],
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        add_feed(session, url=url, name=name, actor=user.username)
    except PantauError as exc:
        return _back(galat=str(exc))
    return _back(pesan="Feed ditambahkan; akan diambil pada putaran berikutnya.")


@router.post("/sumber/feed/{feed_id:int}/hapus", name="feed_remove")
def feed_remove(feed_id: int, session: DbSession, user: Manager) -> Response:
    try:
        remove_feed(session, feed_id=feed_id, actor=user.username)
    except PantauError as exc:
        return _back(galat=str(exc))
    return _back(pesan="Feed dihapus.")


def _back(**message: str) -> Response:
    return RedirectResponse("/sumber?" + urlencode(message), status_code=303)
