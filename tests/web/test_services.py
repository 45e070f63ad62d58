"""Accounts, demo accounts, feeds, the synthetic generator, assets and the CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker
from tests.web.conftest import World, csrf_of, login
from typer.testing import CliRunner

from pantau.cli.main import app as cli
from pantau.demo.synthetic import generate
from pantau.store.tables import Analysis, AuditLog, Feed, Item, User
from pantau.web import accounts
from pantau.web.assets import VENDOR_FILES, copy_assets, missing_assets
from pantau.web.demo_accounts import ensure_demo_accounts
from pantau.web.feeds import health

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


def test_demo_accounts_one_per_role_and_they_log_in(
    client: TestClient, sessions: sessionmaker[Session], world: World
) -> None:
    with sessions() as session:
        made = ensure_demo_accounts(session)
        session.commit()
    assert sorted(role for _, _, role, _ in made) == ["admin", "kanwil", "pimpinan", "pusat", "upt"]
    upt = next(m for m in made if m[2] == "upt")
    assert upt[3] == "Lapas Kelas IIA Ambon"  # the unit with the most items
    login(client, upt[0], upt[1])
    assert client.get("/ringkasan.json").json()["headline"]["items"] == 2
    with sessions() as session:  # a second call resets the passwords
        again = ensure_demo_accounts(session)
        session.commit()
    assert {m[1] for m in again}.isdisjoint({m[1] for m in made})


def test_account_rules(session: Session, world: World) -> None:
    with pytest.raises(accounts.AccountError, match="wajib memiliki unit"):
        accounts.create_user(session, username="x", role="upt", password="p" * 12, actor="t")
    with pytest.raises(accounts.AccountError, match="tidak dikenal"):
        accounts.create_user(session, username="x", role="raja", password="p" * 12, actor="t")
    with pytest.raises(accounts.AccountError, match="minimal"):
        accounts.create_user(session, username="x", role="pusat", password="pendek", actor="t")
    user = accounts.create_user(
        session, username="k1", role="kanwil", password="p" * 12, actor="t", province="maluku"
    )
    assert user.province == "Maluku"  # normalised to the gazetteer's spelling
    accounts.set_role(session, username="k1", role="upt", unit="Rutan Kelas IIB Masohi", actor="t")
    assert (user.role, user.unit_id, user.province) == ("upt", world.units["b"], None)
    actions = list(session.scalars(select(AuditLog.action).where(AuditLog.target == "user:k1")))
    assert actions == ["user.create", "user.set_role"]


def test_role_change_ends_sessions(
    client: TestClient, sessions: sessionmaker[Session], world: World
) -> None:
    login(client, "kanwil")
    assert client.get("/ringkasan.json").status_code == 200
    with sessions() as session:
        accounts.set_role(session, username="kanwil", role="upt", unit=world.units["b"], actor="t")
        session.commit()
    assert client.get("/ringkasan.json").status_code == 401


def test_admin_adds_user_through_the_page(client: TestClient, world: World) -> None:
    login(client, "admin")
    token = csrf_of(client, "/pengguna")
    response = client.post(
        "/pengguna",
        data={
            "username": "humas.ambon",
            "role": "upt",
            "unit": str(world.units["a"]),
            "password": "kata-sandi-kuat",
            "csrf_token": token,
        },
    )
    assert response.status_code == 200 and "dibuat" in response.text
    bad = client.post(
        "/pengguna",
        data={
            "username": "humas.x",
            "role": "kanwil",
            "password": "kata-sandi-kuat",
            "csrf_token": token,
        },
    )
    assert "wajib memiliki provinsi" in bad.text


def test_feed_health_and_management(client: TestClient, session: Session, world: World) -> None:
    now = datetime(2026, 11, 27, 8, tzinfo=UTC)
    feed = Feed(
        url="https://a.example/rss",
        active=True,
        consecutive_failures=0,
        last_success_at=now - timedelta(hours=1),
        last_new_item_at=now - timedelta(hours=50),
    )
    assert health(feed, now=now, stale_hours=48)[0] == "stale"
    feed.last_new_item_at = now - timedelta(hours=3)
    assert health(feed, now=now, stale_hours=48)[0] == "ok"
    feed.consecutive_failures = 4
    assert health(feed, now=now, stale_hours=48)[0] == "failing"
    login(client, "pusat")
    token = csrf_of(client, "/sumber")
    added = client.post(
        "/sumber/feed",
        data={"url": "https://kabar.example/rss", "name": "Kabar", "csrf_token": token},
    )
    assert "Feed ditambahkan" in added.text
    refused = client.post("/sumber/feed", data={"url": "javascript:alert(1)", "csrf_token": token})
    assert "URL http(s)" in refused.text
    feeds = client.get("/sumber.json").json()["feeds"]
    assert [f["url"] for f in feeds] == ["https://kabar.example/rss"]
    assert feeds[0]["health"] == "new"
    client.post(f"/sumber/feed/{feeds[0]['id']}/hapus", data={"csrf_token": token})
    assert client.get("/sumber.json").json()["feeds"] == []


def test_synthetic_generator_is_deterministic_and_complete(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    end = datetime(2026, 6, 1, tzinfo=UTC)
    summary = generate(engine, items=3000, days=30, end=end, seed=3, batch=700)
    with sessions() as session:
        assert session.scalar(select(func.count(Item.id))) == 3000
        assert session.scalar(select(func.count(Analysis.item_id))) == 3000
        first = session.scalar(select(Item.published_at).order_by(Item.published_at).limit(1))
        assert first is not None and first >= end - timedelta(days=30)
        negatives = session.scalar(select(func.count()).where(Analysis.tone == "negative"))
        assert negatives is not None and 150 < negatives < 500  # about a tenth
    assert summary.stories > 100


def test_assets_are_reported_missing_and_copied(tmp_path: Path) -> None:
    assert set(missing_assets(tmp_path / "vendor")) == set(VENDOR_FILES.values())
    if not NODE_MODULES.is_dir():
        pytest.skip("node_modules absent: run npm ci")
    copied = copy_assets(NODE_MODULES, tmp_path / "vendor")
    assert len(copied) == len(VENDOR_FILES)
    assert missing_assets(tmp_path / "vendor") == []
    with pytest.raises(FileNotFoundError, match="npm ci"):
        copy_assets(tmp_path / "nothing", tmp_path / "vendor2")


def test_cli_users(session: Session, world: World) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        cli,
        [
            "users",
            "add",
            "humas.medan",
            "--role",
            "upt",
            "--unit",
            "Lapas Kelas I Medan",
            "--password",
            "kata-sandi-kuat",
        ],
    )
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(cli, ["users", "add", "x", "--role", "kanwil", "--password", "p" * 12])
    assert bad.exit_code == 1 and "provinsi" in bad.output
    moved = runner.invoke(cli, ["users", "set-role", "humas.medan", "--role", "pimpinan"])
    assert moved.exit_code == 0, moved.output
    listed = runner.invoke(cli, ["users", "list"])
    assert "humas.medan" in listed.output and "pimpinan" in listed.output
    user = session.scalar(select(User).where(User.username == "humas.medan"))
    assert user is not None and user.role == "pimpinan" and user.unit_id is None
