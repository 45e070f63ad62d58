"""Headline numbers shared by the dashboard, the API and the reports.

One function per number family, so the overview, its JSON twin and every report agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pantau.store.scope import Period, Scope, apply_period, apply_scope
from pantau.store.tables import Analysis, Item


@dataclass(frozen=True, slots=True)
class Headline:
    """Relevant items and their tone; crisis items are the negative ones with a category."""

    items: int
    positive: int
    neutral: int
    negative: int
    crisis: int

    def share(self, count: int) -> float:
        return count / self.items if self.items else 0.0


def headline(session: Session, scope: Scope, period: Period | None) -> Headline:
    stmt = (
        select(
            func.count(Item.id),
            func.sum(case((Analysis.tone == "positive", 1), else_=0)),
            func.sum(case((Analysis.tone == "neutral", 1), else_=0)),
            func.sum(case((Analysis.tone == "negative", 1), else_=0)),
            func.sum(case((Analysis.crisis_category != "none", 1), else_=0)),
        )
        .select_from(Item)
        .join(Analysis, Analysis.item_id == Item.id)
        .where(Analysis.relevant.is_(True))
    )
    stmt = apply_period(apply_scope(stmt, scope), period)
    total, pos, neu, neg, crisis = session.execute(stmt).one()
    return Headline(int(total or 0), int(pos or 0), int(neu or 0), int(neg or 0), int(crisis or 0))
