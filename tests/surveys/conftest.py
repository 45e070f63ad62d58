"""Units and surveys for the surveys tests (a real migrated database per test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session
from tests.web.live import chromium, serve

from pantau.store.tables import Unit


def make_unit(session: Session, name: str, province: str) -> Unit:
    unit = Unit(
        name=name,
        type="lapas",
        place=name.split()[-1],
        province=province,
        kanwil=f"Kanwil Ditjenpas {province}",
    )
    session.add(unit)
    session.flush()
    return unit


@pytest.fixture
def units(session: Session) -> dict[str, Unit]:
    made = {
        "jambi": make_unit(session, "Lapas Kelas IIA Jambi", "Jambi"),
        "muara": make_unit(session, "Rutan Kelas IIB Muara Bulian", "Jambi"),
        "palu": make_unit(session, "Lapas Kelas IIA Palu", "Sulawesi Tengah"),
    }
    session.commit()
    return made


@pytest.fixture
def live_server() -> Iterator[Callable[[FastAPI], str]]:
    """Serve apps with real uvicorn on loopback (the dashboard's shared helper)."""
    with ExitStack() as stack:
        yield lambda app: stack.enter_context(serve(app))


@pytest.fixture
def browser() -> Iterator[Any]:
    """Real headless Chromium (/usr/bin/chromium); skips or fails as tests/web/live.py says."""
    with chromium() as launched:
        yield launched
