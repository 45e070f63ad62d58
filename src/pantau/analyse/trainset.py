"""Labelled examples: the bundled corpus, the seed items and analysts' corrections.

Everything here is in the repository (``pantau/demo/corpus/*.jsonl`` and
``pantau/analyse/training/*.jsonl``), so a fresh clone rebuilds the same model.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pantau.errors import PantauError

PACKAGE = Path(__file__).resolve().parents[1]
BUNDLED_DIRS = (PACKAGE / "demo" / "corpus", PACKAGE / "analyse" / "training")


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    title: str
    text: str
    labels: dict[str, Any] = field(default_factory=dict)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file; a broken line raises with its number."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise PantauError(
                    f"{path}:{number}: baris bukan JSON yang sah ({error.msg})"
                ) from None
            if not isinstance(record, dict):
                raise PantauError(f"{path}:{number}: baris harus berupa objek JSON")
            yield record


def example_of(record: dict[str, Any], *, source: str) -> Example:
    labels = record.get("labels") or {}
    return Example(
        id=f"{source}:{record.get('id', '')}",
        title=str(record.get("title") or ""),
        text=str(record.get("text") or record.get("body") or ""),
        labels=dict(labels),
    )


def load_examples(paths: Iterable[Path]) -> list[Example]:
    out: list[Example] = []
    for path in paths:
        out.extend(example_of(r, source=path.stem) for r in read_jsonl(path) if r.get("labels"))
    return out


def bundled_paths() -> list[Path]:
    return sorted(p for d in BUNDLED_DIRS if d.is_dir() for p in d.glob("*.jsonl"))


def bundled_examples() -> list[Example]:
    """Every labelled item shipped in the package."""
    return load_examples(bundled_paths())
