"""People named in an item, with the role the text gives them; inmates by initials.

News introduces officials as "<role>, <Name>" ("Kepala Lapas Kelas IIA Palangka Raya,
Yudi Hartanto"), "<role> <Name>" for national offices ("Dirjenpas Reynhard Silitonga")
or "<Name>, <role>". Inmates appear by initials and age ("berinisial AS (29)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pantau.analyse.prose import prose_paragraphs

# (canonical role, pattern of the written role); national roles take a name directly.
ROLES: tuple[tuple[str, str, bool], ...] = (
    (
        "Menteri Imigrasi dan Pemasyarakatan",
        r"Menteri\s+Imigrasi\s+dan\s+Pemasyarakatan|Menteri\s+Imipas|Menimipas",
        True,
    ),
    (
        "Menkumham",
        r"Menteri\s+Hukum\s+dan\s+(?:HAM|Hak\s+Asasi\s+Manusia)|Menkumham|Menteri\s+Hukum",
        True,
    ),
    (
        "Sesditjenpas",
        r"Sekretaris\s+(?:Direktorat\s+Jenderal|Ditjen)\s+Pemasyarakatan|Sesditjenpas|Sesditjen\s+PAS",
        True,
    ),
    (
        "Dirjenpas",
        r"Direktur\s+Jenderal\s+Pemasyarakatan|Dirjen\s+Pemasyarakatan|Dirjenpas|Dirjen\s+PAS",
        True,
    ),
    ("Dirkamtib", r"Direktur\s+Keamanan\s+dan\s+Ketertiban|Dirkamtib", True),
    ("Kadivpas", r"Kepala\s+Divisi\s+Pemasyarakatan|Kadivpas|Kadiv\s+Pemasyarakatan", False),
    ("Kakanwil", r"Kepala\s+Kantor\s+Wilayah|Kakanwil", False),
    ("KPLP", r"Kepala\s+Kesatuan\s+Pengamanan(?:\s+Lapas|\s+Rutan)?|Ka\.?\s*KPLP|KPLP", False),
    ("Kepala LPKA", r"Kepala\s+(?:LPKA|Lembaga\s+Pembinaan\s+Khusus\s+Anak)", False),
    ("Kalapas", r"Kepala\s+(?:Lapas|Lembaga\s+Pemasyarakatan|LP)|Kalapas", False),
    ("Karutan", r"Kepala\s+(?:Rutan|Rumah\s+Tahanan(?:\s+Negara)?|Cabang\s+Rutan)|Karutan", False),
    ("Kabapas", r"Kepala\s+(?:Bapas|Balai\s+Pemasyarakatan)|Kabapas", False),
    ("Karupbasan", r"Kepala\s+Rupbasan|Karupbasan", False),
    (
        "Humas Ditjenpas",
        r"Koordinator\s+Humas(?:\s+dan\s+Protokol)?|Kabag\s+Humas|Kepala\s+Bagian\s+Humas",
        False,
    ),
    (
        "Polisi",
        r"Kapolda|Kapolres(?:ta|tabes)?|Kapolsek|Kasat\s*(?:Reskrim|Res\s*Narkoba|Narkoba)|Kasatreskrim",
        False,
    ),
    ("BNN", r"Kepala\s+BNN[PK]?", False),
    (
        "DPR",
        r"Anggota\s+Komisi\s+III(?:\s+DPR(?:\s+RI)?)?|Ketua\s+Komisi\s+III(?:\s+DPR(?:\s+RI)?)?",
        False,
    ),
    ("Ombudsman", r"(?:Anggota|Ketua|Kepala\s+Perwakilan)\s+Ombudsman(?:\s+RI)?", False),
    ("Komnas HAM", r"(?:Komisioner|Ketua|Anggota)\s+Komnas\s+HAM", False),
    ("Kepala daerah", r"Gubernur|Bupati|Wali\s*kota|Walikota", False),
    # Any other official or voice: the role is kept as written.
    (
        "",
        r"(?:Kepala|Ketua|Direktur|Kabid|Kasi|Kasubsi|Kasubag|Kabag|Koordinator|Sekretaris|"
        r"Anggota|Pengamat|Peneliti|Kuasa\s+hukum|Juru\s+bicara|Plt\.?|Pelaksana\s+tugas)"
        r"\s+[A-Z]",
        False,
    ),
)
_words = str.split  # word lists below are written as one string for reading
_HONORIFIC = r"(?:(?:Dr|Drs|Dra|Ir|Prof|H|Hj|KH)\.? +)*"
NAME = rf"{_HONORIFIC}[A-Z][a-z'’]+(?: +(?:[A-Z][a-z'’]+|[A-Z]\.?(?![\w]))){{0,3}}"
NOT_NAME_WORDS = set(
    _words(
        "Kelas Klas Lapas Rutan Bapas LPKA Kanwil Kemenkumham Ditjenpas Pemasyarakatan "
        "Senin Selasa Rabu Kamis Jumat Sabtu Minggu Dalam Saat "
        "Ia Dia Menurut Kepala Provinsi Kota Kabupaten "
        "Jakarta Indonesia Sementara Selain Namun Kami Pihaknya Hal Itu Ini Para Bapak Ibu "
        "Nomor Tahun Republik Pusat Daerah Wilayah Kantor Direktorat Jenderal "
        "Kementerian Saat Usai Bersama"
    )
)
_INMATE = re.compile(
    r"(?:\b(?:berinisial|inisial)\s+(?P<a>[A-Z]{1,4}(?:\s?[A-Z]{1,3})?)(?:\s*\((?P<age_a>\d{1,2})\))?)"
    r"|(?:\b(?P<b>[A-Z]{2,4})\s*\((?P<age_b>\d{2})\))"
)


_NOT_INITIALS = {"WIB", "WITA", "WIT", "UPT", "WBP", "HP", "RI", "PK", "DPR", "KUHP", "UU"}


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None
    title: str  # the role as written ("Kepala Lapas Kelas IIA Palangka Raya")
    is_inmate: bool = False
    start: int = -1  # offset in the prose text (order only)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "title": self.title,
            "is_inmate": self.is_inmate,
            "start": self.start,
        }


def _clean_name(raw: str) -> str | None:
    words = raw.split()
    while words and words[-1].rstrip(".") in NOT_NAME_WORDS:
        words.pop()
    core = [w for w in words if not re.fullmatch(r"(?:Dr|Drs|Dra|Ir|Prof|H|Hj|KH)\.?", w)]
    if not core or core[0] in NOT_NAME_WORDS:
        return None
    return " ".join(words)


def _officials(text: str) -> list[Person]:
    found: list[Person] = []
    for role, pattern, direct in ROLES:
        after = rf"(?P<title>(?:{pattern})(?P<org>[^,.;:\"“”\n]{{0,90}}?)),\s*(?P<name>{NAME})"
        regexes = [re.compile(after)]
        if direct:
            # "Dirjenpas Reynhard Silitonga": two words at least ("Dirjenpas Luncurkan" is none).
            regexes.append(re.compile(rf"(?P<title>{pattern})\s+(?P<name>{NAME}\s+[A-Z][a-z'’]+)"))
        regexes.append(
            re.compile(
                rf"(?P<name>{NAME}),\s*(?:selaku\s+)?(?P<title>(?:{pattern})[^,.;\n]{{0,90}})"
            )
        )
        for regex in regexes:
            for match in regex.finditer(text):
                name = _clean_name(match.group("name"))
                if name:
                    title = " ".join(match.group("title").split())
                    found.append(
                        Person(name, role or title[:100], title, False, match.start("name"))
                    )
    return found


def find_people(title: str, body: str, *, channel: str = "news") -> list[Person]:
    """Officials with roles and inmates by initials, first mention first, no repeats.

    Only the body's prose is read: headlines are in title case, where every word looks
    like a name, and page noise names other stories' people.
    """
    paragraphs = [p for p in prose_paragraphs(title, body, channel=channel) if not p.is_title]
    text = "\n".join(p.text for p in paragraphs)
    people = sorted(_officials(text), key=lambda p: p.start)
    for match in _INMATE.finditer(text):
        initials = match.group("a") or match.group("b")
        age = match.group("age_a") or match.group("age_b")
        label = f"{initials} ({age})" if age else initials
        if initials not in _NOT_INITIALS:
            people.append(Person(label, "WBP", "warga binaan", True, match.start()))
    unique: dict[str, Person] = {}
    for person in people:
        key = person.name.split("(")[0].strip().casefold()
        if key not in unique:
            unique[key] = person
    return list(unique.values())
