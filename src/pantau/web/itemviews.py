"""What the Berita pages show: filter options, item detail, CSV export, corrections."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import desc, select
from sqlalchemy.orm import Session

from pantau.errors import NotFound
from pantau.exports import neutralise
from pantau.store.listing import Row
from pantau.store.scope import Scope, scoped_items
from pantau.store.tables import (
    Analysis,
    Correction,
    Item,
    ItemKeyMessage,
    ItemUnit,
    KeyMessage,
    Outlet,
    PersonMention,
    Quote,
    Story,
    Unit,
)
from pantau.vocab import CRISIS_LABELS_ID, TONE_LABELS_ID, TOPIC_LABELS_ID
from pantau.web import highlight
from pantau.web.formatting import crisis_label, tone_label, topic_label, waktu
from pantau.web.rule_names import rule_reason

#: Fields an analyst may correct, with their allowed values (None: free text).
CORRECTABLE: dict[str, dict[str, str]] = {
    "tone": TONE_LABELS_ID,
    "crisis_category": CRISIS_LABELS_ID,
    "topic": TOPIC_LABELS_ID,
    "relevant": {"true": "Relevan", "false": "Tidak relevan"},
}
FIELD_LABELS = {
    "tone": "Tone",
    "crisis_category": "Kategori krisis",
    "topic": "Topik",
    "relevant": "Relevansi",
}
#: What an evidence entry can argue for, in Indonesian (tone, crisis, topic, relevance).
VALUE_LABELS = {
    **TONE_LABELS_ID,
    **CRISIS_LABELS_ID,
    **TOPIC_LABELS_ID,
    "true": "relevan",
    "false": "tidak relevan",
}
EXPORT_LIMIT = 50_000


def filter_options(session: Session, scope: Scope) -> dict[str, Any]:
    """Choices for the filter form, limited to what the scope can see."""
    units = select(Unit.id, Unit.name, Unit.kanwil, Unit.province).where(Unit.active.is_(True))
    if scope.unit_ids is not None:
        units = units.where(Unit.id.in_(scope.unit_ids))
    if scope.province is not None:
        units = units.where(Unit.province == scope.province)
    unit_rows = session.execute(units.order_by(Unit.name)).all()
    outlets = session.execute(
        select(Outlet.id, Outlet.name).order_by(Outlet.name).limit(1000)
    ).all()
    return {
        "tones": TONE_LABELS_ID,
        "crisis": {
            "any": "Semua isu krisis",
            **{k: v for k, v in CRISIS_LABELS_ID.items() if k != "none"},
        },
        "topics": TOPIC_LABELS_ID,
        "units": [{"id": r[0], "name": r[1]} for r in unit_rows],
        "kanwils": sorted({r[2] for r in unit_rows}),
        "provinces": sorted({r[3] for r in unit_rows}),
        "outlets": [{"id": r[0], "name": r[1]} for r in outlets],
        "channels": {"news": "Berita daring", "social": "Media sosial"},
    }


def visible_item(session: Session, scope: Scope, item_id: int) -> tuple[Item, Analysis]:
    """The item if the scope may see it; NotFound otherwise (existence is not revealed)."""
    stmt = scoped_items(scope, relevant_only=False).where(Item.id == item_id)
    row = session.execute(stmt).first()
    if row is None:
        raise NotFound("Berita tidak ditemukan.")
    return row[0], row[1]


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are shown: a ``javascript:`` URL in the data must stay text."""
    if not url:
        return None
    return url if urlparse(url.strip()).scheme.lower() in ("http", "https") else None


def item_detail(session: Session, scope: Scope, item_id: int) -> dict[str, Any]:
    item, analysis = visible_item(session, scope, item_id)
    title, paras = highlight.paragraphs(item.title, item.body, analysis.explanation or {})
    outlet = session.get(Outlet, item.outlet_id) if item.outlet_id else None
    units = session.execute(
        select(Unit.id, Unit.name, Unit.kanwil, Unit.pilot, ItemUnit.mention, ItemUnit.main)
        .join(ItemUnit, ItemUnit.unit_id == Unit.id)
        .where(ItemUnit.item_id == item.id)
        .order_by(desc(ItemUnit.main), Unit.name)
    ).all()
    evidence = [
        {
            "label": label,
            **ev,
            "direction": highlight.direction(label, str(ev.get("supports", "")), ev["weight"]),
            "reason": rule_reason(str(ev.get("rule", ""))),
        }
        for label, evs in (analysis.explanation or {}).items()
        if isinstance(evs, list)
        for ev in evs
        if isinstance(ev, dict) and isinstance(ev.get("weight"), int | float)
    ]
    return {
        "item": {
            "id": item.id,
            "title": item.title,
            "body": item.body,
            "url": safe_url(item.url),
            "published_at": item.published_at,
            "published_label": waktu(item.published_at),
            "outlet": outlet.name if outlet else "",
            "outlet_id": item.outlet_id,
            "author": item.author,
            "channel": item.channel,
            "platform": item.platform,
            "story_id": item.story_id,
        },
        "analysis": {
            "relevant": analysis.relevant,
            "tone": analysis.tone,
            "tone_label": tone_label(analysis.tone),
            "headline_tone": analysis.headline_tone,
            "headline_mismatch": analysis.headline_mismatch,
            "crisis_category": analysis.crisis_category,
            "crisis_label": crisis_label(analysis.crisis_category),
            "severity": analysis.severity,
            "topic": analysis.topic,
            "topic_label": topic_label(analysis.topic),
            "province": analysis.province,
            "city": analysis.city,
            "confidence": analysis.confidence,
            "needs_review": analysis.needs_review,
            "locked": list(analysis.locked or []),
            "versions": dict(analysis.versions or {}),
            "evidence": evidence,
        },
        "units": [
            {"id": u[0], "name": u[1], "kanwil": u[2], "pilot": u[3], "mention": u[4], "main": u[5]}
            for u in units
        ],
        "quotes": [
            {"speaker": q.speaker, "role": q.role, "text": q.text}
            for q in session.scalars(
                select(Quote).where(Quote.item_id == item.id).order_by(Quote.id)
            )
        ],
        "people": [
            {"name": p.name, "role": p.role, "is_inmate": p.is_inmate}
            for p in session.scalars(
                select(PersonMention)
                .where(PersonMention.item_id == item.id)
                .order_by(PersonMention.id)
            )
        ],
        "key_messages": list(
            session.scalars(
                select(KeyMessage.name)
                .join(ItemKeyMessage, ItemKeyMessage.key_message_id == KeyMessage.id)
                .where(ItemKeyMessage.item_id == item.id)
            )
        ),
        "story": _story(session, scope, item),
        "corrections": [
            {
                **{
                    k: getattr(c, k) for k in ("field", "old_value", "new_value", "reason", "actor")
                },
                "created_at": c.created_at,
                "when": waktu(c.created_at),
            }
            for c in session.scalars(
                select(Correction)
                .where(Correction.item_id == item.id)
                .order_by(desc(Correction.id))
            )
        ],
        "_title_segments": title,
        "_paragraphs": paras,
    }


def _story(session: Session, scope: Scope, item: Item) -> dict[str, Any] | None:
    """The item's story and its other copies that the scope may see."""
    if item.story_id is None:
        return None
    story = session.get(Story, item.story_id)
    if story is None:
        return None
    stmt = (
        scoped_items(scope)
        .add_columns(Outlet.name)
        .outerjoin(Outlet, Outlet.id == Item.outlet_id)
        .where(Item.story_id == story.id, Item.id != item.id)
        .order_by(Item.published_at, Item.id)
        .limit(50)
    )
    siblings = [
        {
            "id": it.id,
            "title": it.title,
            "outlet": name or "",
            "published_at": it.published_at,
            "when": waktu(it.published_at),
            "tone": an.tone,
        }
        for it, an, name in session.execute(stmt)
    ]
    return {
        "id": story.id,
        "title": story.title,
        "item_count": story.item_count,
        "outlet_count": story.outlet_count,
        "first_outlet": story.first_outlet,
        "siblings": siblings,
    }


def parse_correction(field: str, value: str) -> str | bool:
    """Check a correction form's field and value; ValueError with a user message if wrong."""
    if field not in CORRECTABLE:
        raise ValueError("Label ini tidak dapat dikoreksi.")
    if value not in CORRECTABLE[field]:
        raise ValueError("Nilai baru tidak dikenal.")
    return value == "true" if field == "relevant" else value


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return str(neutralise("" if value is None else str(value)))


CSV_HEADER = (
    "id",
    "tanggal",
    "judul",
    "media",
    "kanal",
    "tone",
    "kategori_krisis",
    "topik",
    "provinsi",
    "perlu_tinjauan",
    "judul_tidak_sejalan",
    "cerita",
    "url",
)


def csv_text(rows: Iterable[Row]) -> str:
    """UTF-8 CSV (with BOM so Excel reads the accents) of list rows, formulas neutralised."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow(
            [
                _cell(v)
                for v in (
                    r.id,
                    r.published_at.isoformat() if r.published_at else "",
                    r.title,
                    r.outlet,
                    r.channel,
                    r.tone,
                    r.crisis_category,
                    r.topic,
                    r.province,
                    "ya" if r.needs_review else "",
                    "ya" if r.headline_mismatch else "",
                    r.story_id,
                    r.url,
                )
            ]
        )
    return out.getvalue()


def row_dict(row: Row) -> dict[str, Any]:
    return {**asdict(row), "when": waktu(row.published_at), "url": safe_url(row.url)}
