"""Saving analyses and analysts' corrections (contract; Analysis I fills it in)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pantau.store.tables import Correction


def correct_label(
    session: Session,
    *,
    item_id: int,
    field: str,
    new_value: str | bool | None,
    actor: str,
    reason: str = "",
) -> Correction:
    """Record an analyst's correction and lock the field against re-analysis."""
    raise NotImplementedError
