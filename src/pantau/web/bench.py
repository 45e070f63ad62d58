"""``pantau bench web``: latency of the overview, a filtered list and search under load.

The app runs in its own uvicorn process (as in production) over a synthetic SQLite
database; 20 asyncio httpx clients hit each endpoint for a bounded time. Overview
numbers are reported twice: first requests (cold, no cache) and under load.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

import httpx
from sqlalchemy import select

from pantau.demo.synthetic import ensure_database
from pantau.store.db import make_engine, make_sessionmaker
from pantau.store.tables import Unit, User
from pantau.web.auth import hash_password

BENCH_PASSWORD = "bench-password-123"
SEARCH_TERMS = (
    "kabur",
    "remisi",
    "sabu",
    "panen sayur",
    "telepon genggam",
    "zona integritas",
    "pesantren",
    "keributan",
    "kunjungan",
    "Medan",
)
LIST_FILTERS = ("tone=negative", "crisis=any", "tone=positive&topic=pembinaan",
                "topic=remisi_parole", "review=1", "tone=negative&days=90", "channel=social",
                "crisis=escape&days=365", "halaman=3", "mismatch=1&days=90")  # fmt: skip
OVERVIEW_PERIODS = ("", "?days=7", "?days=90", "?days=365")


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    def pct(self, p: float) -> float:
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(p * len(data)))] * 1000 if data else float("nan")

    @property
    def p50(self) -> float:
        return median(self.latencies) * 1000 if self.latencies else float("nan")


def prepare(db_path: Path, *, items: int, progress: Callable[[int], None] | None = None) -> str:
    """A SQLite database with ``items`` synthetic items and bench users; reused when present."""
    url = ensure_database(db_path, items=items, progress=progress)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        if session.scalar(select(User).where(User.username == "bench-pusat")) is None:
            province = session.scalar(select(Unit.province).order_by(Unit.id).limit(1))
            password = hash_password(BENCH_PASSWORD)
            session.add_all(
                [
                    User(username="bench-pusat", role="pusat", password_hash=password),
                    User(
                        username="bench-kanwil",
                        role="kanwil",
                        province=province,
                        password_hash=password,
                    ),
                ]
            )
            session.commit()
        engine.dispose()
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, data_dir: Path, *, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    # One key for every worker process, or sessions would not survive between them.
    env = {
        **os.environ,
        "PANTAU_DATABASE_URL": url,
        "PANTAU_DATA_DIR": str(data_dir),
        "PANTAU_WEB__SECRET_KEY": secrets.token_urlsafe(32),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "pantau.web.app:app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            # Clients log in first and then wait for each other: keep their connections.
            "--timeout-keep-alive",
            "60",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/sehat", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("server did not start")


async def _login(client: httpx.AsyncClient, username: str) -> None:
    page = await client.get("/masuk")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = await client.post(
        "/masuk", data={"username": username, "password": BENCH_PASSWORD, "csrf_token": token}
    )
    if response.status_code not in (200, 303):
        raise RuntimeError(f"login failed: {response.status_code}")


async def _hammer(
    base: str, paths: list[str], *, clients: int, seconds: float, name: str
) -> Result:
    """``clients`` closed-loop clients for ``seconds``; all log in before the clock starts,
    so the (deliberately slow) Argon2 logins do not land inside measured requests."""
    result = Result(name)
    users = ("bench-pusat", "bench-kanwil")
    sessions = [httpx.AsyncClient(base_url=base, timeout=30) for _ in range(clients)]
    try:
        await asyncio.gather(*(_login(c, users[n % len(users)]) for n, c in enumerate(sessions)))
        stop = time.monotonic() + seconds

        async def worker(n: int, client: httpx.AsyncClient) -> None:
            i = n
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                response = await client.get(paths[i % len(paths)])
                result.latencies.append(time.perf_counter() - t0)
                result.errors += response.status_code != 200
                i += clients

        await asyncio.gather(*(worker(n, c) for n, c in enumerate(sessions)))
    finally:
        await asyncio.gather(*(c.aclose() for c in sessions))
    return result


async def _cold(base: str) -> Result:
    """Each overview variant once, before anything is cached."""
    result = Result("ringkasan (pertama, tanpa cache)")
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        await _login(client, "bench-pusat")
        for suffix in OVERVIEW_PERIODS:
            t0 = time.perf_counter()
            response = await client.get("/" + suffix)
            result.latencies.append(time.perf_counter() - t0)
            result.errors += response.status_code != 200
    return result


def run(base: str, *, clients: int, seconds: float) -> list[Result]:
    """Cold overview first; then each endpoint under load, after an unrecorded warm-up
    (a few seconds of the same traffic) so every worker process has met every key once:
    the steady state, which is what officers get all day, with the cold cost reported
    by the first row."""
    endpoints = (
        ("ringkasan", ["/" + s for s in OVERVIEW_PERIODS]),
        ("berita terfilter", [f"/berita?{f}" for f in LIST_FILTERS]),
        ("pencarian", [f"/berita?q={t}" for t in SEARCH_TERMS]),
    )
    warm = min(3.0, seconds / 3)

    async def all_of() -> list[Result]:
        results = [await _cold(base)]
        for name, paths in endpoints:
            await _hammer(base, paths, clients=clients, seconds=warm, name=name)
            results.append(await _hammer(base, paths, clients=clients, seconds=seconds, name=name))
        return results

    return asyncio.run(all_of())
