"""What every rule-based analyser shares: masking, capped sums, fusion with the model.

Rules carry the codebook's logic as scores per class; the statistical model fills the
gaps. Fusion adds the rule scores (scaled to log-odds) to the model's log-probabilities and
normalises: when rules are silent the model decides, when rules fire strongly they decide,
and the confidence reported is the fused probability of the chosen class.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from pantau.analyse.doc import Doc, Evidence
from pantau.analyse.lexicon import Hit

MAX_REPEATS = 3  # a phrase counts at most this many times (long lists should not win)
DEFAULT_MODEL_WEIGHT = 1.0


def unmasked(hits: list[Hit], mask_label: str = "mask") -> list[Hit]:
    """Hits not covered by a mask hit (e.g. "napi kasus korupsi" covers "korupsi")."""
    masks = [(h.first_token, h.last_token) for h in hits if h.label == mask_label]
    out = []
    for hit in hits:
        if hit.label == mask_label:
            continue
        if any(a <= hit.first_token and hit.last_token <= b for a, b in masks):
            continue
        out.append(hit)
    return out


def capped_totals(hits: Iterable[Hit]) -> tuple[dict[str, float], list[Hit]]:
    """Per-label sums where one phrase counts at most MAX_REPEATS times (strongest first)."""
    by_rule: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        by_rule.setdefault((hit.label, hit.rule), []).append(hit)
    totals: dict[str, float] = {}
    kept: list[Hit] = []
    for (label, _rule), group in by_rule.items():
        group.sort(key=lambda h: abs(h.score), reverse=True)
        for hit in group[:MAX_REPEATS]:
            totals[label] = totals.get(label, 0.0) + hit.score
            kept.append(hit)
    return totals, kept


def fuse(
    rule_logits: Mapping[str, float],
    model_probs: Mapping[str, float] | None,
    classes: Iterable[str],
    *,
    model_weight: float = DEFAULT_MODEL_WEIGHT,
    rule_weight: float = 1.0,
) -> dict[str, float]:
    """Softmax of rule log-odds plus weighted model log-probabilities over ``classes``."""
    names = list(classes)
    logits = []
    for name in names:
        value = rule_weight * rule_logits.get(name, 0.0)
        if model_probs is not None and model_weight > 0:
            value += model_weight * math.log(max(model_probs.get(name, 0.0), 1e-4))
        logits.append(value)
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    return {name: e / total for name, e in zip(names, exps, strict=True)}


def best(probs: Mapping[str, float]) -> tuple[str, float]:
    name = max(probs, key=lambda k: probs[k])
    return name, probs[name]


def explain_hits(doc: Doc, label: str, prefix: str, hits: Iterable[Hit], limit: int = 8) -> None:
    """Record the strongest hits as evidence for ``label``."""
    ordered = sorted(hits, key=lambda h: abs(h.score), reverse=True)[:limit]
    for hit in ordered:
        doc.explain(label, hit.evidence(prefix))


def explain_model(doc: Doc, label: str, task: str, probs: Mapping[str, float] | None) -> None:
    if probs:
        name, p = best(probs)
        doc.explain(label, Evidence(f"model.{task}", round(p, 3), phrase=f"model: {name}"))


def model_probs(doc: Doc, task: str) -> dict[str, float] | None:
    """The statistical model's probabilities for ``task``, when a model ran."""
    predictions = doc.labels.get("_model")
    if not isinstance(predictions, dict):
        return None
    probs = predictions.get(task)
    return dict(probs) if isinstance(probs, dict) else None


def set_confidence(doc: Doc, field: str, value: float) -> None:
    confidences = doc.labels.setdefault("_confidences", {})
    confidences[field] = round(value, 4)
