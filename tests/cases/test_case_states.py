"""The transition table: every illegal edge raises, every legal one appends an event."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from alerts_world import make_world
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.cases.service import move_case, open_case
from pantau.cases.states import TRANSITIONS, CaseState, allowed, check
from pantau.cases.tables import Case, CaseEvent
from pantau.errors import InvalidTransition

T0 = datetime(2026, 3, 4, 3, tzinfo=UTC)
ALL_EDGES = list(itertools.product(CaseState, CaseState))


def case_in(session: Session, state: CaseState) -> Case:
    world = make_world(session)
    case = open_case(
        session=session,
        unit_id=world.pilot.id,
        category="escape",
        level=2,
        owner="upt_jambi",
        actor="upt_jambi",
        now=T0,
    )
    case.state = state  # set directly: we test one edge from here
    session.flush()
    return case


def event_count(session: Session, case: Case) -> int:
    stmt = select(func.count(CaseEvent.id)).where(CaseEvent.case_id == case.id)
    return int(session.scalar(stmt) or 0)


@pytest.mark.parametrize(("frm", "to"), ALL_EDGES, ids=[f"{a}->{b}" for a, b in ALL_EDGES])
def test_every_edge(session: Session, frm: CaseState, to: CaseState) -> None:
    case = case_in(session, frm)
    before = event_count(session, case)
    if (frm, to) in TRANSITIONS:
        event = move_case(
            session=session,
            case=case,
            to_state=to,
            actor="tester",
            note="alasan",
            now=T0 + timedelta(hours=1),
        )
        assert case.state == to
        assert (event.from_state, event.to_state, event.kind) == (frm, to, "transition")
        assert event_count(session, case) == before + 1
        assert (case.closed_at is not None) == (to == CaseState.CLOSED)
    else:
        with pytest.raises(InvalidTransition):
            move_case(session=session, case=case, to_state=to, actor="tester", note="x")
        assert case.state == frm
        assert event_count(session, case) == before


def test_table_shape() -> None:
    assert len(TRANSITIONS) == 6
    assert allowed("open") == [CaseState.HANDLING, CaseState.CLOSED]
    assert allowed("closed") == [CaseState.HANDLING]
    with pytest.raises(InvalidTransition):
        check("open", "archived")
    with pytest.raises(InvalidTransition, match="Pilihan: Ditangani"):
        check("closed", "monitoring")


def test_closing_a_fresh_case_needs_a_reason(session: Session) -> None:
    case = case_in(session, CaseState.OPEN)
    with pytest.raises(InvalidTransition, match="alasan"):
        move_case(session=session, case=case, to_state="closed", actor="t", note="  ")
    assert case.state == CaseState.OPEN
