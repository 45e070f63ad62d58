"""Sending email over SMTP: the one place Pantau talks SMTP (alerts, scheduled reports)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage

from pantau.errors import PantauError
from pantau.settings import MailSettings


class MailError(PantauError):
    """An email that could not be sent; the message says why."""


def send_mail(
    *,
    settings: MailSettings,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str | None = None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> str:
    """Send one email; returns its Message-ID. ``attachments``: (filename, mime type, bytes)."""
    if not settings.smtp_host:
        raise MailError("Email belum dikonfigurasi (mail.smtp_host kosong).")
    if not to:
        raise MailError("Tidak ada penerima.")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, ", ".join(to), subject
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for filename, mime, data in attachments:
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    try:
        with _connect(settings) as smtp:
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"Gagal mengirim email lewat {settings.smtp_host}: {exc}") from exc
    return str(message.get("Message-ID", ""))


def _connect(settings: MailSettings) -> smtplib.SMTP:
    if settings.smtp_security == "tls":
        return smtplib.SMTP_SSL(
            settings.smtp_host,
            settings.smtp_port,
            timeout=settings.timeout_seconds,
            context=ssl.create_default_context(),
        )
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout_seconds)
    if settings.smtp_security == "starttls":
        smtp.starttls(context=ssl.create_default_context())
    return smtp
