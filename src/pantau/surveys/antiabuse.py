"""Protection of the public form that never blocks a real visitor.

Four checks, cheapest first:

1. a honeypot field hidden from people (a filled one means a script: it is thanked and
   dropped, so the script learns nothing);
2. a signed form ticket issued with the page: it carries the time it was shown, a one-time
   nonce (re-posting the same page is recognised and not counted twice) and the device id;
   a ticket returned faster than ``min_fill_seconds`` is refused politely;
3. a per-device interval: the device cookie may submit again after
   ``device_interval_seconds`` — long enough to stop a burst, short enough for a second
   family member on the same phone;
4. a per-address hourly cap, set high because visitors on mobile data share addresses
   (carrier-grade NAT) and a service desk may share one Wi-Fi.

Addresses and device ids are stored only as keyed hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from itsdangerous import BadSignature, URLSafeSerializer

from pantau.settings import Settings

DEVICE_COOKIE = "pantau_survei"
HONEYPOT_FIELD = "situs_web"  # looks like a field a bot would fill


def secret_key(settings: Settings) -> str:
    """The web secret, or one generated once into the data folder."""
    if settings.web.secret_key:
        return settings.web.secret_key
    path = settings.data_dir / "survey_secret.txt"
    if not path.exists():
        Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def keyed_hash(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def new_device_id() -> str:
    return secrets.token_urlsafe(16)


@dataclass(frozen=True, slots=True)
class Ticket:
    survey_token: str
    issued_at: float  # POSIX seconds
    nonce: str
    device: str


def issue_ticket(secret: str, *, survey_token: str, device: str, now: datetime) -> str:
    serializer = URLSafeSerializer(secret, salt="survei-formulir")
    payload = [survey_token, now.timestamp(), secrets.token_urlsafe(12), device]
    return serializer.dumps(payload)


def read_ticket(secret: str, raw: str) -> Ticket | None:
    serializer = URLSafeSerializer(secret, salt="survei-formulir")
    try:
        token, issued, nonce, device = serializer.loads(raw)
    except (BadSignature, ValueError, TypeError):
        return None
    return Ticket(str(token), float(issued), str(nonce), str(device))


@dataclass(frozen=True, slots=True)
class Verdict:
    """``ok`` or a refusal with a reason code, an Indonesian message and a wait."""

    ok: bool
    reason: str = ""
    message: str = ""
    retry_after: int = 0
    silent: bool = False  # honeypot: show thanks, store nothing


OK = Verdict(True)


def check_form(
    *,
    ticket: Ticket | None,
    survey_token: str,
    honeypot: str,
    now: datetime,
    min_fill_seconds: float,
    max_age_hours: float,
) -> Verdict:
    """Checks that need no database: honeypot, ticket validity and fill time."""
    if honeypot.strip():
        return Verdict(False, "honeypot", "Terima kasih.", silent=True)
    if ticket is None or ticket.survey_token != survey_token:
        return Verdict(
            False,
            "tiket_tidak_valid",
            "Formulir ini sudah tidak berlaku. Silakan muat ulang halaman lalu isi kembali.",
        )
    age = now.timestamp() - ticket.issued_at
    if age > max_age_hours * 3600:
        return Verdict(
            False,
            "tiket_kedaluwarsa",
            "Formulir sudah terlalu lama terbuka. Silakan muat ulang halaman lalu isi kembali.",
        )
    if age < min_fill_seconds:
        wait = max(1, int(min_fill_seconds - age + 0.999))
        return Verdict(
            False,
            "terlalu_cepat",
            "Formulir terkirim terlalu cepat. Mohon periksa kembali jawaban Anda, "
            "lalu tekan Kirim sekali lagi.",
            wait,
        )
    return OK


def check_device(*, last: datetime | None, now: datetime, interval_seconds: int) -> Verdict:
    """A second submission from the same device is welcome after a short pause."""
    if last is None:
        return OK
    waited = (now - last).total_seconds()
    if waited >= interval_seconds:
        return OK
    wait = max(1, int(interval_seconds - waited + 0.999))
    return Verdict(
        False,
        "perangkat_baru_saja_mengisi",
        "Jawaban dari perangkat ini baru saja kami terima. Jika anggota keluarga lain ingin "
        f"mengisi dengan perangkat yang sama, silakan tunggu {wait} detik lalu coba lagi.",
        wait,
    )


def check_client(*, count_last_hour: int, limit: int) -> Verdict:
    if count_last_hour < limit:
        return OK
    return Verdict(
        False,
        "batas_per_jam",
        "Terlalu banyak jawaban dikirim dari jaringan ini dalam satu jam terakhir. "
        "Silakan coba lagi nanti, atau minta bantuan petugas layanan.",
        600,
    )


def hour_ago(now: datetime) -> datetime:
    return now - timedelta(hours=1)
