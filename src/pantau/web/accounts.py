"""User accounts: create, change role or scope, deactivate; demo accounts for each role.

Used by the Pengguna page and by ``pantau users``. Every change is written to the audit log.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.errors import NotFound, PantauError
from pantau.store.tables import AuditLog, Unit, User
from pantau.vocab import Role
from pantau.web.auth import hash_password

MIN_PASSWORD = 10


class AccountError(PantauError):
    """An account request that cannot be fulfilled; the message is for the user."""


@dataclass(frozen=True, slots=True)
class ScopeSpec:
    unit_id: int | None
    province: str | None


def resolve_scope(
    session: Session, *, role: str, unit: str | int | None, province: str | None
) -> ScopeSpec:
    """Check that a role gets exactly the scope it needs: upt a unit, kanwil a province."""
    try:
        role = Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise AccountError(f"Peran '{role}' tidak dikenal. Pilih salah satu: {allowed}.") from None
    if role == Role.UPT:
        if unit in (None, ""):
            raise AccountError("Akun UPT wajib memiliki unit.")
        found = _find_unit(session, unit)
        return ScopeSpec(found.id, found.province)
    if role == Role.KANWIL:
        if not province:
            raise AccountError("Akun Kanwil wajib memiliki provinsi.")
        known = session.scalar(
            select(Unit.province).where(func.lower(Unit.province) == province.lower()).limit(1)
        )
        if known is None:
            raise AccountError(f"Provinsi '{province}' tidak ada dalam daftar unit.")
        return ScopeSpec(None, known)
    return ScopeSpec(None, None)


def _find_unit(session: Session, unit: str | int) -> Unit:
    if isinstance(unit, int) or str(unit).isdigit():
        found = session.get(Unit, int(unit))
    else:
        found = session.scalar(select(Unit).where(func.lower(Unit.name) == str(unit).lower()))
    if found is None:
        raise AccountError(f"Unit '{unit}' tidak ditemukan.")
    return found


def create_user(
    session: Session,
    *,
    username: str,
    role: str,
    password: str,
    actor: str,
    unit: str | int | None = None,
    province: str | None = None,
    full_name: str = "",
    email: str | None = None,
) -> User:
    username = username.strip()
    if (
        not username
        or len(username) > 100
        or not username.replace(".", "").replace("_", "").replace("-", "").isalnum()
    ):
        raise AccountError("Nama pengguna hanya boleh huruf, angka, titik, garis bawah dan strip.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Kata sandi minimal {MIN_PASSWORD} karakter.")
    exists = session.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
    if exists is not None:
        raise AccountError(f"Nama pengguna '{username}' sudah dipakai.")
    spec = resolve_scope(session, role=role, unit=unit, province=province)
    user = User(
        username=username,
        full_name=full_name.strip(),
        email=email,
        password_hash=hash_password(password),
        role=str(Role(role)),
        unit_id=spec.unit_id,
        province=spec.province if role == Role.KANWIL else None,
    )
    session.add(user)
    session.flush()
    audit(
        session,
        actor,
        "user.create",
        user,
        role=user.role,
        unit_id=user.unit_id,
        province=user.province,
    )
    return user


def set_role(
    session: Session,
    *,
    username: str,
    role: str,
    actor: str,
    unit: str | int | None = None,
    province: str | None = None,
) -> User:
    user = get_user(session, username)
    spec = resolve_scope(session, role=role, unit=unit, province=province)
    before = {"role": user.role, "unit_id": user.unit_id, "province": user.province}
    user.role = str(Role(role))
    user.unit_id = spec.unit_id
    user.province = spec.province if role == Role.KANWIL else None
    audit(
        session,
        actor,
        "user.set_role",
        user,
        before=before,
        role=user.role,
        unit_id=user.unit_id,
        province=user.province,
    )
    return user


def set_active(session: Session, *, username: str, active: bool, actor: str) -> User:
    user = get_user(session, username)
    if user.username == actor and not active:
        raise AccountError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    user.active = active
    audit(session, actor, "user.activate" if active else "user.deactivate", user)
    return user


def set_password(session: Session, *, username: str, password: str, actor: str) -> User:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Kata sandi minimal {MIN_PASSWORD} karakter.")
    user = get_user(session, username)
    user.password_hash = hash_password(password)
    audit(session, actor, "user.password", user)
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if user is None:
        raise NotFound(f"Pengguna '{username}' tidak ditemukan.")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.role, User.username)))


def audit(session: Session, actor: str, action: str, user: User, **detail: object) -> None:
    session.add(
        AuditLog(
            actor=actor,
            action=action,
            target=f"user:{user.username}",
            detail=dict(detail.items()),
        )
    )


def random_password() -> str:
    return secrets.token_urlsafe(12)
