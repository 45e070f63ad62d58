"""Relevance: is the main subject the Indonesian corrections system?

Rules: institution anchors (Lapas, Rutan, warga binaan, Kalapas, remisi ...) speak for it,
weighted by where they sit (title and lead count more; page noise counts nothing);
exclusions speak against it (police custody, KPK/Kejaksaan detention, Rudenim, prisons
abroad, a verdict with no corrections angle, metaphorical "penjara", a place near a Lapas).
The main-subject test asks for an anchor in the title or the lead. The model's probability
fills in where the rules are close to their threshold.
"""

from __future__ import annotations

from pantau.analyse.doc import Doc, Evidence
from pantau.analyse.lexicon import Hit, load
from pantau.analyse.normalise import TextView
from pantau.analyse.rules import (
    capped_totals,
    explain_hits,
    explain_model,
    fuse,
    model_probs,
    set_confidence,
)

RULES_VERSION = "1"
THRESHOLD = 4.0  # net anchor score where rules alone are undecided
SCALE = 0.55  # rule score -> log-odds
# Anchors that name the corrections system itself (not a generic "tahanan" or "penjara").
STRONG = frozenset(
    {
        "lapas",
        "lembaga pemasyarakatan",
        "pemasyarakatan",
        "ditjenpas",
        "warga binaan",
        "=wbp",
        "kalapas",
        "karutan",
        "lpka",
        "bapas",
        "rupbasan",
        "remisi",
        "kadivpas",
        "=lp",
        "dirjenpas",
        "bebas bersyarat",
        "andikpas",
        "nusakambangan",
    }
)


class Relevance:
    name = "relevance"
    requires: tuple[str, ...] = ("_view", "_model")
    assigns: tuple[str, ...] = ("relevant",)

    def __init__(self, *, model_weight: float = 1.0, rule_weight: float = 1.0) -> None:
        self.lexicon = load("relevance")
        self.model_weight = model_weight
        self.rule_weight = rule_weight
        self.version = f"{RULES_VERSION}.{self.lexicon.digest}"

    def __call__(self, doc: Doc) -> None:
        view: TextView = doc.labels["_view"]
        hits = self.lexicon.match(view)
        score, kept, reasons = rule_score(hits)
        probs = model_probs(doc, "relevant")
        rule_logit = SCALE * (score - THRESHOLD)
        fused = fuse(
            {"true": rule_logit, "false": 0.0},
            {"true": probs["true"], "false": probs["false"]} if probs else None,
            ("true", "false"),
            model_weight=self.model_weight,
            rule_weight=self.rule_weight,
        )
        relevant = fused["true"] >= 0.5
        doc.labels["relevant"] = relevant
        set_confidence(doc, "relevant", max(fused["true"], fused["false"]))
        explain_hits(doc, "relevant", "relevance", kept)
        for reason in reasons:
            doc.explain("relevant", reason)
        explain_model(doc, "relevant", "relevant", probs)


def rule_score(hits: list[Hit]) -> tuple[float, list[Hit], list[Evidence]]:
    """Net anchor score after exclusions and the main-subject test, with the reasons."""
    exclusions = [h for h in hits if h.label == "exclusion"]
    # An anchor inside an exclusion ("rutan Polda", "samping Lapas") speaks for nothing.
    spans = [(h.first_token, h.last_token) for h in exclusions]
    anchors = [
        h
        for h in hits
        if h.label == "anchor"
        and not h.negated
        and not any(a <= h.first_token and h.last_token <= b for a, b in spans)
    ]
    totals, kept = capped_totals([*anchors, *exclusions])
    anchor_total = totals.get("anchor", 0.0)
    exclusion_total = totals.get("exclusion", 0.0)
    reasons: list[Evidence] = []
    strong = [h for h in anchors if h.rule in STRONG]
    prominent = [h for h in anchors if h.factor >= 1.5]
    score = anchor_total - exclusion_total
    if not prominent:
        # Not in the title or lead: at most a side mention.
        score = min(score, THRESHOLD - 1.0) - 1.0
        reasons.append(Evidence("relevance.no_anchor_in_title_or_lead", -1.0))
    if exclusions and not strong:
        score -= 3.0
        reasons.append(Evidence("relevance.exclusion_without_corrections_anchor", -3.0))
    elif anchors and not strong and not any(h.rule == "rutan" for h in anchors):
        # Only generic words (napi, penjara, tahanan): Indonesian corrections news names
        # the Lapas, Rutan or the service; foreign prisons and police cells do not.
        score = min(score, THRESHOLD - 1.5)
        reasons.append(Evidence("relevance.no_institution_named", -1.5))
    if not anchors:
        score = min(score, -4.0)
        reasons.append(Evidence("relevance.no_anchor", -4.0))
    return score, kept, reasons
