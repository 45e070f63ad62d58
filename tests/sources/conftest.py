"""Fixtures for source tests: a loopback HTTP server and settings that may fetch from it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.sources.loopback_server import Loopback

from pantau.settings import Settings


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def local_settings(settings: Settings) -> Settings:
    """The loopback server lives on 127.0.0.1, which only tests may fetch."""
    settings.ingest.allow_private_addresses = True
    settings.ingest.http_timeout_seconds = 1.0
    return settings
