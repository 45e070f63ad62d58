"""Extraction of saved pages: HTML through trafilatura then the cleaner; encodings; bad input."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from markupsafe import escape

from pantau.errors import RejectedInput
from pantau.ingest.extract import decode_bytes, extract
from pantau.items import Provenance, RawItem

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def _raw(content: bytes | str, kind: str = "", url: str | None = None) -> RawItem:
    return RawItem(Provenance("html_file", "test"), content, kind, url=url)


def test_html_page_gives_clean_article_with_metadata() -> None:
    page = (FIXTURES / "page_lapas_kendari.html").read_bytes()
    article = extract(_raw(page, "html", url="https://wartasultra.example/x?utm_source=wa"))
    assert article.title == "Warga Binaan Lapas Kendari Panen Lele Perdana"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2023-03-14T09:10:00+08:00"
    assert article.outlet == "Warta Sultra"
    assert article.dateline == "Kendari"
    assert article.author == "Dewi Lestari"
    assert article.canonical_url == "https://wartasultra.example/x"
    assert article.body.startswith("KENDARI, WARTA SULTRA – Puluhan warga binaan")
    assert article.body.endswith("menjadi abon ikan.")
    assert "sebagian keuntungan kami tabung" in article.body.lower()
    for noise in ("Baca Juga", "Advertisement", "Cakalang", "Berita Terkait", "Share", "(rin)",
                  "Hak cipta", "dataLayer"):  # fmt: skip
        assert noise not in article.body, noise


def _latin_page(declared: str | None) -> bytes:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'
    text = (
        "<html><head>"
        + (meta if declared else "")
        + "<title>Café Binaan Lapas Ambon Dibuka</title>"
        "</head><body><article><h1>Café Binaan Lapas Ambon Dibuka</h1>"
        "<p>AMBON – Warga binaan membuka café kecil bernama “Rumah Kopi Harapan” di depan lapas. "
        "Menu andalannya kopi tubruk dan kue bagéa buatan sendiri.</p>"
        "<p>Kepala lapas berharap café ini menjadi tempat belajar usaha bagi warga binaan. "
        "Pengunjung juga bisa membeli kerajinan anyaman buatan mereka.</p></article></body></html>"
    )
    return text.encode("cp1252")


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", None])
def test_latin1_and_windows1252_pages_decode_correctly(declared: str | None) -> None:
    article = extract(_raw(_latin_page(declared), "html"))
    assert article.title == "Café Binaan Lapas Ambon Dibuka"
    assert "“Rumah Kopi Harapan”" in article.body  # 0x93/0x94 are Windows-1252 quotes
    assert "bagéa" in article.body
    assert "\ufffd" not in article.body


def test_header_charset_wins_over_a_wrong_guess() -> None:
    assert (
        decode_bytes("café".encode("cp1252"), content_type="text/html; charset=latin-1") == "café"
    )
    assert decode_bytes("café".encode()) == "café"


def test_title_with_a_script_tag_stays_inert_text() -> None:
    page = (
        "<html><head><title>Napi Kabur <script>alert('x')</script> dari Lapas</title></head>"
        "<body><article><p>SORONG – Seorang napi kabur dari lapas pada Minggu (11/6) malam. "
        "Petugas masih melakukan pencarian bersama polisi.</p>"
        "<script>document.body.innerHTML = 'diretas'</script>"
        "<p>Kepala lapas meminta warga melapor bila melihat napi tersebut.</p></article>"
        "</body></html>"
    )
    article = extract(_raw(page, "html"))
    assert "<script>" in article.title  # kept as characters, never as markup
    assert "&lt;script&gt;" in str(escape(article.title))  # what the web layer must render
    assert "diretas" not in article.body and "innerHTML" not in article.body


@pytest.mark.parametrize("content", [b"", b"   \n\n  ", ""])
def test_empty_input_is_rejected(content: bytes | str) -> None:
    with pytest.raises(RejectedInput) as caught:
        extract(_raw(content))
    assert caught.value.reason == "empty"


@pytest.mark.parametrize(
    "content",
    [bytes(range(256)) * 8, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", b"\x89PNG\r\n\x1a\n\x00\x00"],
)
def test_binary_input_is_rejected(content: bytes) -> None:
    with pytest.raises(RejectedInput) as caught:
        extract(_raw(content))
    assert caught.value.reason == "binary"


def test_html_page_without_article_text_is_rejected() -> None:
    with pytest.raises(RejectedInput) as caught:
        extract(_raw("<html><body><nav>Home / Daerah</nav></body></html>", "html"))
    assert caught.value.reason == "no_text"


def test_plain_text_page_with_title_line_and_date() -> None:
    text = "\n\n".join(
        [
            "Beranda / Maluku",
            "Rabu, 1 Maret 2023 - 16:45 WIT",
            "Rutan Ambon Gelar Razia Kamar Hunian",
            "AMBON – Petugas Rutan Kelas IIA Ambon menggelar razia kamar hunian, Rabu (1/3) sore. "
            "Petugas menemukan sejumlah sendok yang diasah dan kabel listrik rakitan.",
            "Barang temuan langsung dimusnahkan di halaman rutan.",
        ]
    )
    article = extract(_raw(text.encode(), "text"))
    assert article.title == "Rutan Ambon Gelar Razia Kamar Hunian"
    assert article.published_at is not None
    assert article.published_at.utcoffset() == timedelta(hours=9)
    assert article.dateline == "Ambon"
    assert article.body.startswith("AMBON – Petugas")
    assert article.lead.startswith("AMBON – Petugas") and "Barang temuan" not in article.lead


def test_text_page_with_multi_line_ticker_and_title_before_the_date() -> None:
    text = "\n\n".join(
        [
            "Harga Beras Turun di Pasar Mardika",
            "Kapal Cepat Ambon-Banda Kembali Berlayar",
            "Rutan Ambon Gelar Razia Kamar Hunian",
            "Rabu, 1 Maret 2023 - 16:45 WIT",
            "AMBON – Petugas Rutan Kelas IIA Ambon menggelar razia kamar hunian, Rabu (1/3). "
            "Petugas menemukan sejumlah sendok yang diasah.",
            "Barang temuan langsung dimusnahkan di halaman rutan.",
        ]
    )
    article = extract(_raw(text.encode(), "text"))
    assert article.title == "Rutan Ambon Gelar Razia Kamar Hunian"
    assert article.body.startswith("AMBON – Petugas")
    assert "Pasar Mardika" not in article.body
