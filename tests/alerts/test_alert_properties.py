"""Properties of the pure pieces: more items never silence a firing window; quiet hours
wrap midnight; the state table and the severity rules stay within their ranges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.alerts.detect import VolumeConfig, volume_test
from pantau.alerts.routing import in_quiet_hours
from pantau.alerts.severity import SeverityFacts, assess
from pantau.settings import AlertSettings

NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)
offsets = st.lists(st.integers(min_value=1, max_value=29 * 24 * 60), max_size=60)


@settings(max_examples=60, deadline=None)
@given(history=offsets, extra=st.integers(min_value=1, max_value=20))
def test_more_recent_items_never_silence_a_window(history: list[int], extra: int) -> None:
    config = VolumeConfig()
    times = sorted(NOW - timedelta(minutes=m) for m in history)
    before = volume_test(times, NOW, config)
    burst = sorted([*times, *(NOW - timedelta(minutes=5 + i) for i in range(extra))])
    after = volume_test(burst, NOW, config)
    assert after.observed == before.observed + extra
    assert after.expected == before.expected  # the baseline ignores the current window
    if before.fired:
        assert after.fired


@given(hour=st.integers(min_value=0, max_value=23))
def test_quiet_hours_wrap_midnight(hour: int) -> None:
    alerts = AlertSettings(quiet_start_hour=22, quiet_end_hour=6, timezone="Asia/Jakarta")
    moment = datetime(2026, 3, 4, hour, tzinfo=UTC)
    local_hour = (hour + 7) % 24  # WIB is UTC+7
    assert in_quiet_hours(moment, alerts) == (local_hour >= 22 or local_hour < 6)


@given(
    scope=st.sampled_from(["item", "story", "unit", "kanwil", "category", "national"]),
    outlets=st.integers(min_value=0, max_value=40),
    provinces=st.sets(st.sampled_from(["Aceh", "Bali", "Jambi", "Riau", "Papua"])),
    items=st.integers(min_value=0, max_value=60),
    deaths=st.booleans(),
    floor=st.integers(min_value=1, max_value=3),
)
def test_severity_is_a_level_with_reasons(
    scope: str, outlets: int, provinces: set[str], items: int, deaths: bool, floor: int
) -> None:
    level, why = assess(
        SeverityFacts(scope, outlets, frozenset(provinces), items, deaths, floor), AlertSettings()
    )
    assert level in (1, 2, 3)
    assert level >= floor
    assert level == max([1, *(w["level"] for w in why)])
    if deaths:
        assert level == 3
