"""``pantau db``: migrations."""

from __future__ import annotations

import typer

from pantau.cli.runtime import console, runtime

db_app = typer.Typer(help="Basis data: migrasi skema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bawa skema basis data ke versi terbaru."""
    rt = runtime()
    _ = rt.engine  # building the engine runs the migrations
    console.print(f"Skema mutakhir: {rt.settings.resolved_database_url}")
