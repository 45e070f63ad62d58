"""The units gazetteer and the place lists shipped with Pantau, as lookup tables.

Data lives in ``analyse/gazetteer/*.csv`` (editable by Humas through ``pantau units
import|export``). This module only reads files; the database copy is kept by
``pantau.store.units``. Names are compared through :func:`norm`, which drops case,
spaces and punctuation so "Palangkaraya" and "Palangka Raya", "Bau-Bau" and "Baubau"
meet.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "gazetteer"
UNITS_CSV = DATA_DIR / "units.csv"
PROVINCES_CSV = DATA_DIR / "provinces.csv"
PLACES_CSV = DATA_DIR / "places.csv"
PILOT_UNITS_TXT = DATA_DIR / "pilot_units.txt"
KEY_MESSAGES_JSON = DATA_DIR / "key_messages.json"

UNIT_FIELDS = ("name", "type", "klass", "place", "city", "province", "kanwil", "kanwil_old")
UNIT_TYPES = (
    "Lapas Narkotika",
    "Lapas Perempuan",
    "Lapas Pemuda",
    "Lapas Terbuka",
    "Lapas Khusus",
    "Cabang Rutan",
    "Lapas",
    "Rutan",
    "LPKA",
    "Bapas",
    "Rupbasan",
)
# Informal names for provinces seen in news, mapped to the official name.
PROVINCE_ALIASES = {
    "DI Yogyakarta": "Daerah Istimewa Yogyakarta",
    "DIY": "Daerah Istimewa Yogyakarta",
    "Yogyakarta": "Daerah Istimewa Yogyakarta",
    "Jogja": "Daerah Istimewa Yogyakarta",
    "Jakarta": "DKI Jakarta",
    "Jabar": "Jawa Barat",
    "Jateng": "Jawa Tengah",
    "Jatim": "Jawa Timur",
    "Sumut": "Sumatera Utara",
    "Sumbar": "Sumatera Barat",
    "Sumsel": "Sumatera Selatan",
    "Kalbar": "Kalimantan Barat",
    "Kalteng": "Kalimantan Tengah",
    "Kalsel": "Kalimantan Selatan",
    "Kaltim": "Kalimantan Timur",
    "Kaltara": "Kalimantan Utara",
    "Sulut": "Sulawesi Utara",
    "Sulteng": "Sulawesi Tengah",
    "Sulsel": "Sulawesi Selatan",
    "Sultra": "Sulawesi Tenggara",
    "Sulbar": "Sulawesi Barat",
    "Malut": "Maluku Utara",
    "NTB": "Nusa Tenggara Barat",
    "NTT": "Nusa Tenggara Timur",
    "Babel": "Kepulauan Bangka Belitung",
    "Bangka Belitung": "Kepulauan Bangka Belitung",
    "Kepri": "Kepulauan Riau",
    "Nanggroe Aceh Darussalam": "Aceh",
    "NAD": "Aceh",
    "Papua Barat Daya": "Papua Barat Daya",
}

# Official unit places famous enough to stand alone for their unit in news. Other
# official places are towns, where a bare name says nothing about the prison.
_FAMOUS_PLACES = {"sukamiskin", "kerobokan", "banceuy"}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def norm(text: str) -> str:
    """Compare form of a name: lower case, letters and digits only."""
    return _NON_ALNUM.sub("", text.casefold())


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """One unit (UPT) as the gazetteer lists it."""

    name: str
    type: str
    klass: str
    place: str
    city: str
    province: str
    kanwil: str
    kanwil_old: str
    aliases: tuple[str, ...] = ()
    pilot: bool = False

    @property
    def city_short(self) -> str:
        return re.sub(r"^(Kota|Kabupaten)\s+", "", self.city)


@dataclass(frozen=True, slots=True)
class Province:
    name: str
    capital: str
    kanwil: str
    kanwil_old: str


@dataclass(slots=True)
class Gazetteer:
    """Units, provinces and places with the lookup tables the linkers need."""

    units: list[UnitRecord]
    provinces: list[Province]
    places: dict[str, set[str]]  # norm(place) -> provinces it may be in
    by_name: dict[str, UnitRecord] = field(default_factory=dict)
    by_type_place: dict[tuple[str, str], list[UnitRecord]] = field(default_factory=dict)
    by_type_city: dict[tuple[str, str], list[UnitRecord]] = field(default_factory=dict)
    province_names: dict[str, str] = field(default_factory=dict)  # norm(alias) -> official
    places_by_type: dict[str, list[str]] = field(default_factory=dict)  # for fuzzy matching
    # Local names that stand for one unit on their own ("di Kerobokan", "napi Sukamiskin").
    metonyms: dict[str, UnitRecord] = field(default_factory=dict)
    admin_places: set[str] = field(default_factory=set)  # regencies and cities (norm)

    def __post_init__(self) -> None:
        type_place: dict[tuple[str, str], list[UnitRecord]] = defaultdict(list)
        type_city: dict[tuple[str, str], list[UnitRecord]] = defaultdict(list)
        for unit in self.units:
            self.by_name[norm(unit.name)] = unit
            for utype, place in _unit_keys(unit):
                if unit not in type_place[(utype, place)]:
                    type_place[(utype, place)].append(unit)
            type_city[(unit.type, norm(unit.city_short))].append(unit)
        self.by_type_place = dict(type_place)
        for utype, place in self.by_type_place:
            self.places_by_type.setdefault(utype, []).append(place)
        self.by_type_city = dict(type_city)
        self._find_metonyms()
        for province in self.provinces:
            self.province_names[norm(province.name)] = province.name
        for alias, official in PROVINCE_ALIASES.items():
            self.province_names.setdefault(norm(alias), official)

    def _find_metonyms(self) -> None:
        """Alias places that are no regency or city and name exactly one unit."""
        owners: dict[str, set[str]] = defaultdict(set)
        for (_utype, place), units in self.by_type_place.items():
            for unit in units:
                owners[place].add(unit.name)
        for (_utype, place), units in self.by_type_place.items():
            if place in _FAMOUS_PLACES and units[0].type == "Lapas":
                self.metonyms[place] = units[0]  # the general Lapas of that name
                continue
            local_name = place != norm(units[0].place)
            if (
                local_name
                and len(owners[place]) == 1
                and len(place) >= 7
                and place not in self.admin_places
            ):
                self.metonyms[place] = units[0]

    def province(self, name: str) -> str | None:
        """The official province for a name or informal alias, else None."""
        return self.province_names.get(norm(name))

    def lookup(self, unit_type: str, place: str) -> list[UnitRecord]:
        return self.by_type_place.get((unit_type, norm(place)), [])


_NAME_CLASS = re.compile(
    r"(?:Kelas|Klas|Kls\.?)\s*(I{1,3}|IV|[1-4])\s*-?\s*([AB])?\s+", re.IGNORECASE
)
_DIGITS = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def split_unit_name(name: str) -> tuple[str, str, str]:
    """(type, class, place) of a name written "<Type> [Kelas <class>] <Place>"."""
    text = " ".join(name.split())
    for utype in UNIT_TYPES:
        if text.casefold().startswith(utype.casefold() + " "):
            rest = text[len(utype) + 1 :]
            match = _NAME_CLASS.match(rest)
            if match:
                klass = _DIGITS.get(match.group(1), match.group(1).upper())
                return utype, klass + (match.group(2) or "").upper(), rest[match.end() :]
            return utype, "", rest
    return "", "", text


def _unit_keys(unit: UnitRecord) -> list[tuple[str, str]]:
    """Every (type, norm(place)) the unit answers to: official place and aliases."""
    keys = [(unit.type, norm(unit.place))]
    if unit.place.endswith(" Nusakambangan"):
        keys.append((unit.type, norm(unit.place.removesuffix(" Nusakambangan"))))
    for alias in unit.aliases:
        alias = re.sub(r"^Lapas Wanita\b", "Lapas Perempuan", alias)
        alias = re.sub(r"^Lapas Anak( Pria| Wanita)?\b", "LPKA", alias)
        utype, _klass, place = split_unit_name(alias)
        if utype and place:
            keys.append((utype, norm(place)))
    return keys


def read_units_csv(path: Path, *, pilot_names: set[str] | None = None) -> list[UnitRecord]:
    """Read a units CSV (the shipped one or a Humas export); pilot list overrides the column."""
    units: list[UnitRecord] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
            pilot = (row.get("pilot") or "").strip().lower() in {"1", "true", "ya", "yes"}
            if pilot_names is not None:
                pilot = name in pilot_names
            units.append(
                UnitRecord(
                    **{key: (row.get(key) or "").strip() for key in UNIT_FIELDS},
                    aliases=aliases,
                    pilot=pilot,
                )
            )
    return units


def read_pilot_names(path: Path) -> set[str]:
    """Canonical unit names in a pilot list file: one per line, ``#`` starts a comment."""
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def _read_provinces() -> list[Province]:
    with PROVINCES_CSV.open(newline="", encoding="utf-8") as handle:
        return [Province(**row) for row in csv.DictReader(handle)]


def _read_places(units: list[UnitRecord], provinces: list[Province]) -> dict[str, set[str]]:
    places: dict[str, set[str]] = defaultdict(set)
    with PLACES_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            places[norm(row["name"])].add(row["province"])
    for unit in units:
        places[norm(unit.city_short)].add(unit.province)
        if not unit.place.endswith("Nusakambangan"):
            places[norm(unit.place)].add(unit.province)
    for province in provinces:
        places[norm(province.capital)].add(province.name)
    places[norm("Nusakambangan")].add("Jawa Tengah")
    return dict(places)


@lru_cache(maxsize=4)
def load_gazetteer(
    units_path: Path = UNITS_CSV, pilot_units_file: Path | None = PILOT_UNITS_TXT
) -> Gazetteer:
    """The gazetteer from CSV files, cached: analysers call this once per process."""
    pilot = read_pilot_names(pilot_units_file) if pilot_units_file else None
    units = read_units_csv(units_path, pilot_names=pilot)
    provinces = _read_provinces()
    with PLACES_CSV.open(newline="", encoding="utf-8") as handle:
        admin = {norm(row["name"]) for row in csv.DictReader(handle)}
    admin |= {norm(p.capital) for p in provinces}
    return Gazetteer(
        units=units,
        provinces=provinces,
        places=_read_places(units, provinces),
        admin_places=admin,
    )


def gazetteer_paths(
    *, data_dir: Path, units_file: Path | None, pilot_file: Path | None
) -> tuple[Path, Path | None]:
    """(units CSV, pilot list or None) the analysers read for these settings.

    A CSV imported by Humas carries its own ``pilot`` column, which counts unless a
    pilot list is configured; the shipped CSV takes the shipped pilot list.
    """
    local = data_dir / "gazetteer" / "units.csv"
    units = units_file or (local if local.is_file() else UNITS_CSV)
    if pilot_file:
        return units, pilot_file
    return units, PILOT_UNITS_TXT if units == UNITS_CSV else None
