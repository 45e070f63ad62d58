from __future__ import annotations

from pathlib import Path

import pytest

from pantau.settings import load_settings


def test_env_overrides_toml_and_nested_sections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    toml = tmp_path / "pantau.toml"
    toml.write_text('data_dir = "/srv/pantau"\n[web]\nport = 9001\n[ingest]\nmax_redirects = 2\n')
    monkeypatch.setenv("PANTAU_CONFIG", str(toml))
    monkeypatch.delenv("PANTAU_DATA_DIR", raising=False)
    monkeypatch.delenv("PANTAU_DATABASE_URL", raising=False)
    monkeypatch.setenv("PANTAU_WEB__PORT", "9002")
    settings = load_settings()
    assert settings.data_dir == Path("/srv/pantau")
    assert settings.web.port == 9002
    assert settings.ingest.max_redirects == 2
    assert settings.resolved_database_url == "sqlite:////srv/pantau/pantau.db"
