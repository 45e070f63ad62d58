"""Volume detection, pure: is the recent window unusually busy for this time of week?

A series is the sorted publication times of the negative items of one unit, one
Kanwil's province, one crisis category or the whole country. At ``now`` we count the
last ``window_hours`` (each of several windows: 6, 24 and 72 hours by default, so a
fast burst and a slow three-day story are both seen) and compare with what the same
hours of the week held in each of the previous ``baseline_weeks`` weeks (weekly
seasonality: Monday mornings are busy, Sunday nights are not). The busiest of those
weeks is dropped so that last month's crisis does not hide this month's, and the
second-busiest is the estimate, so that a holiday week or two does not make an
ordinary week look like a burst. The estimate is shrunk towards the median week's flat
rate, the more so the sparser the series, so that a unit is not judged on a handful of
zeros. The test uses the estimate plus ``margin`` standard deviations (it rests on one
noisy week) and never less than ``floor``. The window fires when a one-sided Poisson
test says ``P(X >= observed) < alpha`` and the count is large both absolutely
(``min_count``) and against the expectation (``min_ratio``).
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pantau.settings import AlertSettings

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class VolumeConfig:
    window_hours: int = 6
    baseline_weeks: int = 4
    alpha: float = 1e-4
    min_count: int = 4
    min_ratio: float = 2.0
    floor: float = 0.3
    flat_weight: float = 1.0  # pseudo-weeks of flat-rate prior in the seasonal estimate
    margin: float = 1.0  # standard deviations added to the estimate

    @classmethod
    def from_settings(cls, alerts: AlertSettings, window_hours: int | None = None) -> VolumeConfig:
        return cls(
            window_hours=window_hours or alerts.windows_hours[0],
            baseline_weeks=alerts.baseline_weeks,
            alpha=alerts.volume_alpha,
            min_count=alerts.volume_min_count,
            min_ratio=alerts.volume_min_ratio,
            floor=alerts.volume_floor,
        )

    @classmethod
    def all_from_settings(cls, alerts: AlertSettings) -> list[VolumeConfig]:
        """One test per window, shortest first (a fast burst shows in 6 hours, a slow
        three-day story only in 72)."""
        return [cls.from_settings(alerts, hours) for hours in sorted(set(alerts.windows_hours))]

    @property
    def window(self) -> timedelta:
        return timedelta(hours=self.window_hours)

    @property
    def history(self) -> timedelta:
        """How far back a series must reach for one test."""
        return self.baseline_weeks * WEEK + self.window


@dataclass(frozen=True, slots=True)
class VolumeResult:
    observed: int
    expected: float
    p_value: float
    same_window: tuple[int, ...]
    fired: bool

    @property
    def ratio(self) -> float:
        return self.observed / self.expected if self.expected else float("inf")


def count_between(times: Sequence[datetime], start: datetime, end: datetime) -> int:
    """Items in ``[start, end)`` of a sorted sequence."""
    return bisect.bisect_left(times, end) - bisect.bisect_left(times, start)


def expected_count(
    times: Sequence[datetime], now: datetime, config: VolumeConfig
) -> tuple[float, tuple[int, ...]]:
    """The seasonal expectation for ``[now - window, now)`` and the weekly counts behind it."""
    window = config.window
    same = tuple(
        count_between(times, now - window - k * WEEK, now - k * WEEK)
        for k in range(1, config.baseline_weeks + 1)
    )
    weekly = [
        count_between(times, now - window - k * WEEK, now - window - (k - 1) * WEEK)
        for k in range(1, config.baseline_weeks + 1)
    ]
    flat = statistics.median(weekly) * config.window_hours / (7 * 24) if weekly else 0.0
    kept = _trimmed(same)
    # A dense series trusts its own weeks; a sparse one leans on the flat rate.
    weight = config.flat_weight / (1.0 + flat)
    seasonal = (sum(kept) + weight * flat) / (len(kept) + weight)
    # The estimate rests on about one week of counts, itself Poisson-noisy: test against
    # its upper one-sigma bound, not the point estimate, or noise pages people.
    return max(config.floor, seasonal + config.margin * math.sqrt(seasonal)), same


def _trimmed(counts: tuple[int, ...]) -> list[int]:
    """The second-busiest week: one past crisis is ignored, and up to two quiet (holiday)
    weeks cannot drag the expectation down. Conservative on purpose: a false page at
    night costs more trust than a burst noticed an hour later."""
    ordered = sorted(counts)
    if len(ordered) >= 2:
        return [ordered[-2]]
    return ordered


def volume_test(times: Sequence[datetime], now: datetime, config: VolumeConfig) -> VolumeResult:
    """Test the window ending at ``now`` against its seasonal baseline."""
    # Imported here: scipy.stats costs ~0.7 s at import, too much for every CLI start.
    from scipy.stats import poisson

    observed = count_between(times, now - config.window, now)
    expected, same = expected_count(times, now, config)
    p_value = float(poisson.sf(observed - 1, expected)) if observed else 1.0
    fired = (
        p_value < config.alpha
        and observed >= config.min_count
        and observed >= config.min_ratio * expected
    )
    return VolumeResult(observed, expected, p_value, same, fired)


def first_firing(
    times: Sequence[datetime], now: datetime, configs: Sequence[VolumeConfig]
) -> tuple[VolumeConfig, VolumeResult] | None:
    """The shortest window that fires, with its result; None when none does."""
    for config in configs:
        if count_between(times, now - config.window, now) < config.min_count:
            continue  # cannot fire; skip the baseline (most series, most hours)
        result = volume_test(times, now, config)
        if result.fired:
            return config, result
    return None


def detect_volumes(
    series: Mapping[str, Sequence[datetime]], now: datetime, configs: Sequence[VolumeConfig]
) -> dict[str, tuple[VolumeConfig, VolumeResult]]:
    """The series (by key) of which some window fired. Each sequence must be sorted."""
    fired: dict[str, tuple[VolumeConfig, VolumeResult]] = {}
    for key, times in series.items():
        hit = first_firing(times, now, configs)
        if hit is not None:
            fired[key] = hit
    return fired


@dataclass(frozen=True, slots=True)
class SpreadConfig:
    outlets: int = 5
    provinces: int = 3


def story_spread(
    *, outlet_count: int, provinces: Sequence[str], config: SpreadConfig
) -> list[dict[str, Any]]:
    """Reasons a negative story has spread too far (empty when it has not)."""
    reasons: list[dict[str, Any]] = []
    if outlet_count >= config.outlets:
        reasons.append(
            {"code": "spread_outlets", "outlets": outlet_count, "threshold": config.outlets}
        )
    distinct = sorted(set(provinces))
    if len(distinct) >= config.provinces:
        reasons.append(
            {
                "code": "spread_provinces",
                "provinces": distinct,
                "threshold": config.provinces,
            }
        )
    return reasons
