"""Quality gate: the analysers' scores may not fall below the floors in baseline.json.

``heldout``: the held-out labelled files ``evals/heldout_*.jsonl`` (written apart from the
training data), each set of files against its own floors. ``dev``: the shared development
corpus beside the checkout, when present (``../shared/corpus/dev_articles.jsonl``);
measured, never trained on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pantau.analyse.entities import entity_components
from pantau.analyse.files import evaluate_records
from pantau.analyse.model import TextModels, train_models
from pantau.analyse.pipeline import Pipeline, label_components
from pantau.analyse.trainset import bundled_examples, read_jsonl

HERE = Path(__file__).parent
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gate_pipeline() -> Pipeline:
    models: TextModels = train_models(bundled_examples())
    return Pipeline(label_components(models, review_below=0.6) + entity_components())


def _check(scores: dict[str, Any], floors: dict[str, float]) -> list[str]:
    return [
        f"{metric}: {scores.get(metric)} < floor {floor}"
        for metric, floor in floors.items()
        if scores.get(metric) is None or float(scores[metric]) < floor
    ]


@pytest.mark.parametrize("name", sorted(BASELINE["heldout"]))
def test_heldout_scores_stay_above_their_floors(gate_pipeline: Pipeline, name: str) -> None:
    spec = BASELINE["heldout"][name]
    paths = [HERE / file for file in spec["files"]]
    missing = [path.name for path in paths if not path.is_file()]
    assert not missing, f"held-out files named in baseline.json are missing: {missing}"
    records = [record for path in paths for record in read_jsonl(path)]
    scores = evaluate_records(gate_pipeline, records).flat()
    failures = _check(scores, spec["floors"])
    assert not failures, f"{name} held-out quality fell: {failures} (all scores: {scores})"


def test_every_heldout_file_is_gated() -> None:
    gated = {file for spec in BASELINE["heldout"].values() for file in spec["files"]}
    assert {path.name for path in HERE.glob("heldout_*.jsonl")} <= gated


def test_dev_corpus_meets_the_issue_floors(gate_pipeline: Pipeline, shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "dev_articles.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not present (shared corpus lives beside the checkout)")
    scores = evaluate_records(gate_pipeline, list(read_jsonl(path))).flat()
    failures = _check(scores, BASELINE["dev"])
    assert not failures, f"dev corpus below the issue's floors: {failures} (all: {scores})"
