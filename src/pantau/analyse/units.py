"""Unit linking: find unit-like mentions in text and tie each to one gazetteer unit.

A mention is a type word ("Lapas", "LP", "Lembaga Pemasyarakatan", "Rutan", "Cabang
Rutan", "LPKA", "Bapas", "Rupbasan", or a title such as "Kalapas"/"Karutan"), an
optional variant ("Narkotika", "Perempuan"...), an optional class ("Kelas IIA", "Klas 2B",
"Kelas II A") and a place in capitals. The place is looked up exactly (official place
and aliases), then by the city the unit stands in, then fuzzily with rapidfuzz; ties are
broken by the provinces the text mentions. What cannot be linked is returned as a
candidate for review, never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from pantau.analyse.gazetteer import Gazetteer, UnitRecord, load_gazetteer, norm, split_unit_name
from pantau.analyse.prose import Paragraph

_words = str.split  # word lists below are written as one string for reading
_CLASS_RE = r"(?:Kelas|Klas|Kls\.?)\s*(?P<klass>I{1,3}|IV|[1-4])(?:\s*-?\s*(?P<sub>[AB])(?![a-z]))?"
_VARIANT_RE = r"(?P<variant>Narkotika|Perempuan|Wanita|Pemuda|Terbuka|Khusus|Anak)"
_TYPE_RE = (
    r"(?P<type>(?i:Cabang\s+(?:Rutan|Rumah\s+Tahanan(?:\s+Negara)?)|"
    r"Lembaga\s+Pemasyarakatan|Lembaga\s+Pembinaan\s+Khusus\s+Anak|"
    r"Rumah\s+Tahanan(?:\s+Negara)?|Balai\s+Pemasyarakatan|"
    r"Rumah\s+Penyimpanan\s+Benda\s+Sitaan\s+Negara|Kalapas|Karutan|Kabapas|"
    r"Lapas|Rutan|LPKA|Bapas|Rupbasan)|LPP|LPN|LP)"
)
_WORD = r"[A-Z][A-Za-z'’\-]*"
MENTION = re.compile(
    rf"\b{_TYPE_RE}\b(?:\s*\((?:Lapas|Rutan|LPKA|Bapas|Rupbasan|LP)\))?"
    rf"(?:\s+{_VARIANT_RE})?(?:\s+{_CLASS_RE})?(?:\s+(?P<variant2>Narkotika|Perempuan|Wanita))?"
    rf"(?P<place>(?:\s+{_WORD}){{0,4}})"
)
_TYPE_WORDS = {
    "lembagapemasyarakatan": "Lapas",
    "lapas": "Lapas",
    "lp": "Lapas",
    "lpp": "Lapas",
    "lpn": "Lapas",
    "kalapas": "Lapas",
    "rutan": "Rutan",
    "rumahtahanan": "Rutan",
    "rumahtahanannegara": "Rutan",
    "karutan": "Rutan",
    "lpka": "LPKA",
    "lembagapembinaankhususanak": "LPKA",
    "bapas": "Bapas",
    "balaipemasyarakatan": "Bapas",
    "kabapas": "Bapas",
    "rupbasan": "Rupbasan",
    "rumahpenyimpananbendasitaannegara": "Rupbasan",
}
_VARIANTS = {
    "narkotika": "Lapas Narkotika",
    "perempuan": "Lapas Perempuan",
    "wanita": "Lapas Perempuan",
    "pemuda": "Lapas Pemuda",
    "terbuka": "Lapas Terbuka",
    "khusus": "Lapas Khusus",
    "anak": "LPKA",
}
_ABBREVIATED_VARIANTS = {"LPP": "Perempuan", "LPN": "Narkotika"}
_LAPAS_VARIANTS = (
    "Lapas",
    "Lapas Narkotika",
    "Lapas Perempuan",
    "Lapas Pemuda",
    "Lapas Khusus",
    "Lapas Terbuka",
)
# Places that mean another body's detention (codebook: not corrections units) or no place.
_NOT_PLACES = {
    norm(w)
    for w in _words(
        "Polda Polres Polresta Polrestabes Polsek Mapolda Mapolres Mapolsek KPK Kejaksaan "
        "Kejari Kejati Kejagung Bareskrim Mabes Brimob BNN BNNP Imigrasi Rudenim Militer "
        "Dan Di Ke Dari Yang Ini Itu Itu Tersebut Setempat Se Untuk Pada Dalam Bersama Serta "
        "Atau Kabur Kebakaran Ricuh Rusuh Digeledah Gelar Terima Raih Jadi Masih Akan Tak "
        "Tidak Beri Bagi Usai Saat Hingga Sampai Jelang Menuju Siap Jadi Kepala Petugas Napi "
        "Warga Binaan WBP Kelas Klas Overkapasitas Indonesia Seluruh Se-Indonesia Baru Lama"
    )
}
# Unit places that are also everyday words: never linked from lower-case text.
_COMMON_WORDS = {"negara", "batu", "besi", "tanjung", "rantau", "salak", "idi", "maba", "weda"}
# Areas with several units: a variant must be written to pick one.
_AREAS = {"nusakambangan"}
_CLASS_DIGITS = {"1": "I", "2": "II", "3": "III", "4": "IV"}


@dataclass(frozen=True, slots=True)
class UnitMention:
    """A unit-like mention and, when linked, the unit it names."""

    text: str
    start: int
    end: int
    unit: UnitRecord | None
    score: float
    method: str  # "exact", "city", "fuzzy", "local" or "unlinked"
    in_title: bool = False
    context: str = ""
    explicit: bool = False  # class or variant written: the writer named this very unit


@dataclass(frozen=True, slots=True)
class _Parsed:
    types: tuple[str, ...]
    klass: str
    tokens: tuple[str, ...]
    abbreviation: bool  # written "LP": link only on an exact hit


def _parse(match: re.Match[str]) -> _Parsed:
    base = _TYPE_WORDS.get(norm(match.group("type")), "")
    if norm(match.group("type")).startswith("cabang"):
        base = "Cabang Rutan"
    variant = match.group("variant") or match.group("variant2")
    if match.group("type") in _ABBREVIATED_VARIANTS:
        variant = _ABBREVIATED_VARIANTS[match.group("type")]
    primary = _VARIANTS[variant.casefold()] if variant and base == "Lapas" else base
    if base == "Lapas" and variant:
        # "Lapas Perempuan X" is never the general Lapas X: no fallback to other types.
        types: tuple[str, ...] = (primary,)
    elif base == "Lapas":
        types = (primary, *[t for t in _LAPAS_VARIANTS if t != primary])
    elif base == "Rutan":
        types = ("Rutan", "Cabang Rutan")
    elif base == "Cabang Rutan":
        types = ("Cabang Rutan", "Rutan")
    else:
        types = (base,)
    klass = ""
    if match.group("klass"):
        klass = _CLASS_DIGITS.get(match.group("klass"), match.group("klass"))
        klass += match.group("sub") or ""
    tokens = tuple(match.group("place").split())
    return _Parsed(types, klass, tokens, match.group("type") in {"LP", "LPP", "LPN"})


def _choose(units: list[UnitRecord], klass: str, provinces: Counter[str]) -> UnitRecord:
    """Pick among same-named units: by the provinces in the text, then by class."""

    def rank(unit: UnitRecord) -> tuple[int, int]:
        return (provinces.get(unit.province, 0), int(bool(klass) and unit.klass == klass))

    return max(units, key=rank)


def _link_tokens(
    parsed: _Parsed, gaz: Gazetteer, provinces: Counter[str]
) -> tuple[UnitRecord | None, int, str, float]:
    """(unit, tokens used, method, score) for the longest place prefix that links."""
    # The stated variant first, over every prefix; only then the other variants.
    if norm(parsed.tokens[0]) in _NOT_PLACES:
        return None, 0, "unlinked", 0.0
    for rank, unit_type in enumerate(parsed.types):
        for n in range(len(parsed.tokens), 0, -1):
            place = " ".join(parsed.tokens[:n])
            if rank and norm(place) in _AREAS:
                continue  # "lapas Nusakambangan" is any of the island's prisons
            units = gaz.lookup(unit_type, place)
            if units:
                return _choose(units, parsed.klass, provinces), n, "exact", 1.0
    if parsed.abbreviation or not parsed.tokens:
        return None, 0, "unlinked", 0.0
    for n in range(len(parsed.tokens), 0, -1):
        place = norm(" ".join(parsed.tokens[:n]))
        for unit_type in parsed.types[:1]:
            units = gaz.by_type_city.get((unit_type, place), [])
            if len(units) == 1:
                return units[0], n, "city", 0.85
    return _fuzzy(parsed, gaz, provinces)


def _fuzzy(
    parsed: _Parsed, gaz: Gazetteer, provinces: Counter[str]
) -> tuple[UnitRecord | None, int, str, float]:
    choices = gaz.places_by_type.get(parsed.types[0], [])
    for n in range(len(parsed.tokens), 0, -1):
        place = norm(" ".join(parsed.tokens[:n]))
        if len(place) < 5:
            continue
        best = process.extractOne(place, choices, scorer=fuzz.ratio, score_cutoff=88)
        if best:
            units = gaz.by_type_place[(parsed.types[0], best[0])]
            return _choose(units, parsed.klass, provinces), n, "fuzzy", best[1] / 100
    return None, 0, "unlinked", 0.0


def _provisional(parsed: _Parsed, gaz: Gazetteer, provinces: Counter[str]) -> UnitRecord | None:
    """A unit the gazetteer lacks, written formally in prose ("Lapas Kelas IIB Kwandang").

    Type, class and a capitalised place in running text are a unit's official name; it
    is kept as a unit (so counts do not lose it) and also offered for review.
    """
    if not parsed.klass:
        return None
    tokens = parsed.tokens[:3]
    for n in range(len(tokens), 0, -1):
        if gaz.places.get(norm(" ".join(tokens[:n]))):
            tokens = tokens[:n]
            break
    place = " ".join(tokens)
    known = gaz.places.get(norm(place), set())
    province = next(iter(known)) if len(known) == 1 else ""
    if not province and provinces:
        province = provinces.most_common(1)[0][0]
    utype = parsed.types[0]
    return UnitRecord(
        name=f"{utype} Kelas {parsed.klass} {place}",
        type=utype,
        klass=parsed.klass,
        place=place,
        city="",
        province=province,
        kanwil="",
        kanwil_old="",
    )


def find_unit_mentions(
    paragraphs: list[Paragraph], *, gaz: Gazetteer, provinces: Counter[str]
) -> list[UnitMention]:
    """Every unit-like mention in the given paragraphs, linked where possible."""
    mentions: list[UnitMention] = []
    for paragraph in paragraphs:
        for match in MENTION.finditer(paragraph.text):
            parsed = _parse(match)
            if not parsed.tokens:
                continue
            unit, used, method, score = _link_tokens(parsed, gaz, provinces)
            start = paragraph.start + match.start()
            if unit is None:
                if (
                    parsed.abbreviation
                    or paragraph.is_title
                    or norm(parsed.tokens[0]) in _NOT_PLACES
                ):
                    continue
                end = paragraph.start + match.end()
                unit = _provisional(parsed, gaz, provinces)
                method, score = ("provisional", 0.6) if unit else (method, score)
            else:
                end = paragraph.start + _end_of_tokens(match, used)
            text = paragraph.text[start - paragraph.start : end - paragraph.start]
            mentions.append(
                UnitMention(
                    text=text,
                    start=start,
                    end=end,
                    unit=unit,
                    score=score,
                    method=method,
                    in_title=paragraph.is_title,
                    context=paragraph.text[:300],
                    explicit=bool(parsed.klass or parsed.types[0] != _base(parsed)),
                )
            )
    return mentions


def _base(parsed: _Parsed) -> str:
    return "Lapas" if parsed.types[0] in _LAPAS_VARIANTS else parsed.types[0]


def corefer_variants(mentions: list[UnitMention]) -> list[UnitMention]:
    """A bare "Lapas X" in an item that names "Lapas Khusus X" means that unit.

    News gives the full name once and shortens it after. A bare mention keeps its own
    unit when the item also names that unit with its class ("Lapas Kelas IIA Jambi").
    """
    variants = {
        norm(m.unit.place): m.unit
        for m in mentions
        if m.unit is not None and m.explicit and m.unit.type in _LAPAS_VARIANTS[1:]
    }
    named = {m.unit.name for m in mentions if m.unit is not None and m.explicit}
    out: list[UnitMention] = []
    for mention in mentions:
        unit = mention.unit
        if (
            unit is not None
            and unit.type == "Lapas"
            and not mention.explicit
            and unit.name not in named
            and norm(unit.place) in variants
        ):
            mention = replace(mention, unit=variants[norm(unit.place)], method="coreference")
        out.append(mention)
    return out


_LOWER_MENTION = re.compile(
    r"\b(?P<type>lapas|rutan|lpka|bapas|rupbasan|lembaga pemasyarakatan|rumah tahanan(?! negara))"
    r"(?:\s+(?P<variant>narkotika|perempuan|wanita|pemuda|terbuka|khusus))?"
    r"(?:\s+(?:kelas|klas)\s+(?:i{1,3}|[1-3])\s?[ab]?)?(?P<place>(?:\s+[a-z][a-z'-]*){1,3})"
)


def find_lowercase_mentions(
    paragraphs: list[Paragraph], *, gaz: Gazetteer, provinces: Counter[str]
) -> list[UnitMention]:
    """Mentions written all in lower case (social posts): exact gazetteer hits only."""
    mentions: list[UnitMention] = []
    for paragraph in paragraphs:
        for match in _LOWER_MENTION.finditer(paragraph.text):
            base = _TYPE_WORDS[norm(match.group("type"))]
            variant = match.group("variant")
            unit_type = _VARIANTS[variant] if variant and base == "Lapas" else base
            words = match.group("place").split()
            for n in range(len(words), 0, -1):
                units = gaz.lookup(unit_type, " ".join(words[:n]))
                place = norm(" ".join(words[:n]))
                if units and place not in _AREAS and place not in _COMMON_WORDS:
                    start = paragraph.start + match.start()
                    text = f"{match.group('type')} {' '.join(words[:n])}"
                    mentions.append(
                        UnitMention(
                            text=text,
                            start=start,
                            end=start + len(text),
                            unit=_choose(units, "", provinces),
                            score=0.9,
                            method="lowercase",
                            in_title=paragraph.is_title,
                            context=paragraph.text[:300],
                        )
                    )
                    break
    return mentions


def _end_of_tokens(match: re.Match[str], used: int) -> int:
    """Offset (in the paragraph) just after the first ``used`` place tokens."""
    place = match.group("place")
    offset = match.start("place")
    for token_match in list(re.finditer(r"\S+", place))[:used]:
        end = offset + token_match.end()
    return end if used else match.end()


_LOCAL = re.compile(
    r"\b(?P<type>lapas|rutan|lembaga pemasyarakatan|rumah tahanan)\s+(?:setempat|tersebut|itu)\b",
    re.IGNORECASE,
)


def resolve_local(
    paragraphs: list[Paragraph], *, gaz: Gazetteer, city_places: list[str]
) -> UnitMention | None:
    """'Lapas setempat' / 'lapas tersebut': the one unit of that type in the dateline city."""
    for paragraph in paragraphs:
        match = _LOCAL.search(paragraph.text)
        if not match:
            continue
        unit_type = _TYPE_WORDS.get(norm(match.group("type")), "Lapas")
        for place in city_places:
            units = gaz.lookup(unit_type, place) or gaz.by_type_city.get(
                (unit_type, norm(place)), []
            )
            if len(units) == 1:
                start = paragraph.start + match.start()
                return UnitMention(
                    text=match.group(0),
                    start=start,
                    end=start + len(match.group(0)),
                    unit=units[0],
                    score=0.7,
                    method="local",
                    context=paragraph.text[:300],
                )
    return None


def link_units(mentions: list[UnitMention]) -> list[UnitRecord]:
    """Linked units without repeats: those in the title first, then in order of mention."""
    ordered = sorted(
        (m for m in mentions if m.unit is not None), key=lambda m: (not m.in_title, m.start)
    )
    seen: dict[str, UnitRecord] = {}
    for mention in ordered:
        assert mention.unit is not None
        seen.setdefault(mention.unit.name, mention.unit)
    return list(seen.values())


def unit_key(name: str, gaz: Gazetteer | None = None) -> str:
    """Compare key of a unit name: type and place, class ignored, aliases resolved.

    "Rutan Salemba" and "Rutan Kelas I Jakarta Pusat" give the same key; a name the
    gazetteer does not know keys on its own type and place.
    """
    gaz = gaz or load_gazetteer()
    utype, _klass, place = split_unit_name(name)
    if not utype:
        match = MENTION.match(" ".join(name.split()))
        if match is None:
            return norm(name)
        parsed = _parse(match)
        utype, place = parsed.types[0], " ".join(parsed.tokens)
    units = gaz.lookup(utype, place)
    if units:
        return f"{units[0].type}|{norm(units[0].place)}".casefold()
    return f"{utype}|{norm(place)}".casefold()


_HANDLE = re.compile(
    r"[@#](?P<type>lapas|rutan|lpka|bapas|rupbasan|lp)_?(?P<variant>narkotika|perempuan|pemuda)?_?"
    r"(?P<rest>[a-z0-9_]{3,40})",
    re.IGNORECASE,
)


def find_handle_mentions(paragraphs: list[Paragraph], *, gaz: Gazetteer) -> list[UnitMention]:
    """Social-media handles and hashtags of units: "@lapascipinang", "#rutansalemba"."""
    mentions: list[UnitMention] = []
    for paragraph in paragraphs:
        for match in _HANDLE.finditer(paragraph.text):
            base = _TYPE_WORDS[match.group("type").casefold()]
            variant = match.group("variant")
            unit_type = _VARIANTS[variant.casefold()] if variant and base == "Lapas" else base
            rest = match.group("rest").casefold().replace("_", "")
            places = sorted(gaz.places_by_type.get(unit_type, []), key=len, reverse=True)
            place = next((p for p in places if len(p) >= 4 and rest.startswith(p)), None)
            if place is None:
                continue
            units = gaz.by_type_place[(unit_type, place)]
            start = paragraph.start + match.start()
            mentions.append(
                UnitMention(
                    text=match.group(0),
                    start=start,
                    end=start + len(match.group(0)),
                    unit=units[0],
                    score=0.9,
                    method="handle",
                    in_title=paragraph.is_title,
                    context=paragraph.text[:300],
                )
            )
    return mentions


_CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}")
_PRISON_WORDS = re.compile(
    r"\b(?:napi|narapidana|warga binaan|WBP|tahanan|penghuni|sel|kamar hunian|lapas|rutan|"
    r"penjara|bui|jenguk|besuk|dibui|dipenjara|mendekam|kabur)\b",
    re.IGNORECASE,
)


def find_metonyms(paragraphs: list[Paragraph], *, gaz: Gazetteer) -> list[UnitMention]:
    """Local prison names standing alone ("napi Sukamiskin", "jenguk teman di Kerobokan").

    Only names that belong to exactly one unit and are no regency or city, and only in a
    sentence about inmates or prisons.
    """
    mentions: list[UnitMention] = []
    for paragraph in paragraphs:
        for sentence in re.finditer(r"[^.!?]+[.!?]?", paragraph.text):
            if not _PRISON_WORDS.search(sentence.group(0)):
                continue
            for match in _CAPITALISED.finditer(sentence.group(0)):
                words = match.group(0).split()
                for n in range(len(words), 0, -1):
                    unit = gaz.metonyms.get(norm(" ".join(words[:n])))
                    if unit is None:
                        continue
                    start = paragraph.start + sentence.start() + match.start()
                    text = " ".join(words[:n])
                    mentions.append(
                        UnitMention(
                            text=text,
                            start=start,
                            end=start + len(text),
                            unit=unit,
                            score=0.7,
                            method="metonym",
                            in_title=paragraph.is_title,
                            context=paragraph.text[:300],
                        )
                    )
                    break
    return mentions
