"""The Ringkasan context: every number of the overview with the link to its items.

Built from :mod:`pantau.store.stats` so the page, its JSON twin and the reports agree.
Results are cached per scope and period until the data changes (new items, analyses
or corrections), because at a million items each aggregation costs a full scan.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from pantau.store import stats
from pantau.store.listing import berita_href
from pantau.store.scope import Scope
from pantau.web.formatting import crisis_label, tanggal, topic_label
from pantau.web.pagecache import TTLCache, data_version
from pantau.web.periods import PeriodChoice

__all__ = ["TTLCache", "build_overview", "charts", "data_version"]

TONE_COLOURS = {"positive": "#1f8a5b", "neutral": "#8a94a6", "negative": "#c8443a"}


def _sum(points: list[stats.TrendPoint]) -> stats.Headline:
    return stats.Headline(
        sum(p.items for p in points),
        sum(p.positive for p in points),
        sum(p.neutral for p in points),
        sum(p.negative for p in points),
        sum(p.crisis for p in points),
    )


def _headline(h: stats.Headline) -> dict[str, Any]:
    return {
        **asdict(h),
        "positive_share": h.share(h.positive),
        "neutral_share": h.share(h.neutral),
        "negative_share": h.share(h.negative),
        "crisis_share": h.share(h.crisis),
    }


def _rows(rows: list[stats.ToneRow], pq: dict[str, str], key: str) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        href = berita_href(pq, **{key: row.id})
        out.append(
            {
                **asdict(row),
                "positive_share": row.positive_share,
                "negative_share": row.negative_share,
                "href": href,
                "href_negative": berita_href(pq, **{key: row.id, "tone": "negative"}),
                "href_positive": berita_href(pq, **{key: row.id, "tone": "positive"}),
            }
        )
    return out


def build_overview(
    session: Session, scope: Scope, choice: PeriodChoice, *, limit: int = 10
) -> dict[str, Any]:
    """The overview's data for ``scope`` and ``choice`` (JSON-ready)."""
    period, pq = choice.period, choice.query()
    trend = stats.trend(session, scope, period, bucket=choice.bucket, tz=choice.tz)
    head = _sum(trend)  # the trend covers the whole period: one scan instead of two
    before = stats.headline(session, scope, choice.previous().period)
    crisis = stats.crisis_categories(session, scope, period, limit=limit)
    topics = stats.topics(session, scope, period, limit=limit)
    units = stats.units(session, scope, period, limit=limit)
    return {
        "period": {
            **pq,
            "days": choice.days,
            "custom": choice.custom,
            "label": choice.label,
            "bucket": choice.bucket,
        },
        "headline": _headline(head),
        "previous": _headline(before),
        "deltas": {
            k: getattr(head, k) - getattr(before, k)
            for k in ("items", "positive", "neutral", "negative", "crisis")
        },
        "links": {
            "all": berita_href(pq),
            **{t: berita_href(pq, tone=t) for t in ("positive", "neutral", "negative")},
            "crisis": berita_href(pq, crisis="any"),
            "mismatch": berita_href(pq, mismatch=True),
        },
        "trend": [_trend_point(p, choice) for p in trend],
        "crisis_categories": [
            {
                "key": c.key,
                "label": crisis_label(c.key),
                "items": c.items,
                "href": berita_href(pq, crisis=c.key),
            }
            for c in crisis
        ],
        "topics": [
            {
                "key": c.key,
                "label": topic_label(c.key),
                "items": c.items,
                "href": berita_href(pq, topic=c.key),
            }
            for c in topics
        ],
        "stories": _rows(stats.stories(session, scope, period, limit=limit), pq, "story"),
        "units": [
            {**r, "href": f"/unit/{r['id']}?{urlencode(pq)}"} for r in _rows(units, pq, "unit")
        ],
        "outlets": _rows(stats.outlets(session, scope, period, limit=limit), pq, "outlet"),
        "spokespeople": [
            {**asdict(s), "href": berita_href(pq, speaker=s.name)}
            for s in stats.spokespeople(session, scope, period, limit=limit)
        ],
        "key_messages": _rows(stats.key_messages(session, scope, period), pq, "km"),
        "mismatches": [asdict(m) for m in stats.mismatches(session, scope, period)],
    }


def _trend_point(p: stats.TrendPoint, choice: PeriodChoice) -> dict[str, Any]:
    last = p.day + timedelta(days=6 if choice.bucket == "week" else 0)
    pq = {"start": p.day.isoformat(), "end": min(last, choice.end).isoformat()}
    return {**asdict(p), **{"range": pq}, "href": berita_href(pq), "label": tanggal(p.day)}


def charts(data: dict[str, Any]) -> dict[str, Any]:
    """Chart.js configurations (data only; pantau.js adds styling and click-through)."""
    trend = data["trend"]
    datasets = [
        {
            "label": label,
            "data": [p[key] for p in trend],
            "backgroundColor": TONE_COLOURS[key],
            "stack": "tone",
            "links": [berita_href(p["range"], tone=key) for p in trend],
        }
        for key, label in (("positive", "Positif"), ("neutral", "Netral"), ("negative", "Negatif"))
    ]
    h = data["headline"]
    return {
        "trend": {"type": "bar", "labels": [p["label"] for p in trend], "datasets": datasets},
        "tone": {
            "type": "doughnut",
            "labels": ["Positif", "Netral", "Negatif"],
            "datasets": [
                {
                    "data": [h["positive"], h["neutral"], h["negative"]],
                    "backgroundColor": list(TONE_COLOURS.values()),
                    "links": [data["links"][k] for k in ("positive", "neutral", "negative")],
                }
            ],
        },
    }
