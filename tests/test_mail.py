"""Email reaches a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

from typing import Any

import pytest

from pantau.mail import MailError, send_mail
from pantau.settings import MailSettings


def test_mail_with_attachment_arrives(smtp_server: tuple[Any, int]) -> None:
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
