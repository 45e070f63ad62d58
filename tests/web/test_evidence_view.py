"""Evidence is coloured by what it argues for, and rule names read as words."""

from __future__ import annotations

import re
import tomllib

from pantau.analyse.lexicon import LEXICON_DIR
from pantau.web.highlight import direction
from pantau.web.rule_names import RULE_REASONS, rule_reason

ANALYSE = LEXICON_DIR.parent


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
    assert rule_reason("crisis.officers_are_wrongdoers").startswith("petugas pelakunya")
    assert rule_reason("headline.recapture_is_escape") == rule_reason("tone.recapture_is_escape")
    assert rule_reason("model.tone") == "model statistik"


LEXICON_PREFIX = {"relevance": "relevance", "tone": "tone", "crisis": "crisis", "topic": "topic"}
NAMED_RULE = re.compile(r'"((?:relevance|tone|crisis|topic|headline|places)\.[a-z_]+)"')


def test_every_named_rule_has_an_indonesian_reason() -> None:
    frames = [
        f"{LEXICON_PREFIX[path.stem]}.{frame['name']}"
        for path in LEXICON_DIR.glob("*.toml")
        for frame in tomllib.loads(path.read_text(encoding="utf-8")).get("frame", [])
        if frame["label"] != "mask"  # masks hide other hits and are never shown
    ]
    analysers = ["relevance", "tone", "crisis", "topic", "places"]
    in_code = {
        rule
        for name in analysers
        for rule in NAMED_RULE.findall((ANALYSE / f"{name}.py").read_text(encoding="utf-8"))
    }
    assert frames and in_code
    missing = sorted(rule for rule in {*frames, *in_code} if rule not in RULE_REASONS)
    assert not missing, f"rules without a reason for analysts: {missing}"
