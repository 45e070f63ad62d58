"""Unit F1 and province accuracy on the shared dev corpus (measuring only; skips without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pantau.analyse.doc import Doc
from pantau.analyse.entities import entity_components
from pantau.analyse.units import unit_key
from pantau.ingest.clean import clean_body


def test_unit_f1_and_province_accuracy_on_dev(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "dev_articles.jsonl"
    if not path.is_file():
        pytest.skip("../shared/corpus is not here")
    components = entity_components()
    tp = fp = fn = right = total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not row["labels"]["relevant"]:
            continue
        title = row.get("title") or ""
        doc = Doc(title=title, body=clean_body(row["text"], title=title), channel=row["channel"])
        for component in components:
            component(doc)
        gold = {unit_key(u) for u in row["labels"]["units"]}
        predicted = {unit_key(u) for u in doc.labels["units"]}
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        right += doc.labels["province"] == row["labels"]["province"]
        total += 1
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.90, f1
    assert right / total >= 0.90, right / total
