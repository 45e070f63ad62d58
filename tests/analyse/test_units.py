"""Unit linking: aliases, class forms, titles, context, candidates, unit_key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.analyse.doc import Doc
from pantau.analyse.entities import PlacesComponent, UnitsComponent
from pantau.analyse.gazetteer import load_gazetteer
from pantau.analyse.units import unit_key


def _units(title: str, body: str, channel: str = "news") -> Doc:
    doc = Doc(title=title, body=body, channel=channel)
    UnitsComponent()(doc)
    PlacesComponent()(doc)
    return doc


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("LP Cipinang", "Lapas Kelas I Cipinang"),
        ("Rutan Salemba", "Rutan Kelas I Jakarta Pusat"),
        ("Lapas Salemba", "Lapas Kelas IIA Salemba"),
        ("Rutan Cipinang", "Rutan Kelas I Jakarta Timur"),
        ("Rutan Medaeng", "Rutan Kelas I Surabaya"),
        ("Lapas Tanjung Gusta", "Lapas Kelas I Medan"),
        ("Lapas Kedungpane", "Lapas Kelas I Semarang"),
        ("Lapas Porong", "Lapas Kelas I Surabaya"),
        ("Lapas Lowokwaru", "Lapas Kelas I Malang"),
        ("Lapas Kerobokan", "Lapas Kelas IIA Kerobokan"),
        ("Lapas Wirogunan", "Lapas Kelas IIA Yogyakarta"),
        ("Lapas Klas 2B Sorong", "Lapas Kelas IIB Sorong"),
        ("Lembaga Pemasyarakatan Kelas II A Lahat", "Lapas Kelas IIA Lahat"),
        ("Lembaga Pemasyarakatan (Lapas) Kelas IIA Palangka Raya", "Lapas Kelas IIA Palangka Raya"),
        ("Lapas Palangkaraya", "Lapas Kelas IIA Palangka Raya"),
        ("Lapas Perempuan Kelas IIB Jambi", "Lapas Perempuan Kelas IIB Jambi"),
        ("Lapas Wanita Jambi", "Lapas Perempuan Kelas IIB Jambi"),
        ("Lapas Narkotika Cipinang", "Lapas Narkotika Kelas IIA Jakarta"),
        ("Lapas Batu Nusakambangan", "Lapas Kelas I Batu Nusakambangan"),
        ("Lapas Karanganyar Nusakambangan", "Lapas Kelas IIA Karanganyar Nusakambangan"),
        ("Rumah Tahanan Negara Kelas IIB Majene", "Rutan Kelas IIB Majene"),
        ("Balai Pemasyarakatan Kelas I Makassar", "Bapas Kelas I Makassar"),
        ("LPKA Kelas I Tangerang", "LPKA Kelas I Tangerang"),
        ("Cabang Rutan Tanjung Selor", "Cabang Rutan Tanjung Selor"),
        ("Rupbasan Kelas I Jakarta Barat", "Rupbasan Kelas I Jakarta Barat"),
    ],
)
def test_written_forms_link_to_one_unit(written: str, canonical: str) -> None:
    doc = _units("", f"Petugas {written} menggelar apel pagi bersama seluruh jajaran.")
    assert doc.labels["units"] == [canonical]


def test_kalapas_and_karutan_name_their_unit() -> None:
    doc = _units("", "Kalapas Cipinang menyambut rombongan, sedangkan Karutan Salemba hadir.")
    assert doc.labels["units"] == ["Lapas Kelas I Cipinang", "Rutan Kelas I Jakarta Pusat"]


def test_title_case_headline_takes_the_longest_known_place() -> None:
    doc = _units("Dua Napi Lapas Palangka Raya Kabur Lewat Plafon", "Isi berita.")
    assert doc.labels["units"] == ["Lapas Kelas IIA Palangka Raya"]
    assert doc.labels["unit_links"][0]["main"] is True


def test_main_unit_is_the_one_in_the_title() -> None:
    doc = _units(
        "Razia di Lapas Sukamiskin",
        "Sebelumnya petugas Rutan Kelas I Bandung juga menggelar razia serupa. Razia di "
        "Lapas Kelas I Sukamiskin menemukan tiga ponsel.",
    )
    assert doc.labels["units"][0] == "Lapas Kelas I Sukamiskin"
    assert doc.labels["province"] == "Jawa Barat"


def test_fuzzy_match_catches_a_misspelt_place() -> None:
    doc = _units("", "Warga binaan Lapas Kelas IIA Pekanbaruu mengikuti pelatihan menjahit.")
    assert doc.labels["units"] == ["Lapas Kelas IIA Pekanbaru"]
    assert doc.explanation["units"][0].rule == "units.fuzzy"


def test_unknown_unit_like_mention_becomes_a_candidate() -> None:
    doc = _units("", "Petugas Lapas Sukamaju Raya menggelar pelatihan bagi warga binaan.")
    assert doc.labels["units"] == []
    assert doc.labels["unit_candidates"][0]["mention"] == "Lapas Sukamaju Raya"


def test_formal_name_missing_from_gazetteer_is_kept_and_offered_for_review() -> None:
    doc = _units(
        "Pelatihan Menjahit",
        "GORONTALO - Petugas Lapas Kelas III Sukamaju menggelar pelatihan bagi warga binaan.",
    )
    assert doc.labels["units"] == ["Lapas Kelas III Sukamaju"]
    assert doc.labels["unit_links"][0]["method"] == "provisional"
    assert doc.labels["unit_candidates"][0]["mention"] == "Lapas Kelas III Sukamaju"
    assert doc.labels["province"] == "Gorontalo"


def test_abbreviations_lpp_and_lpn() -> None:
    doc = _units("", "Warga binaan LPP Semarang dan LPN Jakarta mengikuti lomba.")
    assert doc.labels["units"] == [
        "Lapas Perempuan Kelas IIA Semarang",
        "Lapas Narkotika Kelas IIA Jakarta",
    ]


def test_police_custody_is_no_unit_and_no_candidate() -> None:
    doc = _units("", "Tersangka ditahan di Rutan Polda Metro Jaya sejak pekan lalu.")
    assert doc.labels["units"] == []
    assert doc.labels["unit_candidates"] == []


def test_lapas_setempat_resolves_to_the_dateline_city() -> None:
    doc = _units(
        "", "KUPANG - Seorang warga binaan lapas setempat meraih juara lomba menulis puisi."
    )
    assert doc.labels["units"] == ["Lapas Kelas IIA Kupang"]
    assert doc.labels["unit_links"][0]["method"] == "local"


def test_social_handle_and_lower_case_mentions() -> None:
    doc = _units("", "roti buatan WBP @lapaskendari enak bgt", channel="social")
    assert doc.labels["units"] == ["Lapas Kelas IIA Kendari"]
    doc = _units("", "antre lama bgt pas besuk di rutan salemba tadi", channel="social")
    assert doc.labels["units"] == ["Rutan Kelas I Jakarta Pusat"]


def test_ticker_of_other_headlines_is_not_read() -> None:
    body = (
        "Harga Cabai Naik   Napi Lapas Kupang Ikut Lomba   Banjir Rendam Jalan\n\n"
        "MEDAN - Petugas Lapas Kelas I Medan menggelar razia kamar hunian pada Jumat malam "
        "dan menyita belasan telepon genggam.\n\nBaca juga: Rutan Kelas IIB Kupang Terima Remisi"
    )
    doc = _units("Razia Malam", body)
    assert doc.labels["units"] == ["Lapas Kelas I Medan"]


def test_same_place_name_disambiguated_by_province_in_text() -> None:
    gaz = load_gazetteer()
    assert len(gaz.lookup("Lapas", "Batu")) == 2  # Kota Batu, and Batu on Nusakambangan
    doc = _units("", "Di Kota Batu, Jawa Timur, warga binaan Lapas Batu belajar membatik.")
    assert doc.labels["units"] == ["Lapas Kelas III Batu"]
    assert doc.labels["province"] == "Jawa Timur"
    doc = _units(
        "", "CILACAP - Napi teroris dipindah ke Lapas Batu di Pulau Nusakambangan, Cilacap."
    )
    assert doc.labels["units"] == ["Lapas Kelas I Batu Nusakambangan"]
    assert doc.labels["province"] == "Jawa Tengah"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rutan Salemba", "Rutan Kelas I Jakarta Pusat"),
        ("Rutan Cipinang", "Rutan Kelas I Jakarta Timur"),
        ("Lapas Kelas IIA Abepura", "Lapas Kelas IIA Jayapura"),
        ("Lapas Klas IIB Sorong", "Lapas Kelas IIB Sorong"),
        ("Lapas Kelas III Sorong", "Lapas Kelas IIB Sorong"),
    ],
)
def test_unit_key_ignores_class_and_resolves_aliases(a: str, b: str) -> None:
    assert unit_key(a) == unit_key(b)


def test_unit_key_keeps_salemba_rutan_and_lapas_apart() -> None:
    assert unit_key("Rutan Salemba") != unit_key("Lapas Kelas IIA Salemba")


_NAMES = [u.name for u in load_gazetteer().units]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_NAMES), st.sampled_from(["", " Kelas I", " Kelas IIA", " Klas 2B"]))
def test_unit_key_is_stable_under_class_changes(name: str, klass: str) -> None:
    gaz = load_gazetteer()
    unit = gaz.by_name["".join(c for c in name.casefold() if c.isalnum())]
    rewritten = f"{unit.type}{klass} {unit.place}"
    assert unit_key(rewritten) == unit_key(name)
    assert unit_key(name) == unit_key(name)


def test_local_prison_name_alone_in_a_prison_sentence() -> None:
    doc = _units("", "Saya pernah jenguk teman di Kerobokan, satu kamar isinya dobel.", "social")
    assert doc.labels["units"] == ["Lapas Kelas IIA Kerobokan"]
    doc = _units("", "Pemandangan sawah di Kerobokan makin jarang terlihat.", "social")
    assert doc.labels["units"] == []


def test_bare_name_after_the_full_variant_name_is_the_same_unit() -> None:
    doc = _units(
        "Napi Lapas Gunung Sindur Dipindah",
        "Petugas Lapas Khusus Kelas IIA Gunung Sindur memindahkan dua napi risiko tinggi.",
    )
    assert doc.labels["units"] == ["Lapas Khusus Kelas IIA Gunung Sindur"]
    doc = _units(
        "Kalapas Jambi dan Kepala Lapas Perempuan Dilantik",
        "Kepala Lapas Kelas IIA Jambi dan Kepala Lapas Perempuan Kelas IIB Jambi dilantik.",
    )
    assert set(doc.labels["units"]) == {
        "Lapas Kelas IIA Jambi",
        "Lapas Perempuan Kelas IIB Jambi",
    }


@pytest.mark.parametrize(
    ("title", "body", "unit"),
    [
        ("", "Napi Lapas Cipinang kabur", "Lapas Kelas I Cipinang"),
        ("Berita", "Pungli di Lapas Kendari kemarin", "Lapas Kelas IIA Kendari"),
        ("", "Baca juga: Lapas Kendari\nNapi Rutan Medaeng kabur", "Rutan Kelas I Surabaya"),
    ],
)
def test_a_body_of_short_lines_is_read_when_it_is_all_there_is(
    title: str, body: str, unit: str
) -> None:
    assert _units(title, body).labels["units"] == [unit]


def test_short_lines_beside_prose_stay_page_furniture() -> None:
    body = (
        "Lapas Kendari Raih Penghargaan\n"
        "KUDUS – Petugas Rutan Kudus menggelar pemeriksaan kamar hunian pada Senin malam "
        "bersama aparat kepolisian setempat."
    )
    assert _units("Razia Kamar di Rutan Kudus", body).labels["units"] == ["Rutan Kelas IIB Kudus"]
