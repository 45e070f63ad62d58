"""Dashboard pages and API of the surveys area."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
