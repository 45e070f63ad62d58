"""Passwords, sessions, CSRF tokens and login throttling.

Passwords are hashed with Argon2id. The session is a signed cookie (Starlette's
SessionMiddleware: HttpOnly, SameSite=Lax, Secure when configured) holding the user id and
the CSRF token; the token is sent back in every POST form field and in HTMX's headers.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.settings import Settings
from pantau.store.tables import User

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SESSION_COOKIE = "pantau_session"
SESSION_MAX_AGE = 12 * 3600  # one working day; officers log in each morning

_hasher = PasswordHasher()
# Verifying against a fixed hash when the user does not exist keeps the timing the same.
_DUMMY_HASH = _hasher.hash("pantau-bukan-kata-sandi")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, *, username: str, password: str) -> User | None:
    """The active user with this username and password, or None."""
    user = session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None or not user.active:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def session_secret(settings: Settings) -> str:
    """The configured key, else one generated once into ``<data_dir>/secret_key``."""
    if settings.web.secret_key:
        return settings.web.secret_key
    path = Path(settings.data_dir) / "secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


@dataclass
class LoginThrottle:
    """Refuse logins for a username+IP after ``limit`` failures within ``window`` seconds."""

    limit: int = 5
    window: float = 15 * 60
    clock: object = field(default=time.monotonic)
    _failures: dict[tuple[str, str], deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _now(self) -> float:
        return float(self.clock())  # type: ignore[operator]

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        cutoff = self._now() - self.window
        while times and times[0] < cutoff:
            times.popleft()
        return times

    def retry_after(self, username: str, ip: str) -> int:
        """Seconds until another attempt is allowed; 0 when allowed now."""
        key = (username.lower(), ip)
        with self._lock:
            times = self._recent(key)
            if len(times) < self.limit:
                return 0
            return max(1, int(times[0] + self.window - self._now()))

    def failed(self, username: str, ip: str) -> None:
        with self._lock:
            self._recent((username.lower(), ip)).append(self._now())

    def succeeded(self, username: str, ip: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), ip), None)
