"""Metadata from Indonesian news text: publication dates, datelines, outlets, titles.

Dates: "Kamis, 10 November 2022 - 20:35 WIB", "(15/1/2022)", "Rabu (9/11)" resolved
against the publication date; WIB/WITA/WIT map to +07/+08/+09. Datelines:
"Bidik Indonesia News, Jakarta –", "JAKARTA (ANTARA) -", "SORONG –",
"KAHAYAN POS, PALANGKA RAYA –".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

ZONES = {
    "WIB": timezone(timedelta(hours=7), "WIB"),
    "WITA": timezone(timedelta(hours=8), "WITA"),
    "WIT": timezone(timedelta(hours=9), "WIT"),
}
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agust": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12,
    # English spellings appear on bilingual sites.
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
_DAYS = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_LONG_DATE = re.compile(
    rf"(?:{_DAYS},?\s*)?(?P<day>\d{{1,2}})\s+(?P<month>[a-z]{{3,9}})\.?\s+(?P<year>\d{{4}})"
    r"(?:\s*[-,|/–]?\s*(?:pukul\s*)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
    r"(?:[:.]\d{2})?)?(?:\s*(?P<zone>WITA|WIB|WIT)\b)?",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\((?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{2,4})\)")
_SHORT_DATE = re.compile(rf"\b{_DAYS}\s*\((?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})\)", re.IGNORECASE)

# Words that mark a name as a media outlet rather than a place.
_OUTLET_WORDS = re.compile(
    r"\b(?:news|pos|post|online|tv|radio|kini|terkini|warta|kabar|times|daily|media|com|net"
    r"|antara|tribun|harian|koran|berita|pers|channel|id|co|detik|kompas|suara|rakyat|ekspres"
    r"|express|today|info|portal|inews|metro|fm)\b|\w(?:kabar|news|warta|post|pos|tv)\b",
    re.IGNORECASE,
)
_CAMEL = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")
# Cities and regencies that commonly open a dateline ("|" or line separated).
_CITY_NAMES = """
jakarta|bandung|surabaya|medan|semarang|makassar|palembang|denpasar|yogyakarta|pekanbaru
padang|jambi|bengkulu|lampung|bandar lampung|serang|tangerang|bekasi|bogor|depok|pontianak
banjarmasin|samarinda|balikpapan|palangka raya|palangkaraya|tarakan|manado|gorontalo|palu
kendari|mamuju|ambon|ternate|sofifi|jayapura|manokwari|sorong|merauke|timika|nabire|kupang
mataram|bima|sumbawa|lombok|ende|maumere|atambua|labuan bajo|banda aceh|lhokseumawe
lhoksukon|langsa|meulaboh|sabang|takengon|batam|tanjung pinang|tanjungpinang|pangkalpinang
tanjung pandan|sungailiat|cilegon|sukabumi|cianjur|garut|tasikmalaya|cirebon|indramayu
karawang|purwakarta|subang|kuningan|majalengka|banyumas|purwokerto|cilacap|tegal|pekalongan
magelang|solo|surakarta|klaten|boyolali|kudus|pati|jepara|rembang|blora|malang|kediri
madiun|jember|banyuwangi|mojokerto|sidoarjo|gresik|lamongan|tuban|probolinggo|pasuruan
blitar|tulungagung|bojonegoro|sumenep|pamekasan|bangkalan|sleman|bantul|wonosari
kulon progo|singaraja|gianyar|tabanan|karangasem|badung|jimbaran|nusa kambangan
nusakambangan|binjai|tebing tinggi|pematangsiantar|siantar|sibolga|tanjung balai|kisaran
rantau prapat|labuhan batu|batu bara|labuhan ruku|lubuk pakam|tanjung morawa|padangsidimpuan
bukittinggi|payakumbuh|solok|sawahlunto|pariaman|dumai|bengkalis|bagansiapiapi|rokan hilir
siak|kampar|rengat|tembilahan|selatpanjang|muara bungo|sarolangun|kuala tungkal
lubuklinggau|prabumulih|lahat|muara enim|sekayu|baturaja|kayuagung|curup|argamakmur|metro
kotabumi|kalianda|pringsewu|singkawang|sanggau|sintang|ketapang|sambas|putussibau|sampit
pangkalan bun|kuala kapuas|buntok|muara teweh|kasongan|barabai|kotabaru|martapura|amuntai
banjarbaru|bontang|tenggarong|nunukan|malinau|tanjung selor|berau|tanjung redeb|bitung
tomohon|kotamobagu|tondano|luwuk|poso|tolitoli|parepare|palopo|bone|watampone|bulukumba
sinjai|takalar|maros|pangkep|gowa|sungguminasa|baubau|raha|kolaka|unaaha|wakatobi|tual
saumlaki|masohi|namlea|tobelo|wamena|biak|serui|fakfak|kaimana|teminabuan|pulau seribu
manila|washington|kuala lumpur|singapura
"""
CITIES = frozenset(
    name.strip() for line in _CITY_NAMES.splitlines() for name in line.split("|") if name.strip()
)
_DATELINE = re.compile(
    r"^(?P<head>[A-Z][\w.'&]*(?:[ ,]+\(?[\w.'&]+\)?){0,9}?)\s*(?:\((?P<agency>[A-Za-z .]{2,30})\))?"
    r"\s*[–—-]{1,2}\s+(?=\S)"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    city: str | None
    outlet: str | None
    length: int  # characters of the body the dateline takes


def _zone(name: str | None, default_tz: str) -> timezone | ZoneInfo:
    if name:
        return ZONES[name.upper()]
    return ZoneInfo(default_tz)


def parse_long_date(text: str, *, default_tz: str = "Asia/Jakarta") -> datetime | None:
    """The first "10 November 2022 - 20:35 WIB" style date in ``text``."""
    for match in _LONG_DATE.finditer(text):
        month = MONTHS.get(match["month"].lower())
        if month is None:
            continue
        hour = int(match["hour"]) if match["hour"] else 0
        minute = int(match["minute"]) if match["minute"] else 0
        try:
            return datetime(
                int(match["year"]), month, int(match["day"]), hour, minute,
                tzinfo=_zone(match["zone"], default_tz),
            )  # fmt: skip
        except ValueError:
            continue
    return None


def parse_numeric_date(text: str, *, default_tz: str = "Asia/Jakarta") -> datetime | None:
    """The first "(15/1/2022)" date in ``text``, at midnight local time."""
    for match in _NUMERIC_DATE.finditer(text):
        year = int(match["year"])
        year += 2000 if year < 100 else 0
        try:
            return datetime(
                year, int(match["month"]), int(match["day"]), tzinfo=ZoneInfo(default_tz)
            )
        except ValueError:
            continue
    return None


def resolve_short_date(day: int, month: int, *, reference: datetime | date) -> date | None:
    """ "Rabu (9/11)" written in an article published on ``reference``: the latest such
    date not after the publication (news reports what happened, not what will)."""
    ref = reference.date() if isinstance(reference, datetime) else reference
    for year in (ref.year, ref.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= ref + timedelta(days=1):
            return candidate
    return None


def event_dates(text: str, *, reference: datetime | date) -> list[date]:
    """Every "Rabu (9/11)" style date in ``text``, resolved against ``reference``."""
    found: list[date] = []
    for match in _SHORT_DATE.finditer(text):
        resolved = resolve_short_date(int(match["day"]), int(match["month"]), reference=reference)
        if resolved is not None and resolved not in found:
            found.append(resolved)
    return found


def parse_datetime_value(value: object, *, default_tz: str = "Asia/Jakarta") -> datetime | None:
    """A date from a record field or HTML meta tag: ISO 8601, Indonesian, or dateparser's
    best reading. Naive results get ``default_tz``."""
    if isinstance(value, datetime):
        parsed: datetime | None = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        parsed = _parse_string(value.strip(), default_tz)
    else:
        return None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(default_tz))
    return parsed


def _parse_string(value: str, default_tz: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    found = parse_long_date(value, default_tz=default_tz) or parse_numeric_date(
        value, default_tz=default_tz
    )
    if found is not None:
        return found
    import dateparser  # slow to import; only needed for unusual spellings

    parsed = dateparser.parse(
        value,
        languages=["id", "en"],
        settings={"TIMEZONE": default_tz, "RETURN_AS_TIMEZONE_AWARE": True},
    )
    return parsed if isinstance(parsed, datetime) else None


def _capwords(text: str) -> str:
    return " ".join(word.capitalize() for word in text.split())


def _city_case(text: str) -> str:
    return _capwords(text) if text.isupper() else text


def _outlet_case(text: str) -> str:
    # "KAHAYAN POS" -> "Kahayan Pos"; short one-word names ("ANTARA", "KBT") stay as written.
    if text.isupper() and (" " in text or len(text) > 6):
        return _capwords(text)
    return text


def _is_city(text: str) -> bool:
    return text.casefold().strip() in CITIES


def _is_outlet(text: str, known_outlet: str | None) -> bool:
    if known_outlet and _loose(text) == _loose(known_outlet):
        return True
    # "HebohKabar", "WartaKendari": brand names written in camel case
    return bool(_OUTLET_WORDS.search(text) or _CAMEL.search(text))


def _loose(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _split_head(parts: list[str], known_outlet: str | None) -> tuple[str | None, str | None]:
    """(city, outlet) from one or two comma-separated parts of a dateline head."""
    if len(parts) == 1:
        only = parts[0]
        if _is_city(only) or (only.isupper() and not _is_outlet(only, known_outlet)):
            return only, None
        if _is_outlet(only, known_outlet):
            return None, only
        return (only, None) if len(only.split()) <= 3 else (None, None)
    first, second = parts[0], parts[1]
    if (_is_city(second) and not _is_city(first)) or _is_outlet(first, known_outlet):
        return second, first
    return first, second


def parse_dateline(body: str, *, known_outlet: str | None = None) -> Dateline:
    """City and outlet from the start of an article body."""
    match = _DATELINE.match(body[:160])
    if match is None:
        return Dateline(None, None, 0)
    head = match["head"].strip().strip(",")
    parts = [p.strip().strip("()").strip() for p in head.split(",") if p.strip()]
    if not parts or len(parts) > 2 or any(len(p.split()) > 5 for p in parts):
        return Dateline(None, None, 0)
    if any(not word[:1].isupper() for p in parts for word in p.split() if word[:1].isalpha()):
        return Dateline(None, None, 0)
    city, outlet = _split_head(parts, known_outlet)
    if match["agency"]:
        outlet = match["agency"].strip()
    return Dateline(
        city=_city_case(city) if city else None,
        outlet=_outlet_case(outlet) if outlet else None,
        length=match.end(),
    )


_AUTHOR = re.compile(
    r"^\s*(?:penulis|reporter|pewarta|wartawan|oleh|author)\s*:\s*(?P<name>[^|,\n(]{3,80})",
    re.IGNORECASE | re.MULTILINE,
)


def find_author(text: str) -> str | None:
    """The writer named on a "Penulis:" / "Reporter:" / "Pewarta:" / "Oleh:" line."""
    match = _AUTHOR.search(text)
    return " ".join(match["name"].split()) if match else None


def now_utc() -> datetime:
    return datetime.now(UTC)
