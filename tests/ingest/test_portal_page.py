"""Extraction on a portal page: the article comes back, the menus and lists do not.

The page is the benchmark's portal rendering (:mod:`pantau.demo.news_page`), so this also
keeps that rendering honest: a page trafilatura could not read would make the benchmark's
extraction cost meaningless.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pantau.analyse.pipeline import make_doc
from pantau.analyse.trainset import Example, bundled_examples
from pantau.demo.news_page import render_news_page
from pantau.ingest.extract import extract_html
from pantau.items import Provenance


def _news(count: int) -> list[Example]:
    return [e for e in bundled_examples() if e.title and len(e.text) > 400][:count]


NEWS = _news(40)
HEADLINES = [e.title for e in _news(400)[200:]]


@pytest.mark.parametrize("example", NEWS[::4], ids=lambda e: e.id)
def test_portal_page_gives_back_the_article_alone(example: Example) -> None:
    page = render_news_page(
        example.title, example.text, headlines=HEADLINES, published="2026-03-06T10:15:00+07:00"
    )
    article = extract_html(page, provenance=Provenance("html_file", example.id))
    assert article.title == example.title
    assert article.published_at == datetime(2026, 3, 6, 3, 15, tzinfo=UTC)
    kept = [p.strip() for p in make_doc(example.title, example.text).body.split("\n") if p.strip()]
    assert kept and all(p[:60] in article.body for p in kept)
    leaked = [h for h in HEADLINES if h in article.body]
    assert not leaked, f"menu or list headlines in the body: {leaked[:3]}"
    for noise in ("Terpopuler", "Pedoman Media Siber", "Bagikan ke", "TERKINI", "Baca juga"):
        assert noise not in article.body


def test_portal_page_escapes_hostile_text() -> None:
    page = render_news_page(
        "<script>alert(1)</script> Lapas", "Isi </p><img src=x onerror=alert(1)>", headlines=["a"]
    )
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page
