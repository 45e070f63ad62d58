"""A pipeline trained once per test session on the bundled data, in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantau.analyse.doc import Doc
from pantau.analyse.model import TextModels, train_models
from pantau.analyse.pipeline import Pipeline, label_components, make_doc, public_labels
from pantau.analyse.trainset import bundled_examples


@pytest.fixture(scope="session")
def models() -> TextModels:
    return train_models(bundled_examples())


@pytest.fixture(scope="session")
def pipeline(models: TextModels) -> Pipeline:
    return Pipeline(label_components(models, review_below=0.6))


@pytest.fixture(scope="session")
def rules_only() -> Pipeline:
    return Pipeline(label_components(None, review_below=0.6))


def analyse(pipeline: Pipeline, title: str, text: str) -> tuple[Doc, dict[str, object]]:
    doc = pipeline(make_doc(title, text))
    return doc, public_labels(doc)


@pytest.fixture
def tmp_models_dir(tmp_path: Path) -> Path:
    return tmp_path / "models"
