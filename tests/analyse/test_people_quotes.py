"""People with roles, inmates by initials, quotes with their speakers; the seed article."""

from __future__ import annotations

from pathlib import Path

from pantau.analyse.doc import Doc
from pantau.analyse.entities import entity_components
from pantau.analyse.people import find_people
from pantau.analyse.quotes import find_quotes

FIXTURES = Path(__file__).parents[1] / "fixtures" / "entities"
SEED_TITLE = (
    "Perkuat Humas, Dirjenpas Luncurkan Grand Strategy Komunikasi Humas Pemasyarakatan "
    "dan 50 UPT Percontohan"
)


def _analyse(title: str, body: str) -> Doc:
    doc = Doc(title=title, body=body)
    for component in entity_components():
        component(doc)
    return doc


def test_seed_gives_unit_and_reynhard_with_his_quotes() -> None:
    doc = _analyse(SEED_TITLE, (FIXTURES / "seed_000.txt").read_text(encoding="utf-8"))
    assert doc.labels["units"] == ["Lapas Perempuan Kelas IIB Jambi"]
    reynhard = [p for p in doc.labels["people"] if p["name"] == "Reynhard Silitonga"]
    assert reynhard and reynhard[0]["role"] == "Dirjenpas"
    speakers = {(q["speaker"], q["role"]) for q in doc.labels["quotes"]}
    assert speakers == {("Reynhard Silitonga", "Dirjenpas")}
    assert len(doc.labels["quotes"]) == 4
    assert doc.labels["quotes"][0]["text"].startswith("Grand Strategy ini penting")
    assert "humas_semua_petugas" in doc.labels["key_messages"]


BODY = (
    "Kepala Lapas Kelas IIA Palangka Raya, Yudi Hartanto, membenarkan dua warga binaan "
    "berinisial AS (29) dan RH (34) melarikan diri.\n\n"
    "“Kami sudah berkoordinasi dengan kepolisian,” ujar Yudi, Minggu siang.\n\n"
    '"Kalau ada kelalaian, tentu ada sanksi sesuai aturan," katanya.\n\n'
    "Sementara itu, Kepala Divisi Pemasyarakatan Kanwil Kemenkumham Kalimantan Tengah, "
    "Sri Wahyuningsih, mengatakan tim sudah diturunkan.\n\n"
    'Sri Wahyuningsih menegaskan, "Evaluasi pengamanan akan kami lakukan menyeluruh."\n\n'
    'Menurut Menteri Imigrasi dan Pemasyarakatan Agus Andrianto, "pengawasan harus ketat."'
)


def test_people_with_roles_and_inmates_by_initials() -> None:
    people = {p.name: p for p in find_people("", BODY)}
    assert people["Yudi Hartanto"].role == "Kalapas"
    assert people["Sri Wahyuningsih"].role == "Kadivpas"
    assert people["Agus Andrianto"].role == "Menteri Imigrasi dan Pemasyarakatan"
    assert people["AS (29)"].is_inmate and people["RH (34)"].is_inmate


def test_quotes_after_and_before_the_verb_resolve_short_names() -> None:
    people = [p.as_dict() for p in find_people("", BODY)]
    quotes = find_quotes(BODY, people=people)
    found = [(q.speaker, q.role, q.text[:19]) for q in quotes]
    assert found[0] == ("Yudi Hartanto", "Kalapas", "Kami sudah berkoord")
    assert found[1][:2] == ("Yudi Hartanto", "Kalapas")  # "katanya": the last speaker
    assert found[2][:2] == ("Sri Wahyuningsih", "Kadivpas")
    assert found[3][0] == "Agus Andrianto"


def test_quote_without_a_nameable_speaker_keeps_none() -> None:
    body = '"Ini lapas atau kos-kosan sebenarnya?" tulis salah satu akun di media sosial.'
    quotes = find_quotes(body, people=[])
    assert quotes[0].speaker is None


def test_speakers_introduced_without_a_role_or_by_role_only() -> None:
    body = (
        "Ketut Suardana (45), salah satu pedagang, mengatakan pembeli ramai.\n\n"
        '"Dulu cuma lima lapak, sekarang hampir empat puluh," ujarnya.\n\n'
        "Kapolsek Kuta Alam mengatakan pelaku lari lewat pintu samping.\n\n"
        '"Kami sudah membentuk tim pencarian," ujarnya.\n\n'
        '"Bunyinya keras sekali, satu orang pingsan," kata seorang pedagang.'
    )
    quotes = find_quotes(body, people=[p.as_dict() for p in find_people("", body)])
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Ketut Suardana", None),
        ("Kapolsek Kuta Alam", "Polisi"),
        (None, None),
    ]
