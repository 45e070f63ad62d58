"""Cases from an alert to the evaluation: actions, SLAs with escalation, templates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alerts_world import Receiver, Smtp, add_item, configure, make_world
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.alerts.clock import FakeClock
from pantau.alerts.service import run_alerts
from pantau.alerts.tables import Alert, Delivery
from pantau.cases.evaluation import evaluate_case
from pantau.cases.service import (
    add_action,
    add_member,
    check_slas,
    get_case,
    list_cases,
    move_case,
    open_case,
    timeline,
)
from pantau.cases.templates import draft, tanggal
from pantau.errors import InvalidTransition, NotFound, RejectedInput
from pantau.settings import Settings
from pantau.store.scope import Scope

T0 = datetime(2026, 3, 4, 3, tzinfo=UTC)  # 10:00 WIB


def test_case_from_alert_to_close(session: Session, settings: Settings) -> None:
    configure(settings, None, None)
    world = make_world(session)
    add_item(
        session,
        title="Dua napi kabur",
        unit=world.pilot,
        category="escape",
        published_at=T0 - timedelta(hours=1),
    )
    run_alerts(session=session, settings=settings, now=T0)
    alert = session.scalars(select(Alert)).one()
    case = open_case(
        session=session,
        alert=alert,
        unit_id=world.pilot.id,
        category="escape",
        level=2,
        owner="upt_jambi",
        actor="upt_jambi",
        now=T0,
    )
    assert alert.status == "acknowledged" and alert.acknowledged_by == "upt_jambi"
    assert case.title == "Dua napi kabur" and case.province == "Jambi"
    add_member(
        session=session,
        case=case,
        username="kalapas",
        role="spokesperson",
        actor="upt_jambi",
        now=T0,
    )
    with pytest.raises(RejectedInput):
        add_member(session=session, case=case, username="kalapas", role="member", actor="x")
    add_action(
        session=session,
        case=case,
        action="holding_statement",
        text="Pernyataan awal",
        actor="upt_jambi",
        now=T0 + timedelta(minutes=20),
    )
    assert case.state == "handling"
    assert case.first_response_at == T0 + timedelta(minutes=20)
    add_action(
        session=session,
        case=case,
        action="police_coordination",
        text="Koordinasi pengejaran dengan Polres",
        actor="upt_jambi",
        now=T0 + timedelta(minutes=40),
    )
    add_action(
        session=session,
        case=case,
        action="right_of_reply",
        text="Hak jawab ke media X",
        actor="upt_jambi",
        now=T0 + timedelta(hours=2),
    )
    move_case(
        session=session,
        case=case,
        to_state="monitoring",
        actor="upt_jambi",
        now=T0 + timedelta(hours=3),
    )
    move_case(
        session=session, case=case, to_state="closed", actor="upt_jambi", now=T0 + timedelta(days=2)
    )
    with pytest.raises(InvalidTransition):
        add_action(session=session, case=case, action="note", text="x", actor="u")
    session.commit()
    steps = [(e.kind, e.to_state or e.action) for e in timeline(case)]
    assert steps == [
        ("transition", "open"),
        ("member", None),
        ("transition", "handling"),
        ("action", "holding_statement"),
        ("action", "police_coordination"),
        ("action", "right_of_reply"),
        ("transition", "monitoring"),
        ("transition", "closed"),
    ]
    assert case.closed_at == T0 + timedelta(days=2)
    with pytest.raises(RejectedInput):
        add_action(session=session, case=case, action="dance", text="x", actor="u")


def test_scoped_lookup(session: Session) -> None:
    world = make_world(session)
    case = open_case(
        session=session,
        unit_id=world.other.id,
        category="drugs",
        level=1,
        owner="o",
        actor="o",
        now=T0,
    )
    assert list_cases(session=session, scope=Scope(province="Jambi")) == [case]
    assert list_cases(session=session, scope=Scope(unit_ids=(world.pilot.id,))) == []
    with pytest.raises(NotFound):
        get_case(session=session, case_id=case.id, scope=Scope(province="Aceh"))
    with pytest.raises(RejectedInput):
        open_case(
            session=session,
            unit_id=world.pilot.id,
            category="gossip",
            level=1,
            owner="o",
            actor="o",
        )
    with pytest.raises(RejectedInput):
        open_case(
            session=session, unit_id=world.pilot.id, category="drugs", level=4, owner="o", actor="o"
        )


def test_sla_breaches_escalate_once(
    session: Session, settings: Settings, receiver: Receiver, smtp: Smtp
) -> None:
    configure(settings, receiver, smtp)
    settings.alerts.sla_first_response_minutes = 30
    settings.alerts.sla_holding_statement_minutes = 60
    world = make_world(session, base_url=receiver.url)
    case = open_case(
        session=session,
        unit_id=world.pilot.id,
        category="violence_riot",
        level=1,
        owner="upt_jambi",
        actor="upt_jambi",
        now=T0,
    )
    clock = FakeClock(T0 + timedelta(minutes=29))
    assert check_slas(session=session, settings=settings, clock=clock) == []
    clock.advance(minutes=2)
    assert check_slas(session=session, settings=settings, clock=clock) == [
        (case.id, "first_response")
    ]
    # Escalated to the Kanwil and pusat, not to the unit itself.
    assert len(smtp.to("humas.kanwil@jambi.test")) == 1
    assert len(smtp.to("humas@pusat.test")) == 1
    assert smtp.to("humas.lapas@jambi.test") == []
    hooks = receiver.of("/hook")
    assert len(hooks) == 1 and hooks[0]["json"]["purpose"] == "sla"
    assert check_slas(session=session, settings=settings, clock=clock) == []
    add_action(
        session=session,
        case=case,
        action="clarification",
        text="Klarifikasi",
        actor="upt_jambi",
        now=clock.now(),
    )
    clock.advance(minutes=30)
    assert check_slas(session=session, settings=settings, clock=clock) == [
        (case.id, "holding_statement")
    ]
    assert case.sla_breaches == ["first_response", "holding_statement"]
    kinds = [e.kind for e in timeline(case)]
    assert kinds.count("sla_breach") == 2
    rows = session.scalars(select(Delivery).where(Delivery.case_id == case.id)).all()
    assert rows and {r.purpose for r in rows} == {"sla"}


def test_templates_follow_the_release_format(session: Session, settings: Settings) -> None:
    settings.alerts.spokesperson_name = "Sari Wulandari"
    settings.alerts.spokesperson_phone = "0812-0000-1111"
    world = make_world(session)
    case = open_case(
        session=session,
        unit_id=world.pilot.id,
        category="escape",
        level=2,
        owner="o",
        actor="o",
        now=T0,
    )
    holding = draft(session=session, case=case, kind="holding_statement", settings=settings, now=T0)
    assert "Jambi – Lapas Perempuan Kelas IIB Jambi mengetahui" in holding
    assert "dugaan warga binaan yang melarikan diri" in holding
    assert "\nJambi, 4 Maret 2026\n\nNarahubung:" in holding
    assert holding.rstrip().endswith(
        "Narahubung:\nKoordinator Humas dan Protokol\nSari Wulandari – 0812-0000-1111"
    )
    release = draft(
        session=session,
        case=case,
        kind="press_release",
        settings=settings,
        now=T0,
        title="Dua Napi Ditangkap Kembali",
        quote="Kami bergerak cepat",
        quote_by="Kalapas",
    )
    assert release.startswith("SIARAN PERS\nLapas Perempuan Kelas IIB Jambi\n\nDua Napi")
    assert "“Kami bergerak cepat” ujar Kalapas." in release
    assert "\nJambi, 4 Maret 2026\n" in release
    assert tanggal(datetime(2022, 11, 9).date()) == "9 November 2022"


def test_evaluation_curve_before_and_after_response(session: Session, settings: Settings) -> None:
    settings.alerts.evaluation_days = 3
    world = make_world(session)
    # Before the response: 3 negative items a day; after: 1 negative and 2 positive a day.
    response = T0 + timedelta(days=3)
    for d in range(3):
        for i in range(3):
            add_item(
                session,
                title=f"b{d}{i}",
                unit=world.pilot,
                category="escape",
                published_at=response - timedelta(days=d, hours=2 + i),
            )
        add_item(
            session,
            title=f"a{d}",
            unit=world.pilot,
            category="escape",
            published_at=response + timedelta(days=d, hours=2),
        )
        for i in range(2):
            add_item(
                session,
                title=f"p{d}{i}",
                unit=world.pilot,
                tone="positive",
                published_at=response + timedelta(days=d, hours=3 + i),
            )
    add_item(session, title="other unit", unit=world.other, published_at=response)
    case = open_case(
        session=session,
        unit_id=world.pilot.id,
        category="escape",
        level=2,
        owner="o",
        actor="o",
        now=T0,
    )
    add_action(
        session=session, case=case, action="press_release", text="rilis", actor="o", now=response
    )
    ev = evaluate_case(
        session=session, case=case, settings=settings, now=response + timedelta(days=5)
    )
    assert ev.pivot_is_response
    assert (ev.before.items, ev.before.negative, ev.before.days) == (9, 9, 3)
    assert (ev.after.items, ev.after.negative, ev.after.days) == (9, 3, 3)
    assert ev.before.negative_share == 1.0
    assert ev.after.negative_share == pytest.approx(1 / 3)
    assert sum(p.items for p in ev.curve) == 18
    assert ev.as_dict()["after"] == {  # type: ignore[comparison-overlap]
        "days": 3,
        "items": 9,
        "negative": 3,
        "items_per_day": 3.0,
        "negative_share": 0.3333,
    }
