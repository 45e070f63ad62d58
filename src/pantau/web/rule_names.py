"""What each named analysis rule means, in the words a Humas analyst uses.

Explanations keep stable rule ids (``tone.inmate_runs_network``) so that exports, tests and
corrections can refer to them; the item page shows the sentence below instead. Lexicon
phrases need no entry: their matched text already says what was read. A test checks that
every frame in the lexicons and every rule the analysers name has a sentence here.
"""

from __future__ import annotations

RULE_REASONS: dict[str, str] = {
    # relevance
    "relevance.no_anchor": "tidak ada kata yang menunjuk pemasyarakatan",
    "relevance.no_anchor_in_title_or_lead": (
        "pemasyarakatan tidak disebut di judul atau paragraf awal, hanya sambil lalu"
    ),
    "relevance.no_institution_named": (
        "hanya kata umum (napi, penjara, tahanan) tanpa nama Lapas, Rutan atau Ditjenpas"
    ),
    "relevance.exclusion_without_corrections_anchor": (
        "tahanan polisi, KPK, kejaksaan, Rudenim, penjara luar negeri atau vonis saja"
    ),
    "relevance.near_a_prison": "hanya tempat di dekat lapas/rutan, bukan beritanya",
    "relevance.officer_on_trial": "petugas pemasyarakatan diadili: tetap berita pemasyarakatan",
    "relevance.prison_abroad": "penjara di luar negeri",
    "relevance.prison_abroad_country_first": "penjara di luar negeri",
    # tone
    "tone.allegation_denied": "bantahan: tuduhannya tetap menjadi berita",
    "tone.recapture_is_escape": "napi ditangkap kembali: beritanya tetap pelarian",
    "tone.inmate_runs_network": "napi menjalankan kejahatan dari dalam",
    "tone.drugs_run_from_inside": "narkoba dikendalikan dari dalam lapas/rutan",
    "tone.contraband_got_inside": "barang terlarang berhasil masuk",
    "tone.found_in_cell": "barang terlarang ditemukan di kamar hunian",
    "tone.external_body_finds": "pihak luar (polisi, BNN, DPR) yang menemukan pelanggaran",
    "tone.officer_arrested": "petugas ditangkap atau diperiksa",
    "tone.officers_foil_smuggling": "petugas menggagalkan penyelundupan",
    "tone.officers_secure_contraband": "petugas mengamankan barang terlarang",
    "tone.visitor_caught_at_gate": "pengunjung kedapatan membawa barang terlarang di pintu",
    "tone.caught_at_inspection": "barang terlarang terdeteksi saat pemeriksaan",
    "tone.raid_finds_items": "razia petugas menemukan barang terlarang (pencegahan)",
    "tone.high_risk_moved_to_tighter_security": (
        "napi berisiko tinggi dipindahkan ke pengamanan lebih ketat"
    ),
    "tone.remisi_given": "remisi atau hak integrasi diberikan",
    "tone.release_criticised": "pemberian remisi atau pembebasan dikritik",
    "tone.officers_help_community": "petugas membantu masyarakat",
    "tone.warning_of_sanction": "peringatan sanksi, bukan pelanggaran yang terjadi",
    "tone.overcrowding_relieved_by_transfer": "pemindahan untuk mengurangi kepadatan",
    "tone.fire_elsewhere": "kebakaran di luar lapas/rutan",
    "tone.vigilance_after_unrest": "kewaspadaan setelah kejadian di tempat lain",
    "tone.help_for_disaster_victims": "bantuan untuk korban bencana",
    "tone.granted": "hak warga binaan diberikan",
    "tone.drill_not_event": "simulasi atau pencegahan, bukan kejadian",
    "tone.overcrowding_eased": "kepadatan hunian berkurang",
    "tone.overcrowding_tackled": "upaya mengatasi kepadatan hunian",
    "tone.stand_against_wrong": "sikap atau program melawan pelanggaran, bukan pelanggaran",
    "tone.hypothetical_wrong": "pengandaian (jika ada ...), bukan kejadian",
    "headline.negative_title_on_non_negative_body": (
        "judul bernada negatif, isi berita tidak negatif"
    ),
    # crisis category
    "crisis.officer_wrongdoer": "petugas sebagai pelaku pelanggaran",
    "crisis.officers_are_wrongdoers": "petugas pelakunya: masuk pelanggaran petugas",
    "crisis.officers_take_money": "petugas menerima uang: masuk pungli/korupsi",
    "crisis.negligence_keeps_event": "kelalaian petugas: kategori tetap menurut kejadiannya",
    "crisis.disaster_caused_escape": "bencana menyebabkan pelarian: kategori bencana",
    "crisis.fire_during_riot": "pembakaran saat kerusuhan: kategori kerusuhan",
    "crisis.torture_caused_riot": "penyiksaan petugas memicu kerusuhan: pelanggaran petugas",
    "crisis.violence_caused_death": "kematian akibat kekerasan: kategori menurut kekerasannya",
    # topic
    "topic.negative_is_incident": "berita negatif dikelompokkan sebagai insiden",
    # places
    "places.title_kanwil": "Kanwil disebut di judul",
    "places.title_unit": "unit disebut di judul",
    "places.unit": "provinsi unit yang diberitakan",
    "places.unit_majority": "provinsi sebagian besar unit yang disebut",
    "places.multi_region": "beberapa wilayah, tidak satu provinsi",
    "places.national_actor": "pelaku tingkat pusat (Ditjenpas, Kementerian)",
    "places.national": "berita tingkat nasional",
    "places.kanwil": "Kanwil yang disebut",
    "places.dateline": "kota pada baris tempat berita",
    "places.lead": "tempat yang disebut di paragraf awal",
    "places.none": "tempat tidak dapat ditentukan",
}


def rule_reason(rule: str) -> str:
    """A rule id as an analyst reads it.

    Named rules get their sentence; lexicon phrases (``tone.kembali ditangkap|berulah``)
    read as their first form; the model is the statistical model.
    """
    if rule.startswith("model."):
        return "model statistik"
    if rule in RULE_REASONS:
        return RULE_REASONS[rule]
    if rule.startswith("headline."):  # the headline is read with the tone lexicon
        tone_rule = "tone." + rule.removeprefix("headline.")
        if tone_rule in RULE_REASONS:
            return RULE_REASONS[tone_rule]
    _, _, name = rule.partition(".")
    name = name or rule
    if "|" in name:
        return f"{name.split('|', 1)[0].lstrip('=')} (dan bentuk serupa)"
    return name.lstrip("=").replace("_", " ")
