"""Email reaches a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from pantau.mail import MailError, send_mail
from pantau.settings import MailSettings


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[_Inbox, int]]:
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_mail_with_attachment_arrives(smtp_server: tuple[_Inbox, int]) -> None:
    inbox, port = smtp_server
    settings = MailSettings(smtp_host="127.0.0.1", smtp_port=port, sender="humas@pantau.test")
    send_mail(
        settings=settings,
        to=["kanwil@pantau.test"],
        subject="Laporan mingguan",
        text="Terlampir.",
        attachments=[("laporan.pdf", "application/pdf", b"%PDF-1.7")],
    )
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["Subject"] == "Laporan mingguan"
    parts = [p for p in message.walk() if p.get_filename()]
    assert parts[0].get_filename() == "laporan.pdf"
    assert parts[0].get_payload(decode=True) == b"%PDF-1.7"


def test_unconfigured_mail_is_a_clear_error() -> None:
    with pytest.raises(MailError, match="belum dikonfigurasi"):
        send_mail(settings=MailSettings(), to=["a@b.c"], subject="x", text="y")
