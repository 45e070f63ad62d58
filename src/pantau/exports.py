"""Safe values for spreadsheets: a cell that starts like a formula is neutralised.

Excel, LibreOffice and Google Sheets run a cell starting with = + - @ (or a tab or carriage
return followed by one) as a formula; a hostile headline could then exfiltrate data. The
cell keeps its text behind a leading apostrophe, which spreadsheets show as plain text.
"""

from __future__ import annotations

from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Return ``value`` unchanged unless it is text that a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
