"""Generating reports: one call for every format, recorded for reproducibility."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from pantau.reports.context import ReportContext, build_context
from pantau.reports.params import ReportParams
from pantau.reports.pdf import render_pdf
from pantau.reports.tables import ReportRun
from pantau.reports.tabular import render_csv, render_json, render_xlsx
from pantau.settings import Settings


class ReportFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"
    JSON = "json"


MEDIA_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.CSV: "text/csv; charset=utf-8",
    ReportFormat.JSON: "application/json",
}

RENDERERS: dict[ReportFormat, Callable[[ReportContext], bytes]] = {
    ReportFormat.PDF: render_pdf,
    ReportFormat.XLSX: render_xlsx,
    ReportFormat.CSV: render_csv,
    ReportFormat.JSON: render_json,
}


@dataclass(frozen=True, slots=True)
class GeneratedReport:
    context: ReportContext
    format: ReportFormat
    content: bytes
    run_id: int

    @property
    def filename(self) -> str:
        scope = re.sub(r"[^A-Za-z0-9]+", "_", self.context.scope_label).strip("_")
        start = self.context.period_start[:10]
        return f"laporan_{self.context.period_kind}_{start}_{scope}.{self.format.value}"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


def generate_report(
    *,
    session: Session,
    settings: Settings,
    params: ReportParams,
    fmt: ReportFormat,
    actor: str = "system",
    now: datetime | None = None,
) -> GeneratedReport:
    """Build the numbers, render them, and record the run (parameters, versions, fingerprint)."""
    context = build_context(
        session=session, params=params, timezone=settings.reports.timezone, now=now
    )
    content = RENDERERS[fmt](context)
    run = ReportRun(
        params=params.as_dict(),
        format=fmt.value,
        fingerprint=context.fingerprint,
        analyser_versions=context.analyser_versions,
        actor=actor,
    )
    session.add(run)
    session.flush()
    return GeneratedReport(context, fmt, content, run.id)
