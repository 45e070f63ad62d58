"""Sumber: feeds and outlets with their health, and adding or removing feeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.errors import NotFound, PantauError
from pantau.store.tables import AuditLog, Feed, Item, Outlet
from pantau.web.formatting import local, waktu


class FeedError(PantauError):
    """A feed request that cannot be done; the message is for the user."""


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def health(feed: Feed, *, now: datetime, stale_hours: int) -> tuple[str, str]:
    """(code, Indonesian label): ok, stale, failing, inactive or new."""
    if not feed.active:
        return "inactive", "Nonaktif"
    if feed.consecutive_failures >= 3:
        return "failing", f"Gagal {feed.consecutive_failures}× berturut-turut"
    last_new = _aware(feed.last_new_item_at) or _aware(feed.last_success_at)
    if last_new is None:
        return "new", "Belum pernah diambil"
    if now - last_new > timedelta(hours=stale_hours):
        return "stale", "Basi: tidak ada berita baru"
    return "ok", "Sehat"


def feeds_view(
    session: Session, *, stale_hours: int, now: datetime | None = None
) -> list[dict[str, Any]]:
    now = now or datetime.now(UTC)
    out = []
    for feed, outlet_name in session.execute(
        select(Feed, Outlet.name)
        .outerjoin(Outlet, Outlet.id == Feed.outlet_id)
        .order_by(Feed.name, Feed.url)
    ):
        code, label = health(feed, now=now, stale_hours=stale_hours)
        out.append(
            {
                "id": feed.id,
                "url": feed.url,
                "name": feed.name or urlparse(feed.url).netloc,
                "outlet": outlet_name,
                "active": feed.active,
                "health": code,
                "health_label": label,
                "last_success": waktu(feed.last_success_at),
                "last_new_item": waktu(feed.last_new_item_at),
                "last_error": feed.last_error,
                "failures": feed.consecutive_failures,
                "items_total": feed.items_total,
            }
        )
    return out


def outlets_view(session: Session, *, limit: int = 200) -> list[dict[str, Any]]:
    n = func.count(Item.id)
    stmt = (
        select(
            Outlet.id,
            Outlet.name,
            Outlet.domain,
            Outlet.kind,
            Outlet.tier,
            n,
            func.max(Item.published_at),
        )
        .outerjoin(Item, Item.outlet_id == Outlet.id)
        .group_by(Outlet.id, Outlet.name, Outlet.domain, Outlet.kind, Outlet.tier)
        .order_by(n.desc(), Outlet.name)
        .limit(limit)
    )
    return [
        {
            "id": i,
            "name": name,
            "domain": domain,
            "kind": kind,
            "tier": tier,
            "items": int(c),
            "latest": waktu(local(latest)) if latest else "–",
        }
        for i, name, domain, kind, tier, c, latest in session.execute(stmt)
    ]


def add_feed(session: Session, *, url: str, name: str, actor: str) -> Feed:
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or len(url) > 1000:
        raise FeedError("Alamat feed harus berupa URL http(s) yang lengkap.")
    if session.scalar(select(Feed.id).where(Feed.url == url)) is not None:
        raise FeedError("Feed ini sudah terdaftar.")
    feed = Feed(url=url, name=name.strip()[:200] or None, active=True)
    session.add(feed)
    session.flush()
    session.add(
        AuditLog(actor=actor, action="feed.add", target=f"feed:{feed.id}", detail={"url": url})
    )
    return feed


def remove_feed(session: Session, *, feed_id: int, actor: str) -> None:
    feed = session.get(Feed, feed_id)
    if feed is None:
        raise NotFound("Feed tidak ditemukan.")
    session.add(
        AuditLog(
            actor=actor, action="feed.remove", target=f"feed:{feed.id}", detail={"url": feed.url}
        )
    )
    session.delete(feed)
