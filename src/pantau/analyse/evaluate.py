"""Scoring analyses against codebook labels.

Relevance on every item (F1 of the "relevant" class), tone on items labelled relevant,
crisis category on items labelled negative, topic on items labelled relevant; units (F1
over unit keys: type and place, class ignored, aliases resolved) and province (accuracy)
on items labelled relevant. Each task reports precision, recall and F1 per class, macro-F1,
accuracy and a confusion matrix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pantau.analyse.units import unit_key


@dataclass
class TaskScore:
    name: str
    labels: list[str]
    confusion: dict[str, dict[str, int]]  # gold -> predicted -> count
    n: int
    accuracy: float
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    macro_f1: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class": {
                k: {m: round(v, 4) for m, v in d.items()} for k, d in self.per_class.items()
            },
            "confusion": self.confusion,
        }


def score_task(name: str, pairs: Sequence[tuple[str, str]]) -> TaskScore:
    """Per-class precision/recall/F1, macro-F1, accuracy and confusion of (gold, predicted)."""
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    confusion = {g: dict.fromkeys(labels, 0) for g in labels}
    for gold, predicted in pairs:
        confusion[gold][predicted] += 1
    n = len(pairs)
    correct = sum(1 for g, p in pairs if g == p)
    score = TaskScore(name, labels, confusion, n, correct / n if n else 0.0)
    f1s = []
    for label in labels:
        tp = confusion[label][label]
        n_predicted = sum(confusion[g][label] for g in labels)
        n_gold = sum(confusion[label].values())
        precision = tp / n_predicted if n_predicted else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        score.per_class[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": float(n_gold),
        }
        if n_gold:
            f1s.append(f1)
    score.macro_f1 = sum(f1s) / len(f1s) if f1s else 0.0
    return score


@dataclass
class Report:
    tasks: dict[str, TaskScore]
    units_f1: float | None
    province_accuracy: float | None
    n_items: int
    calibration_error: float | None = None

    def flat(self) -> dict[str, float | None]:
        """The headline numbers under their stable keys (``pantau eval --json``)."""
        rel = self.tasks["relevance"].per_class.get("true", {})

        def task(name: str, metric: str) -> float | None:
            score = self.tasks[name]
            return None if score.n == 0 else _r(getattr(score, metric))

        return {
            "relevance.f1": _r(rel.get("f1", 0.0)),
            "relevance.accuracy": _r(self.tasks["relevance"].accuracy),
            "tone.accuracy": task("tone", "accuracy"),
            "tone.macro_f1": task("tone", "macro_f1"),
            "crisis_category.accuracy": task("crisis_category", "accuracy"),
            "crisis_category.macro_f1": task("crisis_category", "macro_f1"),
            "topic.accuracy": task("topic", "accuracy"),
            "topic.macro_f1": task("topic", "macro_f1"),
            "units.f1": None if self.units_f1 is None else _r(self.units_f1),
            "province.accuracy": None
            if self.province_accuracy is None
            else _r(self.province_accuracy),
            "confidence.ece": None
            if self.calibration_error is None
            else _r(self.calibration_error),
            "items": self.n_items,
        }


def _r(value: float) -> float:
    return round(value, 4)


def _s(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def evaluate(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Report:
    """Score (gold labels, predicted labels) pairs as the codebook says."""
    rel: list[tuple[str, str]] = []
    tone: list[tuple[str, str]] = []
    crisis: list[tuple[str, str]] = []
    topic: list[tuple[str, str]] = []
    unit_counts: Counter[str] = Counter()
    province: list[bool] = []
    calibration: list[tuple[float, bool]] = []
    n = 0
    for gold, pred in pairs:
        n += 1
        rel.append((_s(bool(gold.get("relevant"))), _s(bool(pred.get("relevant")))))
        if isinstance(pred.get("confidence"), int | float):
            calibration.append((float(pred["confidence"]), _all_correct(gold, pred)))
        if not gold.get("relevant"):
            continue
        tone.append((_s(gold.get("tone")), _s(pred.get("tone"))))
        topic.append((_s(gold.get("topic")), _s(pred.get("topic"))))
        if gold.get("tone") == "negative":
            crisis.append((_s(gold.get("crisis_category")), _s(pred.get("crisis_category"))))
        if "units" in pred:
            _count_units(unit_counts, gold.get("units") or [], pred.get("units") or [])
        if "province" in pred:
            province.append(gold.get("province") == pred.get("province"))
    tasks = {
        "relevance": score_task("relevance", rel),
        "tone": score_task("tone", tone),
        "crisis_category": score_task("crisis_category", crisis),
        "topic": score_task("topic", topic),
    }
    return Report(tasks, _units_f1(unit_counts), _mean(province), n, _ece(calibration))


def _all_correct(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """Whether every label the item's confidence covers is right."""
    if bool(gold.get("relevant")) != bool(pred.get("relevant")):
        return False
    if not gold.get("relevant"):
        return True
    fields = ["tone", "topic"] + (["crisis_category"] if gold.get("tone") == "negative" else [])
    return all(gold.get(f) == pred.get(f) for f in fields)


def _ece(pairs: list[tuple[float, bool]], bins: int = 10) -> float | None:
    """Expected calibration error: |confidence - accuracy| averaged over 10 confidence bins."""
    if not pairs:
        return None
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        group = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if group:
            confidence = sum(c for c, _ in group) / len(group)
            accuracy = sum(1 for _, ok in group if ok) / len(group)
            total += len(group) / len(pairs) * abs(confidence - accuracy)
    return total


def _count_units(counts: Counter[str], gold: list[Any], predicted: list[Any]) -> None:
    gold_keys = {unit_key(_unit_name(u)) for u in gold}
    pred_keys = {unit_key(_unit_name(u)) for u in predicted}
    counts["tp"] += len(gold_keys & pred_keys)
    counts["fp"] += len(pred_keys - gold_keys)
    counts["fn"] += len(gold_keys - pred_keys)
    counts["seen"] += 1


def _unit_name(unit: Any) -> str:
    if isinstance(unit, dict):
        return str(unit.get("name") or unit.get("unit") or "")
    return str(unit)


def _units_f1(counts: Counter[str]) -> float | None:
    if not counts["seen"]:
        return None
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    if tp + fp + fn == 0:
        return 1.0
    return 2 * tp / (2 * tp + fp + fn)


def _mean(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None
