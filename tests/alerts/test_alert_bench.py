"""The latency benchmark runs end to end (ingest -> alert -> signed webhook and email)."""

from __future__ import annotations

from pantau.alerts.bench import measure


def test_bench_measures_every_run() -> None:
    result = measure(runs=2, background=20, timeout=20.0)
    assert result.runs == 2 and len(result.latencies) == 2
    assert result.smtp  # aiosmtpd is installed in the test environment
    assert all(t > 0 for t in result.latencies)
    assert result.worst >= result.median >= min(result.latencies)
