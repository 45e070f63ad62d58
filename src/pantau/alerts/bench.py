"""Latency benchmark: from ingest of a triggering item to the notification received.

Runs on a throwaway SQLite database with ``background`` ordinary items (so the rules
and the volume history have something to read), a loopback HTTP receiver that checks
the webhook's HMAC, and, when aiosmtpd is installed, a loopback SMTP server. Each run
ingests one new escape article about a gazetteer unit through
:func:`pantau.ingest.run.ingest_articles`, analyses it with the default pipeline
(:func:`pantau.store.analysed.analyse_items`: labels, units, story), runs
:func:`run_alerts` and stops the watch when both receivers have the alert.
"""

from __future__ import annotations

import email.policy
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
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.alerts.channels import verify
from pantau.alerts.service import run_alerts
from pantau.alerts.tables import Contact
from pantau.analyse.pipeline import default_pipeline
from pantau.ingest.run import ingest_articles
from pantau.items import Article, Provenance
from pantau.settings import Settings, load_settings
from pantau.store.analysed import analyse_items
from pantau.store.db import make_engine, make_sessionmaker
from pantau.store.migrate import upgrade
from pantau.store.tables import Analysis, Item, ItemUnit, Outlet, Unit, User
from pantau.store.units import seed_units

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
            mail = message_from_bytes(envelope.content, policy=email.policy.default)
            inbox.mark("mail:" + str(mail["Subject"]).split("] ", 1)[-1].strip())
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    return controller, port


def _world(
    session: Session, hook_url: str, background: int, now: datetime, runs: int
) -> list[Unit]:
    """One gazetteer Lapas per run (a second escape at the same unit would rightly be
    folded into the first alert), each with a Humas account and a webhook, plus
    ``background`` ordinary items to read past."""
    rng = random.Random(5)
    seed_units(session)  # the shipped gazetteer, as a real installation has it
    session.flush()
    units = list(
        session.scalars(select(Unit).where(Unit.type == "Lapas").order_by(Unit.id).limit(runs))
    )
    for run in range(len(units), runs):  # an empty gazetteer: make units up
        units.append(
            Unit(
                name=f"Lapas Kelas IIA Uji {run}",
                type="Lapas",
                place=f"Uji {run}",
                province="Jambi",
                kanwil="Kanwil Ditjenpas Jambi",
            )
        )
        session.add(units[-1])
    outlet = Outlet(name="Media Latar Bench")
    session.add(outlet)
    session.flush()
    for n, unit in enumerate(units):
        session.add(
            User(
                username=f"humas_bench_{n}",
                email="humas@bench.test",
                password_hash="x",
                role="upt",
                unit_id=unit.id,
            )
        )
        session.add(
            Contact(
                name=f"Posko {n}", channel="webhook", address=hook_url, tier="upt", unit_id=unit.id
            )
        )
        session.add(
            Contact(
                name=f"Kanwil {n}",
                channel="webhook",
                address=hook_url,
                tier="kanwil",
                province=unit.province,
            )
        )
    for i in range(background):
        published = now - timedelta(minutes=rng.randint(30, 60 * 24 * 30))
        _store_item(
            session,
            f"Berita latar {i}",
            units[i % len(units)] if i % 7 == 0 else None,
            published,
            tone=rng.choice(["positive", "neutral", "positive", "negative"]),
            outlet=outlet,
        )
    return units


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
                unit_ids = [u.id for u in _world(session, hook, background, now, runs)]
            # A running service builds its pipeline once; so does the benchmark.
            pipeline = default_pipeline(settings)
            for run in range(runs):
                latencies.append(
                    _one_run(
                        sessions,
                        settings,
                        pipeline,
                        inbox,
                        unit_ids[run],
                        run,
                        smtp is not None,
                        timeout,
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


FILLER = [
    "warga",
    "keluarga",
    "menunggu",
    "kabar",
    "di",
    "depan",
    "gerbang",
    "sementara",
    "aparat",
    "menyisir",
    "kebun",
    "sawit",
    "sungai",
    "pelabuhan",
    "terminal",
    "dan",
    "rumah",
    "kerabat",
    "sambil",
    "memeriksa",
    "rekaman",
    "kamera",
    "pengawas",
]


def _one_run(
    sessions: Any,
    settings: Settings,
    pipeline: Any,
    inbox: _Inbox,
    unit_id: int,
    run: int,
    smtp: bool,
    timeout: float,
) -> float:
    """Ingest one escape article about the run's unit, analyse it, run the alerts, and
    wait until the receivers have it."""
    with sessions() as session:
        unit = session.get(Unit, unit_id)
        name, place = unit.name, unit.place
    rng = random.Random(run)
    words = " ".join(rng.sample(FILLER, len(FILLER)))  # different text: a different story
    title = f"Dua Napi Kabur dari {name}, Petugas dan Polisi Lakukan Pengejaran"
    start = time.perf_counter()
    article = Article(
        title=title,
        body=(
            f"{place.upper()} – Dua narapidana melarikan diri dari {name} pada dini hari. "
            f"Kepala {name} membenarkan kejadian itu; petugas bersama kepolisian melakukan "
            f"pengejaran. {words.capitalize()}."
        ),
        provenance=Provenance("bench", f"bench://{run}", datetime.now(UTC)),
        url=f"https://bench.test/kabur-{run}",
        published_at=datetime.now(UTC),
        outlet="Media Bench Kilat",
    )
    report = ingest_articles(sessions=sessions, settings=settings, articles=[article])
    with sessions() as session:
        analyse_items(session, pipeline=pipeline, item_ids=report.item_ids)
        session.commit()
    with sessions() as session:  # run_alerts commits (outbox)
        run_alerts(session=session, settings=settings)
    if not inbox.wait(f"hook:{title}", timeout):
        raise TimeoutError(f"webhook tidak menerima peringatan run {run}")
    if smtp and not inbox.wait(f"mail:{title}", timeout):
        raise TimeoutError(f"email tidak menerima peringatan run {run}")
    return time.perf_counter() - start
