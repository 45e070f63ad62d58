"""Canonical URLs: tracking parts stripped, one spelling per page."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pantau.ingest.urls import canonical_url, domain_of


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://WWW.Warta.example/daerah/2023/lapas-panen?utm_source=fb&utm_medium=x#komentar",
            "https://warta.example/daerah/2023/lapas-panen",
        ),
        ("https://warta.example/a?fbclid=IwAR0&id=5&gclid=x", "https://warta.example/a?id=5"),
        ("https://warta.example/a/amp", "https://warta.example/a"),
        ("https://amp.warta.example/a/?amp=1", "https://warta.example/a"),
        ("http://warta.example:80/a?b=2&a=1", "http://warta.example/a?a=1&b=2"),
        ("https://warta.example:8443/a", "https://warta.example:8443/a"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_tracking_variants_of_one_page_share_a_canonical_url() -> None:
    variants = [
        "https://warta.example/berita/123",
        "https://www.warta.example/berita/123/?utm_campaign=wa",
        "https://warta.example/berita/123#atas",
        "https://warta.example/berita/123/amp?fbclid=abc",
    ]
    assert len({canonical_url(v) for v in variants}) == 1


def test_domain_of() -> None:
    assert domain_of("https://www.Ditjenpas.go.id/berita") == "ditjenpas.go.id"
    assert domain_of(None) is None


_segment = st.text(alphabet="abcdefgAMPwu_./-%", max_size=12)
_urls = st.builds(
    lambda scheme, host, path, query, frag: f"{scheme}://{host}/{path}?{query}#{frag}",
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["www.Warta.example", "amp.www.x.id", "a.b", "www.www.c.id:8080", "x:80"]),
    st.lists(_segment, max_size=4).map("/".join),
    st.lists(
        st.tuples(st.sampled_from(["utm_source", "id", "amp", "fbclid", "p", "Ref"]), _segment),
        max_size=4,
    ).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)),
    _segment,
)


@given(
    st.one_of(_urls, st.text(max_size=60), st.text(alphabet="htps:/?#&=.%aw_ -[]@1", max_size=40))
)
def test_canonicalisation_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once
