"""The root ``pantau`` command. Each stage's module attaches its own commands."""

from __future__ import annotations

import typer

from pantau.cli import alerts, analysis, demo, ingest, reports, surveys, units, web
from pantau.cli.bench import bench_app
from pantau.cli.config import config_app
from pantau.cli.db import db_app

app = typer.Typer(
    name="pantau",
    help="Pantau: pemantauan media dan komunikasi krisis Pemasyarakatan.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(db_app, name="db")
app.add_typer(bench_app, name="bench")
app.add_typer(config_app, name="config")
for module in (ingest, analysis, units, web, alerts, reports, surveys, demo):
    module.register(app)
