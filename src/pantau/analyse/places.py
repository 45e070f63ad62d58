"""Where an item happens: place mentions, the regional office named, and the province.

The province is that of the main unit; without a unit, that of the regional office
(Kanwil) named, then the dateline, then the places in the title and the lead. National
and multi-region items get None. Names are today's (Sorong is in Papua Barat Daya even in
a 2019 story) because the gazetteer only holds current names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pantau.analyse.gazetteer import Gazetteer, UnitRecord, norm
from pantau.analyse.prose import Paragraph

_CAPS = re.compile(r"(?:Kabupaten|Kab\.|Kota)?\s*[A-Z][A-Za-z'’\-]*(?:\s+[A-Z][A-Za-z'’\-]*){0,2}")
_KANWIL = re.compile(
    r"\b(?:Kanwil|Kantor\s+Wilayah)\s+(?:Kementerian\s+Hukum\s+dan\s+(?:HAM|Hak\s+Asasi\s+Manusia)|"
    r"Kemenkumham|Ditjenpas|Direktorat\s+Jenderal\s+Pemasyarakatan|Kemenimipas|Kementerian\s+"
    r"Imigrasi\s+dan\s+Pemasyarakatan|Imipas|Pemasyarakatan)\s*(?:\(\w+\)\s*)?"
    r"(?:Provinsi\s+)?(?P<province>[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*){0,2})"
)
_NATIONAL = re.compile(
    r"\b(?:seluruh\s+Indonesia|se-?Indonesia|secara\s+nasional|seluruh\s+(?:UPT|Lapas|lapas)|"
    r"seluruh\s+jajaran|seluruh\s+Kanwil|33\s+Kanwil|di\s+seluruh\s+wilayah|"
    r"serentak\s+di\s+seluruh|seluruh\s+unit\s+pemasyarakatan)\b",
    re.IGNORECASE,
)


# Regency or town names that are also everyday words, read as places only after
# "Kabupaten"/"Kota".
_COMMON_PLACE_WORDS = {
    norm(w)
    for w in (
        "Puncak",
        "Batu",
        "Tanjung",
        "Negara",
        "Salak",
        "Besi",
        "Baru",
        "Rantau",
        "Raya",
        "Pulau",
        "Teluk",
        "Kota",
        "Tengah",
        "Timur",
        "Barat",
        "Selatan",
        "Utara",
        "Idi",
    )
}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str
    start: int
    provinces: frozenset[str]
    in_title: bool


def find_places(paragraphs: list[Paragraph], *, gaz: Gazetteer) -> list[PlaceMention]:
    """Capitalised names that are a known regency, city or unit place."""
    found: list[PlaceMention] = []
    for paragraph in paragraphs:
        for match in _CAPS.finditer(paragraph.text):
            words = match.group(0).split()
            # Longest known prefix: "Palangka Raya Kabur" -> "Palangka Raya".
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                bare = re.sub(r"^(?:Kabupaten|Kab\.|Kota)\s+", "", name)
                if bare == name and norm(bare) in _COMMON_PLACE_WORDS:
                    continue  # "Puncak Hari Bakti" is no regency; "Kabupaten Puncak" is
                provinces = gaz.places.get(norm(bare)) or _province_set(gaz, bare)
                if provinces and len(norm(bare)) >= 3:
                    found.append(
                        PlaceMention(
                            name,
                            paragraph.start + match.start(),
                            frozenset(provinces),
                            paragraph.is_title,
                        )
                    )
                    break
    return found


def _province_set(gaz: Gazetteer, name: str) -> set[str]:
    province = gaz.province(name) if len(name) > 3 else None
    return {province} if province else set()


def province_weights(places: list[PlaceMention]) -> Counter[str]:
    """How strongly the text points at each province (title counts double)."""
    weights: Counter[str] = Counter()
    for place in places:
        if len(place.provinces) == 1:
            weights[next(iter(place.provinces))] += 2 if place.in_title else 1
    return weights


def kanwil_province(paragraphs: list[Paragraph], *, gaz: Gazetteer) -> str | None:
    """The province of the first regional office named ("Kanwil Kemenkumham Jambi")."""
    for paragraph in paragraphs:
        for match in _KANWIL.finditer(paragraph.text):
            words = match.group("province").split()
            for n in range(len(words), 0, -1):
                province = gaz.province(" ".join(words[:n]))
                if province:
                    return province
    return None


_NATIONAL_ACTOR = re.compile(
    r"(?<!Kanwil\s)(?<!Wilayah\s)\b(?:Direktorat\s+Jenderal\s+Pemasyarakatan|Direktur\s+Jenderal\s+Pemasyarakatan|"
    r"Ditjen\s*pas|Dirjen\s*pas|Dirjen\s+PAS|Dirjen\s+Pemasyarakatan|Menteri|Menkumham|"
    r"Menimipas|Kementerian|Kemenkumham\s+RI|Kemenimipas|DPR|Komisi\s+III|Ombudsman\s+RI)\b",
    re.IGNORECASE,
)


def decide_province(
    *,
    units: list[UnitRecord],
    title_units: list[UnitRecord],
    kanwil: str | None,
    dateline: list[str],
    places: list[PlaceMention],
    paragraphs: list[Paragraph],
    gaz: Gazetteer,
) -> tuple[str | None, str]:
    """(province or None, the rule that decided)."""
    units = [u for u in units if u.province]  # a provisional unit may have none
    title_units = [u for u in title_units if u.province]
    title = next((p.text for p in paragraphs if p.is_title), "")
    title_kanwil = kanwil_province([p for p in paragraphs if p.is_title], gaz=gaz)
    if title_kanwil and not title_units:
        return title_kanwil, "places.title_kanwil"
    if units and not title_units and _NATIONAL_ACTOR.search(title):
        return None, "places.national_actor"
    if units:
        provinces = {u.province for u in units}
        if len(provinces) == 1:
            return units[0].province, "places.unit"
        title_provinces = {u.province for u in title_units}
        if len(title_provinces) == 1:
            return title_units[0].province, "places.title_unit"
        counts = Counter(u.province for u in units)
        top, n = counts.most_common(1)[0]
        if n > len(units) / 2:
            return top, "places.unit_majority"
        return None, "places.multi_region"
    if kanwil:
        return kanwil, "places.kanwil"
    if any(_NATIONAL.search(p.text) for p in paragraphs[:4]):
        return None, "places.national"
    national = any(_NATIONAL_ACTOR.search(p.text) for p in paragraphs[:2])
    for part in dateline:
        provinces = gaz.places.get(norm(part)) or _province_set(gaz, part)
        if len(provinces) == 1 and norm(part) != "jakarta":
            return next(iter(provinces)), "places.dateline"
    lead = [p for p in places if p.in_title or p.start < _lead_end(paragraphs)]
    dateline_norms = {norm(part) for part in dateline}
    first_body = next((p.start for p in paragraphs if not p.is_title), -1)
    # The dateline was weighed above; a Jakarta dateline alone says nothing about DKI news.
    lead = [
        p
        for p in lead
        if not (first_body <= p.start < first_body + 80 and norm(p.text) in dateline_norms)
    ]
    if national:  # "Jakarta" beside a national actor is the seat of government, not DKI news
        lead = [p for p in lead if norm(p.text) != "jakarta"]
    weights = province_weights(lead)
    if weights:
        ranked = weights.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            return ranked[0][0], "places.lead"
    return None, "places.none"


def _lead_end(paragraphs: list[Paragraph]) -> int:
    body = [p for p in paragraphs if not p.is_title]
    return body[min(1, len(body) - 1)].end if body else 0


def decide_city(units: list[UnitRecord], dateline: list[str], gaz: Gazetteer) -> str | None:
    """The regency or city of the main unit, else the dateline's place."""
    if units:
        return units[0].city or None
    for part in dateline:
        if len(gaz.places.get(norm(part), ())) == 1:
            return part.title() if part.isupper() else part
    return None
