"""Minimum sample size from the Krejcie–Morgan formula (the table the SKM guideline uses).

n = χ² · N · P(1−P) / (d² · (N−1) + χ² · P(1−P)), with χ² = 3.841 (one degree of freedom,
95 %), P = 0.5 and d = 0.05. The published table rounds to the nearest whole respondent
(half up): N = 100 gives 79.51 → 80, N = 1,000 gives 277.7 → 278.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

CHI_SQUARE = Fraction("3.841")
P = Fraction(1, 2)
D = Fraction(5, 100)


def krejcie_morgan(population: int) -> int:
    """Minimum respondents for a service population of ``population`` people."""
    if population <= 0:
        raise ValueError("populasi harus lebih dari nol")
    n = (
        CHI_SQUARE
        * population
        * P
        * (1 - P)
        / (D * D * (population - 1) + CHI_SQUARE * P * (1 - P))
    )
    return int((n.numerator * 2 + n.denominator) // (n.denominator * 2))


@dataclass(frozen=True, slots=True)
class Adequacy:
    population: int | None
    required: int | None
    respondents: int

    @property
    def short(self) -> bool:
        return self.required is not None and self.respondents < self.required

    @property
    def missing(self) -> int:
        return max(0, (self.required or 0) - self.respondents)

    def message(self) -> str:
        if self.required is None:
            return "Jumlah populasi layanan belum diisi; kecukupan sampel tidak dapat dinilai."
        if self.short:
            return (
                f"Sampel kurang: {self.respondents} dari minimal {self.required} responden "
                f"(populasi {self.population:,}; Krejcie–Morgan). Kurang {self.missing} lagi."
            ).replace(",", ".")
        return f"Sampel cukup: {self.respondents} responden, minimal {self.required}."


def adequacy(*, population: int | None, respondents: int) -> Adequacy:
    required = krejcie_morgan(population) if population else None
    return Adequacy(population, required, respondents)
