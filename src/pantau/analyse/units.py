"""Unit linking (contract; Analysis II fills it in)."""

from __future__ import annotations

import re

_CLASS = re.compile(r"\s+(?:Kelas|Klas)\s+[IV]+[AB]?\b", re.IGNORECASE)


def unit_key(name: str) -> str:
    """Compare key of a unit name: type and place, class ignored, aliases resolved."""
    return _CLASS.sub("", name).strip().casefold()
