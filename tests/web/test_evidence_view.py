"""Evidence is coloured by what it argues for, and rule names read as words."""

from __future__ import annotations

from pantau.web.highlight import direction
from pantau.web.itemviews import rule_reason


def test_direction_follows_the_supported_value_not_the_weight_sign() -> None:
    # A negative tone is argued for with positive weights: colour by the value supported.
    assert direction("tone", "negative", 7.5) == "neg"
    assert direction("tone", "positive", 3.0) == "pos"
    assert direction("tone", "neutral", 2.0) == "info"
    assert direction("crisis_category", "escape", 7.5) == "neg"
    assert direction("relevant", "true", 4.0) == "info"
    # Stored explanations without "supports" fall back to the sign.
    assert direction("tone", "", 0.8) == "pos" and direction("tone", "", -0.8) == "neg"


def test_rule_reasons_are_readable() -> None:
    assert rule_reason("tone.kembali ditangkap|berulah|diringkus") == (
        "kembali ditangkap (dan bentuk serupa)"
    )
    assert rule_reason("tone.=kabur") == "kabur"
    assert rule_reason("crisis.officers_are_wrongdoers") == "officers are wrongdoers"
    assert rule_reason("model.tone") == "model statistik"
