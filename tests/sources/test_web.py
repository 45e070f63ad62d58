"""Fetching one page by URL from a real server on 127.0.0.1."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker
from tests.sources.loopback_server import Answer, Loopback

from pantau.errors import FetchError
from pantau.ingest.extract import extract, extract_source
from pantau.ingest.http import fetch
from pantau.ingest.run import ingest_paths
from pantau.settings import Settings
from pantau.sources.web import fetch_page

PAGE = (
    "<html><head><title>Lapas Palu Gelar Donor Darah</title></head><body><article>"
    "<p>PALU – Lapas Kelas IIA Palu menggelar donor darah bersama PMI, Kamis (4/5). Sebanyak "
    "60 petugas dan warga binaan ikut mendonorkan darah.</p><p>Kegiatan ini rutin digelar "
    "setiap tiga bulan.</p></article></body></html>"
).encode()


def test_page_is_fetched_and_extracted(loopback: Loopback, local_settings: Settings) -> None:
    loopback.serve("/berita/1", Answer(body=PAGE, headers={"Content-Type": "text/html"}))
    raw = fetch_page(loopback.url("/berita/1?utm_source=wa"), settings=local_settings.ingest)
    article = extract(raw)
    assert article.title == "Lapas Palu Gelar Donor Darah"
    assert article.dateline == "Palu"
    assert article.canonical_url == loopback.url("/berita/1")
    assert raw.provenance.source_kind == "url"


def test_redirects_are_followed_a_bounded_number_of_times(
    loopback: Loopback, local_settings: Settings
) -> None:
    loopback.serve("/lama", Answer(301, headers={"Location": "/baru"}))
    loopback.serve("/baru", Answer(body=PAGE))
    assert fetch(loopback.url("/lama"), settings=local_settings.ingest).final_url.endswith("/baru")
    loopback.serve("/putar", Answer(302, headers={"Location": "/putar"}))
    with pytest.raises(FetchError) as caught:
        fetch(loopback.url("/putar"), settings=local_settings.ingest)
    assert caught.value.reason == "too_many_redirects"
    assert loopback.hits("/putar") == local_settings.ingest.max_redirects + 1


def test_every_redirect_target_is_checked_again(
    loopback: Loopback, local_settings: Settings
) -> None:
    loopback.serve("/ke-berkas", Answer(302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError) as caught:
        fetch(loopback.url("/ke-berkas"), settings=local_settings.ingest)
    assert caught.value.reason == "bad_url"


@pytest.mark.parametrize("send_length", [True, False])
def test_size_cap_applies_while_streaming(
    loopback: Loopback, local_settings: Settings, send_length: bool
) -> None:
    local_settings.ingest.max_bytes = 50_000
    loopback.serve("/besar", Answer(body=b"<p>x</p>" * 20_000, send_length=send_length))
    with pytest.raises(FetchError) as caught:
        fetch(loopback.url("/besar"), settings=local_settings.ingest)
    assert caught.value.reason == "too_large"


def test_slow_server_times_out(loopback: Loopback, local_settings: Settings) -> None:
    local_settings.ingest.http_timeout_seconds = 0.3
    loopback.serve("/lambat", Answer(body=PAGE, delay=1.0))
    with pytest.raises(FetchError) as caught:
        fetch(loopback.url("/lambat"), settings=local_settings.ingest)
    assert caught.value.reason == "timeout"


def test_server_errors_are_clear(loopback: Loopback, local_settings: Settings) -> None:
    loopback.serve("/rusak", Answer(500, b"galat"))
    with pytest.raises(FetchError) as caught:
        fetch(loopback.url("/rusak"), settings=local_settings.ingest)
    assert caught.value.reason == "http_error" and "500" in caught.value.message


def test_loopback_is_refused_without_the_test_setting(
    loopback: Loopback, settings: Settings
) -> None:
    loopback.serve("/berita/1", Answer(body=PAGE))
    settings.ingest.allow_private_addresses = False
    with pytest.raises(FetchError) as caught:
        fetch(loopback.url("/berita/1"), settings=settings.ingest)
    assert caught.value.reason == "private_address"
    assert loopback.requests == []  # refused before any connection was made


def test_extract_and_ingest_by_url(
    loopback: Loopback, local_settings: Settings, sessions: sessionmaker[Session]
) -> None:
    loopback.serve("/berita/2", Answer(body=PAGE, headers={"Content-Type": "text/html"}))
    article = extract_source(loopback.url("/berita/2"), settings=local_settings)
    assert article.title == "Lapas Palu Gelar Donor Darah"
    urls = [loopback.url("/berita/2"), loopback.url("/berita/2?fbclid=abc"), loopback.url("/x")]
    report = ingest_paths(sessions=sessions, settings=local_settings, paths=urls)
    assert report.counts == {"added": 1, "duplicate": 1, "quarantined": 1}
    assert report.reasons() == {"http_error": 1}
