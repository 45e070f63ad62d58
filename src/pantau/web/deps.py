"""Request dependencies every route uses: database session, user, roles, scope, CSRF.

Scope is always derived from the logged-in user (:func:`user_scope`), never from query
parameters: a filter can only narrow what the user's scope already allows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pantau.store.scope import NATIONAL, Scope
from pantau.store.tables import Unit, User
from pantau.vocab import Role
from pantau.web.auth import CSRF_FIELD, CSRF_HEADER, new_csrf_token, tokens_match

#: Roles that may change data (correct labels, manage feeds); pimpinan only reads.
WRITER_ROLES = frozenset({Role.ADMIN, Role.PUSAT, Role.KANWIL, Role.UPT})
NATIONAL_ROLES = frozenset({Role.ADMIN, Role.PUSAT, Role.PIMPINAN})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# A scope that matches nothing: a kanwil or upt account missing its province or unit.
NOTHING = Scope(unit_ids=())

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class UserView:
    """A detached copy of the user for templates (error pages render after the session ends)."""

    id: int
    username: str
    full_name: str
    role: str
    unit_id: int | None
    province: str | None


class LoginRequired(Exception):
    """Raised when a page needs a user and there is none; handled by a redirect or 401."""


async def db_session(request: Request) -> AsyncIterator[Session]:
    """One session per request: commit when the handler succeeds, roll back otherwise.

    Opening a session does no I/O (it connects on first use, inside the handler's
    thread), so it runs on the event loop; only the commit or rollback and close go to
    the thread pool. Each hop to the pool costs more than a small page's own work.
    """
    factory: sessionmaker[Session] = request.app.state.sessions
    session = factory()
    try:
        yield session
    except BaseException:
        await anyio.to_thread.run_sync(_finish, session, False, limiter=_finishers())
        raise
    await anyio.to_thread.run_sync(_finish, session, True, limiter=_finishers())


_FINISHERS: list[anyio.CapacityLimiter] = []


def _finishers() -> anyio.CapacityLimiter:
    """Threads of their own for ending sessions: an ending session holds a connection,
    and must never wait behind handlers that may be waiting for that connection."""
    if not _FINISHERS:
        _FINISHERS.append(anyio.CapacityLimiter(8))
    return _FINISHERS[0]


def _finish(session: Session, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DbSession = Annotated[Session, Depends(db_session)]


def optional_user(request: Request, session: DbSession) -> User | None:
    """The logged-in, active user or None. Also kept on ``request.state.user`` for templates."""
    uid = request.session.get("uid")
    user = session.get(User, uid) if isinstance(uid, int) else None
    if user is not None and (not user.active or request.session.get("ver") != _version(user)):
        user = None
    request.state.user = (
        UserView(user.id, user.username, user.full_name, user.role, user.unit_id, user.province)
        if user is not None
        else None
    )
    # Hand the connection back while the request waits for its handler's thread: a
    # request holding one while queued could starve the handlers of connections.
    session.commit()
    return user


# Dependencies without I/O are ``async``: FastAPI runs sync ones in the thread pool, and
# each hop there costs more than the check itself.
async def current_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise LoginRequired()
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def require_role(*roles: Role | str) -> Callable[[User], Awaitable[User]]:
    """A dependency admitting only ``roles``: ``Depends(require_role(Role.ADMIN))``."""
    allowed = frozenset(str(role) for role in roles)

    async def check(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise HTTPException(status_code=403, detail="Peran Anda tidak diizinkan membuka ini.")
        return user

    return check


async def require_writer(user: CurrentUser) -> User:
    """Any role that may change data: everyone except pimpinan."""
    if user.role not in WRITER_ROLES:
        raise HTTPException(status_code=403, detail="Akun pimpinan hanya dapat membaca.")
    return user


Writer = Annotated[User, Depends(require_writer)]
Admin = Annotated[User, Depends(require_role(Role.ADMIN))]


def user_scope(user: User) -> Scope:
    """What ``user`` may see: national, one province's units, or one unit."""
    if user.role in NATIONAL_ROLES:
        return NATIONAL
    if user.role == Role.KANWIL:
        return Scope(province=user.province) if user.province else NOTHING
    if user.role == Role.UPT:
        return Scope(unit_ids=(user.unit_id,)) if user.unit_id is not None else NOTHING
    return NOTHING


def describe_scope(session: Session, scope: Scope) -> str:
    """'Nasional', 'Kanwil Jawa Tengah' or the unit's name, for headers and exports."""
    if scope.unit_ids is not None:
        names = session.scalars(select(Unit.name).where(Unit.id.in_(scope.unit_ids))).all()
        return ", ".join(names) or "Tanpa cakupan"
    if scope.province is not None:
        return f"Kanwil {scope.province}"
    return "Nasional"


def scope_dep(request: Request, user: CurrentUser, session: DbSession) -> Scope:
    """The user's scope; its description is kept for the page header."""
    scope = user_scope(user)
    request.state.scope_label = describe_scope(session, scope)
    return scope


UserScope = Annotated[Scope, Depends(scope_dep)]


def unit_in_scope(session: Session, scope: Scope, unit_id: int) -> bool:
    """Whether a unit's own page may be shown within ``scope``."""
    if scope.unit_ids is not None:
        return unit_id in scope.unit_ids
    if scope.province is not None:
        province = session.scalar(select(Unit.province).where(Unit.id == unit_id))
        return province == scope.province
    return session.get(Unit, unit_id) is not None


def can_write(user: User | UserView | None) -> bool:
    return user is not None and user.role in WRITER_ROLES


def _version(user: User) -> str:
    # Changing the role, scope or password invalidates sessions made before the change.
    return f"{user.role}|{user.unit_id}|{user.province}|{user.password_hash[-12:]}"


def login_session(request: Request, user: User) -> None:
    """Start a fresh session for ``user`` (a new CSRF token guards against fixation)."""
    request.session.clear()
    request.session.update({"uid": user.id, "ver": _version(user), "csrf": new_csrf_token()})


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use (anonymous visitors get one too)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = new_csrf_token()
        request.session["csrf"] = token
    return token


def csrf_exempt(func: F) -> F:
    """Mark an endpoint that takes no cookie-authenticated writes (rarely right)."""
    func.__csrf_exempt__ = True  # type: ignore[attr-defined]
    return func


async def csrf_protect(request: Request) -> None:
    """App-wide dependency: every unsafe request carries the session's token."""
    if request.method not in UNSAFE_METHODS:
        return
    endpoint = request.scope.get("endpoint")
    if getattr(endpoint, "__csrf_exempt__", False):
        return
    given = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if not given and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()  # cached by Starlette; the handler reads the same form
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not tokens_match(request.session.get("csrf"), given):
        raise HTTPException(
            status_code=403,
            detail="Token keamanan (CSRF) tidak cocok. Muat ulang halaman lalu coba lagi.",
        )
