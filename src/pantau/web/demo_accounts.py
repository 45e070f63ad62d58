"""One account per role for the demo, so a visitor can see each role's view."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.store.tables import Analysis, Item, ItemUnit, Unit, User
from pantau.vocab import Role
from pantau.web.accounts import random_password, set_password
from pantau.web.auth import hash_password

DEMO_ACTOR = "demo"


def _busiest_unit(session: Session) -> Unit | None:
    """The unit with the most relevant items (a upt account there has something to see)."""
    n = func.count(ItemUnit.item_id)
    stmt = (
        select(ItemUnit.unit_id)
        .join(Item, Item.id == ItemUnit.item_id)
        .join(Analysis, Analysis.item_id == Item.id)
        .where(Analysis.relevant.is_(True))
        .group_by(ItemUnit.unit_id)
        .order_by(n.desc(), ItemUnit.unit_id)
        .limit(1)
    )
    unit_id = session.scalar(stmt)
    if unit_id is None:
        return session.scalar(select(Unit).order_by(Unit.id).limit(1))
    return session.get(Unit, unit_id)


def ensure_demo_accounts(session: Session) -> list[tuple[str, str, str, str]]:
    """Create or reset ``demo-<role>`` accounts; return (username, password, role, scope).

    Passwords are new random ones on every call, printed once by ``pantau demo``.
    """
    unit = _busiest_unit(session)
    plan: list[tuple[Role, int | None, str | None, str]] = [
        (Role.ADMIN, None, None, "Nasional (admin)"),
        (Role.PUSAT, None, None, "Nasional"),
        (Role.PIMPINAN, None, None, "Nasional (hanya baca)"),
    ]
    if unit is not None:
        plan.append((Role.KANWIL, None, unit.province, f"Kanwil {unit.province}"))
        plan.append((Role.UPT, unit.id, None, unit.name))
    accounts = []
    for role, unit_id, province, label in plan:
        username, password = f"demo-{role.value}", random_password()
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            session.add(
                User(
                    username=username,
                    full_name=f"Demo {label}",
                    role=role.value,
                    unit_id=unit_id,
                    province=province,
                    password_hash=hash_password(password),
                )
            )
        else:
            user.role, user.unit_id, user.province, user.active = (
                role.value,
                unit_id,
                province,
                True,
            )
            set_password(session, username=username, password=password, actor=DEMO_ACTOR)
        accounts.append((username, password, role.value, label))
    session.flush()
    return accounts
