"""The volume detector on synthetic streams with known bursts, and its pure pieces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pantau.alerts.detect import (
    SpreadConfig,
    VolumeConfig,
    count_between,
    story_spread,
    volume_test,
)
from pantau.alerts.synthetic import evaluate, generate
from pantau.settings import load_settings

# Three scales of series: a unit (a few negative items a week), a Kanwil, the nation.
SCALES = {
    "unit": {"rate_per_hour": 0.03, "burst_size": (5, 12)},
    "kanwil": {"rate_per_hour": 0.25, "burst_size": (10, 24)},
    "national": {"rate_per_hour": 1.5, "burst_size": (30, 60)},
}


def test_precision_and_recall_on_synthetic_bursts() -> None:
    configs = VolumeConfig.all_from_settings(load_settings().alerts)
    assert [c.window_hours for c in configs] == [6, 24, 72]
    bursts = detected = alerts = true_alerts = 0
    for i, params in enumerate(SCALES.values()):
        for seed in range(3):
            score = evaluate(generate(seed=seed * 10 + i, **params), configs)  # type: ignore[arg-type]
            bursts += score.bursts
            detected += score.detected
            alerts += score.alerts
            true_alerts += score.true_alerts
    recall, precision = detected / bursts, true_alerts / alerts
    print(f"recall={recall:.3f} precision={precision:.3f} bursts={bursts} alerts={alerts}")
    assert bursts == 72
    assert recall >= 0.9
    assert precision >= 0.9


@pytest.mark.parametrize("scale", list(SCALES))
def test_quiet_streams_rarely_fire(scale: str) -> None:
    configs = VolumeConfig.all_from_settings(load_settings().alerts)
    rate = float(SCALES[scale]["rate_per_hour"])  # type: ignore[arg-type]
    score = evaluate(generate(seed=99, rate_per_hour=rate, bursts=0, weeks=30), configs)
    print(f"{scale}: false alerts per month on quiet data = {score.false_per_month:.2f}")
    assert score.bursts == 0
    assert score.false_per_month <= 0.5


def test_generator_plants_known_bursts() -> None:
    stream = generate(seed=1, rate_per_hour=0.0, bursts=4, burst_size=(7, 7), quiet_weeks=0)
    assert len(stream.times) == 28
    for burst in stream.bursts:
        end = burst.start + timedelta(hours=burst.hours)
        assert count_between(stream.times, burst.start, end) == 7


def test_weekly_seasonality_is_respected() -> None:
    """A busy Monday morning after four busy Monday mornings is not a burst."""
    now = datetime(2026, 3, 2, 12, tzinfo=UTC)  # a Monday
    times = sorted(
        now - timedelta(weeks=k, minutes=10 * j + 5) for k in range(0, 5) for j in range(12)
    )
    result = volume_test(times, now, VolumeConfig())
    assert result.observed == 12
    assert result.same_window == (12, 12, 12, 12)
    assert result.expected >= 9
    assert not result.fired
    # The same twelve items against an empty history do fire.
    fresh = [t for t in times if t > now - timedelta(hours=6)]
    assert volume_test(fresh, now, VolumeConfig()).fired


def test_story_spread_reasons() -> None:
    config = SpreadConfig(outlets=5, provinces=3)
    assert story_spread(outlet_count=2, provinces=["Jambi"], config=config) == []
    codes = [
        r["code"]
        for r in story_spread(
            outlet_count=6, provinces=["Jambi", "Riau", "Aceh", "Riau"], config=config
        )
    ]
    assert codes == ["spread_outlets", "spread_provinces"]
