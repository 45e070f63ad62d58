"""PDF reports with WeasyPrint, from the same HTML page."""

from __future__ import annotations

from weasyprint import HTML

from pantau.reports.context import ReportContext
from pantau.reports.page import TEMPLATES, render_html


def render_pdf(ctx: ReportContext, *, extra_sections: list[str] | None = None) -> bytes:
    # base_url keeps WeasyPrint from resolving anything outside the templates folder.
    document = HTML(string=render_html(ctx, extra_sections=extra_sections), base_url=str(TEMPLATES))
    result: bytes = document.write_pdf()
    return result
