"""The report as one HTML page: the source of the PDF and of the dashboard's preview."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from pantau.reports.charts import TONE_COLOURS, Series, hbars, stacked_bars
from pantau.reports.context import ReportContext
from pantau.reports.period import PERIOD_LABELS_ID, PeriodKind

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _trend_svg(ctx: ReportContext) -> str:
    labels = [p.bucket[5:] if len(p.bucket) == 10 else p.bucket for p in ctx.trend]
    series = [
        Series("Positif", TONE_COLOURS["positive"], [p.positive for p in ctx.trend]),
        Series("Netral", TONE_COLOURS["neutral"], [p.neutral for p in ctx.trend]),
        Series("Negatif", TONE_COLOURS["negative"], [p.negative for p in ctx.trend]),
    ]
    return stacked_bars(labels, series)


def render_html(ctx: ReportContext, *, extra_sections: list[str] | None = None) -> str:
    """Render the report; ``extra_sections`` are trusted HTML blocks from other domains."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        ctx=ctx,
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
        period_label=PERIOD_LABELS_ID[PeriodKind(ctx.period_kind)],
        trend_svg=_trend_svg(ctx),
        crisis_svg=hbars([(r.label, r.items) for r in ctx.crisis_categories], colour="#c0392b"),
        extra_sections=extra_sections or [],
    )
