"""run_alerts end to end on a real database, with real loopback SMTP and HTTP receivers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alerts_world import Receiver, Smtp, add_item, configure, make_world
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.alerts.clock import FakeClock
from pantau.alerts.service import acknowledge, list_alerts, run_alerts
from pantau.alerts.tables import Alert, Delivery, WatchKeyword
from pantau.settings import Settings
from pantau.store.scope import NATIONAL, Scope
from pantau.store.tables import Story

# 10:00 WIB on a Wednesday: outside quiet hours.
NOON = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)


def deliveries(session: Session, alert_id: int | None = None) -> list[Delivery]:
    stmt = select(Delivery).order_by(Delivery.id)
    if alert_id is not None:
        stmt = stmt.where(Delivery.alert_id == alert_id)
    return list(session.scalars(stmt))


def test_pilot_negative_item_alerts_and_notifies_the_unit(
    session: Session, settings: Settings, receiver: Receiver, smtp: Smtp
) -> None:
    configure(settings, receiver, smtp)
    world = make_world(session, base_url=receiver.url)
    item = add_item(
        session,
        title="Pungli kunjungan dikeluhkan keluarga",
        unit=world.pilot,
        category="extortion_corruption",
        published_at=NOON - timedelta(hours=1),
        outlet=world.outlets[0],
    )
    clock = FakeClock(NOON)
    report = run_alerts(session=session, settings=settings, clock=clock)
    assert len(report.new) == 1
    alert = session.get(Alert, report.new[0])
    assert alert is not None
    assert alert.level == 1
    assert alert.unit_id == world.pilot.id
    assert "UPT percontohan Lapas Perempuan Kelas IIB Jambi" in alert.reason
    assert alert.reasons[0]["code"] == "pilot_negative"
    assert [row.item_id for row in alert.items] == [item.id]
    # Level 1 reaches the unit tier only: the upt user's mailbox and the unit's WhatsApp.
    mails = smtp.to("humas.lapas@jambi.test")
    assert len(mails) == 1
    assert "Pungli kunjungan" in mails[0].get_payload()
    assert smtp.to("humas.kanwil@jambi.test") == []
    wa = receiver.of("/wa/send")
    assert len(wa) == 1
    assert wa[0]["json"]["to"] == "628111"
    assert wa[0]["auth"] == "Bearer WA-TOKEN"
    assert receiver.of("/hook") == []
    assert {d.status for d in deliveries(session)} == {"sent"}


def test_one_story_pages_people_once(
    session: Session, settings: Settings, receiver: Receiver, smtp: Smtp
) -> None:
    configure(settings, receiver, smtp)
    world = make_world(session, base_url=receiver.url)
    story = Story(key="s1", title="Napi kabur", outlet_count=1, provinces=["Jambi"])
    session.add(story)
    session.flush()
    clock = FakeClock(NOON)
    for i in range(40):
        add_item(
            session,
            title=f"Dua napi kabur dari lapas ({i})",
            unit=world.pilot,
            category="escape",
            story=story,
            outlet=world.outlets[0],
            published_at=NOON - timedelta(minutes=50 - i),
        )
        if i % 10 == 0:
            run_alerts(session=session, settings=settings, clock=clock)
            clock.advance(minutes=1)
    alerts = list(session.scalars(select(Alert).where(Alert.key == f"story:{story.id}")))
    assert len(alerts) == 1
    # Forty copies make it viral (level 3), so it was announced twice: new, then upgrade.
    purposes = [d.purpose for d in deliveries(session, alerts[0].id) if d.recipient == "upt_jambi"]
    assert purposes == ["new", "upgrade"]
    assert alerts[0].level == 3
    # Running again with nothing new sends nothing.
    before = len(deliveries(session))
    run_alerts(session=session, settings=settings, clock=clock)
    assert len(deliveries(session)) == before


def test_escalation_until_acknowledged(
    session: Session, settings: Settings, receiver: Receiver, smtp: Smtp
) -> None:
    configure(settings, receiver, smtp)
    settings.alerts.escalate_after_minutes = 30
    world = make_world(session, base_url=receiver.url)
    add_item(
        session,
        title="Sel mewah di lapas",
        unit=world.pilot,
        category="extortion_corruption",
        published_at=NOON - timedelta(hours=2),
    )
    clock = FakeClock(NOON)
    (alert_id,) = run_alerts(session=session, settings=settings, clock=clock).new
    clock.advance(minutes=29)
    assert run_alerts(session=session, settings=settings, clock=clock).escalated == []
    clock.advance(minutes=1)
    assert run_alerts(session=session, settings=settings, clock=clock).escalated == [alert_id]
    # Step 1 reaches the Kanwil: its officer's mail and the Kanwil Telegram group.
    assert len(smtp.to("humas.kanwil@jambi.test")) == 1
    tg = receiver.of("/tg/botTOKEN/sendMessage")
    assert [r["json"]["chat_id"] for r in tg] == ["-100777"]
    assert "ESKALASI" in tg[0]["json"]["text"]
    acknowledge(session=session, alert_id=alert_id, actor="kanwil_jambi", now=clock.now())
    clock.advance(hours=2)
    assert run_alerts(session=session, settings=settings, clock=clock).escalated == []
    assert smtp.to("humas@pusat.test") == []
    assert receiver.of("/hook") == []
    # Acknowledged, then the story goes viral (ten outlets): level 3 still reaches pusat,
    # although escalation has stopped.
    for i in range(10):
        add_item(
            session,
            title=f"Sel mewah diberitakan luas ({i})",
            unit=world.pilot,
            category="extortion_corruption",
            outlet=world.outlets[i],
            published_at=clock.now() - timedelta(minutes=5 + i),
        )
    run_alerts(session=session, settings=settings, clock=clock)
    alert = session.get(Alert, alert_id)
    assert alert is not None and alert.level == 3 and alert.status == "acknowledged"
    subjects = [m["Subject"] for m in smtp.to("humas@pusat.test")]
    assert "[Pantau Level 3 (nasional)] NAIK LEVEL. Sel mewah di lapas" in subjects
    hooks = [r["json"] for r in receiver.of("/hook") if r["json"]["alert_id"] == alert_id]
    assert [(h["purpose"], h["level"]) for h in hooks] == [("upgrade", 3)]


def test_quiet_hours_hold_all_but_level_three(
    session: Session, settings: Settings, receiver: Receiver, smtp: Smtp
) -> None:
    configure(settings, receiver, smtp)
    settings.alerts.quiet_start_hour, settings.alerts.quiet_end_hour = 22, 6
    world = make_world(session, base_url=receiver.url)
    night = datetime(2026, 3, 4, 16, 30, tzinfo=UTC)  # 23:30 WIB
    add_item(
        session,
        title="HP ditemukan di kamar hunian",
        unit=world.pilot,
        category="contraband_phone",
        published_at=night - timedelta(minutes=10),
    )
    add_item(
        session,
        title="Warga binaan meninggal di sel",
        unit=world.other,
        category="death_health",
        published_at=night - timedelta(minutes=5),
    )
    clock = FakeClock(night)
    run_alerts(session=session, settings=settings, clock=clock)
    by_level = {a.level: a for a in session.scalars(select(Alert))}
    assert set(by_level) == {1, 3}
    assert {d.status for d in deliveries(session, by_level[1].id)} == {"held"}
    sent3 = deliveries(session, by_level[3].id)
    assert sent3 and {d.status for d in sent3} == {"sent"}
    # The death reaches pusat's webhook at night, signed.
    hooks = receiver.of("/hook")
    assert len(hooks) == 1 and hooks[0]["signed"] and hooks[0]["json"]["level"] == 3
    assert smtp.to("humas.lapas@jambi.test") == []
    clock.current = datetime(2026, 3, 4, 23, 5, tzinfo=UTC)  # 06:05 WIB
    report = run_alerts(session=session, settings=settings, clock=clock)
    assert report.released == len(deliveries(session, by_level[1].id))
    assert {d.status for d in deliveries(session, by_level[1].id)} == {"sent"}
    assert len(smtp.to("humas.lapas@jambi.test")) == 1


def test_rate_limit_per_address(
    session: Session, settings: Settings, receiver: Receiver, smtp: Smtp
) -> None:
    configure(settings, receiver, smtp)
    settings.alerts.rate_limit_per_hour = 2
    world = make_world(session)
    clock = FakeClock(NOON)
    for i, category in enumerate(["drugs", "contraband_phone", "extortion_corruption"]):
        add_item(
            session,
            title=f"Kasus {category}",
            unit=world.pilot,
            category=category,
            published_at=NOON - timedelta(minutes=30 - i),
        )
    run_alerts(session=session, settings=settings, clock=clock)
    statuses = [d.status for d in deliveries(session) if d.address == "humas.lapas@jambi.test"]
    assert statuses == ["sent", "sent", "limited"]
    assert len(smtp.to("humas.lapas@jambi.test")) == 2


def test_watched_keyword_and_crisis_category_anywhere(session: Session, settings: Settings) -> None:
    configure(settings, None, None)
    world = make_world(session)
    session.add(WatchKeyword(phrase="Nusakambangan", level=2))
    add_item(
        session,
        title="Pemindahan napi risiko tinggi ke Nusakambangan",
        unit=world.other,
        tone="positive",
        published_at=NOON - timedelta(hours=3),
    )
    add_item(
        session,
        title="Kerusuhan di rutan",
        unit=world.other,
        category="violence_riot",
        published_at=NOON - timedelta(hours=2),
    )
    add_item(
        session,
        title="Kabar napi kabur di Nusakambangan ternyata hoaks",
        tone="positive",
        published_at=NOON - timedelta(days=3),
    )
    report = run_alerts(session=session, settings=settings, now=NOON)
    alerts = {a.key: a for a in session.scalars(select(Alert))}
    assert len(report.new) == 2
    keyword = next(a for a in alerts.values() if "keyword" in [r["code"] for r in a.reasons])
    assert keyword.level == 2
    assert "Nusakambangan" in keyword.reason
    riot = alerts[f"unit:{world.other.id}:violence_riot"]
    assert "Kerusuhan & kekerasan" in riot.reason
    # The old item (three days back) is outside the look-back and fired nothing.
    assert all(len(a.items) == 1 for a in alerts.values())


def test_volume_surge_for_a_unit_and_scoped_listing(session: Session, settings: Settings) -> None:
    configure(settings, None, None)
    world = make_world(session)
    # Four quiet weeks: one negative item each Wednesday morning about the other unit.
    for week in range(1, 5):
        add_item(
            session,
            title=f"Keluhan pelayanan minggu {week}",
            unit=world.other,
            category="other_negative",
            published_at=NOON - timedelta(weeks=week, hours=2),
        )
    for i in range(9):
        add_item(
            session,
            title=f"Keluhan antrean kunjungan {i}",
            unit=world.other,
            category="other_negative",
            published_at=NOON - timedelta(minutes=20 * i + 5),
        )
    run_alerts(session=session, settings=settings, now=NOON)
    volume = session.scalars(select(Alert).where(Alert.key == f"volume:unit:{world.other.id}"))
    alert = volume.one()
    assert alert.kind == "volume"
    assert len(alert.items) == 9
    reason = next(r for r in alert.reasons if r["code"] == "volume")
    assert reason["observed"] == 9
    assert reason["same_window"] == [1, 1, 1, 1]
    assert "9 berita negatif dalam 6 jam terakhir" in alert.reason
    assert alert in list_alerts(session=session, scope=Scope(unit_ids=(world.other.id,)))
    assert list_alerts(session=session, scope=Scope(unit_ids=(world.pilot.id,))) == []
    assert alert in list_alerts(session=session, scope=Scope(province="Jambi"))
    assert list_alerts(session=session, scope=Scope(province="Aceh")) == []
    assert alert in list_alerts(session=session, scope=NATIONAL)
