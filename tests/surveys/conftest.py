"""Units and surveys for the surveys tests (a real migrated database per test)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy.orm import Session

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
    """Serve an app on a free loopback port with real uvicorn; yields a starter."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: FastAPI) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "uvicorn did not start"
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("PANTAU_REQUIRE_BROWSER") == "1":
            pytest.fail("/usr/bin/chromium is required (PANTAU_REQUIRE_BROWSER=1)")
        pytest.skip("/usr/bin/chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
