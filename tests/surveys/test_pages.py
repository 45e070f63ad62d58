"""Results page data: scores beside the unit's media tone, scope enforced."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from pantau.errors import NotFound
from pantau.store.scope import NATIONAL, Scope
from pantau.store.tables import Analysis, Item, ItemUnit, Unit
from pantau.surveys import pages, service
from pantau.surveys.service import Submission

WIB = ZoneInfo("Asia/Jakarta")
CODES = tuple(f"u{i}" for i in range(1, 10))


def _item(session: Session, n: int, unit: Unit, tone: str, when: datetime) -> None:
    item = Item(
        title=f"Berita {n}",
        body="Isi berita.",
        content_hash=f"h{n}",
        source_kind="test",
        source_locator=f"test:{n}",
        published_at=when,
    )
    session.add(item)
    session.flush()
    session.add(Analysis(item_id=item.id, relevant=True, tone=tone))
    session.add(ItemUnit(item_id=item.id, unit_id=unit.id, mention=unit.name))


def test_results_context_with_media_tone(session: Session, units: dict[str, Unit]) -> None:
    unit = units["jambi"]
    survey = service.create_survey(
        session=session, unit_id=unit.id, period="2026-S1", population=50
    )
    service.store_responses(
        session=session,
        survey_id=survey.id,
        channel="web",
        rows=[
            (
                "a",
                Submission({**dict.fromkeys(CODES, 4), "u9": 1}, {}, "Toilet kotor <b>sekali</b>"),
            ),
            ("b", Submission({**dict.fromkeys(CODES, 3), "u9": 2}, {}, "Petugas ramah")),
        ],
    )
    inside = datetime(2026, 3, 1, tzinfo=UTC)
    _item(session, 1, unit, "positive", inside)
    _item(session, 2, unit, "negative", inside)
    _item(session, 3, unit, "positive", inside)
    _item(session, 4, unit, "negative", datetime(2026, 8, 1, tzinfo=UTC))  # outside S1
    session.commit()
    ctx = pages.results_context(session=session, survey_id=survey.id, scope=NATIONAL)
    # u1..u8: (4+3)/2 = 3.5 each; u9: (1+2)/2 = 1.5; Σ = 8×3.5 + 1.5 = 29.5;
    # IKM = 29.5/9 = 3.2778; × 25 = 81.944… -> 81.94, B
    assert ctx["score"] == 81.94 and ctx["band"] == "B" and ctx["ikm"] == 3.2778
    assert ctx["weakest"] == [{"code": "u9", "label": "Sarana dan prasarana"}]
    assert ctx["sample"]["required"] == 44 and ctx["sample"]["short"]
    assert ctx["media"]["items"] == 3 and ctx["media"]["negative"] == 1
    assert round(ctx["media"]["net_tone"], 3) == round(1 / 3, 3)
    themes = {g["theme"]: g["items"] for g in ctx["suggestions"]}
    assert themes["fasilitas"] == [{"text": "Toilet kotor <b>sekali</b>", "count": 1}]
    assert ctx["survey"]["period_last"].astimezone(WIB).date().isoformat() == "2026-06-30"
    # scope: another province's Kanwil and another unit do not see it
    with pytest.raises(NotFound):
        pages.results_context(
            session=session, survey_id=survey.id, scope=Scope(province="Sulawesi Tengah")
        )
    with pytest.raises(NotFound):
        pages.results_context(
            session=session, survey_id=survey.id, scope=Scope(unit_ids=(units["palu"].id,))
        )
    listed = pages.survey_list(session=session, scope=Scope(province="Jambi"))
    assert [(r["unit"], r["score"]) for r in listed] == [("Lapas Kelas IIA Jambi", 81.94)]
    assert pages.survey_list(session=session, scope=Scope(unit_ids=(units["palu"].id,))) == []


def test_rollup_pools_each_kanwil(session: Session, units: dict[str, Unit]) -> None:
    a = service.create_survey(session=session, unit_id=units["jambi"].id, period="2026-Q1")
    b = service.create_survey(session=session, unit_id=units["muara"].id, period="2026-Q2")
    c = service.create_survey(session=session, unit_id=units["palu"].id, period="2026-S1")
    for survey, values in ((a, [4, 4, 4]), (b, [2]), (c, [3])):
        rows = [
            (f"{survey.id}-{i}", Submission(dict.fromkeys(CODES, v))) for i, v in enumerate(values)
        ]
        service.store_responses(session=session, survey_id=survey.id, rows=rows, channel="web")
    session.commit()
    ctx = pages.rollup_context(session=session, scope=NATIONAL, period_code="2026-S1")
    assert [(u["unit"], u["score"]) for u in ctx["units"]] == [
        ("Lapas Kelas IIA Jambi", 100.0),
        ("Lapas Kelas IIA Palu", 75.0),
        ("Rutan Kelas IIB Muara Bulian", 50.0),
    ]
    # Jambi pooled: (3×4 + 2)/4 = 3.5 -> 87.5 (B); Sulawesi Tengah: 3 -> 75.0 (C)
    assert [(k["province"], k["score"], k["band"]) for k in ctx["kanwil"]] == [
        ("Jambi", 87.5, "B"),
        ("Sulawesi Tengah", 75.0, "C"),
    ]
    q2 = pages.rollup_context(session=session, scope=Scope(province="Jambi"), period_code="2026-Q2")
    assert [u["unit"] for u in q2["units"]] == ["Rutan Kelas IIB Muara Bulian"]
    assert ctx["units"][0]["media"]["items"] == 0


def test_repeated_suggestions_are_shown_once_with_a_count() -> None:
    collapsed = pages._collapse(["Toilet kotor", "Antrean lama", "Toilet kotor"])
    assert collapsed == [{"text": "Toilet kotor", "count": 2}, {"text": "Antrean lama", "count": 1}]
