"""Dashboard pages and API of the reports area."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
