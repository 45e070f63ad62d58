"""Persisting what the entity analysers found: units, people, quotes, key messages.

Called by the analysis runner after it saves an item's labels. Earlier rows of the item
are replaced; unit candidates an analyst already linked or dismissed are kept, so a
re-analysis does not bring a settled question back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pantau.analyse.doc import Doc
from pantau.store.tables import (
    ItemKeyMessage,
    ItemUnit,
    KeyMessage,
    PersonMention,
    Quote,
    Unit,
    UnitCandidate,
)
from pantau.store.units import ensure_seeded


def save_entities(session: Session, item_id: int, doc: Doc) -> None:
    """Replace the item's unit links, people, quotes and key messages with ``doc``'s."""
    ensure_seeded(session)
    for table in (ItemUnit, PersonMention, Quote, ItemKeyMessage):
        session.execute(delete(table).where(table.item_id == item_id))  # type: ignore[attr-defined]
    session.execute(
        delete(UnitCandidate).where(
            UnitCandidate.item_id == item_id, UnitCandidate.status == "open"
        )
    )
    _save_units(session, item_id, doc.labels)
    _save_candidates(session, item_id, doc.labels.get("unit_candidates") or [])
    for person in doc.labels.get("people") or []:
        session.add(
            PersonMention(
                item_id=item_id,
                name=str(person["name"])[:200],
                role=(person.get("role") or None),
                is_inmate=bool(person.get("is_inmate")),
            )
        )
    for quote in doc.labels.get("quotes") or []:
        session.add(
            Quote(
                item_id=item_id,
                speaker=(quote.get("speaker") or None),
                role=(quote.get("role") or None),
                text=str(quote["text"]),
            )
        )
    codes = list(dict.fromkeys(doc.labels.get("key_messages") or []))
    if codes:
        messages = session.scalars(select(KeyMessage).where(KeyMessage.code.in_(codes)))
        for message in messages:
            session.add(ItemKeyMessage(item_id=item_id, key_message_id=message.id))
    session.flush()


def _save_units(session: Session, item_id: int, labels: dict[str, Any]) -> None:
    links = labels.get("unit_links") or [
        {"name": name, "mention": name, "score": 1.0, "main": index == 0}
        for index, name in enumerate(labels.get("units") or [])
    ]
    names = [link["name"] for link in links]
    units = {u.name: u for u in session.scalars(select(Unit).where(Unit.name.in_(names)))}
    main_done = False
    for link in links:
        unit = units.get(link["name"])
        if unit is None:  # a unit the database does not know yet: keep it for review
            session.add(UnitCandidate(item_id=item_id, mention=str(link["name"])[:300], context=""))
            continue
        main = bool(link.get("main")) and not main_done
        main_done = main_done or main
        session.add(
            ItemUnit(
                item_id=item_id,
                unit_id=unit.id,
                mention=str(link.get("mention") or unit.name)[:300],
                score=float(link.get("score", 1.0)),
                main=main,
            )
        )


def _save_candidates(session: Session, item_id: int, candidates: list[dict[str, Any]]) -> None:
    settled = set(
        session.scalars(select(UnitCandidate.mention).where(UnitCandidate.item_id == item_id))
    )
    for candidate in candidates:
        mention = str(candidate["mention"])[:300]
        if mention in settled:
            continue
        settled.add(mention)
        session.add(
            UnitCandidate(item_id=item_id, mention=mention, context=str(candidate["context"]))
        )
