"""``pantau train``: rebuild the model from the bundled labels plus analysts' corrections.

Corrected fields are the analysts' truth: each corrected item becomes a training example
for exactly the tasks whose labels were corrected (the other labels stay machine-made and
are not learned from). The new model is scored before and after on the held-out files of
the checkout (``evals/heldout_*.jsonl``) and on the corrected items themselves, saved
atomically with its version, and the run is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.analyse.evaluate import Report
from pantau.analyse.files import evaluate_records
from pantau.analyse.model import (
    TextModels,
    data_version,
    load_models,
    save_models,
    train_models,
)
from pantau.analyse.pipeline import Pipeline, label_components
from pantau.analyse.trainset import Example, bundled_examples, read_jsonl
from pantau.settings import Settings
from pantau.store.tables import Analysis, AuditLog, Item

REPO_EVALS = Path(__file__).resolve().parents[3] / "evals"
TASK_OF_FIELD = {
    "relevant": "relevant",
    "tone": "tone",
    "crisis_category": "crisis_category",
    "topic": "topic",
}


@dataclass
class TrainResult:
    version: str
    previous_version: str | None
    examples: int
    corrections: int
    trained_on: dict[str, int]
    before: dict[str, Report]
    after: dict[str, Report]
    path: Path


def correction_examples(session: Session) -> list[Example]:
    """One example per corrected item, trained only on its corrected tasks."""
    rows = session.execute(select(Item, Analysis).join(Analysis, Analysis.item_id == Item.id)).all()
    out: list[Example] = []
    for item, analysis in rows:
        tasks = [TASK_OF_FIELD[f] for f in analysis.locked or [] if f in TASK_OF_FIELD]
        if not tasks:
            continue
        labels: dict[str, Any] = {
            "relevant": analysis.relevant,
            "tone": analysis.tone,
            "crisis_category": analysis.crisis_category,
            "topic": analysis.topic,
            "_train": tasks,
        }
        out.append(Example(id=f"db:{item.id}", title=item.title, text=item.body, labels=labels))
    return out


def evaluation_sets(corrections: list[Example]) -> dict[str, list[dict[str, Any]]]:
    """Held-out files of the checkout, and the corrected items (analysts' labels)."""
    sets: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(REPO_EVALS.glob("heldout_*.jsonl")) if REPO_EVALS.is_dir() else []:
        sets[path.stem] = list(read_jsonl(path))
    if corrections:
        sets["koreksi"] = [
            {"id": e.id, "title": e.title, "text": e.text, "labels": e.labels} for e in corrections
        ]
    if not sets:  # an installed package without evals/: at least show the fit on its data
        sets["data_latih_bukan_uji"] = [
            {"id": e.id, "title": e.title, "text": e.text, "labels": e.labels}
            for e in bundled_examples()
        ]
    return sets


def _score(models: TextModels | None, sets: dict[str, list[dict[str, Any]]]) -> dict[str, Report]:
    pipeline = Pipeline(label_components(models, review_below=0.0))
    return {name: evaluate_records(pipeline, records) for name, records in sets.items()}


def train(session: Session, *, settings: Settings, actor: str = "system") -> TrainResult:
    """Train on bundled labels + corrections, report before/after, save, audit."""
    corrections = correction_examples(session)
    bundled = bundled_examples()
    examples = [*bundled, *corrections]
    previous = load_models(settings.model_path)
    sets = evaluation_sets(corrections)
    before = _score(previous, sets)
    models = train_models(examples, bundled_version=data_version(bundled))
    after = _score(models, sets)
    path = save_models(models, settings.model_path)
    session.add(
        AuditLog(
            actor=actor,
            action="model.train",
            target=f"model:{models.version}",
            detail={
                "previous": previous.version if previous else None,
                "examples": len(examples),
                "corrections": len(corrections),
                "trained_on": models.trained_on,
                "after": {name: report.flat() for name, report in after.items()},
            },
        )
    )
    return TrainResult(
        version=models.version,
        previous_version=previous.version if previous else None,
        examples=len(examples),
        corrections=len(corrections),
        trained_on=dict(models.trained_on),
        before=before,
        after=after,
        path=path,
    )


def current_models(session: Session, *, settings: Settings) -> TextModels:
    """The saved model, first retrained when missing or behind the bundled data.

    After an upgrade brings new bundled labels, the saved model (perhaps trained with
    corrections) no longer matches them; it is retrained here on the new bundled labels
    plus the corrections in the database, so neither is lost. The retraining is audited.
    """
    bundled = bundled_examples()
    models = load_models(settings.model_path)
    wanted = data_version(bundled)
    if models is not None and models.bundled_version == wanted:
        return models
    corrections = correction_examples(session)
    fresh = train_models([*bundled, *corrections], bundled_version=wanted)
    save_models(fresh, settings.model_path)
    session.add(
        AuditLog(
            actor="system",
            action="model.autotrain",
            target=f"model:{fresh.version}",
            detail={
                "previous": models.version if models else None,
                "reason": "model missing" if models is None else "bundled data changed",
                "examples": len(bundled) + len(corrections),
                "corrections": len(corrections),
            },
        )
    )
    return fresh
