"""Latency benchmark: from ingest of a triggering item to the notification received.

Runs on a throwaway SQLite database with ``background`` ordinary items (so the rules
and the volume history have something to read), a loopback HTTP receiver that checks
the webhook's HMAC, and, when aiosmtpd is installed, a loopback SMTP server. Each run
ingests one new article through :func:`pantau.ingest.run.ingest_articles`, stores the
labels the analysers would give it (escape, about a pilot unit), runs :func:`run_alerts`
and stops the watch when both receivers have the alert.
"""

from __future__ import annotations

import hashlib
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from pantau.alerts.channels import verify
from pantau.alerts.service import run_alerts
from pantau.alerts.tables import Contact
from pantau.ingest.run import ingest_articles
from pantau.items import Article, Provenance
from pantau.settings import Settings, load_settings
from pantau.store.db import make_engine, make_sessionmaker
from pantau.store.migrate import upgrade
from pantau.store.tables import Analysis, Item, ItemUnit, Outlet, Unit, User

SECRET = "bench-secret"


@dataclass(frozen=True, slots=True)
class BenchResult:
    runs: int
    background: int
    latencies: tuple[float, ...]
    smtp: bool

    @property
    def median(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def worst(self) -> float:
        return max(self.latencies)


class _Inbox:
    def __init__(self) -> None:
        self.seen: dict[str, threading.Event] = {}
        self.lock = threading.Lock()

    def mark(self, key: str) -> None:
        with self.lock:
            self.seen.setdefault(key, threading.Event()).set()

    def wait(self, key: str, timeout: float) -> bool:
        with self.lock:
            event = self.seen.setdefault(key, threading.Event())
        return event.wait(timeout)


def _http_receiver(inbox: _Inbox) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            ts = self.headers.get("X-Pantau-Timestamp", "")
            ok = verify(SECRET, ts, body, self.headers.get("X-Pantau-Signature", ""))
            self.send_response(200 if ok else 401)
            self.end_headers()
            if ok:
                inbox.mark(f"hook:{json.loads(body)['title']}")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _smtp_receiver(inbox: _Inbox) -> tuple[Any, int] | None:
    try:
        from aiosmtpd.controller import Controller
    except ImportError:  # aiosmtpd is a test dependency; without it only the webhook is timed
        return None

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            text = envelope.content.decode("utf-8", "replace")
            for line in text.splitlines():
                if line.startswith("Subject:"):
                    inbox.mark("mail:" + line.split("] ", 1)[-1].strip())
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, port


def _world(session: Session, hook_url: str, background: int, now: datetime, run: int) -> Unit:
    """One pilot unit per run: a second item about the same unit and category would
    (rightly) be folded into the first alert and page nobody."""
    rng = random.Random(5 + run)
    unit = Unit(
        name=f"Lapas Kelas IIA Bench {run}",
        type="Lapas",
        place="Bench",
        province="Jambi",
        kanwil="Kanwil Ditjenpas Jambi",
        pilot=True,
    )
    outlet = Outlet(name=f"Media Bench {run}")
    session.add_all([unit, outlet])
    session.flush()
    session.add(
        User(
            username=f"humas_bench_{run}",
            email="humas@bench.test",
            password_hash="x",
            role="upt",
            unit_id=unit.id,
        )
    )
    session.add(
        Contact(name="Posko", channel="webhook", address=hook_url, tier="upt", unit_id=unit.id)
    )
    for i in range(background):
        published = now - timedelta(minutes=rng.randint(30, 60 * 24 * 30))
        _store_item(
            session,
            f"Berita latar {run}-{i}",
            unit if i % 7 == 0 else None,
            published,
            tone=rng.choice(["positive", "neutral", "positive", "negative"]),
            outlet=outlet,
        )
    return unit


def _store_item(
    session: Session,
    title: str,
    unit: Unit | None,
    published: datetime,
    *,
    tone: str,
    outlet: Outlet | None = None,
    category: str = "other_negative",
) -> Item:
    digest = hashlib.sha256(title.encode()).hexdigest()
    item = Item(
        title=title,
        body=title,
        published_at=published,
        content_hash=digest,
        canonical_url=f"https://bench.test/{digest[:16]}",
        source_kind="bench",
        source_locator="bench",
        outlet_id=outlet.id if outlet else None,
    )
    session.add(item)
    session.flush()
    session.add(
        Analysis(
            item_id=item.id,
            relevant=True,
            tone=tone,
            crisis_category=category if tone == "negative" else "none",
            province="Jambi",
        )
    )
    if unit is not None:
        session.add(ItemUnit(item_id=item.id, unit_id=unit.id, mention=unit.name, main=True))
    return item


def _analyse(session: Session, item_id: int, unit: Unit | None, *, category: str) -> None:
    session.add(
        Analysis(
            item_id=item_id,
            relevant=True,
            tone="negative",
            crisis_category=category,
            province="Jambi",
        )
    )
    if unit is not None:
        session.add(ItemUnit(item_id=item_id, unit_id=unit.id, mention=unit.name, main=True))


def measure(
    *,
    runs: int = 10,
    background: int = 1000,
    timeout: float = 10.0,
    progress: Callable[[int], None] | None = None,
) -> BenchResult:
    inbox = _Inbox()
    http = _http_receiver(inbox)
    smtp = _smtp_receiver(inbox)
    latencies: list[float] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = _settings(Path(tmp), http.server_address[1], smtp[1] if smtp else None)
            engine = make_engine(settings.resolved_database_url)
            upgrade(engine)
            sessions = make_sessionmaker(engine)
            now = datetime.now(UTC)
            hook = f"http://127.0.0.1:{http.server_address[1]}/hook"
            with sessions.begin() as session:
                unit_ids = [
                    _world(session, hook, background // runs, now, run).id for run in range(runs)
                ]
            for run in range(runs):
                latencies.append(
                    _one_run(
                        sessions, settings, inbox, unit_ids[run], run, smtp is not None, timeout
                    )
                )
                if progress:
                    progress(run + 1)
            engine.dispose()
    finally:
        http.shutdown()
        http.server_close()
        if smtp:
            smtp[0].stop()
    return BenchResult(runs, background, tuple(latencies), smtp is not None)


def _settings(tmp: Path, http_port: int, smtp_port: int | None) -> Settings:
    settings = load_settings(data_dir=tmp, database_url=f"sqlite:///{tmp / 'bench.db'}")
    a = settings.alerts
    a.webhook_secret, a.quiet_start_hour, a.quiet_end_hour = SECRET, 0, 0
    a.rate_limit_per_hour = 10_000
    if smtp_port is not None:
        settings.mail.smtp_host, settings.mail.smtp_port = "127.0.0.1", smtp_port
    return settings


def _one_run(
    sessions: Any,
    settings: Settings,
    inbox: _Inbox,
    unit_id: int,
    run: int,
    smtp: bool,
    timeout: float,
) -> float:
    title = f"Napi kabur dari Lapas Bench, kejadian {run}"
    start = time.perf_counter()
    article = Article(
        title=title,
        body=f"{title}. Petugas bersama kepolisian melakukan pengejaran sejak dini hari.",
        provenance=Provenance("bench", f"bench://{run}", datetime.now(UTC)),
        url=f"https://bench.test/kabur-{run}",
        published_at=datetime.now(UTC),
        outlet="Media Bench Kilat",
    )
    report = ingest_articles(sessions=sessions, settings=settings, articles=[article])
    (item_id,) = report.item_ids
    with sessions.begin() as session:
        # Stand-in for the analysis stage: the labels an analyser gives this item.
        _analyse(session, item_id, session.get(Unit, unit_id), category="escape")
    with sessions() as session:  # run_alerts commits (outbox)
        run_alerts(session=session, settings=settings)
    if not inbox.wait(f"hook:{title}", timeout):
        raise TimeoutError(f"webhook tidak menerima peringatan run {run}")
    if smtp and not inbox.wait(f"mail:{title}", timeout):
        raise TimeoutError(f"email tidak menerima peringatan run {run}")
    return time.perf_counter() - start
