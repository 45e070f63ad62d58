"""``pantau demo``: build the demo database from the bundled corpus and serve the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from pantau.cli.runtime import console, progress
from pantau.settings import load_settings

if TYPE_CHECKING:
    from pantau.demo.build import DemoReport


def _summary(report: DemoReport) -> None:
    ingest, analysis = report.ingest, report.analysis
    if ingest is not None:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(ingest.counts.items()))
        console.print(f"Korpus demo dimuat: {counts}.")
    if analysis is not None:
        tones = ", ".join(f"{k} {v}" for k, v in sorted(analysis.counts.items()))
        console.print(
            f"Dianalisis {analysis.analysed} berita ({tones}); "
            f"{analysis.needs_review} masuk antrean tinjauan."
        )
    console.print(
        f"Peringatan dini dari pemutaran ulang setahun: {report.alerts}; "
        f"kasus krisis contoh: {report.cases}."
    )
    table = Table("Pengguna", "Kata sandi", "Peran", "Cakupan", title="Akun demo (sekali tampil)")
    for username, password, role, scope in report.accounts:
        table.add_row(username, password, role, scope)
    console.print(table)


def demo(
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Jalankan dasbor setelah demo dibangun.")
    ] = True,
    host: Annotated[str | None, typer.Option(help="Alamat dasbor.")] = None,
    port: Annotated[int | None, typer.Option(help="Port dasbor.")] = None,
) -> None:
    """Bangun basis data demo dari korpus bawaan, analisis, lalu buka dasbor."""
    # The builder pulls the analysers, alerts and web accounts: load them only when used.
    from pantau.demo.build import build_demo

    settings = load_settings()
    with progress() as bar:
        report = build_demo(settings=settings, progress=bar)
    _summary(report)
    console.print(f"Basis data demo: {report.database_url}")
    if not serve:
        return
    import uvicorn

    from pantau.store.db import make_engine
    from pantau.web.app import create_app

    demo_settings = settings.model_copy(update={"database_url": report.database_url})
    app = create_app(demo_settings, engine=make_engine(report.database_url))
    host = host or settings.web.host
    port = port or settings.web.port
    console.print(f"Dasbor demo: [bold]http://{host}:{port}/[/bold]  (Ctrl+C untuk berhenti)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the root app."""
    app.command("demo")(demo)
