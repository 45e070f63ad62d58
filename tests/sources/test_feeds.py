"""Feed polling against a real HTTP server on 127.0.0.1: 200s, 304s, 500s, timeouts,
feeds that change between polls, broken and hostile XML; and feed health."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from tests.sources.loopback_server import Answer, Loopback
from typer.testing import CliRunner

from pantau.cli.main import app
from pantau.errors import NotFound, PantauError, RejectedInput
from pantau.ingest.metadata import now_utc
from pantau.settings import Settings
from pantau.sources.catalog import add_feed, list_feeds, poll_feeds, remove_feed
from pantau.sources.rss import parse_feed
from pantau.store.tables import Feed, Item, Quarantine

PARAGRAPHS = (
    "Petugas dan warga binaan mengikuti kegiatan itu sejak pagi di lapangan utama. "
    "Kepala unit menyebut kegiatan serupa akan digelar setiap bulan. "
    "Ia berharap warga binaan semakin siap kembali ke tengah masyarakat setelah bebas. "
    "Kegiatan ditutup dengan doa bersama dan pembagian hadiah bagi peserta terbaik."
)


def _item(n: int, *, summary: str | None = None) -> str:
    text = summary or (
        f"<p>TERNATE – Lapas Ternate menggelar kegiatan ke-{n}.</p><p>{PARAGRAPHS}</p>"
        f"<p>{PARAGRAPHS}</p>"  # long enough to be the article, so no page is fetched
    )
    return (
        f"<item><title>Kegiatan Lapas Ternate ke-{n}</title>"
        f"<link>http://warta.example/ternate/{n}?utm_source=rss</link>"
        f"<guid>ternate-{n}</guid><pubDate>Mon, 0{n} May 2023 08:00:00 +0900</pubDate>"
        f"<description><![CDATA[{text}]]></description></item>"
    )


def _rss(items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Warta Maluku Utara</title><link>http://warta.example/</link>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>
"""


def _etag_route(versions: dict[str, bytes]) -> object:
    """Serve the latest version with its ETag; answer 304 to a matching If-None-Match."""

    def route(headers: dict[str, str]) -> Answer:
        etag, body = list(versions.items())[-1]
        if headers.get("if-none-match") == etag:
            return Answer(304, headers={"ETag": etag})
        return Answer(
            200,
            body,
            {
                "ETag": etag,
                "Content-Type": "application/rss+xml",
                "Last-Modified": "Mon, 01 May 2023 01:00:00 GMT",
            },
        )

    return route


def _feed(sessions: sessionmaker[Session], url: str) -> int:
    with sessions() as session:
        feed = add_feed(session=session, url=url)
        session.commit()
        return feed.id


def _items(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Item)) or 0)


def test_poll_304_and_a_changed_feed_add_only_new_items(
    loopback: Loopback, local_settings: Settings, sessions: sessionmaker[Session]
) -> None:
    versions = {'"v1"': _rss([_item(1), _item(2)])}
    loopback.serve("/rss", _etag_route(versions))  # type: ignore[arg-type]
    feed_id = _feed(sessions, loopback.url("/rss"))

    first = poll_feeds(sessions=sessions, settings=local_settings).results[0]
    assert (first.status, first.added) == ("ok", 2)

    unchanged = poll_feeds(sessions=sessions, settings=local_settings).results[0]
    assert (unchanged.status, unchanged.added) == ("not_modified", 0)
    assert loopback.requests[-1][1].get("if-none-match") == '"v1"'
    assert "if-modified-since" in loopback.requests[-1][1]

    versions['"v2"'] = _rss([_item(3), _item(1), _item(2)])
    changed = poll_feeds(sessions=sessions, settings=local_settings).results[0]
    assert (changed.status, changed.added, changed.duplicate) == ("ok", 1, 2)
    assert _items(sessions) == 3
    with sessions() as session:
        feed = session.get(Feed, feed_id)
        assert feed is not None and feed.items_total == 3 and feed.etag == '"v2"'
        assert feed.name == "Warta Maluku Utara"
        item = session.scalars(select(Item).where(Item.external_id == "ternate-3")).one()
        assert item.feed_id == feed_id
        assert item.canonical_url == "http://warta.example/ternate/3"
        assert item.dateline == "Ternate"
        assert item.published_at is not None
        assert item.published_at.replace(tzinfo=None).isoformat() in (
            "2023-05-03T08:00:00",  # PostgreSQL keeps the zone; SQLite returns naive UTC
            "2023-05-02T23:00:00",
        )


def test_failing_feeds_are_recorded_and_do_not_stop_the_others(
    loopback: Loopback, local_settings: Settings, sessions: sessionmaker[Session]
) -> None:
    local_settings.ingest.http_timeout_seconds = 0.3
    loopback.serve("/rusak", Answer(500, b"galat server"))
    loopback.serve("/lambat", Answer(200, _rss([_item(1)]), delay=1.0))
    loopback.serve("/baik", Answer(200, _rss([_item(4)])))
    for path in ("/rusak", "/lambat", "/baik"):
        _feed(sessions, loopback.url(path))
    started = time.monotonic()
    results = {r.url.rsplit("/", 1)[1]: r for r in
               poll_feeds(sessions=sessions, settings=local_settings).results}  # fmt: skip
    assert time.monotonic() - started < 5
    assert results["rusak"].status == "error" and "500" in (results["rusak"].error or "")
    assert results["lambat"].status == "error" and "Waktu habis" in (results["lambat"].error or "")
    assert (results["baik"].status, results["baik"].added) == ("ok", 1)
    with sessions() as session:
        broken = session.scalars(select(Feed).where(Feed.url.endswith("/rusak"))).one()
        assert broken.consecutive_failures == 1 and broken.last_success_at is None


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<rss><channel><title>Rusak</title><item><title>tanpa penutup", "malformed_feed"),
        (b"ini sama sekali bukan xml {", "malformed_feed"),
        (BILLION_LAUGHS, "unsafe_xml"),
    ],
)
def test_broken_and_hostile_feeds_are_quarantined(
    loopback: Loopback,
    local_settings: Settings,
    sessions: sessionmaker[Session],
    body: bytes,
    reason: str,
) -> None:
    loopback.serve("/feed", Answer(200, body))
    _feed(sessions, loopback.url("/feed"))
    started = time.monotonic()
    result = poll_feeds(sessions=sessions, settings=local_settings).results[0]
    assert time.monotonic() - started < 5  # entities were never expanded
    assert result.status == "error"
    with sessions() as session:
        assert session.scalars(select(Quarantine.reason)).all() == [reason]
    assert _items(sessions) == 0


def test_billion_laughs_is_refused_before_feedparser() -> None:
    with pytest.raises(RejectedInput) as caught:
        parse_feed(BILLION_LAUGHS, url="mem://feed")
    assert caught.value.reason == "unsafe_xml"


def test_atom_feed_entries_are_read() -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Kabar Bapas</title><entry><title>Bapas Klaten Bimbing Klien</title>"
        '<link href="http://kabar.example/bapas/1"/><id>tag:kabar,1</id>'
        "<updated>2023-06-01T02:00:00Z</updated><content type='html'>&lt;p&gt;KLATEN – Bapas "
        "membimbing klien.&lt;/p&gt;&lt;p&gt;Kedua.&lt;/p&gt;</content></entry></feed>"
    ).encode()
    feed = parse_feed(atom, url="mem://atom")
    assert feed.title == "Kabar Bapas"
    entry = feed.entries[0]
    assert entry.link == "http://kabar.example/bapas/1"
    assert entry.text.startswith("KLATEN – Bapas membimbing klien.")
    assert "\n\nKedua." in entry.text
    assert entry.published_at is not None and entry.published_at.hour == 2


def test_short_summaries_fetch_the_article_page(
    loopback: Loopback, local_settings: Settings, sessions: sessionmaker[Session]
) -> None:
    page = (
        "<html><head><title>Lapas Tobelo Panen Jagung</title></head><body><article>"
        f"<p>TOBELO – Lapas Tobelo memanen jagung, Senin (1/5).</p><p>{PARAGRAPHS}</p>"
        "</article></body></html>"
    ).encode()
    link = loopback.url("/halaman/9")
    entry = (
        f"<item><title>Lapas Tobelo Panen Jagung</title><link>{link}</link><guid>tb-9</guid>"
        "<description>Ringkasan pendek.</description></item>"
    )
    loopback.serve("/rss", Answer(200, _rss([entry])))
    loopback.serve("/halaman/9", Answer(200, page, {"Content-Type": "text/html"}))
    _feed(sessions, loopback.url("/rss"))
    assert poll_feeds(sessions=sessions, settings=local_settings).results[0].added == 1
    with sessions() as session:
        item = session.scalars(select(Item)).one()
    assert item.body.startswith("TOBELO – Lapas Tobelo memanen jagung")
    assert "doa bersama" in item.body
    assert item.external_id == "tb-9"


def test_health_items_per_day_and_stale_warning(
    loopback: Loopback, local_settings: Settings, sessions: sessionmaker[Session]
) -> None:
    loopback.serve("/rss", Answer(200, _rss([_item(n) for n in range(1, 8)])))
    _feed(sessions, loopback.url("/rss"))
    poll_feeds(sessions=sessions, settings=local_settings)
    with sessions() as session:
        fresh = list_feeds(session=session, settings=local_settings)[0]
        later = now_utc() + timedelta(hours=local_settings.ingest.feed_stale_hours + 1)
        stale = list_feeds(session=session, settings=local_settings, now=later)[0]
    assert fresh.items_per_day == 1.0 and not fresh.stale and fresh.warning is None
    assert fresh.last_success_at is not None
    assert stale.stale and stale.warning is not None and "Tidak ada berita baru" in stale.warning


def test_feed_catalog_add_list_remove(local_settings: Settings, session: Session) -> None:
    feed = add_feed(session=session, url="https://warta.example/rss", name="Warta")
    assert add_feed(session=session, url="https://warta.example/rss").id == feed.id
    with pytest.raises(PantauError):
        add_feed(session=session, url="file:///etc/passwd")
    assert [h.name for h in list_feeds(session=session, settings=local_settings)] == ["Warta"]
    remove_feed(session=session, feed="https://warta.example/rss")
    assert list_feeds(session=session, settings=local_settings) == []
    with pytest.raises(NotFound):
        remove_feed(session=session, feed=feed.id)


def test_feeds_cli(
    loopback: Loopback, local_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANTAU_INGEST__ALLOW_PRIVATE_ADDRESSES", "true")
    loopback.serve("/rss", Answer(200, _rss([_item(1), _item(2)])))
    runner = CliRunner()
    added = runner.invoke(app, ["feeds", "add", loopback.url("/rss"), "--name", "Warta Malut"])
    assert added.exit_code == 0, added.output
    polled = runner.invoke(app, ["feeds", "poll"])
    assert polled.exit_code == 0, polled.output
    assert "ok" in polled.stdout
    listed = runner.invoke(app, ["feeds", "list"])
    assert "Warta Malut" in listed.stdout and "0.3" in listed.stdout
    removed = runner.invoke(app, ["feeds", "remove", "1"])
    assert removed.exit_code == 0 and "dihapus" in removed.stdout
