"""Affix-aware roots, zones against page noise, and evidence offsets into Doc.full_text."""

from __future__ import annotations

import pytest
from tests.analyse.conftest import analyse

from pantau.analyse.doc import Doc
from pantau.analyse.lexicon import load
from pantau.analyse.normalise import roots, view_of
from pantau.analyse.pipeline import Pipeline


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("menyelundupkan", "selundup"),
        ("penyelundupan", "selundup"),
        ("diselundupkan", "selundup"),
        ("kebakaran", "bakar"),
        ("terbakar", "bakar"),
        ("ditangkap", "tangkap"),
        ("menangkap", "tangkap"),
        ("tertangkapnya", "tangkap"),
        ("mengendalikan", "kendali"),
        ("dikendalikannya", "kendali"),
        ("menggagalkan", "gagal"),
        ("pemukulan", "pukul"),
        ("kerusuhan", "rusuh"),
        ("melarikan", "lari"),
        ("pelatihan", "latih"),
        ("obat-obatan", "obat"),
    ],
)
def test_roots_cover_affixed_forms(word: str, root: str) -> None:
    assert root in roots(word)


def test_roots_keep_the_word_itself() -> None:
    assert "lapas" in roots("lapas")
    assert "wbp" in roots("wbp")


def test_ticker_and_read_also_lines_weigh_nothing() -> None:
    body = (
        "Harga Cabai Naik   Napi Lapas Kabur di Kota Lain   Banjir di Pasar Baru   Festival Musik\n"
        "BACA JUGA: Petugas Lapas Sita Sabu\n"
        "Bupati meresmikan jembatan baru di desa itu pada Senin."
    )
    view = view_of(Doc(title="Bupati Resmikan Jembatan", body=body))
    zones = {t.text: t.zone for t in view.tokens}
    assert "Cabai" not in zones and "Sita" not in zones  # noise is never read
    assert zones["jembatan"] > 0.0
    assert "Cabai" not in view.model_text()


def test_ticker_does_not_decide_relevance(rules_only: Pipeline) -> None:
    body = (
        "Napi Lapas Cipinang Kabur   Kalapas Dicopot   Remisi Natal Dibagikan   Beras Naik\n\n"
        "Pemerintah kabupaten meresmikan jembatan gantung baru yang menghubungkan dua desa. "
        "Warga menyambut gembira karena tidak perlu lagi menyeberang dengan rakit."
    )
    _, labels = analyse(rules_only, "Jembatan Gantung Baru Diresmikan", body)
    assert labels["relevant"] is False


def test_lexicon_phrase_matches_across_affixes() -> None:
    view = view_of(Doc(title="", body="Petugas menggagalkan upaya penyelundupan sabu."))
    hits = load("tone").match(view)
    assert any(h.rule == "officers_foil_smuggling" and h.label == "positive" for h in hits)


def test_negation_flips_a_hit() -> None:
    view = view_of(Doc(title="", body="Tidak ada napi yang kabur malam itu."))
    kabur = [h for h in load("tone").match(view) if h.rule == "=kabur"]
    assert kabur and kabur[0].negated and kabur[0].score < 0


def test_denial_keeps_the_allegation() -> None:
    view = view_of(Doc(title="", body="Kalapas membantah tidak ada pungli di lapasnya."))
    pungli = [h for h in load("tone").match(view) if h.rule == "pungli"]
    assert pungli and pungli[0].denied and pungli[0].score > 0


def test_explanation_offsets_point_at_the_phrase(pipeline: Pipeline) -> None:
    doc, _ = analyse(
        pipeline,
        "Dua Napi Lapas Kelas IIB Nabire Kabur",
        "Dua warga binaan Lapas Kelas IIB Nabire melarikan diri lewat plafon kamar mandi.",
    )
    spans = [e for evidence in doc.explanation.values() for e in evidence if e.start >= 0]
    assert spans, "no text evidence recorded"
    for evidence in spans:
        assert doc.full_text[evidence.start : evidence.end] == evidence.phrase
    phrases = {e.phrase.lower() for e in doc.explanation["tone"]}
    assert "kabur" in phrases or "melarikan diri" in phrases


def test_hashtags_are_split_into_words() -> None:
    view = view_of(Doc(title="", body="antre lama sekali #RutanMedaeng #lapaskendari #pungli"))
    words = [t.lower for t in view.tokens]
    assert words[-5:] == ["rutan", "medaeng", "lapas", "kendari", "pungli"]
    for token in view.tokens:
        assert view.full_text[token.start : token.end] == token.text
