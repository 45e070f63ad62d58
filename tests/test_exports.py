from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pantau.exports import neutralise


def test_formula_starts_are_neutralised() -> None:
    for hostile in ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert neutralise(hostile) == "'" + hostile


def test_ordinary_values_pass_unchanged() -> None:
    for value in ("Napi kabur", "2026", 12, 3.5, None, "Lapas = aman"):
        assert neutralise(value) == value


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text: str) -> None:
    assert not str(neutralise(text)).startswith(("=", "+", "-", "@", "\t", "\r"))
