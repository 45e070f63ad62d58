"""The codebook's hard cases, each with items written for this test (not in any corpus).

Every case runs twice: with the rules alone and with rules fused with the model, because
the rules must carry the codebook's logic on their own.
"""

from __future__ import annotations

import pytest
from tests.analyse.conftest import analyse

from pantau.analyse.pipeline import Pipeline

CASES = {
    "recapture_is_escape": (
        "Dua Napi Lapas Kelas IIB Kotabumi yang Kabur Akhirnya Ditangkap Kembali",
        "Dua narapidana Lapas Kelas IIB Kotabumi yang melarikan diri tiga hari lalu berhasil "
        "ditangkap kembali oleh tim gabungan di sebuah pondok kebun. Keduanya kabur dengan "
        "memanjat tembok belakang saat hujan deras. Kalapas menyebut keduanya kini ditempatkan "
        "di sel pengasingan.",
        {"relevant": True, "tone": "negative", "crisis_category": "escape", "topic": "incident"},
    ),
    "denial_keeps_allegation": (
        "Karutan Kelas IIB Bantaeng Membantah Ada Jual Beli Kamar",
        "Kepala Rutan Kelas IIB Bantaeng membantah kabar adanya jual beli kamar di rutan yang "
        "dipimpinnya. Kabar itu beredar setelah seorang mantan tahanan mengaku membayar Rp3 juta "
        "agar mendapat kamar yang lebih lega. Karutan menyebut tudingan itu tidak benar.",
        {"relevant": True, "tone": "negative", "crisis_category": "extortion_corruption"},
    ),
    "proactive_raid_is_positive": (
        "Razia Dini Hari, Petugas Lapas Kelas IIA Pontianak Sita Pisau Rakitan dan Kabel",
        "Petugas Lapas Kelas IIA Pontianak menggelar razia kamar hunian pada dini hari. "
        "Petugas menyita pisau rakitan, kabel dan korek api. Seluruh warga binaan juga menjalani "
        "tes urine dengan hasil negatif. Kalapas menyebut razia rutin ini wujud deteksi dini "
        "dan komitmen Zero Halinar.",
        {"relevant": True, "tone": "positive", "crisis_category": "none"},
    ),
    "foiled_smuggling_is_positive": (
        "Petugas Rutan Kelas IIB Tuban Gagalkan Penyelundupan Sabu dalam Tutup Botol",
        "Petugas pemeriksaan pintu utama Rutan Kelas IIB Tuban menggagalkan penyelundupan sabu "
        "yang disembunyikan di dalam tutup botol minuman titipan pengunjung. Pengunjung dan "
        "barang bukti diserahkan kepada Satresnarkoba.",
        {"relevant": True, "tone": "positive", "crisis_category": "none"},
    ),
    "contraband_from_failure_is_negative": (
        "Polisi Ungkap Napi Lapas Kelas IIB Banyuwangi Kendalikan Peredaran Sabu dari Sel",
        "Satresnarkoba Polresta Banyuwangi mengungkap peredaran sabu yang dikendalikan seorang "
        "narapidana dari dalam Lapas Kelas IIB Banyuwangi. Napi itu mengatur kurir memakai "
        "ponsel yang lolos masuk ke kamarnya. Polisi menyita ponsel tersebut.",
        {"relevant": True, "tone": "negative", "crisis_category": "drugs"},
    ),
    "remisi_naming_crimes_is_positive": (
        "Ratusan Warga Binaan Lapas Kelas IIA Garut Terima Remisi HUT RI",
        "Sebanyak 412 warga binaan Lapas Kelas IIA Garut menerima remisi Hari Kemerdekaan. "
        "Penerimanya terdiri atas narapidana kasus narkotika, kasus korupsi, kasus pembunuhan dan "
        "kasus pencurian. Lima orang langsung bebas.",
        {"relevant": True, "tone": "positive", "crisis_category": "none", "topic": "remisi_parole"},
    ),
    "metaphorical_penjara": (
        "Merasa Terpenjara di Rumah Sendiri, Warga Keluhkan Banjir Rob",
        "Warga pesisir mengaku merasa terpenjara di rumah sendiri karena banjir rob yang datang "
        "setiap sore. Rumah mereka bagai penjara, kata seorang ibu. Pemerintah kota berjanji "
        "membangun tanggul.",
        {"relevant": False},
    ),
    "police_custody": (
        "Tahanan Polres Lamongan Kabur Saat Petugas Lengah",
        "Seorang tahanan kasus penganiayaan kabur dari ruang tahanan Polres Lamongan. Kapolres "
        "menyebut tahanan itu memanfaatkan kelengahan petugas piket. Polisi masih memburunya.",
        {"relevant": False},
    ),
    "kpk_detention": (
        "Mantan Kepala Dinas Ditahan di Rutan KPK",
        "Komisi Pemberantasan Korupsi menahan mantan kepala dinas pekerjaan umum di Rutan KPK "
        "selama 20 hari pertama. Ia diduga menerima suap proyek irigasi.",
        {"relevant": False},
    ),
    "rudenim": (
        "Pengungsi di Rudenim Jakarta Protes Lamanya Proses Penempatan",
        "Sejumlah pengungsi di Rumah Detensi Imigrasi Jakarta berunjuk rasa menuntut kepastian "
        "penempatan ke negara ketiga. Kepala Rudenim menemui perwakilan mereka.",
        {"relevant": False},
    ),
    "prison_abroad": (
        "Ratusan Napi Kabur dari Penjara di Haiti Usai Serangan Geng",
        "Ratusan narapidana kabur dari penjara utama di Haiti setelah geng bersenjata menyerang. "
        "Kepolisian Haiti menyatakan situasi belum terkendali.",
        {"relevant": False},
    ),
    "inmates_record_is_not_the_event": (
        "Puluhan Napi Bandar Narkoba Dipindah ke Lapas Nusakambangan",
        "Sebanyak 38 narapidana bandar narkoba dari beberapa lapas di Riau dipindahkan ke Lapas "
        "Batu Nusakambangan dengan pengawalan ketat aparat gabungan. Kakanwil menyebut langkah "
        "ini untuk memutus jaringan peredaran narkoba dari dalam lapas.",
        {"relevant": True, "tone": "positive", "crisis_category": "none"},
    ),
    "inmate_acting_as_dealer_is_the_event": (
        "Napi Lapas Kelas IIA Pekanbaru Jadi Bandar Sabu dari Balik Sel",
        "Polisi mengungkap seorang narapidana Lapas Kelas IIA Pekanbaru yang menjadi bandar sabu "
        "dengan menyuruh kurir di luar lewat ponsel. Barang bukti 300 gram sabu disita.",
        {"relevant": True, "tone": "negative", "crisis_category": "drugs"},
    ),
    "verdict_only": (
        "Pengedar Sabu Divonis 9 Tahun Penjara",
        "Majelis hakim Pengadilan Negeri Kediri menjatuhkan vonis 9 tahun penjara kepada terdakwa "
        "pengedar sabu. Vonis itu lebih ringan dari tuntutan jaksa.",
        {"relevant": False},
    ),
}


@pytest.mark.parametrize("which", ["rules_only", "pipeline"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_hard_case(case: str, which: str, request: pytest.FixtureRequest) -> None:
    pipeline: Pipeline = request.getfixturevalue(which)
    title, text, expected = CASES[case]
    _, labels = analyse(pipeline, title, text)
    got = {key: labels[key] for key in expected}
    assert got == expected, f"{case}: {labels}"


def test_negative_headline_on_positive_body_is_flagged(pipeline: Pipeline) -> None:
    title = "Napi Narkoba Membludak, Lapas Kelas IIA Sragen Kecolongan?"
    text = (
        "Lapas Kelas IIA Sragen justru meraih penghargaan dari BNN karena program rehabilitasi "
        "bagi warga binaan. Kalapas menyampaikan apresiasi kepada petugas yang mendampingi "
        "pelatihan keterampilan dan kegiatan keagamaan. Warga binaan juga memamerkan produk "
        "kerajinan hasil pembinaan kemandirian dalam pameran di alun-alun."
    )
    doc, labels = analyse(pipeline, title, text)
    assert labels["headline_tone"] == "negative"
    assert labels["tone"] in ("positive", "neutral")
    assert labels["headline_mismatch"] is True
    assert doc.explanation["headline_mismatch"][0].rule.startswith("headline.")


def test_matching_headline_is_not_flagged(pipeline: Pipeline) -> None:
    _, labels = analyse(pipeline, *CASES["recapture_is_escape"][:2])
    assert labels["headline_tone"] == "negative"
    assert labels["headline_mismatch"] is False


def test_negation_cancels_event(rules_only: Pipeline) -> None:
    title = "Lebaran di Lapas Kelas IIB Klaten Berlangsung Aman"
    text = (
        "Perayaan Idulfitri di Lapas Kelas IIB Klaten berlangsung aman dan kondusif. "
        "Tidak ada napi yang kabur dan tidak ada kericuhan selama layanan kunjungan. "
        "Kalapas mengapresiasi kesiapsiagaan seluruh petugas."
    )
    _, labels = analyse(rules_only, title, text)
    assert labels["tone"] == "positive"
