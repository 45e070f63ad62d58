"""A corpus item dressed as the page a news portal serves, for the benchmarks.

Extraction cost depends on the page far more than on the article: an Indonesian portal
wraps a 3,000-character story in navigation menus, ad slots, inline scripts, JSON-LD,
"Baca juga" boxes, related and most-read lists, share buttons and a long footer. A bare
``<article>`` page understates that cost several times over, so ``pantau bench`` measures
extraction on both: the bare page, and this one. The structure follows what those portals
have in common; the menus and lists are filled with other items' titles so the noise is
news-like Indonesian text, which is what makes boilerplate removal work. Pages come out at
about 18 KB, lighter than real portal pages (often well over 100 KB, much of it scripts
and markup), so the extraction cost measured here is a low estimate.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Sequence

CHANNELS = (
    "Beranda", "Nasional", "Daerah", "Hukum", "Politik", "Ekonomi", "Bisnis", "Keuangan",
    "Internasional", "Megapolitan", "Olahraga", "Sepak Bola", "Otomotif", "Teknologi",
    "Gaya Hidup", "Kesehatan", "Pendidikan", "Travel", "Kuliner", "Hiburan", "Seleb",
    "Video", "Foto", "Infografis", "Opini", "Cek Fakta", "Indeks", "Lowongan", "Properti",
    "Sains", "Religi", "Jateng", "Jatim", "Jabar", "Sumut", "Sulsel", "Kaltim", "Bali",
    "Papua", "NTT",
)  # fmt: skip
FOOTER_LINKS = (
    "Redaksi", "Pedoman Media Siber", "Kode Etik", "Tentang Kami", "Kontak", "Karir",
    "Iklan", "Kebijakan Privasi", "Syarat dan Ketentuan", "Disclaimer", "Info Iklan",
    "Standar Perlindungan Wartawan", "SOP Perlindungan Wartawan", "Indeks Berita",
    "Peta Situs", "RSS", "Aplikasi Android", "Aplikasi iOS", "Newsletter", "Komunitas",
)  # fmt: skip
SCRIPT_NOISE = (
    "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
    "gtag('js',new Date());gtag('config','G-CONTOH01');var adSlots={};"
    "function defineSlot(id,size){adSlots[id]={id:id,size:size,refresh:30000};}"
)


def render_news_page(
    title: str,
    text: str,
    *,
    headlines: Sequence[str],
    outlet: str = "Warta Contoh",
    published: str = "2026-03-06T10:15:00+07:00",
    seed: int = 0,
) -> str:
    """The item as a portal page; ``headlines`` fill the menus, lists and ticker."""
    rng = random.Random(seed)
    pick = _picker(headlines, rng)
    esc_title = html.escape(title)
    return "".join(
        [
            "<!doctype html><html lang='id'><head><meta charset='utf-8'>",
            _head(esc_title, text, outlet, published),
            "</head><body>",
            _header(outlet, pick),
            "<main class='container'><div class='col-main'>",
            _breadcrumb(rng),
            _article(esc_title, text, outlet, published, pick, rng),
            _related(pick),
            _comments(rng),
            "</div>",
            _sidebar(pick),
            "</main>",
            _footer(outlet),
            f"<script>{SCRIPT_NOISE * 6}</script></body></html>",
        ]
    )


def _picker(headlines: Sequence[str], rng: random.Random) -> _Headlines:
    return _Headlines([h for h in headlines if h] or ["Berita terkini hari ini"], rng)


class _Headlines:
    def __init__(self, pool: list[str], rng: random.Random) -> None:
        self.pool = pool
        self.rng = rng

    def __call__(self, count: int) -> list[str]:
        return [html.escape(self.rng.choice(self.pool)) for _ in range(count)]


def _head(title: str, text: str, outlet: str, published: str) -> str:
    lead = html.escape(text[:160])
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": published,
        "publisher": {"@type": "Organization", "name": outlet},
        "description": lead,
    }
    metas = "".join(
        f"<meta name='{name}' content='{value}'>"
        for name, value in [
            ("description", lead),
            ("keywords", "berita, nasional, daerah, hukum"),
            ("robots", "index, follow, max-image-preview:large"),
            ("viewport", "width=device-width, initial-scale=1"),
            ("twitter:card", "summary_large_image"),
            ("twitter:title", title),
            ("twitter:description", lead),
        ]
    )
    og = "".join(
        f"<meta property='{prop}' content='{value}'>"
        for prop, value in [
            ("og:title", title),
            ("og:description", lead),
            ("og:type", "article"),
            ("og:site_name", html.escape(outlet)),
            ("article:published_time", published),
        ]
    )
    styles = "".join(f"<link rel='stylesheet' href='/assets/css/{n}.css'>" for n in range(8))
    ld = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return (
        f"<title>{title} - {html.escape(outlet)}</title>{metas}{og}{styles}"
        f"<script type='application/ld+json'>{ld}</script><script>{SCRIPT_NOISE * 10}</script>"
    )


def _header(outlet: str, pick: _Headlines) -> str:
    nav = "".join(f"<li><a href='/{c.lower().replace(' ', '-')}'>{c}</a></li>" for c in CHANNELS)
    ticker = "".join(f"<li><a href='/berita/{n}'>{h}</a></li>" for n, h in enumerate(pick(8)))
    tags = "".join(f"<a class='tag' href='/tag/{n}'>#{h[:24]}</a>" for n, h in enumerate(pick(6)))
    return (
        f"<header class='site-header'><div class='logo'><a href='/'>{html.escape(outlet)}</a>"
        f"</div><form class='search'><input name='q' placeholder='Cari berita'></form>"
        f"<nav class='main-nav'><ul>{nav}</ul></nav>"
        f"<div class='breaking'><span>TERKINI</span><ul>{ticker}</ul></div>"
        f"<div class='trending'><span>Trending</span>{tags}</div></header>"
    )


def _breadcrumb(rng: random.Random) -> str:
    channel = rng.choice(CHANNELS[1:])
    return (
        "<nav class='breadcrumb'><a href='/'>Home</a> / "
        f"<a href='/{channel.lower()}'>{channel}</a></nav>"
    )


def _article(
    title: str, text: str, outlet: str, published: str, pick: _Headlines, rng: random.Random
) -> str:
    paragraphs = [html.escape(p.strip()) for p in text.split("\n") if p.strip()]
    body: list[str] = []
    for number, paragraph in enumerate(paragraphs, 1):
        body.append(f"<p>{paragraph}</p>")
        if number in (2, 5):
            body.append(
                "<div class='baca-juga'><strong>Baca juga:</strong> "
                f"<a href='/berita/{rng.randint(1, 99999)}'>{pick(1)[0]}</a></div>"
            )
        if number % 3 == 0:
            body.append(f"<div class='ads' id='div-gpt-ad-{number}' data-slot='inarticle'></div>")
    share = "".join(
        f"<a class='share-{n}' href='#'>Bagikan ke {n}</a>"
        for n in ("Facebook", "X", "WhatsApp", "Telegram", "LINE", "Salin tautan")
    )
    tags = "".join(f"<li><a href='/tag/{n}'>{h[:30]}</a></li>" for n, h in enumerate(pick(5)))
    return (
        f"<article class='detail'><h1 class='detail-title'>{title}</h1>"
        f"<div class='detail-meta'><span class='author'>Tim Redaksi {html.escape(outlet)}</span>"
        f"<time datetime='{published}'>{published[:10]}</time></div>"
        f"<figure><img src='/img/{rng.randint(1, 9999)}.jpg' alt='{title}'>"
        f"<figcaption>Ilustrasi. (Dok. {html.escape(outlet)})</figcaption></figure>"
        f"<div class='detail-text'>{''.join(body)}</div>"
        f"<div class='share'>{share}</div><ul class='tags'>{tags}</ul></article>"
    )


def _related(pick: _Headlines) -> str:
    items = "".join(
        f"<li><a href='/berita/{n}'><img src='/thumb/{n}.jpg' alt=''><h3>{h}</h3></a>"
        f"<span class='time'>{n + 1} jam lalu</span></li>"
        for n, h in enumerate(pick(8))
    )
    return f"<section class='related'><h2>Berita Terkait</h2><ul>{items}</ul></section>"


def _comments(rng: random.Random) -> str:
    return (
        "<section class='comments'><h2>Komentar</h2>"
        f"<div id='comment-thread' data-count='{rng.randint(0, 40)}'></div>"
        "<p>Komentar sepenuhnya menjadi tanggung jawab pengirim.</p></section>"
    )


def _sidebar(pick: _Headlines) -> str:
    def block(name: str, count: int) -> str:
        rows = "".join(
            f"<li><span class='rank'>{n + 1}</span><a href='/berita/p{n}'>{h}</a></li>"
            for n, h in enumerate(pick(count))
        )
        return f"<section class='widget'><h2>{name}</h2><ol>{rows}</ol></section>"

    ads = "<div class='ads' data-slot='sidebar'></div>"
    return (
        f"<aside class='col-side'>{ads}{block('Terpopuler', 10)}{ads}"
        f"{block('Terkini', 10)}{block('Pilihan Redaksi', 6)}{ads}</aside>"
    )


def _footer(outlet: str) -> str:
    links = "".join(f"<li><a href='/{n}'>{name}</a></li>" for n, name in enumerate(FOOTER_LINKS))
    channels = "".join(f"<li><a href='/{c.lower()}'>{c}</a></li>" for c in CHANNELS)
    return (
        f"<footer class='site-footer'><ul>{links}</ul><ul class='channels'>{channels}</ul>"
        f"<p>Copyright © 2026 {html.escape(outlet)}. All rights reserved.</p></footer>"
    )
