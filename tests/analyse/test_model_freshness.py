"""A saved model is retrained when the bundled labels move on, unless analysts taught it."""

from __future__ import annotations

from pathlib import Path

from pantau.analyse.model import data_version, load_or_train, save_models, train_models
from pantau.analyse.trainset import Example, bundled_examples


def test_a_model_trained_on_older_bundled_data_is_replaced(tmp_path: Path) -> None:
    bundled = bundled_examples()
    older = train_models(bundled[:-40])
    save_models(older, tmp_path)
    loaded = load_or_train(tmp_path, bundled)
    assert loaded.version == data_version(bundled) != older.version
    assert load_or_train(tmp_path, bundled).version == loaded.version  # saved, not redone


def test_a_model_with_corrections_is_kept_for_the_database_to_retrain(tmp_path: Path) -> None:
    bundled = bundled_examples()
    correction = Example(
        id="db:1",
        title="Lapas Kendari Gelar Apel Pagi",
        text="Petugas Lapas Kendari menggelar apel pagi seperti biasa.",
        labels={"relevant": True, "tone": "neutral", "_train": ["tone"]},
    )
    corrected = train_models(
        [*bundled[:-40], correction], bundled_version=data_version(bundled[:-40])
    )
    assert corrected.has_corrections
    save_models(corrected, tmp_path)
    assert load_or_train(tmp_path, bundled).version == corrected.version


def test_a_model_that_does_not_know_its_bundled_version_is_retrained(tmp_path: Path) -> None:
    bundled = bundled_examples()
    unknown = train_models(bundled[:-40])
    unknown.bundled_version = ""  # as saved before models recorded it
    assert not unknown.has_corrections
    save_models(unknown, tmp_path)
    assert load_or_train(tmp_path, bundled).version == data_version(bundled)
