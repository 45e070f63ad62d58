"""Notification channels: email (SMTP via :mod:`pantau.mail`), signed webhook, Telegram
bot, WhatsApp gateway.

Every send has a timeout and is retried with exponential backoff (the clock's ``sleep``,
so tests do not wait). A 4xx answer other than 429 is permanent and not retried. The
caller records each outcome as a delivery row.

Webhook signature: ``X-Pantau-Signature: sha256=<hex>`` where the HMAC-SHA256 key is
the shared secret and the message is ``<timestamp>.<raw body>``; the timestamp (Unix
seconds) is in ``X-Pantau-Timestamp`` so receivers can refuse replays.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

import httpx

from pantau.alerts.clock import Clock, SystemClock
from pantau.errors import PantauError
from pantau.mail import MailError, send_mail
from pantau.settings import AlertSettings, MailSettings

CHANNELS = ("email", "webhook", "telegram", "whatsapp")


class ChannelError(PantauError):
    """A notification that could not be delivered. ``permanent`` ones are not retried."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True, slots=True)
class Message:
    subject: str
    text: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    ok: bool
    attempts: int
    error: str | None = None


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


class Sender:
    """Sends one message to one address on one channel, with retries."""

    def __init__(
        self, alerts: AlertSettings, *, mail: MailSettings | None = None, clock: Clock | None = None
    ) -> None:
        self.alerts = alerts
        self.mail = mail
        self.clock = clock or SystemClock()

    def send(self, channel: str, address: str, message: Message) -> Outcome:
        handler = getattr(self, f"_{channel}", None)
        if channel not in CHANNELS or handler is None:
            return Outcome(False, 0, f"saluran tidak dikenal: {channel}")
        retries = max(1, int(self.alerts.send_retries))
        error = ""
        for attempt in range(1, retries + 1):
            try:
                handler(address, message)
                return Outcome(True, attempt)
            except ChannelError as exc:
                error = str(exc)
                if exc.permanent:
                    return Outcome(False, attempt, error)
            except (httpx.HTTPError, OSError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            if attempt < retries:
                self.clock.sleep(self.alerts.send_backoff_seconds * 2 ** (attempt - 1))
        return Outcome(False, retries, error)

    def _post(self, url: str, *, content: bytes, headers: dict[str, str]) -> httpx.Response:
        with httpx.Client(timeout=self.alerts.send_timeout_seconds) as client:
            response = client.post(url, content=content, headers=headers)
        if response.status_code >= 400:
            permanent = response.status_code < 500 and response.status_code != 429
            raise ChannelError(f"HTTP {response.status_code}", permanent=permanent)
        return response

    def _email(self, address: str, message: Message) -> None:
        if self.mail is None or not self.mail.smtp_host:
            raise ChannelError("SMTP belum diatur (mail.smtp_host)", permanent=True)
        try:
            send_mail(settings=self.mail, to=[address], subject=message.subject, text=message.text)
        except MailError as exc:
            raise ChannelError(str(exc)) from exc

    def _webhook(self, address: str, message: Message) -> None:
        body = json.dumps(message.payload, ensure_ascii=False, sort_keys=True).encode()
        timestamp = str(int(self.clock.now().timestamp()))
        headers = {"Content-Type": "application/json", "X-Pantau-Timestamp": timestamp}
        if self.alerts.webhook_secret:
            headers["X-Pantau-Signature"] = sign(self.alerts.webhook_secret, timestamp, body)
        self._post(address, content=body, headers=headers)

    def _telegram(self, address: str, message: Message) -> None:
        if not self.alerts.telegram_token:
            raise ChannelError("Token bot Telegram belum diatur", permanent=True)
        base = self.alerts.telegram_base_url.rstrip("/")
        url = f"{base}/bot{self.alerts.telegram_token}/sendMessage"
        body = json.dumps({"chat_id": address, "text": message.text}).encode()
        response = self._post(url, content=body, headers={"Content-Type": "application/json"})
        if not response.json().get("ok", False):
            raise ChannelError(f"Telegram menolak: {response.text[:200]}")

    def _whatsapp(self, address: str, message: Message) -> None:
        if not self.alerts.whatsapp_url:
            raise ChannelError("Gateway WhatsApp belum diatur", permanent=True)
        body = json.dumps({"to": address, "text": message.text}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if self.alerts.whatsapp_token:
            headers["Authorization"] = f"Bearer {self.alerts.whatsapp_token}"
        self._post(self.alerts.whatsapp_url, content=body, headers=headers)
