"""Every registered route, for every role: nobody sees what their scope does not allow.

The walk fills path parameters with records *outside* the user's scope (another unit's
item, another unit, another province), so a route that forgets the scope shows the
marker text of the Medan item and fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute
from tests.web.conftest import World, csrf_of, login

MARKER = "Rahasia Medan"  # only in the title/body of the Sumatera Utara item
PUBLIC = {"/masuk", "/sehat", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}


def _paths(app: FastAPI, world: World, method: str) -> list[str]:
    fill = {
        "item_id": str(world.items["c_neg"]),
        "unit_id": str(world.units["c"]),
        "province": "Sumatera Utara",
        "username": "admin",
        "feed_id": "1",
    }
    out = []
    for route in api_routes(app.routes):
        if method not in route.methods:
            continue
        path = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: fill.get(m.group(1), "1"), route.path)
        out.append(path)
    return sorted(set(out))


def api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """Every endpoint, descending into included routers (FastAPI keeps them nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from api_routes(inner.routes)


def _public(path: str) -> bool:
    return path in PUBLIC or path.startswith("/static")


def test_walk_finds_every_area(app: FastAPI, world: World) -> None:
    paths = _paths(app, world, "GET")
    for expected in (
        "/",
        "/berita",
        "/berita.csv",
        "/unit",
        "/sumber",
        "/pengguna",
        "/api/v1/berita",
        f"/berita/{world.items['c_neg']}",
    ):
        assert expected in paths


def test_every_route_needs_login(app: FastAPI, client: TestClient, world: World) -> None:
    for path in _paths(app, world, "GET"):
        if _public(path):
            continue
        response = client.get(path, follow_redirects=False)
        assert response.status_code in (303, 401, 404), (
            f"GET {path} without login: {response.status_code}"
        )
        assert MARKER not in response.text
    token = csrf_of(client)
    for path in _paths(app, world, "POST"):
        if _public(path):
            continue
        response = client.post(path, data={"csrf_token": token}, follow_redirects=False)
        assert response.status_code in (303, 401, 403, 404, 422), (
            f"POST {path}: {response.status_code}"
        )


@pytest.mark.parametrize("username", ["upt", "kanwil"])
def test_scoped_roles_never_see_outside_items(
    app: FastAPI, client: TestClient, world: World, username: str
) -> None:
    login(client, username)
    variants = ("", "?days=365", "?q=Rahasia", "?unit={u}", "?province=Sumatera%20Utara")
    pages_served = 0
    for path in _paths(app, world, "GET"):
        for suffix in variants:
            url = path + suffix.format(u=world.units["c"])
            for headers in ({}, {"HX-Request": "true"}):
                response = client.get(url, headers=headers, follow_redirects=True)
                assert MARKER not in response.text, f"{username} saw the Medan item at {url}"
                pages_served += response.status_code == 200
    assert pages_served >= 40  # the walk really rendered pages, not only refusals
    export = client.get("/berita.csv?days=365")
    assert MARKER not in export.text
    api = client.get(f"/api/v1/berita/{world.items['c_neg']}")
    assert api.status_code == 404


@pytest.mark.parametrize("username", ["admin", "pusat", "pimpinan"])
def test_national_roles_see_everything(client: TestClient, world: World, username: str) -> None:
    login(client, username)
    assert MARKER in client.get("/berita").text
    assert MARKER in client.get(f"/berita/{world.items['c_neg']}").text
    assert client.get("/api/v1/berita").json()["page"]["total"] == 4


@pytest.mark.parametrize(
    ("username", "status"),
    [("admin", 200), ("pusat", 403), ("kanwil", 403), ("upt", 403), ("pimpinan", 403)],
)
def test_only_admin_manages_users(
    client: TestClient, world: World, username: str, status: int
) -> None:
    login(client, username)
    assert client.get("/pengguna").status_code == status
