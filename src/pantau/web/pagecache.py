"""Caches of page data shared by the dashboard's routes, keyed by the data's version.

Entries are keyed by everything that decides their content (always including the
user's scope), so two users with different scopes never share an entry.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from fastapi import Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.store.tables import Analysis, Correction, Item


def data_version(session: Session) -> tuple[Any, ...]:
    """Changes whenever an item, an analysis or a correction is added or redone."""
    # One statement, three index look-ups: it runs on every cached page view.
    row = session.execute(
        select(
            select(func.max(Item.id)).scalar_subquery(),
            select(func.max(Analysis.analysed_at)).scalar_subquery(),
            select(func.max(Correction.id)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def request_data_version(request: Request, session: Session) -> tuple[Any, ...]:
    """:func:`data_version`, read once per request (three index look-ups)."""
    version = getattr(request.state, "data_version", None)
    if version is None:
        version = data_version(session)
        request.state.data_version = version
    return version


class TTLCache:
    """A small cache of page data; entries expire after ``ttl`` seconds, oldest evicted first.

    The overview keys it by scope, period and data version; filter options by scope.
    """

    def __init__(self, size: int = 64, ttl: float = 300.0) -> None:
        self.size, self.ttl = size, ttl
        self._data: dict[Any, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._building: dict[Any, threading.Lock] = {}

    def get(self, key: Any) -> Any:
        with self._lock:
            hit = self._data.get(key)
            if hit is None or time.monotonic() - hit[0] > self.ttl:
                return None
            return hit[1]

    def get_or_build(self, key: Any, build: Callable[[], Any]) -> Any:
        """The cached value, or build it once: concurrent requests for the same key wait
        for the first instead of all running the same heavy queries."""
        value = self.get(key)
        if value is not None:
            return value
        with self._lock:
            lock = self._building.setdefault(key, threading.Lock())
        with lock:
            value = self.get(key)
            if value is None:
                value = build()
                self.put(key, value)
        with self._lock:
            self._building.pop(key, None)
        return value

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            if len(self._data) >= self.size:
                self._data.pop(next(iter(self._data)))
            self._data[key] = (time.monotonic(), value)
