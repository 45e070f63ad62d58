"""Survey periods written the way Humas officers say them: 2026, 2026-S1, 2026-Q3, 2026-05."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from pantau.errors import RejectedInput
from pantau.store.scope import Period

WIB = ZoneInfo("Asia/Jakarta")
_PATTERN = re.compile(r"^(\d{4})(?:-(S[12]|Q[1-4]|TW[1-4]|\d{2}))?$")


def _month_start(year: int, month: int, tz: ZoneInfo) -> datetime:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime(year, month, 1, tzinfo=tz)


def parse_period(code: str, tz: ZoneInfo = WIB) -> tuple[str, Period]:
    """Normalise a period code and return it with its half-open interval in ``tz``.

    ``2026`` is the year, ``2026-S1``/``S2`` a semester, ``2026-Q1``..``Q4`` (or ``TW1``..
    ``TW4``, triwulan) a quarter and ``2026-05`` a month.
    """
    match = _PATTERN.match(code.strip().upper())
    if not match:
        raise RejectedInput(
            "periode_tidak_valid",
            f"Periode '{code}' tidak dikenal. Contoh: 2026, 2026-S1, 2026-Q3, 2026-05.",
        )
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        first, months = 1, 12
    elif part.startswith("S"):
        first, months = 1 + 6 * (int(part[1]) - 1), 6
    elif part.startswith(("Q", "TW")):
        part = "Q" + part[-1]
        first, months = 1 + 3 * (int(part[1]) - 1), 3
    else:
        first, months = int(part), 1
        if not 1 <= first <= 12:
            raise RejectedInput("periode_tidak_valid", f"Bulan pada periode '{code}' tidak ada.")
    normal = str(year) if part is None else f"{year}-{part}"
    start = _month_start(year, first, tz)
    return normal, Period(start, _month_start(year, first + months, tz))
