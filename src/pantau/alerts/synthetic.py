"""Synthetic item streams with known bursts, to measure the volume detector.

A stream has a weekly rhythm (busy weekday office hours, quiet nights and Sundays),
quiet stretches (holiday weeks at a fraction of the usual rate) and bursts of known
size and timing added on top. :func:`evaluate` replays a stream hour by hour through
:func:`pantau.alerts.detect.volume_test` and scores it per event: a burst is detected
when an alert fires between its start and the end of its window; firings outside every
burst window are false alerts, merged into one when they follow each other.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pantau.alerts.detect import VolumeConfig, first_firing

# Relative activity by hour of day (local time) and by weekday (Monday first).
HOUR_PROFILE = (
    0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 1.0, 1.4, 1.6, 1.7, 1.6,
    1.5, 1.5, 1.6, 1.5, 1.3, 1.1, 1.0, 0.9, 0.8, 0.6, 0.4, 0.25,
)  # fmt: skip
WEEKDAY_PROFILE = (1.1, 1.15, 1.15, 1.1, 1.0, 0.6, 0.45)


@dataclass(frozen=True, slots=True)
class Burst:
    start: datetime
    hours: int
    size: int


@dataclass(frozen=True, slots=True)
class Stream:
    start: datetime
    end: datetime
    times: tuple[datetime, ...]
    bursts: tuple[Burst, ...]
    quiet: tuple[tuple[datetime, datetime], ...]


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method is fine for the small hourly rates used here.
    limit, k, p = pow(2.718281828459045, -lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def generate(
    *,
    seed: int,
    weeks: int = 26,
    rate_per_hour: float = 0.2,
    bursts: int = 8,
    burst_size: tuple[int, int] = (8, 20),
    burst_hours: tuple[int, int] = (1, 5),
    quiet_weeks: int = 1,
    warmup_weeks: int = 5,
    start: datetime = datetime(2025, 1, 6, tzinfo=UTC),
) -> Stream:
    """A stream of ``weeks`` weeks whose average hourly rate is ``rate_per_hour``."""
    rng = random.Random(seed)
    end = start + timedelta(weeks=weeks)
    quiet = _quiet_periods(rng, start, weeks, quiet_weeks, warmup_weeks)
    times: list[datetime] = []
    hour = start
    while hour < end:
        lam = rate_per_hour * HOUR_PROFILE[hour.hour] * WEEKDAY_PROFILE[hour.weekday()]
        if any(a <= hour < b for a, b in quiet):
            lam *= 0.3
        times.extend(
            hour + timedelta(seconds=rng.uniform(0, 3600)) for _ in range(_poisson(rng, lam))
        )
        hour += timedelta(hours=1)
    planted = _bursts(rng, start, weeks, bursts, burst_size, burst_hours, warmup_weeks)
    for burst in planted:
        span = burst.hours * 3600
        times.extend(
            burst.start + timedelta(seconds=rng.uniform(0, span)) for _ in range(burst.size)
        )
    return Stream(start, end, tuple(sorted(times)), tuple(planted), tuple(quiet))


def _quiet_periods(
    rng: random.Random, start: datetime, weeks: int, count: int, warmup: int
) -> list[tuple[datetime, datetime]]:
    periods = []
    for _ in range(count):
        first = start + timedelta(weeks=rng.randint(warmup, max(warmup, weeks - 2)))
        periods.append((first, first + timedelta(days=rng.randint(3, 9))))
    return periods


def _bursts(
    rng: random.Random,
    start: datetime,
    weeks: int,
    count: int,
    size: tuple[int, int],
    hours: tuple[int, int],
    warmup: int,
) -> list[Burst]:
    """Bursts at random hours of the week, at least nine days apart, after the warm-up."""
    usable = (weeks - warmup) * 7 * 24 - 24
    slot = usable // max(count, 1)
    out = []
    for i in range(count):
        offset = warmup * 7 * 24 + i * slot + rng.randint(0, max(0, slot - 9 * 24))
        out.append(Burst(start + timedelta(hours=offset), rng.randint(*hours), rng.randint(*size)))
    return out


@dataclass(frozen=True, slots=True)
class Score:
    bursts: int
    detected: int
    alerts: int
    true_alerts: int
    false_alerts: int
    months: float
    delays_hours: tuple[float, ...]

    @property
    def recall(self) -> float:
        return self.detected / self.bursts if self.bursts else 1.0

    @property
    def precision(self) -> float:
        return self.true_alerts / self.alerts if self.alerts else 1.0

    @property
    def false_per_month(self) -> float:
        return self.false_alerts / self.months if self.months else 0.0


def evaluate(
    stream: Stream, configs: VolumeConfig | Sequence[VolumeConfig], *, step_hours: int = 1
) -> Score:
    """Replay ``stream`` through the detector (every window), testing every ``step_hours``.

    A burst's window runs from its start to its end plus the longest detection window.
    """
    configs = [configs] if isinstance(configs, VolumeConfig) else list(configs)
    longest = max(configs, key=lambda c: c.window_hours)
    begin = stream.start + longest.history
    firings: list[datetime] = []
    now = begin
    while now <= stream.end:
        if first_firing(stream.times, now, configs) is not None:
            firings.append(now)
        now += timedelta(hours=step_hours)
    episodes = _episodes(firings, longest.window)
    windows = [
        (b.start, b.start + timedelta(hours=b.hours) + longest.window) for b in stream.bursts
    ]
    true_alerts = sum(1 for e in episodes if any(a < e <= b for a, b in windows))
    delays = []
    for a, b in windows:
        hits = [e for e in firings if a < e <= b]
        if hits:
            delays.append((hits[0] - a).total_seconds() / 3600)
    months = (stream.end - begin).total_seconds() / (30.44 * 86400)
    return Score(
        bursts=len(windows),
        detected=len(delays),
        alerts=len(episodes),
        true_alerts=true_alerts,
        false_alerts=len(episodes) - true_alerts,
        months=months,
        delays_hours=tuple(delays),
    )


def _episodes(firings: list[datetime], gap: timedelta) -> list[datetime]:
    """Start times of runs of firings no more than ``gap`` apart (one page per run)."""
    starts: list[datetime] = []
    last: datetime | None = None
    for t in firings:
        if last is None or t - last > gap:
            starts.append(t)
        last = t
    return starts
