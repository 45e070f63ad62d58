"""The network seam refuses private, loopback and link-local addresses before connecting."""

from __future__ import annotations

import pytest

from pantau.errors import FetchError
from pantau.ingest.http import check_url, fetch
from pantau.settings import IngestSettings


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8000/berita",
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    settings = IngestSettings(allow_private_addresses=False)
    with pytest.raises(FetchError) as caught:
        fetch(url, settings=settings)
    assert caught.value.reason == "private_address"
    assert "ditolak" in caught.value.message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/", "x"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url, settings=IngestSettings(allow_private_addresses=True))
    assert caught.value.reason == "bad_url"


def test_the_setting_lets_tests_through() -> None:
    check_url("http://127.0.0.1:8000/", settings=IngestSettings(allow_private_addresses=True))
