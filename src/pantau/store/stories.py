"""Grouping stored items into stories (near-duplicates). Filled by Analysis II."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session


def assign_stories(session: Session, item_ids: Sequence[int]) -> None:
    """Attach each item to an existing story or start a new one, incrementally."""
