"""The network seam refuses private, loopback and link-local addresses before connecting."""

from __future__ import annotations

import socket

import pytest
from tests.sources.loopback_server import Answer, Loopback

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


def test_a_name_that_rebinds_to_loopback_after_the_check_is_not_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """DNS rebinding: the name checks out as public, then resolves to 127.0.0.1."""
    server = Loopback()
    server.serve("/rahasia", Answer(200, b"kunci-internal"))
    server.thread.start()
    port = server.server.server_address[1]
    real = socket.getaddrinfo
    answers = iter(["93.184.216.34"])  # the first answer only: what check_url sees

    def rebinding(host: str, *args: object, **kwargs: object) -> object:
        if host != "berita.rebind.test":
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        with pytest.raises(FetchError) as caught:
            fetch(
                f"http://berita.rebind.test:{port}/rahasia",
                settings=IngestSettings(allow_private_addresses=False),
            )
    finally:
        server.server.shutdown()
    assert caught.value.reason == "private_address"
    assert "127.0.0.1" in caught.value.message and "kunci-internal" not in caught.value.message
    assert server.hits("/rahasia") == 1  # it did connect: only the answer was refused
