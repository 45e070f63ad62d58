"""IKM scoring exactly as PermenPANRB 14/2017 describes it. Pure: no database, no I/O.

* NRR of an element = mean of its valid answers (1..4); a missing or invalid answer is
  left out of that element's mean, it is never counted as zero.
* IKM = Σ NRR × 1/n, with n = 9 for the SKM (the regulation's "nilai penimbang" 1/9);
  other instruments use 1/n for their n elements. An element nobody answered is left out
  and n shrinks to the elements that have answers (the result says so in ``missing``).
* Unit score (nilai IKM unit pelayanan) = IKM × 25, on 25..100.
* Rounding: everything is computed exactly (fractions) and only the unit score is rounded,
  half up, to two decimals, as the regulation's tables print it; the band is read from that
  rounded score, so 88.30 is B and 88.31 is A with no gap between bands.
  NRR and IKM are shown with two and four decimals for reading only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from pantau.surveys.instrument import SCALE_MAX, SCALE_MIN

CONVERSION = 25


@dataclass(frozen=True, slots=True)
class Band:
    code: str
    label: str
    low: Decimal  # lowest rounded unit score in the band (inclusive)


# The regulation's table of "nilai interval konversi" and "mutu pelayanan".
BANDS = (
    Band("A", "Sangat Baik", Decimal("88.31")),
    Band("B", "Baik", Decimal("76.61")),
    Band("C", "Kurang Baik", Decimal("65.00")),
    Band("D", "Tidak Baik", Decimal("25.00")),
)


def band_for(score: Decimal) -> Band:
    """The band of a unit score already rounded to two decimals."""
    for band in BANDS:
        if score >= band.low:
            return band
    return BANDS[-1]


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    """Exact half-up rounding of a fraction (no binary floating point on the way)."""
    scale = 10**places
    scaled = value * scale
    rounded = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    return Decimal(rounded).scaleb(-places)


@dataclass(frozen=True, slots=True)
class Tally:
    """How many respondents gave each answer 1..4 to one element."""

    counts: tuple[int, int, int, int] = (0, 0, 0, 0)

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def total(self) -> int:
        return sum(v * c for v, c in zip(range(SCALE_MIN, SCALE_MAX + 1), self.counts, strict=True))

    def add(self, other: Tally) -> Tally:
        merged = tuple(a + b for a, b in zip(self.counts, other.counts, strict=True))
        return Tally((merged[0], merged[1], merged[2], merged[3]))


@dataclass(frozen=True, slots=True)
class ElementScore:
    code: str
    n: int
    nrr: Fraction | None  # None when nobody answered this element

    @property
    def nrr_display(self) -> Decimal | None:
        return None if self.nrr is None else round_half_up(self.nrr, 2)

    @property
    def converted(self) -> Decimal | None:
        """This element on the 25..100 scale, to compare elements with the unit score."""
        return None if self.nrr is None else round_half_up(self.nrr * CONVERSION, 2)


@dataclass(frozen=True, slots=True)
class Result:
    respondents: int
    elements: tuple[ElementScore, ...]
    ikm: Fraction | None
    score: Decimal | None
    band: Band | None
    missing: tuple[str, ...] = ()  # elements without any valid answer
    weakest: tuple[str, ...] = field(default=())

    @property
    def ikm_display(self) -> Decimal | None:
        return None if self.ikm is None else round_half_up(self.ikm, 4)


def valid(value: object) -> int | None:
    """An answer counts only if it is an integer 1..4 (bools and floats do not)."""
    if isinstance(value, int) and not isinstance(value, bool) and SCALE_MIN <= value <= SCALE_MAX:
        return value
    return None


def tally(responses: Iterable[Mapping[str, object]], codes: Sequence[str]) -> dict[str, Tally]:
    """Count the valid answers per element over respondents' answer mappings."""
    counters = {code: Counter[int]() for code in codes}
    for answers in responses:
        for code in codes:
            value = valid(answers.get(code))
            if value is not None:
                counters[code][value] += 1
    return {code: Tally((c[1], c[2], c[3], c[4])) for code, c in counters.items()}


def score(
    tallies: Mapping[str, Tally], codes: Sequence[str], *, respondents: int, weakest: int = 3
) -> Result:
    """Score an instrument with elements ``codes`` from per-element tallies."""
    elements = tuple(
        ElementScore(
            code,
            tallies.get(code, Tally()).n,
            Fraction(tallies[code].total, tallies[code].n)
            if code in tallies and tallies[code].n
            else None,
        )
        for code in codes
    )
    answered = [e for e in elements if e.nrr is not None]
    missing = tuple(e.code for e in elements if e.nrr is None)
    if not answered:
        return Result(respondents, elements, None, None, None, missing)
    ikm = sum((e.nrr for e in answered if e.nrr is not None), Fraction(0)) / len(answered)
    unit_score = round_half_up(ikm * CONVERSION, 2)
    return Result(
        respondents=respondents,
        elements=elements,
        ikm=ikm,
        score=unit_score,
        band=band_for(unit_score),
        missing=missing,
        weakest=weakest_elements(elements, weakest),
    )


def weakest_elements(elements: Sequence[ElementScore], count: int = 3) -> tuple[str, ...]:
    """The lowest-NRR elements, worst first; ties keep the instrument's order.

    Only elements below the overall mean are named, so a flat result highlights nothing.
    """
    answered = [e for e in elements if e.nrr is not None]
    if len(answered) < 2:
        return ()
    mean = sum((e.nrr for e in answered if e.nrr is not None), Fraction(0)) / len(answered)
    below = [e for e in answered if e.nrr is not None and e.nrr < mean]
    below.sort(key=lambda e: e.nrr if e.nrr is not None else Fraction(0))
    return tuple(e.code for e in below[:count])


def score_responses(
    responses: Sequence[Mapping[str, object]], codes: Sequence[str], *, weakest: int = 3
) -> Result:
    """Convenience: tally then score a list of respondents' answers."""
    return score(tally(responses, codes), codes, respondents=len(responses), weakest=weakest)


def pool(tallies: Iterable[Mapping[str, Tally]]) -> dict[str, Tally]:
    """Pool respondents of several surveys (Kanwil roll-up): add the tallies element-wise."""
    pooled: dict[str, Tally] = {}
    for one in tallies:
        for code, t in one.items():
            pooled[code] = pooled.get(code, Tally()).add(t)
    return pooled


# Simple keyword themes for open suggestions; the first theme whose word appears wins
# (facilities before waiting, so "ruang tunggu" is read as a place).
THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("pungli", "Pungli & biaya", ("pungli", "uang", "bayar", "biaya", "tarif", "suap", "calo")),
    ("petugas", "Sikap petugas", ("petugas", "ramah", "sopan", "judes", "kasar", "pegawai")),
    (
        "fasilitas",
        "Sarana & fasilitas",
        (
            "toilet",
            "wc",
            "ruang",
            "kursi",
            "parkir",
            "panas",
            "kipas",
            "ac",
            "bersih",
            "kotor",
            "air",
            "fasilitas",
            "tempat",
        ),
    ),
    ("waktu", "Waktu & antrean", ("antre", "antri", "lama", "cepat", "lambat", "tunggu", "jam")),
    ("prosedur", "Syarat & prosedur", ("syarat", "prosedur", "alur", "berkas", "daftar", "online")),
    ("informasi", "Informasi", ("informasi", "info", "pengumuman", "papan", "jelas")),
    ("kunjungan", "Kunjungan", ("kunjungan", "besuk", "bezuk", "jenguk", "video call")),
    ("pujian", "Apresiasi", ("terima kasih", "bagus", "baik", "mantap", "puas", "pertahankan")),
)
OTHER_THEME = ("lainnya", "Lainnya")


def theme_of(text: str) -> tuple[str, str]:
    lowered = " " + " ".join(re.findall(r"[a-z]+", text.lower())) + " "
    for code, label, words in THEMES:
        # Words of four letters or more match as prefixes ("antri" in "antrian");
        # shorter ones ("ac", "wc") only as whole words.
        if any(f" {w}" in lowered if len(w) >= 4 else f" {w} " in lowered for w in words):
            return code, label
    return OTHER_THEME


def group_suggestions(texts: Iterable[str]) -> list[tuple[str, str, list[str]]]:
    """Group non-empty suggestions by theme, biggest group first (ties in theme order)."""
    order = [t[0] for t in THEMES] + [OTHER_THEME[0]]
    groups: dict[str, tuple[str, list[str]]] = {}
    for text in texts:
        cleaned = text.strip()
        if not cleaned or cleaned in {"-", "tidak ada", "Tidak ada"}:
            continue
        code, label = theme_of(cleaned)
        groups.setdefault(code, (label, []))[1].append(cleaned)
    ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1][1]), order.index(kv[0])))
    return [(code, label, items) for code, (label, items) in ranked]
