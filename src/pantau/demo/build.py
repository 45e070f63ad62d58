"""The demo job: a fresh database from the bundled corpus, analysed, with one account per role.

Every stage is the real one (ingest, analysis, stories, alerts), so the demo shows what an
office server would hold after a year of monitoring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from rich.progress import Progress
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pantau.alerts.service import run_alerts
from pantau.alerts.tables import Alert
from pantau.analyse.pipeline import default_pipeline
from pantau.cases.service import CaseAction, add_action, move_case, open_case
from pantau.ingest.run import IngestReport, ingest_paths
from pantau.settings import Settings
from pantau.store.analysed import AnalyseResult, analyse_items
from pantau.store.db import make_engine, make_sessionmaker, session_scope
from pantau.store.migrate import upgrade
from pantau.store.tables import Analysis, Item, ItemUnit
from pantau.store.units import ensure_seeded
from pantau.web.demo_accounts import ensure_demo_accounts

CORPUS_DIR = Path(__file__).parent / "corpus"


@dataclass
class DemoReport:
    database_url: str
    ingest: IngestReport | None = None
    analysis: AnalyseResult | None = None
    alerts: int = 0
    cases: int = 0
    accounts: list[tuple[str, str, str, str]] = field(default_factory=list)


def corpus_files() -> list[Path]:
    return sorted(CORPUS_DIR.glob("*.jsonl"))


def demo_settings(settings: Settings) -> Settings:
    """The demo's own SQLite file beside the configured data, never the production database."""
    url = f"sqlite:///{(settings.data_dir / 'demo.db').as_posix()}"
    return settings.model_copy(update={"database_url": url})


def _fresh_database(settings: Settings) -> sessionmaker[Session]:
    path = settings.data_dir / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    return make_sessionmaker(engine)


def build_demo(*, settings: Settings, progress: Progress | None = None) -> DemoReport:
    """Build the demo database, showing each step on ``progress`` when given."""
    settings = demo_settings(settings)
    sessions = _fresh_database(settings)
    report = DemoReport(settings.resolved_database_url)
    with session_scope(sessions) as session:
        ensure_seeded(session)
    report.ingest = ingest_paths(
        sessions=sessions,
        settings=settings,
        paths=[str(p) for p in corpus_files()],
        progress=_step(progress, "Memuat korpus demo"),
    )
    pipeline = default_pipeline(settings)
    with session_scope(sessions) as session:
        ids = list(session.scalars(select(Item.id).order_by(Item.published_at, Item.id)))
        bar = _step(progress, "Menganalisis berita")
        report.analysis = analyse_items(
            session,
            pipeline=pipeline,
            item_ids=ids,
            on_progress=_counter(bar, len(ids)),
        )
    report.alerts = _replay_alerts(sessions, settings)
    with session_scope(sessions) as session:
        report.cases = _worked_case(session)
    with session_scope(sessions) as session:
        report.accounts = ensure_demo_accounts(session)
    return report


def _step(progress: Progress | None, description: str) -> Callable[[int, int], None] | None:
    """A (done, total) callback drawing one bar of ``progress``."""
    if progress is None:
        return None
    task = progress.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return update


def _counter(update: Callable[[int, int], None] | None, total: int) -> Callable[[int], None] | None:
    """Turn a (done, total) callback into an "n more done" one."""
    if update is None:
        return None
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        update(done, total)

    return advance


def _worked_case(session: Session) -> int:
    """One crisis case run to its close, from the strongest volume alert of the year, so the
    Kasus pages show a full timeline: statement, police coordination, release, monitoring."""
    alert = session.scalars(
        select(Alert)
        .where(Alert.kind == "volume", Alert.unit_id.is_not(None))
        .order_by(Alert.level.desc(), Alert.fire_count.desc(), Alert.id)
    ).first()
    if alert is None:
        return 0
    start = alert.first_fired_at
    category = alert.category or _dominant_category(session, alert.unit_id, start)
    case = open_case(
        session=session,
        alert=alert,
        unit_id=alert.unit_id,
        category=category,
        level=alert.level,
        owner="demo-upt",
        actor="demo-upt",
        now=start + timedelta(minutes=20),
    )
    steps = [
        (
            45,
            CaseAction.HOLDING_STATEMENT,
            "Pernyataan awal dikirim ke grup wartawan: "
            "kejadian dibenarkan, pencarian bersama kepolisian berjalan, "
            "informasi berkala menyusul.",
        ),
        (
            90,
            CaseAction.POLICE_COORDINATION,
            "Koordinasi dengan Polres setempat; foto dan "
            "identitas disebarkan, pos penjagaan ditambah.",
        ),
        (
            600,
            CaseAction.PRESS_RELEASE,
            "Siaran pers Kanwil: perkembangan pencarian dan "
            "evaluasi pengamanan; narahubung Humas Kanwil.",
        ),
    ]
    for minutes, action, text in steps:
        add_action(
            session=session,
            case=case,
            action=action,
            text=text,
            actor="demo-upt",
            now=start + timedelta(minutes=minutes),
        )
    move_case(
        session=session,
        case=case,
        to_state="monitoring",
        actor="demo-kanwil",
        note="Pemberitaan menurun; pantau dua hari.",
        now=start + timedelta(days=2),
    )
    move_case(
        session=session,
        case=case,
        to_state="closed",
        actor="demo-kanwil",
        note="Evaluasi pascakrisis selesai.",
        now=start + timedelta(days=4),
    )
    return 1


def _dominant_category(session: Session, unit_id: int | None, until: datetime) -> str:
    """The crisis category most of the unit's negative items carried in the days before."""
    n = func.count(Item.id)
    stmt = (
        select(Analysis.crisis_category)
        .join(Item, Item.id == Analysis.item_id)
        .join(ItemUnit, ItemUnit.item_id == Item.id)
        .where(ItemUnit.unit_id == unit_id, Analysis.crisis_category != "none")
        .where(Item.published_at <= until, Item.published_at > until - timedelta(days=3))
        .group_by(Analysis.crisis_category)
        .order_by(n.desc(), Analysis.crisis_category)
    )
    return session.scalars(stmt).first() or "other_negative"


def _replay_alerts(sessions: sessionmaker[Session], settings: Settings) -> int:
    """Alerts over the demo year, as if Pantau had watched it live.

    The early-warning pass runs once in the hour after each negative item arrives: that is
    when a live server would have fired, and it keeps the replay to a few hundred passes.
    """
    with session_scope(sessions) as session:
        published = session.scalars(
            select(Item.published_at)
            .join(Analysis, Analysis.item_id == Item.id)
            .where(Analysis.tone == "negative", Item.published_at.is_not(None))
        ).all()
    moments = sorted(
        {t.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1) for t in published if t}
    )
    fired = 0
    for moment in moments:
        with session_scope(sessions) as session:
            report = run_alerts(session=session, settings=settings, now=moment)
            fired += len(report.new)
    return fired
