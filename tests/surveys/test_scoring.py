"""IKM scoring against hand-computed examples, band edges and properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.surveys.instrument import builtin_definitions, parse_instrument
from pantau.surveys.scoring import (
    Tally,
    band_for,
    group_suggestions,
    pool,
    round_half_up,
    score,
    score_responses,
    tally,
)

SKM = parse_instrument(builtin_definitions()[0])
CODES = SKM.element_codes


def test_skm_has_nine_elements_in_regulation_order() -> None:
    labels = [e.label for e in SKM.elements]
    assert labels == [
        "Persyaratan",
        "Sistem, mekanisme dan prosedur",
        "Waktu penyelesaian",
        "Biaya/tarif",
        "Produk spesifikasi jenis pelayanan",
        "Kompetensi pelaksana",
        "Perilaku pelaksana",
        "Penanganan pengaduan, saran dan masukan",
        "Sarana dan prasarana",
    ]
    assert SKM.element("u4").label_for(4) == "Gratis"


def test_hand_computed_three_respondents_with_a_missing_answer() -> None:
    # R1: 4 3 3 2 4 4 3 2 3 ; R2: 3 3 2 2 3 4 4 - 3 ; R3: 4 4 3 1 3 3 4 2 2
    rows = [
        dict(zip(CODES, (4, 3, 3, 2, 4, 4, 3, 2, 3), strict=True)),
        dict(zip(CODES, (3, 3, 2, 2, 3, 4, 4, None, 3), strict=True)),
        dict(zip(CODES, (4, 4, 3, 1, 3, 3, 4, 2, 2), strict=True)),
    ]
    result = score_responses(rows, CODES)
    nrr = {e.code: e.nrr for e in result.elements}
    # u1 = (4+3+4)/3 = 11/3; u4 = (2+2+1)/3 = 5/3; u8 = (2+2)/2 = 2 (the missing one is
    # left out, not counted as zero: that would give 4/3).
    assert nrr["u1"] == Fraction(11, 3)
    assert nrr["u4"] == Fraction(5, 3)
    assert nrr["u8"] == Fraction(2)
    assert [e.n for e in result.elements][7] == 2
    # Σ NRR = (11+10+8+5+10+11+11+8)/3 + 2 = 74/3 + 2 = 80/3; IKM = 80/3 × 1/9 = 80/27
    assert result.ikm == Fraction(80, 27)
    assert result.ikm_display == Decimal("2.9630")
    # unit score = 80/27 × 25 = 2000/27 = 74.074… -> 74.07, band C
    assert result.score == Decimal("74.07")
    assert result.band is not None and (result.band.code, result.band.label) == ("C", "Kurang Baik")
    # weakest (below the mean 2.963): u4 5/3, u8 2, then u3 and u9 tie at 8/3 -> u3 first
    assert result.weakest == ("u4", "u8", "u3")


def test_single_respondent() -> None:
    # 3×8 + 4 = 28; IKM = 28/9 = 3.1111; × 25 = 77.777… -> 77.78, band B
    one = score_responses([dict(zip(CODES, (3, 3, 3, 3, 3, 3, 3, 3, 4), strict=True))], CODES)
    assert (one.respondents, one.score, one.band and one.band.code) == (1, Decimal("77.78"), "B")
    best = score_responses([dict.fromkeys(CODES, 4)], CODES)
    worst = score_responses([dict.fromkeys(CODES, 1)], CODES)
    assert (best.score, best.band and best.band.code) == (Decimal("100.00"), "A")
    assert (worst.score, worst.band and worst.band.code) == (Decimal("25.00"), "D")


def _uniform(fours: int, threes: int, twos: int = 0) -> dict[str, Tally]:
    """Every element gets the same tally, so IKM equals that one NRR."""
    return dict.fromkeys(CODES, Tally((0, twos, threes, fours)))


def test_band_edges_from_real_tallies() -> None:
    cases = [
        # (4s, 3s, 2s): NRR = total / n; score = NRR × 25
        ((532, 468, 0), "88.30", "B"),  # 3532/1000 = 3.532 -> 88.30
        ((2662, 2338, 0), "88.31", "A"),  # 17662/5000 = 3.5324 -> 88.31
        ((2661, 2339, 0), "88.31", "A"),  # 17661/5000 = 3.5322 -> 88.305 -> half up 88.31
        ((64, 936, 0), "76.60", "C"),  # 3064/1000 = 3.064 -> 76.60
        ((322, 4678, 0), "76.61", "B"),  # 15322/5000 = 3.0644 -> 76.61
        ((0, 3, 2), "65.00", "C"),  # 13/5 = 2.6 -> 65.00
        ((0, 2998, 2002), "64.99", "D"),  # 12998/5000 = 2.5996 -> 64.99
    ]
    for (fours, threes, twos), expected, band in cases:
        result = score(_uniform(fours, threes, twos), CODES, respondents=fours + threes + twos)
        assert result.score == Decimal(expected), (fours, threes, twos)
        assert result.band is not None and result.band.code == band, expected


def test_band_table() -> None:
    assert [band_for(Decimal(s)).label for s in ("100.00", "88.31", "88.30")] == [
        "Sangat Baik",
        "Sangat Baik",
        "Baik",
    ]
    assert [band_for(Decimal(s)).code for s in ("76.61", "76.60", "65.00", "64.99", "25.00")] == [
        "B",
        "C",
        "C",
        "D",
        "D",
    ]
    assert round_half_up(Fraction(88305, 1000)) == Decimal("88.31")
    assert round_half_up(Fraction(883049, 10000)) == Decimal("88.30")


def test_element_nobody_answered_is_left_out_and_reported() -> None:
    rows = [{c: 4 for c in CODES if c != "u4"}, {c: 2 for c in CODES if c != "u4"}]
    result = score_responses(rows, CODES)
    assert result.missing == ("u4",)
    assert result.ikm == Fraction(3)  # eight elements at 3, weight 1/8
    assert result.score == Decimal("75.00")


def test_no_answers_gives_no_score() -> None:
    result = score_responses([], CODES)
    assert (result.score, result.band, result.ikm) == (None, None, None)


def test_invalid_values_are_not_answers() -> None:
    rows = [{"u1": 5, "u2": 0, "u3": True, "u4": 3.0, "u5": 4}]
    result = score_responses(rows, CODES)
    assert [e.n for e in result.elements] == [0, 0, 0, 0, 1, 0, 0, 0, 0]
    assert result.score == Decimal("100.00")


answer = st.one_of(st.none(), st.integers(1, 4))
respondent = st.fixed_dictionaries(dict.fromkeys(CODES, answer))


@settings(max_examples=150, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=25))
def test_score_within_scale(rows: list[dict[str, int | None]]) -> None:
    result = score_responses(rows, CODES)
    if all(r[c] is None for r in rows for c in CODES):
        assert result.score is None
        return
    assert result.score is not None and Decimal(25) <= result.score <= Decimal(100)
    assert result.ikm is not None and 1 <= result.ikm <= 4


@settings(max_examples=150, deadline=None)
@given(st.lists(respondent, min_size=1, max_size=25), st.data())
def test_score_monotone_in_any_answer(
    rows: list[dict[str, int | None]], data: st.DataObject
) -> None:
    raisable = [(i, c) for i, r in enumerate(rows) for c in CODES if r[c] is not None and r[c] < 4]  # type: ignore[operator]
    if not raisable:
        return
    i, code = data.draw(st.sampled_from(raisable))
    before = score_responses(rows, CODES)
    higher = [dict(r) for r in rows]
    higher[i][code] = int(higher[i][code] or 0) + 1
    after = score_responses(higher, CODES)
    assert after.ikm is not None and before.ikm is not None and after.ikm > before.ikm
    assert after.score is not None and before.score is not None and after.score >= before.score


def test_suggestions_grouped_by_theme() -> None:
    groups = group_suggestions(
        [
            "Antrian terlalu lama",
            "Toilet kotor",
            "Mohon ruang tunggu diberi kipas",
            "Petugas ramah, terima kasih",
            "",
            "-",
            "Semoga sukses",
        ]
    )
    by_code = {code: items for code, _, items in groups}
    assert by_code["fasilitas"] == ["Toilet kotor", "Mohon ruang tunggu diberi kipas"]
    assert by_code["waktu"] == ["Antrian terlalu lama"]
    assert by_code["petugas"] == ["Petugas ramah, terima kasih"]
    assert by_code["lainnya"] == ["Semoga sukses"]
    assert groups[0][0] == "fasilitas"  # biggest group first


@settings(max_examples=100, deadline=None)
@given(st.lists(respondent, max_size=15), st.lists(respondent, max_size=15))
def test_pooling_two_units_equals_scoring_their_respondents_together(
    first: list[dict[str, int | None]], second: list[dict[str, int | None]]
) -> None:
    pooled = pool([tally(first, CODES), tally(second, CODES)])
    together = score_responses(first + second, CODES)
    assert score(pooled, CODES, respondents=len(first) + len(second)) == together


@given(st.integers(0, 10**7), st.integers(1, 10**4))
def test_round_half_up_matches_decimal(numerator: int, denominator: int) -> None:
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(numerator) / Decimal(denominator)
        # 60 digits is exact enough: a fraction with denominator <= 10^4 lies at least
        # 1/(200 * 10^4) away from any x.xx5 it does not equal.
        expected = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert round_half_up(Fraction(numerator, denominator)) == expected
