"""The Indonesian news cleaner: one test per kind of page furniture, on items written here."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.ingest.clean import clean_body

LEAD = (
    "KENDARI – Lapas Kelas IIA Kendari menggelar pelatihan budidaya ikan lele bagi 40 warga "
    "binaan pada Selasa (14/3). Pelatihan berlangsung selama lima hari di area kebun lapas."
)
SECOND = (
    "Kepala Lapas mengatakan hasil panen akan dijual ke pasar terdekat. Sebagian keuntungan "
    "disisihkan untuk tabungan warga binaan saat bebas nanti."
)
THIRD = "“Kami ingin mereka punya keterampilan yang bisa langsung dipakai,” ujarnya."


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _assert_article_kept(cleaned: str) -> None:
    assert cleaned.startswith(LEAD)
    assert SECOND in cleaned
    assert THIRD in cleaned


def test_ticker_of_unrelated_headlines_before_the_article_is_removed() -> None:
    ticker = (
        "Jalan Poros Kendari-Kolaka Diperbaiki   Harga Ikan Cakalang Turun di TPI Sodohoa   "
        "Wali Kota Resmikan Taman Baca"
    )
    cleaned = clean_body(_page(ticker, LEAD, SECOND, THIRD))
    assert "Cakalang" not in cleaned
    _assert_article_kept(cleaned)


def test_pipe_separated_ticker_is_removed() -> None:
    ticker = "TERPOPULER: Banjir di Wua-Wua | Pasar Malam Dibuka Lagi | Tim Voli Juara"
    cleaned = clean_body(_page(ticker, LEAD, SECOND, THIRD))
    assert "Voli" not in cleaned
    _assert_article_kept(cleaned)


@pytest.mark.parametrize("crumb", ["Home / Nasional", "Beranda › Sultra › Hukum", "Home > Daerah"])
def test_breadcrumbs_are_removed(crumb: str) -> None:
    cleaned = clean_body(_page(crumb, "Selasa, 14 Maret 2023 - 09:10 WITA", LEAD, SECOND, THIRD))
    assert crumb not in cleaned
    assert "09:10" not in cleaned
    _assert_article_kept(cleaned)


def test_baca_lainnya_line_inside_the_article_is_removed() -> None:
    line = "BACA LAINNYA  Pemkot Kendari Bagikan Bibit Cabai ke Warga"
    cleaned = clean_body(_page(LEAD, line, SECOND, THIRD))
    assert "BACA LAINNYA" not in cleaned and "Bibit Cabai" not in cleaned
    _assert_article_kept(cleaned)


@pytest.mark.parametrize(
    "lines",
    [
        ["Baca Juga: Dua Kapal Nelayan Tenggelam di Perairan Buton"],
        ["Baca juga:", "Dua Kapal Nelayan Tenggelam di Perairan Buton"],
    ],
)
def test_baca_juga_lines_are_removed(lines: list[str]) -> None:
    cleaned = clean_body(_page(LEAD, *lines, SECOND, THIRD))
    assert "Kapal Nelayan" not in cleaned and "Baca" not in cleaned
    _assert_article_kept(cleaned)


@pytest.mark.parametrize("ad", ["Advertisement", "ADVERTISEMENT", "Scroll untuk melanjutkan"])
def test_advertisement_markers_are_removed(ad: str) -> None:
    cleaned = clean_body(_page(LEAD, ad, SECOND, THIRD))
    assert ad not in cleaned
    _assert_article_kept(cleaned)


def test_simak_juga_video_line_is_removed() -> None:
    line = 'Simak juga video "Petugas Lapas Latih Warga Binaan Menjahit" di bawah ini:'
    cleaned = clean_body(_page(LEAD, SECOND, line, THIRD))
    assert "Simak" not in cleaned and "Menjahit" not in cleaned
    _assert_article_kept(cleaned)


def test_saksikan_video_pilihan_is_removed() -> None:
    cleaned = clean_body(_page(LEAD, SECOND, THIRD, "Saksikan Video Pilihan Berikut Ini:"))
    assert "Saksikan" not in cleaned
    _assert_article_kept(cleaned)


@pytest.mark.parametrize(
    "share", ["Share :", "Bagikan: Facebook Twitter WhatsApp", "Facebook Twitter WhatsApp Telegram"]
)
def test_share_button_text_is_removed(share: str) -> None:
    cleaned = clean_body(_page(LEAD, share, SECOND, THIRD))
    assert share not in cleaned
    _assert_article_kept(cleaned)


def test_trailing_related_article_list_is_cut() -> None:
    tail = [
        "Berita Terkait",
        "Daerah",
        "Pasar Rakyat Kendari Ramai Jelang Ramadan",
        "Hukum",
        "Polisi Amankan Pengedar Sabu di Kambu",
    ]
    cleaned = clean_body(_page(LEAD, SECOND, THIRD, *tail))
    assert "Pasar Rakyat" not in cleaned and "Berita Terkait" not in cleaned
    assert cleaned.endswith(THIRD)
    _assert_article_kept(cleaned)


@pytest.mark.parametrize("initials", ["(rin)", "(dz).", "(bri/aud)"])
def test_editor_initials_at_the_end_are_removed(initials: str) -> None:
    last = "Pelatihan ditutup dengan panen perdana"
    cleaned = clean_body(_page(LEAD, SECOND, THIRD, f"{last}. {initials}"))
    assert cleaned.endswith(f"{last}.")
    assert initials.strip(".") not in cleaned


def test_initials_alone_on_the_last_line_are_removed() -> None:
    cleaned = clean_body(_page(LEAD, SECOND, THIRD, "(hk/mel)"))
    assert cleaned.endswith(THIRD)


def test_credits_and_tags_at_the_end_are_removed_but_ages_in_brackets_stay() -> None:
    age = "Salah satu peserta, AR (34), mengaku senang."
    page = _page(LEAD, SECOND, THIRD, age, "Editor: Wulan Sari", "Tags: lapas, pelatihan")
    cleaned = clean_body(page)
    assert cleaned.endswith(age)
    assert "Editor" not in cleaned and "Tags" not in cleaned


def test_press_release_contact_block_is_kept_after_a_share_line() -> None:
    contact = [
        "Kendari, 14 Maret 2023",
        "Narahubung:",
        "Kepala Subbagian Humas",
        "Dewi – 0812000011",
    ]
    cleaned = clean_body(_page(LEAD, SECOND, THIRD, *contact, "Share :", "Baca Juga", "Nasional",
                               "Judul Berita Lain yang Tidak Terkait"))  # fmt: skip
    assert cleaned.endswith("Dewi – 0812000011")
    assert "Narahubung:" in cleaned and "Judul Berita Lain" not in cleaned


def test_title_repeated_at_the_top_is_removed() -> None:
    title = "Warga Binaan Lapas Kendari Belajar Budidaya Lele"
    cleaned = clean_body(_page(title, LEAD, SECOND, THIRD), title=title)
    assert not cleaned.startswith(title)
    _assert_article_kept(cleaned)


def test_text_without_furniture_only_gets_its_spacing_normalised() -> None:
    page = f"  {LEAD}  \r\n\r\n\r\n{SECOND}\n{THIRD}\n"
    assert clean_body(page) == _page(LEAD, SECOND, THIRD)


_NOISE = st.sampled_from(
    [
        "Advertisement",
        "BACA LAINNYA  Judul Lain",
        "Baca Juga: Judul Lain",
        "Baca juga:",
        "Share :",
        "Home / Nasional",
        "(rin)",
        "Senin, 6 Maret 2023 - 10:15 WIB",
        "Berita Terkait",
        "Narahubung:",
        "Harga Cabai Naik   Jalan Rusak Diperbaiki",
        "Editor: Ani",
        "",
        "   ",
    ]
)
_PROSE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_NOISE, _PROSE, st.sampled_from([LEAD, SECOND, THIRD])), max_size=12),
       st.one_of(st.none(), _PROSE))  # fmt: skip
def test_cleaning_is_idempotent(lines: list[str], title: str | None) -> None:
    once = clean_body("\n".join(lines), title=title)
    assert clean_body(once, title=title) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([LEAD, SECOND, THIRD]), min_size=1, max_size=5), _NOISE)
def test_cleaning_never_drops_article_sentences(paragraphs: list[str], noise: str) -> None:
    cleaned = clean_body("\n\n".join([*paragraphs, noise, *paragraphs]))
    for paragraph in paragraphs:
        assert paragraph in cleaned


def test_ticker_spread_over_several_lines_before_the_date_line_is_removed() -> None:
    page = _page(
        "Jalan Poros Kendari-Kolaka Diperbaiki",
        "Harga Ikan Cakalang Turun di TPI Sodohoa",
        "Wali Kota Resmikan Taman Baca",
        "Selasa, 14 Maret 2023 - 09:10 WITA",
        LEAD,
        SECOND,
        THIRD,
    )
    cleaned = clean_body(page)
    assert "Cakalang" not in cleaned and "Taman Baca" not in cleaned
    _assert_article_kept(cleaned)


def test_short_paragraphs_before_a_date_line_late_in_a_release_stay() -> None:
    page = _page(LEAD, "Kegiatan berlangsung lancar.", "Senin, 13 Maret 2023", SECOND, THIRD)
    assert "Kegiatan berlangsung lancar." in clean_body(page)
