"""Indonesian dates, datelines and authors."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pantau.ingest.metadata import (
    event_dates,
    find_author,
    parse_dateline,
    parse_datetime_value,
    parse_long_date,
    parse_numeric_date,
    resolve_short_date,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Kamis, 10 November 2022 - 20:35 WIB", "2022-11-10T20:35:00+07:00"),
        ("Senin, 9 Januari 2023 - 15:00 WITA", "2023-01-09T15:00:00+08:00"),
        ("Selasa, 26 Maret 2024 - 14:20 WIT", "2024-03-26T14:20:00+09:00"),
        ("Jumat, 17 Feb 2023 | 10.05 WIB", "2023-02-17T10:05:00+07:00"),
        ("Senin, 16 Jun 2025, 14.40 WIB", "2025-06-16T14:40:00+07:00"),
        ("Diperbarui 3 Agustus 2021 pukul 08:00 WIB", "2021-08-03T08:00:00+07:00"),
    ],
)
def test_long_indonesian_dates_keep_time_and_zone(text: str, iso: str) -> None:
    parsed = parse_long_date(text)
    assert parsed is not None and parsed.isoformat() == iso


def test_long_date_without_zone_uses_the_default_zone() -> None:
    parsed = parse_long_date("Rabu, 1 Maret 2023 07:30", default_tz="Asia/Makassar")
    assert parsed is not None and parsed.utcoffset() == timedelta(hours=8)


def test_impossible_dates_are_skipped() -> None:
    assert parse_long_date("31 Februari 2023") is None


def test_numeric_date_in_brackets() -> None:
    parsed = parse_numeric_date("Sidang digelar Sabtu (15/1/2022) di PN Kupang.")
    assert parsed is not None and parsed.date() == date(2022, 1, 15)
    assert parsed.utcoffset() == timedelta(hours=7)


def test_short_weekday_date_resolves_against_publication() -> None:
    published = datetime.fromisoformat("2022-11-10T20:35:00+07:00")
    assert event_dates("diluncurkan di Ancol, Rabu (9/11).", reference=published) == [
        date(2022, 11, 9)
    ]


def test_short_date_across_new_year_goes_to_the_previous_year() -> None:
    assert resolve_short_date(30, 12, reference=date(2023, 1, 2)) == date(2022, 12, 30)
    assert resolve_short_date(31, 2, reference=date(2023, 3, 1)) is None


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021-08-16T09:12:00+07:00", "2021-08-16T09:12:00+07:00"),
        ("2021-08-16T02:12:00Z", "2021-08-16T02:12:00+00:00"),
        ("2021-08-16 09:12", "2021-08-16T09:12:00+07:00"),
        ("Kamis, 10 November 2022 - 20:35 WIB", "2022-11-10T20:35:00+07:00"),
    ],
)
def test_record_dates(value: str, iso: str) -> None:
    parsed = parse_datetime_value(value)
    assert parsed is not None and parsed.isoformat() == iso


def test_record_date_falls_back_to_dateparser_and_is_aware() -> None:
    parsed = parse_datetime_value("12 Okt 2023 pukul 9 pagi")
    assert parsed is not None and parsed.tzinfo is not None
    assert parsed.date() == date(2023, 10, 12)


def test_unreadable_record_date_is_none() -> None:
    assert parse_datetime_value("bukan tanggal sama sekali xyz") is None
    assert parse_datetime_value(None) is None


@pytest.mark.parametrize(
    ("body", "city", "outlet"),
    [
        ("Bidik Indonesia News, Jakarta – Direktur Jenderal", "Jakarta", "Bidik Indonesia News"),
        ("JAKARTA (ANTARA) - Kepala Lapas", "Jakarta", "ANTARA"),
        ("SORONG – Tiga narapidana", "Sorong", None),
        ("KAHAYAN POS, PALANGKA RAYA – Dua warga", "Palangka Raya", "Kahayan Pos"),
        ("AMBON, SUARA MALUKU – Petugas rutan", "Ambon", "Suara Maluku"),
        ("TANJUNG SELOR, (Kaltara Kini) - Warga", "Tanjung Selor", "Kaltara Kini"),
        ("Kupang - Seorang tahanan", "Kupang", None),
        ("WartaKendari - Sebuah video", None, "WartaKendari"),
    ],
)
def test_datelines(body: str, city: str | None, outlet: str | None) -> None:
    found = parse_dateline(body)
    assert (found.city, found.outlet) == (city, outlet)


@pytest.mark.parametrize(
    "body",
    ["Tiga tahanan di ruang sel kabur - katanya", "Oleh: Ani - penulis", "warga binaan - lalu"],
)
def test_sentences_are_not_datelines(body: str) -> None:
    assert parse_dateline(body).length == 0


def test_dateline_with_the_known_outlet_name() -> None:
    found = parse_dateline("Sulteng Raya, Palu – Rutan", known_outlet="Sulteng Raya")
    assert (found.city, found.outlet) == ("Palu", "Sulteng Raya")


def test_author_lines() -> None:
    assert find_author("isi\n\nPenulis: Rina Apriyani | Editor: Hendro") == "Rina Apriyani"
    assert find_author("Oleh: Laras Wicaksono, pegiat literasi") == "Laras Wicaksono"
    assert find_author("Editor: Hendro") is None
