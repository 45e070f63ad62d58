"""Made-up response sheets for benchmarks and demos (no real respondents)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from pantau.surveys.instrument import Instrument

BAD_EVERY = 97  # one row in 97 carries an answer outside 1..4


def write_sheet(path: Path, instrument: Instrument, rows: int) -> int:
    """A Google-Forms-like XLSX with ``rows`` responses; returns how many rows are bad."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Jawaban")
    sheet.append(["Timestamp", *[e.label for e in instrument.elements], "Saran dan masukan"])
    start = datetime(2026, 1, 5, 8, 0)
    bad = 0
    for i in range(rows):
        answers: list[object] = [1 + (i * 5 + k * 7) % 4 for k in range(len(instrument.elements))]
        if i % BAD_EVERY == 3:
            answers[0] = 7
            bad += 1
        sheet.append([start + timedelta(seconds=37 * i), *answers, "Antrean lama" if i % 9 else ""])
    book.save(path)
    return bad
