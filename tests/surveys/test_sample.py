"""Krejcie–Morgan minimum sample sizes, as the published table gives them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pantau.surveys.sample import adequacy, krejcie_morgan


@pytest.mark.parametrize(
    ("population", "required"),
    [(50, 44), (100, 80), (500, 217), (1_000, 278), (10_000, 370), (1_000_000, 384)],
)
def test_krejcie_morgan_table(population: int, required: int) -> None:
    assert krejcie_morgan(population) == required


def test_more_table_rows_and_limits() -> None:
    # further rows of the published table: 10->10, 30->28, 75->63, 200->132, 300->169
    assert [krejcie_morgan(n) for n in (10, 30, 75, 200, 300)] == [10, 28, 63, 132, 169]
    with pytest.raises(ValueError):
        krejcie_morgan(0)


def test_adequacy_warns_when_short() -> None:
    short = adequacy(population=1_000, respondents=200)
    assert short.short and short.missing == 78
    assert "Sampel kurang" in short.message() and "278" in short.message()
    assert not adequacy(population=1_000, respondents=278).short
    unknown = adequacy(population=None, respondents=5)
    assert not unknown.short and "populasi" in unknown.message().lower()


@given(st.integers(1, 2_000_000))
def test_required_never_exceeds_population_or_384_and_grows(population: int) -> None:
    n = krejcie_morgan(population)
    assert 1 <= n <= min(population, 384)
    assert krejcie_morgan(population + 1) >= n
