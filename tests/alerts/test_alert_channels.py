"""Each channel against a real loopback server: retries, backoff, signatures, failures."""

from __future__ import annotations

from datetime import UTC, datetime

from alerts_world import SECRET, Receiver, Smtp, configure

from pantau.alerts.channels import Message, Sender, sign, verify
from pantau.alerts.clock import FakeClock
from pantau.settings import Settings

MSG = Message("[Pantau] Uji", "Isi pesan uji", {"alert_id": 7, "title": "Uji \u201ckutip\u201d"})


def sender(settings: Settings) -> tuple[Sender, FakeClock]:
    clock = FakeClock(datetime(2026, 3, 4, 3, tzinfo=UTC))
    return Sender(settings.alerts, mail=settings.mail, clock=clock), clock


def test_webhook_is_signed_and_verified(settings: Settings, receiver: Receiver) -> None:
    configure(settings, receiver, None)
    s, _ = sender(settings)
    outcome = s.send("webhook", f"{receiver.url}/hook", MSG)
    assert outcome.ok and outcome.attempts == 1
    (req,) = receiver.of("/hook")
    assert req["signed"] is True
    assert req["json"] == MSG.payload


def test_webhook_with_a_wrong_secret_is_refused(settings: Settings, receiver: Receiver) -> None:
    configure(settings, receiver, None)
    settings.alerts.webhook_secret = "bukan-rahasianya"
    s, clock = sender(settings)
    outcome = s.send("webhook", f"{receiver.url}/hook", MSG)
    # 401 is permanent: one attempt, no retry, no sleep.
    assert not outcome.ok and outcome.attempts == 1 and "401" in (outcome.error or "")
    assert clock.slept == []
    assert receiver.requests == []


def test_retries_with_exponential_backoff(settings: Settings, receiver: Receiver) -> None:
    configure(settings, receiver, None)
    settings.alerts.send_retries, settings.alerts.send_backoff_seconds = 3, 2.0
    receiver.fail_next = 2
    s, clock = sender(settings)
    outcome = s.send("whatsapp", f"{receiver.url}/wa/send", MSG)
    assert outcome.ok and outcome.attempts == 3
    assert clock.slept == [2.0, 4.0]
    receiver.fail_next = 5
    outcome = s.send("telegram", "-1001", MSG)
    assert not outcome.ok and outcome.attempts == 3 and "500" in (outcome.error or "")


def test_telegram_and_email(settings: Settings, receiver: Receiver, smtp: Smtp) -> None:
    configure(settings, receiver, smtp)
    s, _ = sender(settings)
    assert s.send("telegram", "-1001", MSG).ok
    (req,) = receiver.of("/tg/botTOKEN/sendMessage")
    assert req["json"] == {"chat_id": "-1001", "text": "Isi pesan uji"}
    assert s.send("email", "humas@unit.test", MSG).ok
    (mail,) = smtp.to("humas@unit.test")
    assert mail["Subject"] == "[Pantau] Uji"


def test_unreachable_server_and_unconfigured_channels(settings: Settings) -> None:
    configure(settings, None, None)
    settings.alerts.send_retries = 2
    s, clock = sender(settings)
    outcome = s.send("webhook", "http://127.0.0.1:9/hook", MSG)
    assert not outcome.ok and outcome.attempts == 2 and len(clock.slept) == 1
    assert not s.send("email", "a@b.test", MSG).ok  # no SMTP host
    assert s.send("telegram", "1", MSG).error == "Token bot Telegram belum diatur"
    assert not s.send("pager", "1", MSG).ok


def test_signature_helpers() -> None:
    body = b'{"a": 1}'
    signature = sign(SECRET, "1700000000", body)
    assert verify(SECRET, "1700000000", body, signature)
    assert not verify(SECRET, "1700000001", body, signature)
    assert not verify("lain", "1700000000", body, signature)
