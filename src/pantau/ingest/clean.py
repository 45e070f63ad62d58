"""Indonesian news cleaner (contract; Foundation fills it in)."""

from __future__ import annotations


def clean_body(text: str, *, title: str | None = None) -> str:
    """Remove what extraction leaves around an article; idempotent."""
    return text.strip()
