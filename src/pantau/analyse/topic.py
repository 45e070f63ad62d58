"""Topic: negative items take "incident"; others take the topic of their subject."""

from __future__ import annotations

from pantau.analyse.doc import Doc, Evidence
from pantau.analyse.lexicon import load
from pantau.analyse.normalise import TextView
from pantau.analyse.rules import (
    best,
    capped_totals,
    explain_hits,
    explain_model,
    fuse,
    model_probs,
    set_confidence,
)
from pantau.vocab import Tone, Topic

RULES_VERSION = "1"
SCALE = 0.3  # topic lexicons overlap; the model separates topics better (measured)
OTHER_PRIOR = 1.5
TOPICS = tuple(t.value for t in Topic if t is not Topic.INCIDENT)


class TopicAnalyser:
    name = "topic"
    requires: tuple[str, ...] = ("_view", "_model", "relevant", "tone")
    assigns: tuple[str, ...] = ("topic",)

    def __init__(self, *, model_weight: float = 1.0, rule_weight: float = 1.0) -> None:
        self.lexicon = load("topic")
        self.model_weight = model_weight
        self.rule_weight = rule_weight
        self.version = f"{RULES_VERSION}.{self.lexicon.digest}"

    def __call__(self, doc: Doc) -> None:
        if not doc.labels.get("relevant"):
            doc.labels["topic"] = None
            return
        if doc.labels.get("tone") == Tone.NEGATIVE:
            doc.labels["topic"] = Topic.INCIDENT.value
            set_confidence(doc, "topic", 1.0)
            doc.explain("topic", Evidence("topic.negative_is_incident", 1.0))
            return
        view: TextView = doc.labels["_view"]
        hits = [h for h in self.lexicon.match(view) if not h.negated]
        totals, kept = capped_totals(hits)
        logits = {t: SCALE * totals.get(t, 0.0) for t in TOPICS}
        logits[Topic.OTHER.value] += SCALE * OTHER_PRIOR
        probs = model_probs(doc, "topic")
        fused = fuse(
            logits, probs, TOPICS, model_weight=self.model_weight, rule_weight=self.rule_weight
        )
        topic, confidence = best(fused)
        doc.labels["topic"] = topic
        set_confidence(doc, "topic", confidence)
        explain_hits(doc, "topic", "topic", [h for h in kept if h.label == topic])
        explain_model(doc, "topic", "topic", probs)


class Confidence:
    """The item's confidence (the weakest label that applies) and the review flag."""

    name = "confidence"
    version = "1"
    requires: tuple[str, ...] = ("relevant", "tone", "crisis_category", "topic")
    assigns: tuple[str, ...] = ("confidence", "needs_review")

    def __init__(self, *, review_below: float) -> None:
        self.review_below = review_below

    def __call__(self, doc: Doc) -> None:
        confidences: dict[str, float] = doc.labels.get("_confidences", {})
        fields = ["relevant"]
        if doc.labels.get("relevant"):
            fields += ["tone", "topic"]
            if doc.labels.get("tone") == Tone.NEGATIVE:
                fields.append("crisis_category")
        values = [confidences[f] for f in fields if f in confidences]
        confidence = round(min(values), 4) if values else 0.0
        doc.labels["confidence"] = confidence
        doc.labels["needs_review"] = confidence < self.review_below
