"""Small inline SVG charts for reports: crisp in PDF, no browser or image library needed."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

TONE_COLOURS = {"positive": "#1f8a5b", "neutral": "#8a94a6", "negative": "#c0392b"}


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    colour: str
    values: list[int]


def stacked_bars(
    labels: list[str], series: list[Series], *, width: int = 680, height: int = 200
) -> str:
    """A stacked column chart; every label gets a column, thinned tick labels when crowded."""
    pad_l, pad_b, pad_t = 36, 28, 8
    inner_w, inner_h = width - pad_l - 8, height - pad_b - pad_t
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = max([*totals, 1])
    step = inner_w / max(len(labels), 1)
    bar_w = max(step * 0.72, 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img">'
    ]
    for frac in (0, 0.5, 1):
        y = pad_t + inner_h * (1 - frac)
        parts.append(
            f'<line x1="{pad_l}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e7ee"/>'
        )
        parts.append(
            f'<text x="{pad_l - 4}" y="{y + 3:.1f}" font-size="8" text-anchor="end" '
            f'fill="#5b6576">{round(top * frac)}</text>'
        )
    every = max(1, len(labels) // 12)
    for i, label in enumerate(labels):
        x = pad_l + i * step + (step - bar_w) / 2
        base = float(pad_t + inner_h)
        for s in series:
            h = inner_h * s.values[i] / top
            if h > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" '
                    f'height="{h:.1f}" fill="{s.colour}"/>'
                )
            base -= h
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - 12}" font-size="8" '
                f'text-anchor="middle" fill="#5b6576">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def hbars(rows: list[tuple[str, int]], *, colour: str = "#1d3f6e", width: int = 680) -> str:
    """Horizontal bars with their labels and values, for rankings."""
    bar_h, gap, label_w = 14, 6, 220
    height = max(len(rows), 1) * (bar_h + gap) + 4
    top = max([v for _, v in rows] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img">'
    ]
    for i, (label, value) in enumerate(rows):
        y = i * (bar_h + gap) + 2
        w = (width - label_w - 50) * value / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 11}" font-size="9" text-anchor="end" '
            f'fill="#1c2430">{escape(label[:48])}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}" rx="2"/>'
        )
        parts.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 11}" font-size="9" '
            f'fill="#1c2430">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
