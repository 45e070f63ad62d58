"""Canonical URLs: one spelling per article, so the same page is stored once."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track the reader, not the page.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "amp",
        "_ga",
        "ref",
        "ref_src",
        "src",
        "share",
        "spm",
    }
)
_TRACKING_PREFIXES = ("utm_", "amp_", "__twitter", "hsa_", "pk_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def _clean_path(path: str) -> str:
    while True:
        cleaned = _clean_path_once(path)
        if cleaned == path:
            return cleaned
        path = cleaned


def _clean_path_once(path: str) -> str:
    path = path.strip()
    # AMP copies of an article live under /amp/ or end in /amp or .amp.
    if path.endswith("/amp") or path.endswith("/amp/"):
        path = path[: path.rstrip("/").rfind("/")] or "/"
    if path.endswith(".amp"):
        path = path[: -len(".amp")]
    path = path.replace("/amp/", "/")
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return path or "/"


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment, default port, tracking and AMP parts.

    Idempotent: ``canonical_url(canonical_url(u)) == canonical_url(u)``.
    """
    try:
        return _canonical(url.strip()).strip()
    except ValueError:  # an unparsable URL (bad port, broken IPv6 literal) stays as written
        return url.strip()


def _canonical(url: str) -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    host = _bare_host(host)
    netloc = host
    if parts.port and _DEFAULT_PORTS.get(scheme) != parts.port:
        netloc = f"{host}:{parts.port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query.sort()
    return urlunsplit((scheme, netloc, _clean_path(parts.path.strip()), urlencode(query), ""))


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, or None."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    return _bare_host(host) or None


def _bare_host(host: str) -> str:
    while host.startswith(("www.", "amp.")):
        host = host[4:]
    return host
