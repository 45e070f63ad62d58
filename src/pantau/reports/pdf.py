"""PDF reports with WeasyPrint, from the same HTML page."""

from __future__ import annotations

from pantau.reports.context import ReportContext
from pantau.reports.page import TEMPLATES, render_html


def render_pdf(ctx: ReportContext) -> bytes:
    # Imported here: WeasyPrint costs ~0.5 s and ~40 MB, paid only when a PDF is made.
    from weasyprint import HTML

    # base_url keeps WeasyPrint from resolving anything outside the templates folder.
    document = HTML(string=render_html(ctx), base_url=str(TEMPLATES))
    result: bytes = document.write_pdf()
    return result
