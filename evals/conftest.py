"""Collect the quality gates (``gate*.py``) as test modules."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    if file_path.suffix == ".py" and file_path.name.startswith("gate"):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout (as in tests/conftest.py); absent means skip."""
    return Path(__file__).resolve().parents[1].parent / "shared"
