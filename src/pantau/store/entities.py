"""Persisting what the entity analysers found: units, people, quotes, key messages.

Filled by Analysis II; called by the analysis runner after it saves an item's labels.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pantau.analyse.doc import Doc


def save_entities(session: Session, item_id: int, doc: Doc) -> None:
    """Replace the item's unit links, people, quotes and key messages with ``doc``'s."""
