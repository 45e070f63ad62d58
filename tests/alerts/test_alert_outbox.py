"""The outbox: an alert is committed before anyone is told about it, and the database is
free for other writers while a notification is on its way."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from alerts_world import add_item, configure, make_world
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pantau.alerts.service import run_alerts
from pantau.alerts.tables import Alert, Contact, Delivery
from pantau.settings import Settings
from pantau.store.tables import Outlet

NOON = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)


def test_alert_is_stored_before_the_webhook_arrives(
    session: Session, sessions: sessionmaker[Session], settings: Settings
) -> None:
    seen: list[tuple[bool, bool]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            # Another connection, while the sender waits for this answer: the alert is
            # visible (committed) and a write goes through (no lock held).
            with sessions() as other:
                committed = other.get(Alert, body["alert_id"]) is not None
                other.add(Outlet(name=f"Tulis saat kirim {body['alert_id']}"))
                other.commit()
            seen.append((committed, True))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        configure(settings, None, None)
        world = make_world(session)
        session.add(
            Contact(
                name="Posko",
                channel="webhook",
                tier="upt",
                unit_id=world.pilot.id,
                address=f"http://127.0.0.1:{server.server_address[1]}/hook",
            )
        )
        add_item(
            session,
            title="Napi kabur",
            unit=world.pilot,
            category="escape",
            published_at=NOON - timedelta(hours=1),
        )
        run_alerts(session=session, settings=settings, now=NOON)
    finally:
        server.shutdown()
        server.server_close()
    assert seen == [(True, True)]
    row = session.scalars(select(Delivery).where(Delivery.channel == "webhook")).one()
    assert row.status == "sent" and row.payload["title"] == "Napi kabur"
