"""Province and city: main unit first, Kanwil, dateline, lead; national items get None."""

from __future__ import annotations

from pantau.analyse.doc import Doc
from pantau.analyse.entities import PlacesComponent, UnitsComponent


def _place(title: str, body: str) -> Doc:
    doc = Doc(title=title, body=body)
    UnitsComponent()(doc)
    PlacesComponent()(doc)
    return doc


def test_province_of_main_unit_uses_current_names() -> None:
    doc = _place("Napi Lapas Sorong Kabur", "Seorang napi Lapas Kelas IIB Sorong kabur, 2019.")
    assert doc.labels["province"] == "Papua Barat Daya"
    assert doc.labels["city"] == "Kota Sorong"
    assert doc.explanation["province"][0].rule == "places.unit"


def test_kanwil_without_unit_gives_its_province() -> None:
    doc = _place(
        "Rapat Kerja Pemasyarakatan",
        "Kepala Divisi Pemasyarakatan Kanwil Kemenkumham Kalimantan Tengah memimpin rapat "
        "evaluasi pengamanan bersama seluruh kepala UPT di aula kantor wilayah.",
    )
    assert doc.labels["province"] == "Kalimantan Tengah"


def test_dateline_city_gives_the_province() -> None:
    doc = _place(
        "Warga Binaan Ikut Lomba Kaligrafi",
        "AMBON - Sejumlah warga binaan mengikuti lomba kaligrafi tingkat provinsi yang "
        "digelar pemerintah daerah pada Selasa pagi.",
    )
    assert doc.labels["province"] == "Maluku"


def test_national_item_has_no_province() -> None:
    doc = _place(
        "Ditjenpas Terbitkan Pedoman Layanan Kunjungan",
        "Jakarta - Direktorat Jenderal Pemasyarakatan menerbitkan pedoman baru layanan "
        "kunjungan yang berlaku di seluruh Indonesia mulai bulan depan.",
    )
    assert doc.labels["province"] is None


def test_units_in_several_provinces_make_a_multi_region_item() -> None:
    doc = _place(
        "Remisi Natal Dibagikan",
        "Remisi Natal diterima warga binaan Lapas Kelas IIA Ambon, Lapas Kelas IIA Kupang "
        "dan Lapas Kelas IIB Sorong pada hari yang sama.",
    )
    assert doc.labels["province"] is None
    assert doc.explanation["province"][0].rule == "places.multi_region"


def test_tickers_naming_other_places_do_not_decide() -> None:
    doc = _place(
        "Warga Binaan Panen Sayur",
        "Banjir di Medan   Festival di Makassar   Jalan Rusak di Sorong\n\n"
        "PALU - Warga binaan Lapas Kelas IIA Palu memanen sayur hasil kebun pembinaan "
        "kemandirian pada Rabu pagi.",
    )
    assert doc.labels["province"] == "Sulawesi Tengah"


def test_irrelevant_item_gets_no_units_and_no_province() -> None:
    doc = Doc(title="Tahanan Polsek Kabur", body="Napi Lapas Kelas IIA Kupang tidak terkait.")
    doc.labels["relevant"] = False
    UnitsComponent()(doc)
    PlacesComponent()(doc)
    assert doc.labels["units"] == [] and doc.labels["province"] is None
