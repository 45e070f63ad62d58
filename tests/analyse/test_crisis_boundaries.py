"""Crisis-category boundaries from the codebook's precedence rules, with items written here.

Each runs with the rules alone and fused with the model: the rules must carry the logic.
"""

from __future__ import annotations

import pytest
from tests.analyse.conftest import analyse

from pantau.analyse.pipeline import Pipeline

CASES = {
    # The beating is the first cause of the death: violence_riot, not death_health.
    "beaten_to_death_by_inmates": (
        "Napi Lapas Kelas IIA Sragen Tewas Dikeroyok Penghuni Kamar Lain",
        "Seorang narapidana Lapas Kelas IIA Sragen tewas setelah dikeroyok lima penghuni kamar "
        "lain pada Jumat malam. Korban dipukuli dengan balok kayu hingga tak sadarkan diri dan "
        "meninggal dalam perjalanan ke rumah sakit. Polisi menetapkan kelima pelaku "
        "pengeroyokan sebagai tersangka.",
        "violence_riot",
    ),
    # A suicide stays a death even when the word "dipukul" is nowhere near; no violence.
    "suicide_is_death_health": (
        "Tahanan Rutan Kelas IIB Wonogiri Ditemukan Tewas Gantung Diri",
        "Seorang tahanan Rutan Kelas IIB Wonogiri ditemukan tewas gantung diri di kamar mandi "
        "blok pada subuh hari. Petugas yang berkeliling segera menurunkan tubuhnya, namun "
        "korban sudah meninggal. Polisi tidak menemukan tanda kekerasan.",
        "death_health",
    ),
    # A death where the warden asks the family for patience: officers are not wrongdoers.
    "warden_asking_patience_is_no_misconduct": (
        "Napi Lapas Kelas IIB Wonosobo Meninggal karena Sakit, Keluarga Minta Penjelasan",
        "Seorang narapidana Lapas Kelas IIB Wonosobo meninggal dunia di rumah sakit setelah "
        "lama menderita sakit ginjal. Kalapas meminta keluarga bersabar menunggu hasil "
        "pemeriksaan dokter. Keluarga menilai penanganan sakitnya terlambat.",
        "death_health",
    ),
    # The unit's own urine test finds users: drugs got in, so negative and drugs.
    "own_urine_test_finds_users": (
        "Tes Urine di Lapas Kelas IIB Cilacap, Sembilan Napi Positif Memakai Sabu",
        "Tes urine yang digelar petugas Lapas Kelas IIB Cilacap mendapati sembilan narapidana "
        "positif memakai sabu. Kalapas memerintahkan penelusuran asal narkoba tersebut dan "
        "memeriksa petugas yang berjaga di pintu masuk.",
        "drugs",
    ),
}


@pytest.mark.parametrize("which", ["rules_only", "pipeline"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_crisis_boundary(case: str, which: str, request: pytest.FixtureRequest) -> None:
    pipeline: Pipeline = request.getfixturevalue(which)
    title, text, category = CASES[case]
    doc, labels = analyse(pipeline, title, text)
    assert labels["tone"] == "negative", doc.explanation.get("tone")
    assert labels["crisis_category"] == category, doc.explanation.get("crisis_category")


def test_officer_asking_money_is_still_extortion(rules_only: Pipeline) -> None:
    doc, labels = analyse(
        rules_only,
        "Oknum Petugas Lapas Kelas IIA Pekalongan Meminta Uang kepada Keluarga Napi",
        "Seorang oknum petugas Lapas Kelas IIA Pekalongan meminta uang Rp500 ribu kepada "
        "keluarga narapidana agar kunjungan bisa lebih lama. Keluarga melaporkan pungli itu "
        "ke kanwil, yang kini memeriksa petugas tersebut.",
    )
    assert labels["crisis_category"] == "extortion_corruption", doc.explanation
