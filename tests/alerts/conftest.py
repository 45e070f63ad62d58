"""Fixtures of the alert tests: loopback HTTP and SMTP receivers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alerts_world import Receiver, Smtp, receiver_fixture, smtp_fixture


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from receiver_fixture()


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    yield from smtp_fixture()
