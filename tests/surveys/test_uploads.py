"""Staged web uploads: only our own names, only CSV/XLSX, old ones cleaned up."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pantau.errors import RejectedInput
from pantau.surveys import uploads


def test_stage_and_find(tmp_path: Path) -> None:
    path = uploads.stage(tmp_path, "Jawaban SKM.xlsx", b"data")
    assert path.suffix == ".xlsx" and path.read_bytes() == b"data"
    assert uploads.staged(tmp_path, path.name) == path
    for name in ("../pantau.db", "x.xlsx", path.name.replace(".xlsx", ".py"), "/etc/passwd"):
        assert uploads.staged(tmp_path, name) is None
    with pytest.raises(RejectedInput, match="Gunakan berkas"):
        uploads.stage(tmp_path, "skrip.exe", b"MZ")
    with pytest.raises(RejectedInput, match="20 MB"):
        uploads.stage(tmp_path, "besar.csv", b"x" * (uploads.MAX_BYTES + 1))


def test_unconfirmed_uploads_expire(tmp_path: Path) -> None:
    old = uploads.stage(tmp_path, "lama.csv", b"a")
    day_ago = time.time() - uploads.KEEP_SECONDS - 10
    os.utime(old, (day_ago, day_ago))
    fresh = uploads.stage(tmp_path, "baru.csv", b"b")
    assert not old.exists() and fresh.exists()
