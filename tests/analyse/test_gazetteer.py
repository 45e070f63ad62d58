"""The shipped gazetteer: size, demo units, provinces, pilot list, key messages."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pantau.analyse.gazetteer import (
    PILOT_UNITS_TXT,
    gazetteer_paths,
    load_gazetteer,
    read_pilot_names,
    split_unit_name,
)
from pantau.analyse.key_messages import find_key_messages, load_key_messages
from pantau.vocab import UnitType

DEMO = [
    ("Lapas Kelas I Cipinang", "DKI Jakarta"),
    ("Rutan Kelas I Jakarta Pusat", "DKI Jakarta"),
    ("Lapas Kelas IIA Salemba", "DKI Jakarta"),
    ("Rutan Kelas I Surabaya", "Jawa Timur"),
    ("Lapas Kelas I Medan", "Sumatera Utara"),
    ("Lapas Kelas IIB Sorong", "Papua Barat Daya"),
    ("Lapas Kelas IIB Merauke", "Papua Selatan"),
    ("Lapas Kelas IIB Nabire", "Papua Tengah"),
    ("Lapas Kelas IIB Wamena", "Papua Pegunungan"),
    ("Lapas Perempuan Kelas IIB Jambi", "Jambi"),
    ("Lapas Khusus Kelas IIA Gunung Sindur", "Jawa Barat"),
    ("Lapas Kelas IIA Karanganyar Nusakambangan", "Jawa Tengah"),
]


def test_gazetteer_is_large_and_every_name_is_normalised() -> None:
    gaz = load_gazetteer()
    assert len(gaz.units) > 500
    types = Counter(u.type for u in gaz.units)
    assert set(types) <= {t.value for t in UnitType}
    assert types["Lapas"] > 200 and types["Rutan"] > 150 and types["Bapas"] > 50
    for unit in gaz.units:
        utype, klass, place = split_unit_name(unit.name)
        assert (utype, klass, place) == (unit.type, unit.klass, unit.place), unit.name


def test_demo_units_are_present_with_their_provinces() -> None:
    gaz = load_gazetteer()
    names = {u.name: u for u in gaz.units}
    for name, province in DEMO:
        assert names[name].province == province


def test_provinces_and_regional_offices_in_both_vocabularies() -> None:
    gaz = load_gazetteer()
    assert len(gaz.provinces) == 38
    jambi = next(u for u in gaz.units if u.name == "Lapas Perempuan Kelas IIB Jambi")
    assert jambi.kanwil == "Kanwil Ditjenpas Jambi"
    assert jambi.kanwil_old == "Kanwil Kemenkumham Jambi"
    assert gaz.province("Kaltara") == "Kalimantan Utara"
    assert gaz.province("DI Yogyakarta") == "Daerah Istimewa Yogyakarta"


def test_pilot_list_has_fifty_units_and_jambi(tmp_path: Path) -> None:
    names = read_pilot_names(PILOT_UNITS_TXT)
    assert len(names) == 50 and "Lapas Perempuan Kelas IIB Jambi" in names
    gaz = load_gazetteer()
    assert sum(u.pilot for u in gaz.units) == 50
    custom = tmp_path / "pilot.txt"
    custom.write_text("# satu saja\nLapas Kelas IIB Sorong\n", encoding="utf-8")
    units_csv, pilot = gazetteer_paths(data_dir=tmp_path, units_file=None, pilot_file=custom)
    edited = load_gazetteer(units_csv, pilot)
    assert [u.name for u in edited.units if u.pilot] == ["Lapas Kelas IIB Sorong"]


def test_key_messages_are_found_by_their_phrases() -> None:
    messages = load_key_messages()
    text = (
        "Kalapas mengingatkan komitmen Zero HALINAR dan menegaskan Zero HP dan Narkoba "
        "harga mati. Lapas meraih predikat WBK dalam pembangunan Zona Integritas."
    )
    codes = [code for code, _ in find_key_messages(text, messages)]
    assert codes == ["zero_halinar", "zero_hp_narkoba", "zona_integritas"]
    assert find_key_messages("Petugas pasti hadir tepat waktu.", messages) == []
