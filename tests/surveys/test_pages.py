"""Results page data: scores beside the unit's media tone, scope enforced."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from pantau.errors import NotFound
from pantau.store.scope import NATIONAL, Scope
from pantau.store.tables import Analysis, Item, ItemUnit, Unit
from pantau.surveys import pages, service
from pantau.surveys.service import Submission

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
    assert themes["fasilitas"] == ["Toilet kotor <b>sekali</b>"]  # stored as written
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
