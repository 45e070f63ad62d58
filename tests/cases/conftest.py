"""Case tests reuse the alert tests' small world and loopback receivers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "alerts"))

from alerts_world import Receiver, Smtp, receiver_fixture, smtp_fixture


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from receiver_fixture()


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    yield from smtp_fixture()


# The dashboard fixtures (app on the test database, a client, users of every role).
from tests.web.conftest import app, client, world  # noqa: E402, F401
