"""Classifying and scoring JSONL files of items, without a database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pantau.analyse.doc import Doc
from pantau.analyse.evaluate import Report, evaluate
from pantau.analyse.pipeline import Pipeline, explanation_json, make_doc, public_labels
from pantau.analyse.stories import StoryIndex
from pantau.analyse.trainset import read_jsonl

OUTPUT_KEYS = (
    "relevant",
    "tone",
    "headline_tone",
    "headline_mismatch",
    "crisis_category",
    "severity",
    "topic",
    "confidence",
    "needs_review",
)


def _docs(records: list[dict[str, Any]]) -> Iterator[Doc]:
    for record in records:
        yield make_doc(str(record.get("title") or ""), str(record.get("text") or ""))


def classify_records(pipeline: Pipeline, records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One result per record: its id, the labels, whatever entity components add, and why.

    ``story_key`` groups the file's own near-duplicates (syndicated copies) with the story
    index of Analysis II: the key is the id of the story's first item in the file.
    """
    stories = StoryIndex()
    for number, (record, doc) in enumerate(
        zip(records, pipeline.pipe(_docs(records)), strict=True)
    ):
        result = result_of(record.get("id"), doc)
        key = str(record.get("id") if record.get("id") is not None else number)
        units = [str(u) for u in result.get("units") or [] if isinstance(u, str)]
        result["story_key"] = stories.add(key, doc.body, title=doc.title, units=units)
        yield result


def result_of(item_id: Any, doc: Doc) -> dict[str, Any]:
    labels = public_labels(doc)
    out: dict[str, Any] = {"id": item_id}
    out.update({k: labels.get(k) for k in OUTPUT_KEYS})
    out.update({k: v for k, v in labels.items() if k not in out})
    out["explanation"] = explanation_json(doc)
    return out


def classify_file(pipeline: Pipeline, path: Path) -> Iterator[dict[str, Any]]:
    return classify_records(pipeline, list(read_jsonl(path)))


def evaluate_records(pipeline: Pipeline, records: list[dict[str, Any]]) -> Report:
    labelled = [r for r in records if isinstance(r.get("labels"), dict)]
    pairs = (
        (record["labels"], public_labels(doc))
        for record, doc in zip(labelled, pipeline.pipe(_docs(labelled)), strict=True)
    )
    return evaluate(pairs)


def evaluate_file(pipeline: Pipeline, path: Path) -> Report:
    return evaluate_records(pipeline, list(read_jsonl(path)))
