"""Response files waiting between the upload and the confirmed column mapping (web import)."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from pantau.errors import RejectedInput

MAX_BYTES = 20 * 1024 * 1024
KEEP_SECONDS = 24 * 3600
SUFFIXES = (".csv", ".xlsx")
_NAME = re.compile(r"^[A-Za-z0-9_-]{16,40}\.(csv|xlsx)$")


def folder(data_dir: Path) -> Path:
    """The staging folder; uploads never confirmed are dropped after a day."""
    path = data_dir / "survey_uploads"
    path.mkdir(parents=True, exist_ok=True)
    stale = time.time() - KEEP_SECONDS
    for old in path.iterdir():
        if _NAME.match(old.name) and old.stat().st_mtime < stale:
            old.unlink(missing_ok=True)
    return path


def stage(data_dir: Path, filename: str, raw: bytes) -> Path:
    """Keep an uploaded file under a random name; refuse other types and big files."""
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise RejectedInput("format_tidak_didukung", "Gunakan berkas .csv atau .xlsx.")
    if len(raw) > MAX_BYTES:
        raise RejectedInput(
            "berkas_terlalu_besar", "Berkas lebih dari 20 MB. Pecah berkas atau gunakan CLI."
        )
    path = folder(data_dir) / f"{secrets.token_urlsafe(18)}{suffix}"
    path.write_bytes(raw)
    return path


def staged(data_dir: Path, name: str) -> Path | None:
    """The staged file called ``name`` (a name we made, never a path), if it still exists."""
    if not _NAME.match(name):
        return None
    path = folder(data_dir) / name
    return path if path.exists() else None
