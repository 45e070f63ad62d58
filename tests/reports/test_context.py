"""Every report number against a direct query or a hand count of the known dataset."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.reports.context import build_context
from pantau.reports.params import ReportParams
from pantau.reports.period import PeriodKind
from pantau.store.tables import Analysis, Item

WIB = timezone(timedelta(hours=7))
MARCH = ReportParams(scope="nasional", period=PeriodKind.MONTHLY, anchor=date(2026, 3, 1))


def _direct_count(session: Session, *conditions: object) -> int:
    start, end = datetime(2026, 3, 1, tzinfo=WIB), datetime(2026, 4, 1, tzinfo=WIB)
    stmt = (
        select(func.count(Item.id))
        .join(Analysis, Analysis.item_id == Item.id)
        .where(Analysis.relevant.is_(True), Item.published_at >= start, Item.published_at < end)
        .where(*conditions)  # type: ignore[arg-type]
    )
    return int(session.scalar(stmt) or 0)


def test_headline_matches_direct_queries(session: Session, dataset: Any) -> None:
    ctx = build_context(session=session, params=MARCH, timezone="Asia/Jakarta")
    assert ctx.headline.items == _direct_count(session) == 9
    assert ctx.headline.positive == _direct_count(session, Analysis.tone == "positive") == 5
    assert ctx.headline.negative == _direct_count(session, Analysis.tone == "negative") == 3
    assert ctx.headline.neutral == 1
    assert ctx.headline.crisis == 3
    assert abs(ctx.headline.crisis_share - 3 / 9) < 1e-9
    assert (ctx.previous.items, ctx.previous.negative) == (2, 1)


def test_trend_covers_every_day_and_sums_to_the_headline(session: Session, dataset: Any) -> None:
    ctx = build_context(session=session, params=MARCH, timezone="Asia/Jakarta")
    assert len(ctx.trend) == 31
    assert sum(p.items for p in ctx.trend) == ctx.headline.items
    by_day = {p.bucket: p for p in ctx.trend}
    # 3 March 23:00 WIB is 16:00 UTC: it counts on 3 March, local time.
    assert by_day["2026-03-03"].negative == 2
    assert by_day["2026-03-31"].positive == 1
    assert by_day["2026-03-04"].items == 0


def test_units_stories_speakers_and_key_messages(session: Session, dataset: Any) -> None:
    ctx = build_context(session=session, params=MARCH, timezone="Asia/Jakarta")
    units = {u.unit: u for u in ctx.units}
    jambi = units["Lapas Kelas IIA Jambi"]
    assert (jambi.items, jambi.positive, jambi.negative, jambi.crisis) == (5, 3, 2, 2)
    assert units["Lapas Perempuan Kelas IIB Jambi"].pilot
    # Net tone in Kanwil Jambi: Lapas Perempuan (1-0)/2 = 0.5 beats Lapas Jambi (3-2)/5 = 0.2.
    assert units["Lapas Perempuan Kelas IIB Jambi"].rank_in_kanwil == 1
    assert jambi.rank_in_kanwil == 2
    assert [(s.title, s.items) for s in ctx.stories] == [("Cerita s1", 2), ("Cerita s2", 2)]
    speakers = {s.speaker: s for s in ctx.speakers}
    assert speakers["Ani Lestari"].quotes == 2 and speakers["Ani Lestari"].role == "Kalapas"
    assert [(k.key, k.items) for k in ctx.key_messages] == [("zero_halinar", 5)]
    assert {c.key: c.items for c in ctx.crisis_categories} == {"escape": 2, "drugs": 1}


def test_kanwil_scope_keeps_its_province_only(session: Session, dataset: Any) -> None:
    params = ReportParams(scope="kanwil:jambi", period=PeriodKind.MONTHLY, anchor=date(2026, 3, 9))
    ctx = build_context(session=session, params=params, timezone="Asia/Jakarta")
    assert ctx.scope_label == "Kanwil Ditjenpas Jambi"
    assert ctx.headline.items == 6
    assert {u.province for u in ctx.units} == {"Jambi"}


def test_upt_scope_and_reproducible_fingerprint(session: Session, dataset: Any) -> None:
    params = ReportParams(
        scope="upt:Lapas Perempuan Kelas IIB Jambi",
        period=PeriodKind.MONTHLY,
        anchor=date(2026, 3, 1),
    )
    first = build_context(session=session, params=params, timezone="Asia/Jakarta")
    again = build_context(session=session, params=params, timezone="Asia/Jakarta")
    assert first.headline.items == 2
    assert first.fingerprint == again.fingerprint
    dataset.items[4].analysis.tone = "positive"  # type: ignore[union-attr]
    session.commit()
    changed = build_context(session=session, params=params, timezone="Asia/Jakarta")
    assert changed.fingerprint != first.fingerprint


def test_survey_scores_sit_beside_the_media_picture(session: Session, dataset: Any) -> None:
    from pantau.surveys.service import (
        Submission,
        create_survey,
        get_instrument,
        instrument_of,
        store_responses,
    )

    unit = dataset.units["jambi"]
    survey = create_survey(session=session, unit_id=unit.id, period="2026-03", population=50)
    codes = instrument_of(get_instrument(session=session, code="skm")).element_codes
    # Two respondents: all 4s and all 3s -> NRR 3.5 everywhere, IKM 3.5, score 87.50 (B).
    rows = [(f"fp{n}", Submission(dict.fromkeys(codes, value))) for n, value in ((1, 4), (2, 3))]
    store_responses(session=session, survey_id=survey.id, rows=rows, channel="test")
    session.commit()
    ctx = build_context(session=session, params=MARCH, timezone="Asia/Jakarta")
    (row,) = ctx.surveys
    assert (row.unit, row.respondents, row.score, row.band) == (unit.name, 2, 87.5, "B")
    assert row.sample_short  # 44 respondents needed for a population of 50
    assert (row.media_items, row.media_positive_share) == (5, 3 / 5)


def test_crisis_cases_and_response_times(session: Session, dataset: Any) -> None:
    from pantau.cases.service import CaseAction, add_action, open_case

    unit = dataset.units["jambi"]
    opened = datetime(2026, 3, 3, 11, 0, tzinfo=WIB)
    case = open_case(
        session=session,
        unit_id=unit.id,
        category="escape",
        level=2,
        owner="humas",
        actor="humas",
        now=opened,
    )
    add_action(
        session=session,
        case=case,
        action=CaseAction.HOLDING_STATEMENT,
        text="Pernyataan awal.",
        actor="humas",
        now=opened + timedelta(minutes=40),
    )
    session.commit()
    ctx = build_context(session=session, params=MARCH, timezone="Asia/Jakarta")
    (row,) = ctx.cases
    assert (row.unit, row.category, row.level) == (unit.name, "escape", 2)
    assert row.first_response_minutes == 40.0 and row.holding_statement_minutes == 40.0
    assert ctx.median_first_response_minutes == 40.0
    units = {u.unit: u for u in ctx.units}
    assert units[unit.name].median_response_minutes == 40.0
    assert units["Lapas Kelas I Medan"].median_response_minutes is None
    other_kanwil = ReportParams(
        scope="kanwil:Sumatera Utara", period=PeriodKind.MONTHLY, anchor=date(2026, 3, 1)
    )
    assert build_context(session=session, params=other_kanwil, timezone="Asia/Jakarta").cases == []
