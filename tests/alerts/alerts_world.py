"""A small world for alert and case tests: units, outlets, users, contacts, loopback
receivers (HTTP with HMAC check, SMTP with aiosmtpd)."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session

from pantau.alerts.channels import verify
from pantau.alerts.tables import Contact
from pantau.store.tables import Analysis, Item, ItemUnit, Outlet, Story, Unit, User

SECRET = "rahasia-bersama"


@dataclass
class World:
    pilot: Unit
    other: Unit
    outlets: list[Outlet]


def make_world(session: Session, *, base_url: str = "", smtp: bool = True) -> World:
    pilot = Unit(
        name="Lapas Perempuan Kelas IIB Jambi",
        type="Lapas Perempuan",
        klass="IIB",
        place="Jambi",
        province="Jambi",
        kanwil="Kanwil Ditjenpas Jambi",
        pilot=True,
    )
    other = Unit(
        name="Rutan Kelas IIB Muara Bungo",
        type="Rutan",
        klass="IIB",
        place="Muara Bungo",
        province="Jambi",
        kanwil="Kanwil Ditjenpas Jambi",
        pilot=False,
    )
    outlets = [Outlet(name=f"Media {i}", tier=2, province="Jambi") for i in range(12)]
    session.add_all([pilot, other, *outlets])
    session.flush()
    session.add_all(
        [
            User(
                username="upt_jambi",
                email="humas.lapas@jambi.test",
                password_hash="x",
                role="upt",
                unit_id=pilot.id,
            ),
            User(
                username="kanwil_jambi",
                email="humas.kanwil@jambi.test",
                password_hash="x",
                role="kanwil",
                province="Jambi",
            ),
            User(username="pusat", email="humas@pusat.test", password_hash="x", role="pusat"),
        ]
    )
    if base_url:
        session.add_all(
            [
                Contact(
                    name="WA Lapas",
                    channel="whatsapp",
                    address="628111",
                    tier="upt",
                    unit_id=pilot.id,
                ),
                Contact(
                    name="Grup Kanwil",
                    channel="telegram",
                    address="-100777",
                    tier="kanwil",
                    province="Jambi",
                ),
                Contact(
                    name="Posko pusat", channel="webhook", address=f"{base_url}/hook", tier="pusat"
                ),
            ]
        )
    session.flush()
    return World(pilot, other, outlets)


_counter = {"n": 0}


def add_item(
    session: Session,
    *,
    title: str,
    published_at: datetime,
    unit: Unit | None = None,
    tone: str = "negative",
    category: str = "other_negative",
    outlet: Outlet | None = None,
    story: Story | None = None,
    province: str | None = None,
    body: str = "",
) -> Item:
    _counter["n"] += 1
    n = _counter["n"]
    item = Item(
        title=title,
        body=body or title,
        published_at=published_at,
        url=f"https://berita.test/{n}",
        canonical_url=f"https://berita.test/{n}",
        content_hash=hashlib.sha256(f"{n}{title}".encode()).hexdigest(),
        source_kind="test",
        source_locator="test",
        outlet_id=outlet.id if outlet else None,
        story_id=story.id if story else None,
    )
    session.add(item)
    session.flush()
    session.add(
        Analysis(
            item_id=item.id,
            relevant=True,
            tone=tone,
            crisis_category=category if tone == "negative" else "none",
            province=province or (unit.province if unit else None),
        )
    )
    if unit is not None:
        session.add(ItemUnit(item_id=item.id, unit_id=unit.id, mention=unit.name, main=True))
    session.flush()
    return item


@dataclass
class Receiver:
    """A loopback HTTP server that records requests and checks webhook signatures."""

    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    fail_next: int = 0
    status_on_fail: int = 500

    def of(self, path_part: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if path_part in r["path"]]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if receiver.fail_next > 0:
                receiver.fail_next -= 1
                self.send_response(receiver.status_on_fail)
                self.end_headers()
                return
            signature = self.headers.get("X-Pantau-Signature")
            timestamp = self.headers.get("X-Pantau-Timestamp", "")
            valid = signature is not None and verify(SECRET, timestamp, body, signature)
            if "/hook" in self.path and not valid:
                self.send_response(401)
                self.end_headers()
                return
            receiver.requests.append(
                {
                    "path": self.path,
                    "json": json.loads(body),
                    "signed": valid,
                    "auth": self.headers.get("Authorization"),
                }
            )
            out = json.dumps({"ok": True}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def receiver_fixture() -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    rec = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(rec)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield rec
    server.shutdown()
    server.server_close()


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Smtp:
    port: int
    inbox: _Inbox

    def to(self, address: str) -> list[Any]:
        return [m for m in self.inbox.messages if m["To"] == address]


def smtp_fixture() -> Iterator[Smtp]:
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield Smtp(port, inbox)
    controller.stop()


def configure(settings: Any, receiver: Receiver | None, smtp: Smtp | None) -> None:
    a = settings.alerts
    a.send_backoff_seconds = 0.01
    a.quiet_start_hour = a.quiet_end_hour = 0  # no quiet hours unless a test sets them
    if smtp is not None:
        settings.mail.smtp_host, settings.mail.smtp_port = "127.0.0.1", smtp.port
    if receiver is not None:
        a.webhook_secret = SECRET
        a.telegram_base_url, a.telegram_token = receiver.url + "/tg", "TOKEN"
        a.whatsapp_url, a.whatsapp_token = receiver.url + "/wa/send", "WA-TOKEN"
