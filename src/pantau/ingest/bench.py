"""Synthetic pages for ``pantau bench ingest``: made-up news with the usual noise around it."""

from __future__ import annotations

import random

_PLACES = ["Palu", "Kendari", "Ambon", "Jayapura", "Mataram", "Kupang", "Pontianak", "Jambi"]
_UNITS = ["Lapas Kelas IIA", "Rutan Kelas IIB", "LPKA Kelas II", "Bapas Kelas I"]
_SENTENCES = [
    "Kegiatan itu diikuti oleh seluruh petugas dan warga binaan di aula utama.",
    "Kepala unit menyampaikan bahwa program pembinaan akan terus diperluas tahun depan.",
    "Petugas juga memeriksa kamar hunian untuk memastikan tidak ada barang terlarang.",
    "Menurutnya, kerja sama dengan pemerintah daerah sangat membantu pelatihan kemandirian.",
    "Para peserta menerima sertifikat setelah mengikuti pelatihan selama dua pekan.",
    "Ia berharap warga binaan dapat kembali ke masyarakat dengan keterampilan baru.",
]
_NOISE_HEAD = (
    "Harga Beras Turun di Pasar Induk   Jalan Provinsi Diperbaiki   Festival Budaya Digelar"
)


def _article(rng: random.Random, index: int) -> tuple[str, str, list[str]]:
    place = rng.choice(_PLACES)
    title = f"{rng.choice(_UNITS)} {place} Gelar Kegiatan Pembinaan ke-{index}"
    paragraphs = [
        f"{place.upper()} – {rng.choice(_SENTENCES)} {rng.choice(_SENTENCES)}",
        *(" ".join(rng.sample(_SENTENCES, 3)) for _ in range(rng.randint(4, 8))),
    ]
    return place, title, paragraphs


def text_pages(count: int, *, seed: int = 7) -> list[tuple[bytes, str]]:
    rng = random.Random(seed)
    pages = []
    for index in range(count):
        _place, title, paragraphs = _article(rng, index)
        body = [*paragraphs[:2], "BACA JUGA: Berita lain yang tidak terkait", *paragraphs[2:]]
        text = "\n\n".join([_NOISE_HEAD, "Home / Daerah", "Senin, 6 Maret 2023 - 10:15 WIB",
                            title, *body, "(abc)", "Share :", "Baca Juga", "Daerah",
                            "Judul berita lain"])  # fmt: skip
        pages.append((text.encode("utf-8"), "text"))
    return pages


def html_pages(count: int, *, seed: int = 11) -> list[tuple[bytes, str]]:
    rng = random.Random(seed)
    pages = []
    for index in range(count):
        _place, title, paragraphs = _article(rng, index)
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        html = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='2023-03-06T10:15:00+07:00'>"
            f"<meta property='og:site_name' content='Warta Contoh'></head><body>"
            f"<nav><a href='/'>Home</a> / <a href='/daerah'>Daerah</a></nav>"
            f"<article><h1>{title}</h1>{body}<p>Baca Juga: Berita lain</p></article>"
            f"<aside><h3>Berita Terkait</h3><ul><li>Satu</li><li>Dua</li></ul></aside>"
            f"<footer>Hak cipta Warta Contoh</footer></body></html>"
        )
        pages.append((html.encode("utf-8"), "html"))
    return pages
