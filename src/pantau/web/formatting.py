"""Numbers, dates and labels written the Indonesian way, for templates and exports."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from pantau.vocab import CRISIS_LABELS_ID, TONE_LABELS_ID, TOPIC_LABELS_ID

MONTHS_ID = (
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
)  # fmt: skip
MONTHS_LONG_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
ZONE_NAMES = {7: "WIB", 8: "WITA", 9: "WIT"}


def angka(value: float | int | None) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands separator)."""
    if value is None:
        return "–"
    return f"{round(float(value)):,}".replace(",", ".")


def persen(share: float | None, digits: int = 1) -> str:
    """0.0712 -> '7,1%'."""
    if share is None:
        return "–"
    return f"{share * 100:.{digits}f}%".replace(".", ",")


def local(value: datetime, tz: str = "Asia/Jakarta") -> datetime:
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(ZoneInfo(tz))


def tanggal(value: date | datetime | None, long: bool = False) -> str:
    """'27 Nov 2026' (or '27 November 2026')."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = local(value)
    months = MONTHS_LONG_ID if long else MONTHS_ID
    return f"{value.day} {months[value.month - 1]} {value.year}"


def waktu(value: datetime | None, tz: str = "Asia/Jakarta") -> str:
    """'27 Nov 2026 08.15 WIB'."""
    if value is None:
        return "–"
    moment = local(value, tz)
    offset = moment.utcoffset() or timedelta(0)
    zone = ZONE_NAMES.get(int(offset.total_seconds() // 3600), moment.tzname() or "")
    return f"{tanggal(moment)} {moment:%H.%M} {zone}"


def tone_label(value: str | None) -> str:
    return TONE_LABELS_ID.get(value or "", "Belum dinilai")


def crisis_label(value: str | None) -> str:
    return CRISIS_LABELS_ID.get(value or "none", value or "")


def topic_label(value: str | None) -> str:
    return TOPIC_LABELS_ID.get(value or "", value or "–")
