"""The report's tables for spreadsheets: XLSX (one sheet per table, real types), CSV, JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pantau.exports import neutralise
from pantau.reports.context import ReportContext

PERCENT = "0.0%"


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str
    header: list[str]
    rows: list[list[Any]]
    percent_columns: frozenset[int] = frozenset()


def _bucket(value: str) -> date | str:
    return date.fromisoformat(value) if len(value) == 10 else value


def sheets(ctx: ReportContext) -> Iterator[Sheet]:
    """Every table of the report, in reading order, with typed cells."""
    h, p = ctx.headline, ctx.previous
    yield Sheet(
        "Ringkasan",
        ["Ukuran", "Periode ini", "Periode sebelumnya"],
        [
            ["Cakupan", ctx.scope_label, ""],
            ["Periode", ctx.period_title, ""],
            ["Berita relevan", h.items, p.items],
            ["Positif", h.positive, p.positive],
            ["Netral", h.neutral, p.neutral],
            ["Negatif", h.negative, p.negative],
            ["Berita krisis", h.crisis, p.crisis],
            ["Porsi positif", h.positive_share, p.positive_share],
            ["Porsi negatif", h.negative_share, p.negative_share],
            ["Porsi krisis", h.crisis_share, p.crisis_share],
        ],
    )
    yield Sheet(
        "Tren",
        ["Tanggal", "Berita", "Positif", "Netral", "Negatif"],
        [[_bucket(t.bucket), t.items, t.positive, t.neutral, t.negative] for t in ctx.trend],
    )
    for title, rows in (
        ("Kategori krisis", ctx.crisis_categories),
        ("Topik", ctx.topics),
        ("Tier media", ctx.tiers),
        ("Pesan kunci", ctx.key_messages),
    ):
        yield Sheet(
            title,
            ["Kode", "Nama", "Berita", "Porsi"],
            [[r.key, r.label, r.items, r.share] for r in rows],
            frozenset({3}),
        )
    yield Sheet(
        "Cerita",
        ["Cerita", "Berita", "Media", "Media pertama", "Pertama dimuat", "Provinsi"],
        [
            [s.title, s.items, s.outlets, s.first_outlet, s.first_seen, ", ".join(s.provinces)]
            for s in ctx.stories
        ],
    )
    yield Sheet(
        "Unit",
        [
            "Unit",
            "Jenis",
            "Provinsi",
            "Percontohan",
            "Berita",
            "Positif",
            "Negatif",
            "Krisis",
            "Porsi positif",
            "Peringkat di Kanwil",
            "Median tanggapan krisis (menit)",
        ],
        [
            [
                u.unit,
                u.type,
                u.province,
                "ya" if u.pilot else "tidak",
                u.items,
                u.positive,
                u.negative,
                u.crisis,
                u.positive_share,
                u.rank_in_kanwil,
                u.median_response_minutes,
            ]
            for u in ctx.units
        ],
        frozenset({8}),
    )
    yield Sheet(
        "Media",
        ["Media", "Tier", "Berita", "Positif", "Negatif"],
        [[o.outlet, o.tier, o.items, o.positive, o.negative] for o in ctx.outlets],
    )
    yield Sheet(
        "Juru bicara",
        ["Narasumber", "Jabatan", "Kutipan", "Berita", "Contoh kutipan"],
        [[s.speaker, s.role, s.quotes, s.items, s.example] for s in ctx.speakers],
    )
    yield Sheet(
        "Parameter",
        ["Nama", "Nilai"],
        [
            *[[k, str(v)] for k, v in ctx.params.items()],
            ["dibuat", ctx.generated_at],
            ["sidik jari", ctx.fingerprint],
            ["versi penganalisis", json.dumps(ctx.analyser_versions, ensure_ascii=False)],
        ],
    )


def render_xlsx(ctx: ReportContext) -> bytes:
    # Imported here so that loading the report formats (e.g. for the CLI) skips openpyxl.
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    header_fill = PatternFill("solid", fgColor="12315C")
    for sheet in sheets(ctx):
        ws = book.create_sheet(sheet.title[:31])
        ws.append(sheet.header)
        for cell in ws[1]:
            cell.font, cell.fill = Font(bold=True, color="FFFFFF"), header_fill
        for row in sheet.rows:
            ws.append([neutralise(v) for v in row])
        for col in sheet.percent_columns:
            for (cell,) in ws.iter_rows(min_row=2, min_col=col + 1, max_col=col + 1):
                cell.number_format = PERCENT
        if sheet.title == "Ringkasan":
            for cell_b, cell_c in ws.iter_rows(min_row=9, min_col=2, max_col=3):
                cell_b.number_format = cell_c.number_format = PERCENT
        if sheet.title == "Tren":
            for (cell,) in ws.iter_rows(min_row=2, min_col=1, max_col=1):
                cell.number_format = "yyyy-mm-dd"
        for i, _ in enumerate(sheet.header, start=1):
            ws.column_dimensions[get_column_letter(i)].width = 14 if i > 1 else 40
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render_csv(ctx: ReportContext) -> bytes:
    """All tables one after another, each under its title, separated by a blank line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for sheet in sheets(ctx):
        writer.writerow([f"# {sheet.title}"])
        writer.writerow(sheet.header)
        for row in sheet.rows:
            writer.writerow([neutralise(v.isoformat() if isinstance(v, date) else v) for v in row])
        writer.writerow([])
    # A BOM so Excel opens the UTF-8 file with Indonesian characters intact.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_json(ctx: ReportContext) -> bytes:
    return json.dumps(ctx.as_dict(), ensure_ascii=False, indent=2, default=str).encode("utf-8")
