"""Tone toward the institution, the headline's own tone, and the headline mismatch flag.

The codebook asks for the reputational effect, not the mood of the words: event frames
carry that ("petugas menggagalkan penyelundupan sabu" is positive; "napi kabur ... ditangkap
kembali" stays an escape; "Kalapas membantah ada pungli" keeps the allegation as the news).
Offences named as an inmate's record ("napi kasus korupsi") are masked, so a remisi story
that lists the crimes is not read as crime news.
"""

from __future__ import annotations

from pantau.analyse.doc import Doc, Evidence
from pantau.analyse.lexicon import Hit, load
from pantau.analyse.normalise import TextView
from pantau.analyse.rules import (
    best,
    capped_totals,
    explain_hits,
    explain_model,
    fuse,
    model_probs,
    set_confidence,
    unmasked,
)
from pantau.vocab import Tone

RULES_VERSION = "1"
SCALE = 0.45  # summed phrase weight -> log-odds
NEUTRAL_PRIOR = 2.0  # the score "neutral" starts with: facts with no performance shown
HEADLINE_NEUTRAL_PRIOR = 1.5
NEGATIVE_EVENT_BOOST = 1.15  # codebook: failure outweighs routine praise in the same item
TONES = (Tone.POSITIVE.value, Tone.NEUTRAL.value, Tone.NEGATIVE.value)


class ToneAnalyser:
    name = "tone"
    requires: tuple[str, ...] = ("_view", "_model", "relevant")
    assigns: tuple[str, ...] = ("tone", "headline_tone", "headline_mismatch", "_tone_hits")

    def __init__(self, *, model_weight: float = 1.0, rule_weight: float = 1.0) -> None:
        self.lexicon = load("tone")
        self.model_weight = model_weight
        self.rule_weight = rule_weight
        self.version = f"{RULES_VERSION}.{self.lexicon.digest}"

    def __call__(self, doc: Doc) -> None:
        if not doc.labels.get("relevant"):
            doc.labels.update(tone=None, headline_tone=None, headline_mismatch=False)
            doc.labels["_tone_hits"] = []
            return
        view: TextView = doc.labels["_view"]
        hits = unmasked(self.lexicon.match(view))
        doc.labels["_tone_hits"] = hits
        totals, kept = capped_totals(hits)
        probs = model_probs(doc, "tone")
        fused = fuse(
            tone_logits(totals, NEUTRAL_PRIOR),
            probs,
            TONES,
            model_weight=self.model_weight,
            rule_weight=self.rule_weight,
        )
        tone, confidence = best(fused)
        doc.labels["tone"] = tone
        set_confidence(doc, "tone", confidence)
        explain_hits(doc, "tone", "tone", kept)
        explain_model(doc, "tone", "tone", probs)
        self._headline(doc, [h for h in hits if h.in_title], tone)

    def _headline(self, doc: Doc, title_hits: list[Hit], tone: str) -> None:
        totals, kept = capped_totals(title_hits)
        probs = fuse(tone_logits(totals, HEADLINE_NEUTRAL_PRIOR), None, TONES)
        headline, _ = best(probs)
        doc.labels["headline_tone"] = headline
        explain_hits(doc, "headline_tone", "headline", kept, limit=4)
        mismatch = headline == Tone.NEGATIVE and tone != Tone.NEGATIVE
        doc.labels["headline_mismatch"] = mismatch
        if mismatch:
            doc.explain(
                "headline_mismatch",
                Evidence(
                    "headline.negative_title_on_non_negative_body",
                    1.0,
                    doc.title,
                    0,
                    len(doc.title),
                ),
            )


def tone_logits(totals: dict[str, float], neutral_prior: float) -> dict[str, float]:
    """Per-tone log-odds from summed rule weights."""
    return {
        Tone.NEGATIVE.value: SCALE * NEGATIVE_EVENT_BOOST * totals.get("negative", 0.0),
        Tone.POSITIVE.value: SCALE * totals.get("positive", 0.0),
        Tone.NEUTRAL.value: SCALE * (neutral_prior + 0.5 * totals.get("neutral", 0.0)),
    }
