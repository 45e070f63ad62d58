"""Fixtures for the dashboard: the app on the test database, users of every role, data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pantau.settings import Settings
from pantau.store.tables import Analysis, Item, ItemUnit, Outlet, Unit, User
from pantau.web.app import create_app
from pantau.web.auth import hash_password

PASSWORD = "rahasia-yang-panjang-1"
_HASHES: dict[str, str] = {}  # Argon2 is slow on purpose; hash each test password once


def _hash(password: str) -> str:
    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    return _HASHES[password]


@pytest.fixture
def app(settings: Settings, engine: Engine) -> FastAPI:
    return create_app(settings, engine=engine)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as c:
        yield c


def add_user(
    session: Session,
    username: str,
    role: str,
    *,
    unit_id: int | None = None,
    province: str | None = None,
    password: str = PASSWORD,
) -> User:
    user = User(
        username=username,
        full_name=username.title(),
        password_hash=_hash(password),
        role=role,
        unit_id=unit_id,
        province=province,
    )
    session.add(user)
    session.commit()
    return user


def csrf_of(client: TestClient, path: str = "/masuk") -> str:
    page = client.get(path)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in; return the Set-Cookie header of the session."""
    token = csrf_of(client)
    response = client.post(
        "/masuk",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return response.headers["set-cookie"]


@dataclass
class World:
    """Two provinces, three units, items about each; ids for assertions."""

    units: dict[str, int]
    items: dict[str, int]
    now: datetime


def build_world(session: Session) -> World:
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    units = {
        "a": Unit(
            name="Lapas Kelas IIA Ambon",
            type="Lapas",
            place="Ambon",
            province="Maluku",
            kanwil="Kanwil Ditjenpas Maluku",
            pilot=True,
        ),
        "b": Unit(
            name="Rutan Kelas IIB Masohi",
            type="Rutan",
            place="Masohi",
            province="Maluku",
            kanwil="Kanwil Ditjenpas Maluku",
        ),
        "c": Unit(
            name="Lapas Kelas I Medan",
            type="Lapas",
            place="Medan",
            province="Sumatera Utara",
            kanwil="Kanwil Ditjenpas Sumatera Utara",
        ),
    }
    outlet = Outlet(name="Kabar Timur", domain="kabartimur.example", tier=2)
    session.add_all([*units.values(), outlet])
    session.flush()
    specs = {
        "a_pos": ("a", "Warga binaan Lapas Ambon panen sayur", "positive", "none", "Maluku"),
        "a_neg": ("a", "Napi Lapas Ambon kabur lewat atap", "negative", "escape", "Maluku"),
        "b_neu": ("b", "Rutan Masohi gelar rapat koordinasi", "neutral", "none", "Maluku"),
        "c_neg": (
            "c",
            "Rahasia Medan: HP ditemukan di blok",
            "negative",
            "contraband_phone",
            "Sumatera Utara",
        ),
    }
    items: dict[str, int] = {}
    for n, (key, (unit, title, tone, crisis, province)) in enumerate(specs.items()):
        item = Item(
            title=title,
            body=f"{title}. Isi berita tentang {title.lower()}.",
            lead=title,
            published_at=now - timedelta(days=n),
            outlet_id=outlet.id,
            content_hash=f"hash-{key}",
            source_kind="test",
            source_locator=key,
            url=f"https://kabartimur.example/{key}",
            canonical_url=f"https://kabartimur.example/{key}",
        )
        session.add(item)
        session.flush()
        session.add(
            Analysis(
                item_id=item.id,
                relevant=True,
                tone=tone,
                crisis_category=crisis,
                province=province,
                topic="incident" if crisis != "none" else "pembinaan",
                confidence=0.9,
                explanation={},
                versions={},
                locked=[],
            )
        )
        session.add(
            ItemUnit(item_id=item.id, unit_id=units[unit].id, mention=units[unit].name, main=True)
        )
        items[key] = item.id
    session.commit()
    return World({k: u.id for k, u in units.items()}, items, now)


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> World:
    with sessions() as session:
        world = build_world(session)
        add_user(session, "admin", "admin")
        add_user(session, "pusat", "pusat")
        add_user(session, "pimpinan", "pimpinan")
        add_user(session, "kanwil", "kanwil", province="Maluku")
        add_user(session, "upt", "upt", unit_id=world.units["a"])
    return world
