"""Pipeline order checks, model persistence and versioning, metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantau.analyse.evaluate import evaluate, score_task
from pantau.analyse.model import load_models, load_or_train, model_file, save_models, train_models
from pantau.analyse.pipeline import (
    Normaliser,
    Pipeline,
    PipelineError,
    TextModelComponent,
    default_pipeline,
    label_components,
)
from pantau.analyse.relevance import Relevance
from pantau.analyse.tone import ToneAnalyser
from pantau.analyse.trainset import Example, bundled_examples
from pantau.settings import load_settings


def test_pipeline_refuses_a_component_before_its_requirements() -> None:
    with pytest.raises(PipelineError, match="membutuhkan"):
        Pipeline([Normaliser(), TextModelComponent(None), ToneAnalyser(), Relevance()])


def test_pipeline_refuses_two_components_assigning_one_label() -> None:
    with pytest.raises(PipelineError, match="diisi oleh"):
        Pipeline([Normaliser(), Normaliser()])


def test_versions_name_every_component() -> None:
    pipeline = Pipeline(label_components(None, review_below=0.6))
    assert set(pipeline.versions) == {
        "normalise", "textmodel", "relevance", "tone", "crisis", "topic", "confidence"
    }  # fmt: skip
    assert pipeline.versions["textmodel"] == "none"


def test_first_use_trains_and_saves_a_model(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    assert not model_file(settings.model_path).exists()
    pipeline = default_pipeline(settings)
    assert model_file(settings.model_path).is_file()
    saved = load_models(settings.model_path)
    assert saved is not None and pipeline.versions["textmodel"] == saved.version


def test_model_version_follows_the_data(tmp_path: Path) -> None:
    examples = bundled_examples()
    first = train_models(examples)
    again = train_models(examples)
    assert first.version == again.version  # reproducible from the repository
    extra = Example(
        "x:1", "Lapas Uji", "Warga binaan Lapas Uji ikut pelatihan.", {"relevant": True}
    )
    assert train_models([*examples, extra]).version != first.version
    saved = save_models(first, tmp_path)
    written = saved.stat().st_mtime_ns
    assert load_or_train(tmp_path, examples).version == first.version
    assert saved.stat().st_mtime_ns == written  # loaded, not retrained


def test_corrupt_model_file_is_retrained(tmp_path: Path) -> None:
    model_file(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    model_file(tmp_path).write_bytes(b"not a model")
    assert load_models(tmp_path) is None
    models = load_or_train(tmp_path, bundled_examples())
    assert load_models(tmp_path) is not None and models.heads


def test_score_task_counts_per_class() -> None:
    score = score_task("t", [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")])
    assert score.accuracy == 0.75
    assert score.confusion == {"a": {"a": 1, "b": 1}, "b": {"a": 0, "b": 2}}
    assert score.per_class["a"]["precision"] == 1.0 and score.per_class["a"]["recall"] == 0.5
    assert score.per_class["b"]["precision"] == pytest.approx(2 / 3)
    assert score.macro_f1 == pytest.approx((2 / 3 + 0.8) / 2)


def test_evaluate_scopes_tasks_as_the_codebook_says() -> None:
    gold = [
        {"relevant": True, "tone": "negative", "crisis_category": "escape", "topic": "incident",
         "units": ["Lapas Kelas IIA Palangka Raya"], "province": "Kalimantan Tengah"},
        {"relevant": True, "tone": "positive", "crisis_category": "none", "topic": "religion",
         "units": [], "province": None},
        {"relevant": False, "tone": None, "crisis_category": "none", "topic": None,
         "units": [], "province": None},
    ]  # fmt: skip
    pred = [
        {"relevant": True, "tone": "negative", "crisis_category": "drugs", "topic": "incident",
         "units": ["Lapas Palangka Raya"], "province": "Kalimantan Tengah"},
        {"relevant": True, "tone": "neutral", "crisis_category": "none", "topic": "religion",
         "units": [], "province": None},
        {"relevant": True, "tone": "positive", "crisis_category": "none", "topic": "other",
         "units": [], "province": None},
    ]  # fmt: skip
    report = evaluate(zip(gold, pred, strict=True))
    flat = report.flat()
    assert report.tasks["tone"].n == 2 and report.tasks["crisis_category"].n == 1
    assert flat["tone.accuracy"] == 0.5 and flat["crisis_category.accuracy"] == 0.0
    assert flat["relevance.f1"] == pytest.approx(0.8)
    assert flat["units.f1"] == 1.0  # class ignored when comparing units
    assert flat["province.accuracy"] == 1.0
