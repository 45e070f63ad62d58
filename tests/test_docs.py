"""The documentation tells the truth: every setting and every command is documented."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from pantau.cli.config import settings_markdown
from pantau.cli.main import app
from pantau.cli.reference import cli_markdown, iter_commands

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_settings_reference_is_current() -> None:
    assert (DOCS / "settings.md").read_text(encoding="utf-8") == settings_markdown(), (
        "docs/settings.md is stale: run `python -m pantau.cli.config > docs/settings.md`"
    )


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == cli_markdown(), (
        "docs/cli.md is stale: run `python -m pantau.cli.reference > docs/cli.md`"
    )


def test_every_command_explains_itself() -> None:
    silent = [path for path, cmd in iter_commands(get_command(app)) if not (cmd.help or "").strip()]
    assert not silent, f"commands without a help text: {silent}"
