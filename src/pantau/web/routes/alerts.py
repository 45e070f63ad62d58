"""Dashboard pages and API of the alerts area."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
