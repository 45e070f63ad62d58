"""Running the analysis over stored items, and analysts' corrections.

The runner writes one :class:`Analysis` row per item with the labels, the evidence behind
them, the version of every analyser that made them, a confidence and the review flag.
Fields an analyst corrected are listed in ``Analysis.locked`` and are never overwritten;
the labels that depend on them are kept consistent (a locked "not relevant" item has no
tone; a locked negative tone makes the topic "incident").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pantau.analyse.doc import Doc
from pantau.analyse.pipeline import Pipeline, explanation_json, public_labels
from pantau.errors import NotFound, PantauError
from pantau.store.base import utcnow
from pantau.store.entities import save_entities
from pantau.store.stories import assign_stories
from pantau.store.tables import Analysis, AuditLog, Correction, Item
from pantau.vocab import CrisisCategory, Tone, Topic

BATCH = 200
LABEL_FIELDS = (
    "relevant",
    "tone",
    "headline_tone",
    "headline_mismatch",
    "crisis_category",
    "severity",
    "topic",
    "province",
    "city",
)
CORRECTABLE: dict[str, tuple[str, ...] | None] = {
    "relevant": ("true", "false"),
    "tone": tuple(t.value for t in Tone),
    "headline_tone": tuple(t.value for t in Tone),
    "crisis_category": tuple(c.value for c in CrisisCategory),
    "topic": tuple(t.value for t in Topic),
    "province": None,  # free text: the official province name
}


class InvalidCorrection(PantauError):
    """A correction naming an unknown field or a value outside the codebook."""


@dataclass
class AnalyseResult:
    analysed: int = 0
    skipped: int = 0
    needs_review: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def items_to_analyse(session: Session, *, mode: str, versions: dict[str, str]) -> list[int]:
    """Ids of items to (re-)analyse: "all", "new" (no analysis yet) or "outdated"."""
    rows = session.execute(
        select(Item.id, Analysis.versions).outerjoin(Analysis, Analysis.item_id == Item.id)
    ).all()
    if mode == "all":
        return [r[0] for r in rows]
    if mode == "new":
        return [r[0] for r in rows if r[1] is None]
    if mode == "outdated":
        return [r[0] for r in rows if r[1] is None or _outdated(r[1], versions)]
    raise PantauError(f"mode analisis tidak dikenal: {mode!r} (all, new, outdated)")


def _outdated(stored: dict[str, Any], current: dict[str, str]) -> bool:
    return any(stored.get(name) != version for name, version in current.items())


def doc_of(item: Item) -> Doc:
    return Doc(
        title=item.title or "",
        body=item.body or "",
        published_at=item.published_at,
        outlet=item.outlet.name if item.outlet else None,
        dateline=item.dateline,
        channel=item.channel,
    )


def analyse_items(
    session: Session,
    *,
    pipeline: Pipeline,
    item_ids: Sequence[int],
    on_progress: Callable[[int], None] | None = None,
) -> AnalyseResult:
    """Analyse ``item_ids`` in batches, save labels and entities, then group stories."""
    result = AnalyseResult()
    versions = pipeline.versions
    unclustered: list[int] = []
    for start in range(0, len(item_ids), BATCH):
        chunk = list(item_ids[start : start + BATCH])
        items = session.scalars(
            select(Item).where(Item.id.in_(chunk)).options(selectinload(Item.outlet))
        ).all()
        docs = list(pipeline.pipe(doc_of(item) for item in items))
        for item, doc in zip(items, docs, strict=True):
            analysis = save_analysis(session, item=item, doc=doc, versions=versions)
            save_entities(session, item.id, doc)
            if item.story_id is None:
                unclustered.append(item.id)
            result.analysed += 1
            result.needs_review += int(analysis.needs_review)
            key = analysis.tone or "irrelevant"
            result.counts[key] = result.counts.get(key, 0) + 1
        session.flush()
        if on_progress is not None:
            on_progress(len(chunk))
    # Stories group copies by their text, which re-analysis does not change: only items
    # not yet in a story are clustered (assign_stories would accept placed items too, it
    # is idempotent, but re-signing unchanged texts is wasted work).
    assign_stories(session, unclustered)
    return result


def save_analysis(session: Session, *, item: Item, doc: Doc, versions: dict[str, str]) -> Analysis:
    """Write ``doc``'s labels into the item's analysis, keeping locked fields."""
    labels = public_labels(doc)
    analysis = item.analysis
    if analysis is None:
        analysis = Analysis(item_id=item.id, locked=[])
        session.add(analysis)
        item.analysis = analysis
    locked = set(analysis.locked or [])
    values = {name: labels.get(name) for name in LABEL_FIELDS}
    values["headline_mismatch"] = bool(values["headline_mismatch"])
    values["severity"] = float(values["severity"] or 0.0)
    values["crisis_category"] = values["crisis_category"] or CrisisCategory.NONE.value
    for name in locked:
        if name in values:
            values[name] = getattr(analysis, name)
    _keep_consistent(values, locked)
    for name, value in values.items():
        setattr(analysis, name, value)
    analysis.confidence = float(labels.get("confidence") or 0.0)
    analysis.needs_review = bool(labels.get("needs_review")) and not locked
    explanation = explanation_json(doc)
    if locked:
        explanation["locked"] = [{"rule": "analyst.correction", "fields": sorted(locked)}]
    analysis.explanation = explanation
    analysis.versions = dict(versions)
    analysis.analysed_at = utcnow()
    return analysis


def _keep_consistent(values: dict[str, Any], locked: set[str]) -> None:
    """Labels that depend on a locked one follow it (unless locked themselves)."""
    if not values.get("relevant"):
        for name, empty in (
            ("tone", None),
            ("headline_tone", None),
            ("topic", None),
            ("crisis_category", CrisisCategory.NONE.value),
        ):
            if name not in locked:
                values[name] = empty
        return
    tone = values.get("tone")
    if tone is None and "tone" not in locked:
        values["tone"] = tone = Tone.NEUTRAL.value
    if tone == Tone.NEGATIVE:
        if "topic" not in locked:
            values["topic"] = Topic.INCIDENT.value
        if "crisis_category" not in locked and values["crisis_category"] == CrisisCategory.NONE:
            values["crisis_category"] = CrisisCategory.OTHER_NEGATIVE.value
    else:
        if "crisis_category" not in locked:
            values["crisis_category"] = CrisisCategory.NONE.value
            values["severity"] = 0.0
        if values.get("topic") in (None, Topic.INCIDENT) and "topic" not in locked:
            values["topic"] = Topic.OTHER.value


def parse_value(field_name: str, value: str | bool | None) -> str | bool | None:
    """Check a corrected value against the codebook; Indonesian message when wrong."""
    if field_name not in CORRECTABLE:
        allowed = ", ".join(CORRECTABLE)
        raise InvalidCorrection(f"kolom {field_name!r} tidak bisa dikoreksi (pilihan: {allowed})")
    if isinstance(value, str):
        value = value.strip()
    if value in (None, "", "null", "none") and field_name in ("tone", "topic", "province"):
        return None
    if field_name == "relevant":
        text = str(value).lower()
        if text in ("true", "ya", "1", "relevan"):
            return True
        if text in ("false", "tidak", "0", "tidak relevan"):
            return False
        raise InvalidCorrection("nilai relevant harus true atau false")
    choices = CORRECTABLE[field_name]
    if choices is not None and value not in choices:
        options = ", ".join(choices)
        raise InvalidCorrection(
            f"nilai {value!r} tidak ada di codebook untuk {field_name} (pilihan: {options})"
        )
    return value


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
    value = parse_value(field, new_value)
    if not actor.strip():
        raise InvalidCorrection("nama pengoreksi (actor) wajib diisi")
    item = session.get(Item, item_id)
    if item is None:
        raise NotFound(f"item {item_id} tidak ditemukan")
    analysis = item.analysis
    if analysis is None:
        raise NotFound(f"item {item_id} belum dianalisis; jalankan `pantau analyse` dahulu")
    old = getattr(analysis, field)
    setattr(analysis, field, value)
    locked = sorted({*(analysis.locked or []), field})
    analysis.locked = locked
    values = {name: getattr(analysis, name) for name in LABEL_FIELDS}
    _keep_consistent(values, set(locked))
    for name, current in values.items():
        setattr(analysis, name, current)
    analysis.needs_review = False
    correction = Correction(
        item_id=item_id,
        field=field,
        old_value=_text(old),
        new_value=_text(value),
        reason=reason,
        actor=actor,
    )
    session.add(correction)
    session.add(
        AuditLog(
            actor=actor,
            action="label.correct",
            target=f"item:{item_id}",
            detail={"field": field, "old": _text(old), "new": _text(value), "reason": reason},
        )
    )
    session.flush()
    return correction


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def review_queue(session: Session, *, limit: int = 50) -> list[tuple[Item, Analysis]]:
    """Items whose confidence fell below the review threshold, least confident first."""
    rows = session.execute(
        select(Item, Analysis)
        .join(Analysis, Analysis.item_id == Item.id)
        .where(Analysis.needs_review.is_(True))
        .order_by(Analysis.confidence.asc(), Item.id.asc())
        .limit(limit)
    ).all()
    return [(row[0], row[1]) for row in rows]
