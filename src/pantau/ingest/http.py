"""The only network code in Pantau: one careful HTTP GET.

Every fetch has a timeout, a size cap enforced while streaming, a bounded number of
redirects, and a check of every address a host name resolves to, at the start and
after each redirect: loopback, private, link-local (169.254.169.254, the cloud
metadata service), multicast, reserved and unspecified addresses are refused unless
``settings.ingest.allow_private_addresses`` is set (tests serving on 127.0.0.1).

The check resolves the name before httpx does, and a DNS server may answer differently
the second time (DNS rebinding). So the address the connection actually reached is checked
too, before a byte of the answer is read; a refused peer ends the fetch. The request itself
has gone out by then, so deployments facing hostile networks should still block these
ranges at the firewall.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from pantau.errors import FetchError
from pantau.settings import IngestSettings

_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(slots=True)
class FetchResult:
    """What one GET returned. ``not_modified`` is a 304 answer to a conditional request."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _check_peer(response: httpx.Response, url: str, settings: IngestSettings) -> None:
    """Refuse an answer from a private address, whatever the name resolved to before."""
    if settings.allow_private_addresses:
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return  # the transport does not say (a proxy, HTTP/2); the name check stands
    address = ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
    if _refused(address):
        raise FetchError(
            "private_address",
            f"Koneksi ke {urlsplit(url).hostname} berakhir di alamat lokal/privat {address};"
            " jawaban tidak dibaca.",
        )


def check_url(url: str, *, settings: IngestSettings) -> None:
    """Refuse a URL whose scheme is not http(s) or whose host resolves to a private address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("bad_url", f"Alamat tidak bisa diambil (hanya http/https): {url}")
    if settings.allow_private_addresses:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 0, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("dns_error", f"Nama host tidak ditemukan: {parts.hostname}") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if _refused(address):
            raise FetchError(
                "private_address",
                f"Alamat {parts.hostname} ({address}) adalah alamat lokal/privat dan ditolak.",
            )


def _read_capped(response: httpx.Response, limit: int, url: str) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError("too_large", f"Halaman terlalu besar ({declared} byte > {limit}): {url}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError("too_large", f"Halaman lebih besar dari batas {limit} byte: {url}")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    settings: IngestSettings,
    headers: dict[str, str] | None = None,
    client: httpx.Client | None = None,
) -> FetchResult:
    """GET ``url`` safely. Raises :class:`FetchError` with a reason code on any refusal."""
    own_client = client is None
    http = client or httpx.Client(
        timeout=httpx.Timeout(settings.http_timeout_seconds),
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent},
    )
    try:
        return _fetch_following(url, settings=settings, headers=headers or {}, http=http)
    finally:
        if own_client:
            http.close()


def _fetch_following(
    url: str, *, settings: IngestSettings, headers: dict[str, str], http: httpx.Client
) -> FetchResult:
    current = url
    for _hop in range(settings.max_redirects + 1):
        check_url(current, settings=settings)
        try:
            with http.stream("GET", current, headers=headers, follow_redirects=False) as response:
                _check_peer(response, current, settings)
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                return _finish(url, current, response, settings)
        except httpx.TimeoutException as exc:
            raise FetchError("timeout", f"Waktu habis saat mengambil {current}") from exc
        except httpx.HTTPError as exc:
            raise FetchError("network", f"Gagal mengambil {current}: {exc}") from exc
    raise FetchError("too_many_redirects", f"Terlalu banyak pengalihan (redirect) dari {url}")


def _finish(
    url: str, current: str, response: httpx.Response, settings: IngestSettings
) -> FetchResult:
    headers = {k.lower(): v for k, v in response.headers.items()}
    if response.status_code == 304:
        return FetchResult(url, current, 304, headers=headers, not_modified=True)
    if response.status_code >= 400:
        raise FetchError("http_error", f"Server menjawab {response.status_code} untuk {current}")
    content = _read_capped(response, settings.max_bytes, current)
    return FetchResult(url, current, response.status_code, content=content, headers=headers)
