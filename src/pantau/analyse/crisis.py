"""Crisis category of a negative item, with a severity score in [0, 1].

Category scores come from the crisis lexicon (title and lead weigh more), fused with the
model. Then the codebook's precedence rules:
1. officers as the wrongdoers: money -> extortion_corruption, anything else they do on
   purpose -> staff_misconduct; negligence (lalai, lengah, tertidur, terlambat) with no
   deliberate act leaves a death, an escape or a fire in its own category;
2. the first cause decides: a natural disaster that lets inmates flee is fire_disaster,
   torture that sparks a riot is staff_misconduct, a riot with burned mattresses stays
   violence_riot, an inmate beaten to death by other inmates is violence_riot.
"""

from __future__ import annotations

import math

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
)
from pantau.vocab import CrisisCategory as C
from pantau.vocab import Tone

RULES_VERSION = "3"
SCALE = 0.5
CATEGORIES = tuple(c.value for c in C if c is not C.NONE)
BASE_SEVERITY: dict[str, float] = {
    C.ESCAPE: 0.6,
    C.VIOLENCE_RIOT: 0.6,
    C.DEATH_HEALTH: 0.55,
    C.FIRE_DISASTER: 0.55,
    C.DRUGS: 0.5,
    C.EXTORTION_CORRUPTION: 0.5,
    C.STAFF_MISCONDUCT: 0.5,
    C.CONTRABAND_PHONE: 0.4,
    C.OVERCROWDING: 0.3,
    C.OTHER_NEGATIVE: 0.25,
}
NATURAL = frozenset({"=gempa", "=gempa bumi", "=banjir", "=kebanjiran", "=terendam", "=tsunami",
                     "=longsor", "=angin puting beliung", "=korsleting", "=korsleting listrik",
                     "=kebakaran", "=terbakar"})  # fmt: skip
MONEY_WEIGHT = 2.5  # strong money words (pungli, suap, pemerasan), not "Rp" or "juta"
RIOT_WORDS = frozenset({"rusuh", "ricuh", "kelahi", "keroyok", "bentrok", "=mengamuk", "=tawuran"})
# Inmates beating, stabbing or fighting one another: when someone dies of it the death is
# the consequence and the violence the first cause (codebook precedence 2).
BEATING_WORDS = frozenset({"kelahi", "aniaya", "keroyok", "bentrok", "=tusuk", "=ditusuk",
                           "=menusuk", "=bacok", "=dibacok", "=dibunuh", "=dipukul",
                           "=memukul", "=tawuran", "=diserang", "=menyerang"})  # fmt: skip
SELF_INFLICTED = frozenset({"bunuh diri", "gantung diri"})
# Officers acting on purpose against inmates or visitors: these keep an item with
# negligence words in staff_misconduct.
DELIBERATE_WORDS = frozenset({"siksa", "aniaya", "=dipukul", "=memukul", "=pelecehan",
                              "=dilecehkan", "cabul", "=mesum", "=asusila", "=mabuk"})  # fmt: skip
# Events that stay in their own category when officers were only negligent.
NEGLIGENT_EVENTS = (C.DEATH_HEALTH.value, C.ESCAPE.value, C.FIRE_DISASTER.value)
SEVERE_WORDS = frozenset({"=tewas", "meninggal dunia", "=meninggal", "bunuh diri", "=mayat"})


class CrisisAnalyser:
    name = "crisis"
    requires: tuple[str, ...] = ("_view", "_model", "tone")
    assigns: tuple[str, ...] = ("crisis_category", "severity")

    def __init__(self, *, model_weight: float = 1.0, rule_weight: float = 1.0) -> None:
        self.lexicon = load("crisis")
        self.model_weight = model_weight
        self.rule_weight = rule_weight
        self.version = f"{RULES_VERSION}.{self.lexicon.digest}"

    def __call__(self, doc: Doc) -> None:
        if doc.labels.get("tone") != Tone.NEGATIVE:
            doc.labels.update(crisis_category=C.NONE.value, severity=0.0)
            return
        view: TextView = doc.labels["_view"]
        hits = [h for h in self.lexicon.match(view) if not h.negated]
        totals, kept = capped_totals(hits)
        probs = model_probs(doc, "crisis_category")
        logits = {c: SCALE * totals.get(c, 0.0) for c in CATEGORIES}
        logits[C.OTHER_NEGATIVE.value] += SCALE * 1.0  # the fallback when nothing else fits
        fused = fuse(
            logits, probs, CATEGORIES, model_weight=self.model_weight, rule_weight=self.rule_weight
        )
        category, confidence = best(fused)
        override = precedence(hits, totals, category) if self.rule_weight > 0 else None
        if override is not None:
            category, rule = override
            confidence = max(confidence, 0.7)
            doc.explain("crisis_category", Evidence(rule, 1.0))
        doc.labels["crisis_category"] = category
        doc.labels["severity"] = severity(category, hits, doc)
        set_confidence(doc, "crisis_category", confidence)
        explain_hits(doc, "crisis_category", "crisis", [h for h in kept if h.label == category])
        explain_model(doc, "crisis_category", "crisis_category", probs)


def precedence(hits: list[Hit], totals: dict[str, float], chosen: str) -> tuple[str, str] | None:
    """The codebook's tie-break rules; None when they do not apply."""
    event = max(NEGLIGENT_EVENTS, key=lambda c: totals.get(c, 0.0))
    if totals.get(event, 0.0) >= 3.0 and _only_negligent(hits):
        if chosen == C.STAFF_MISCONDUCT:
            return event, "crisis.negligence_keeps_event"
    elif _officers_are_wrongdoers(hits, totals):
        money = sum(
            h.score for h in hits if h.label == C.EXTORTION_CORRUPTION and h.weight >= MONEY_WEIGHT
        )
        if money >= 3.0:
            return C.EXTORTION_CORRUPTION.value, "crisis.officers_take_money"
        return C.STAFF_MISCONDUCT.value, "crisis.officers_are_wrongdoers"
    torture = sum(h.score for h in hits if h.rule in {"siksa"})
    if torture >= 2.0 and chosen == C.VIOLENCE_RIOT:
        return C.STAFF_MISCONDUCT.value, "crisis.torture_caused_riot"
    violence = sum(h.score for h in hits if h.rule in BEATING_WORDS)
    if chosen == C.DEATH_HEALTH and violence >= 4.0 and not _self_inflicted(hits):
        return C.VIOLENCE_RIOT.value, "crisis.violence_caused_death"
    natural = sum(h.score for h in hits if h.label == C.FIRE_DISASTER and h.rule in NATURAL)
    if chosen == C.ESCAPE and natural >= 3.0 and _is_natural(hits):
        return C.FIRE_DISASTER.value, "crisis.disaster_caused_escape"
    riot = sum(h.score for h in hits if h.rule in RIOT_WORDS)
    if chosen == C.FIRE_DISASTER and riot >= 3.0 and not _is_natural(hits):
        return C.VIOLENCE_RIOT.value, "crisis.fire_during_riot"
    return None


def _officers_are_wrongdoers(hits: list[Hit], totals: dict[str, float]) -> bool:
    """Officers act in the title or lead, and their wrongdoing is a main part of the item."""
    acting = [
        h for h in hits if (h.rule == "officer_wrongdoer" or h.rule == "=oknum") and h.factor >= 1.5
    ]
    if not acting:
        return False
    staff = totals.get(C.STAFF_MISCONDUCT.value, 0.0)
    top = max(totals.values(), default=0.0)
    return staff >= 0.5 * top


def _only_negligent(hits: list[Hit]) -> bool:
    """Officers' negligence is named and nothing shows them acting on purpose."""
    if not any(h.label == "negligence" for h in hits):
        return False
    if any(h.rule in DELIBERATE_WORDS for h in hits):
        return False
    money = sum(
        h.score for h in hits if h.label == C.EXTORTION_CORRUPTION and h.weight >= MONEY_WEIGHT
    )
    return money < 3.0


def _self_inflicted(hits: list[Hit]) -> bool:
    return any(h.rule in SELF_INFLICTED for h in hits)


def _is_natural(hits: list[Hit]) -> bool:
    rules = {h.rule for h in hits if h.label == C.FIRE_DISASTER}
    return bool(rules & {"=gempa", "=gempa bumi", "=banjir", "=kebanjiran", "=tsunami",
                         "=longsor", "=angin puting beliung", "=terendam"})  # fmt: skip


def severity(category: str, hits: list[Hit], doc: Doc) -> float:
    """Base by category, raised by intensity (sum of weights), deaths and a headline hit."""
    base = BASE_SEVERITY.get(category, 0.25)
    intensity = sum(h.score for h in hits if h.score > 0)
    value = base + 0.08 * math.log1p(intensity)
    if any(h.rule in SEVERE_WORDS for h in hits):
        value += 0.15
    if any(h.in_title for h in hits):
        value += 0.05
    return round(min(1.0, value), 3)
