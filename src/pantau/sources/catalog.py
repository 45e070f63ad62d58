"""The feed catalog: add, list, remove and poll RSS/Atom feeds, and watch their health.

Polling uses conditional GET (ETag / Last-Modified), so an unchanged feed costs one
304. Health per feed: last success, items per day over the last week, and a warning
when a feed that still answers has stopped bringing new items (``feed_stale_hours``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pantau.errors import FetchError, NotFound, PantauError, RejectedInput
from pantau.ingest.extract import extract
from pantau.ingest.http import fetch
from pantau.ingest.metadata import now_utc
from pantau.ingest.run import Input, quarantine, run_inputs
from pantau.ingest.urls import domain_of
from pantau.items import Article, Provenance, RawItem
from pantau.settings import Settings
from pantau.sources.rss import FeedEntry, ParsedFeed, entry_to_raw, parse_feed
from pantau.store.tables import Feed, Item

_HEALTH_DAYS = 7
_FAILING_AFTER = 3


@dataclass(slots=True)
class FeedHealth:
    id: int
    url: str
    name: str | None
    active: bool
    last_polled_at: datetime | None
    last_success_at: datetime | None
    last_new_item_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    items_total: int
    items_per_day: float
    stale: bool
    warning: str | None


@dataclass(slots=True)
class FeedPollResult:
    feed_id: int
    url: str
    status: str  # "ok", "not_modified", "error"
    added: int = 0
    duplicate: int = 0
    quarantined: int = 0
    error: str | None = None


@dataclass(slots=True)
class PollReport:
    results: list[FeedPollResult] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(r.added for r in self.results)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything Pantau stores is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


# -- catalog services -----------------------------------------------------------------


def add_feed(*, session: Session, url: str, name: str | None = None) -> Feed:
    """Register a feed (or return it if it is already registered)."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise PantauError(f"Alamat feed harus diawali http:// atau https://: {url}")
    existing = session.scalars(select(Feed).where(Feed.url == url)).first()
    if existing is not None:
        return existing
    feed = Feed(url=url, name=name, active=True)
    session.add(feed)
    session.flush()
    return feed


def remove_feed(*, session: Session, feed: int | str) -> None:
    """Remove a feed by id or URL. Its items stay (their feed link is cleared)."""
    query = select(Feed).where(Feed.id == feed if isinstance(feed, int) else Feed.url == feed)
    found = session.scalars(query).first()
    if found is None:
        raise NotFound(f"Feed tidak ditemukan: {feed}")
    session.delete(found)
    session.flush()


def feed_health(feed: Feed, *, recent_items: int, settings: Settings, now: datetime) -> FeedHealth:
    reference = _aware(feed.last_new_item_at) or _aware(feed.created_at) or now
    stale = feed.active and now - reference > timedelta(hours=settings.ingest.feed_stale_hours)
    warning = None
    if feed.consecutive_failures >= _FAILING_AFTER:
        warning = (
            f"Gagal diambil {feed.consecutive_failures} kali berturut-turut: {feed.last_error}"
        )
    elif stale:
        since = reference.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        warning = f"Tidak ada berita baru sejak {since}; periksa apakah feed berhenti diperbarui."
    return FeedHealth(
        id=feed.id, url=feed.url, name=feed.name, active=feed.active,
        last_polled_at=_aware(feed.last_polled_at), last_success_at=_aware(feed.last_success_at),
        last_new_item_at=_aware(feed.last_new_item_at), last_error=feed.last_error,
        consecutive_failures=feed.consecutive_failures, items_total=feed.items_total,
        items_per_day=round(recent_items / _HEALTH_DAYS, 2), stale=stale, warning=warning,
    )  # fmt: skip


def list_feeds(
    *, session: Session, settings: Settings, now: datetime | None = None
) -> list[FeedHealth]:
    """Every feed with its health."""
    now = now or now_utc()
    since = now - timedelta(days=_HEALTH_DAYS)
    recent = dict(
        session.execute(
            select(Item.feed_id, func.count(Item.id))
            .where(Item.feed_id.is_not(None), Item.fetched_at >= since)
            .group_by(Item.feed_id)
        ).all()
    )
    feeds = session.scalars(select(Feed).order_by(Feed.id)).all()
    return [
        feed_health(f, recent_items=int(recent.get(f.id, 0)), settings=settings, now=now)
        for f in feeds
    ]


# -- polling --------------------------------------------------------------------------


def _page_article(entry: FeedEntry, raw: RawItem, settings: Settings) -> Article | None:
    """The full article from the entry's page, when the feed carries only a summary."""
    if not entry.link:
        return None
    try:
        result = fetch(entry.link, settings=settings.ingest)
        page = RawItem(raw.provenance, result.content, "html", url=result.final_url)
        article = extract(page, default_tz=settings.timezone)
    except (RejectedInput, ValueError):
        return None
    article.title = entry.title or article.title
    article.published_at = article.published_at or entry.published_at
    article.outlet = raw.record.get("outlet") or article.outlet
    article.external_id = entry.guid
    return article


def _entry_inputs(
    feed: ParsedFeed, *, feed_url: str, outlet: str | None, settings: Settings
) -> Iterator[Input]:
    for entry in feed.entries:
        raw = entry_to_raw(entry, feed_url=feed_url, outlet=outlet)
        short = len(entry.text) < settings.ingest.feed_summary_min_chars
        if settings.ingest.feed_fetch_pages and short:
            article = _page_article(entry, raw, settings)
            if article is not None:
                yield article
                continue
        yield raw


def _record_failure(feed: Feed, message: str, now: datetime) -> None:
    feed.last_polled_at = now
    feed.last_error = message
    feed.consecutive_failures += 1


def _poll_one(
    feed: Feed, *, session: Session, sessions: sessionmaker[Session], settings: Settings
) -> FeedPollResult:
    now = now_utc()
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        answer = fetch(feed.url, settings=settings.ingest, headers=headers)
        parsed = None if answer.not_modified else parse_feed(answer.content, url=feed.url)
    except RejectedInput as error:
        _record_failure(feed, error.message, now)
        if not isinstance(error, FetchError):  # a broken or hostile document: keep it
            quarantine(session, run_id=None, provenance=Provenance("feed", feed.url, now),
                       error=error)  # fmt: skip
        session.commit()
        return FeedPollResult(feed.id, feed.url, "error", error=error.message)
    feed.last_polled_at = feed.last_success_at = now
    feed.consecutive_failures, feed.last_error = 0, None
    if parsed is None:
        session.commit()
        return FeedPollResult(feed.id, feed.url, "not_modified")
    feed.name = feed.name or parsed.title
    outlet = (feed.outlet.name if feed.outlet else None) or parsed.title or domain_of(feed.url)
    report = run_inputs(
        sessions=sessions, settings=settings, source=feed.url, feed_id=feed.id,
        inputs=_entry_inputs(parsed, feed_url=feed.url, outlet=outlet, settings=settings),
    )  # fmt: skip
    added = report.counts.get("added", 0)
    feed.items_total += added
    if added:
        feed.last_new_item_at = now
    # validators are stored only after the entries are safely in
    feed.etag = answer.headers.get("etag")
    feed.last_modified = answer.headers.get("last-modified")
    session.commit()
    return FeedPollResult(
        feed.id, feed.url, "ok", added=added, duplicate=report.counts.get("duplicate", 0),
        quarantined=report.counts.get("quarantined", 0),
    )  # fmt: skip


def poll_feeds(
    *,
    sessions: sessionmaker[Session],
    settings: Settings,
    feed_ids: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PollReport:
    """Poll active feeds (or the given ones); a failing feed never stops the others."""
    report = PollReport()
    with sessions() as session:
        query = select(Feed).where(Feed.active.is_(True)).order_by(Feed.id)
        if feed_ids:
            query = select(Feed).where(Feed.id.in_(list(feed_ids))).order_by(Feed.id)
        feeds = session.scalars(query).all()
        for done, feed in enumerate(feeds, start=1):
            report.results.append(_poll_one(feed, session=session, sessions=sessions,
                                            settings=settings))  # fmt: skip
            if progress is not None:
                progress(done, len(feeds))
    return report
