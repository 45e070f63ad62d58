"""``pantau bench``: each stage registers its benchmark command on this group."""

from __future__ import annotations

import typer

bench_app = typer.Typer(help="Ukur kecepatan dan memori (benchmark).", no_args_is_help=True)
