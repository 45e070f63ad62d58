"""Commands of the web stage: ``pantau serve``, ``pantau users ...``, ``pantau bench web``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pantau.cli.bench import bench_app
from pantau.cli.runtime import console, err_console, progress, runtime
from pantau.errors import PantauError

users_app = typer.Typer(help="Kelola akun pengguna dasbor.", no_args_is_help=True)
ACTOR = "cli"


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the root app."""
    app.command("serve", help="Jalankan dasbor Pantau.")(serve)
    app.add_typer(users_app, name="users")


def serve(
    host: Annotated[str | None, typer.Option(help="Alamat yang didengarkan.")] = None,
    port: Annotated[int | None, typer.Option(help="Port yang didengarkan.")] = None,
    workers: Annotated[
        int, typer.Option(help="Proses dasbor; satu per inti prosesor untuk kantor yang sibuk.")
    ] = 1,
) -> None:
    import uvicorn

    from pantau.web.app import create_app

    rt = runtime()
    host = host or rt.settings.web.host
    port = port or rt.settings.web.port
    console.print(f"Dasbor Pantau: [bold]http://{host}:{port}/[/bold]  (Ctrl+C untuk berhenti)")
    if workers > 1:
        _ = rt.engine  # migrate once before the worker processes start
        # Each worker builds its own app from the same PANTAU_* settings.
        uvicorn.run(
            "pantau.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
        return
    app = create_app(rt.settings, engine=rt.engine)
    uvicorn.run(app, host=host, port=port, log_level="info")


def _password(password: str | None, prompt: bool) -> str:
    if prompt or not password:
        return str(typer.prompt("Kata sandi", hide_input=True, confirmation_prompt=True))
    return password


@users_app.command("add", help="Tambah pengguna.")
def users_add(
    username: str,
    role: Annotated[str, typer.Option(help="admin, pusat, kanwil, upt atau pimpinan.")],
    unit: Annotated[str | None, typer.Option(help="Nama atau id unit (wajib untuk upt).")] = None,
    province: Annotated[str | None, typer.Option(help="Provinsi (wajib untuk kanwil).")] = None,
    password: Annotated[
        str | None, typer.Option(help="Kata sandi (jika kosong: ditanyakan).")
    ] = None,
    prompt: Annotated[bool, typer.Option("--prompt", help="Tanyakan kata sandi.")] = False,
    full_name: Annotated[str, typer.Option(help="Nama lengkap.")] = "",
) -> None:
    from pantau.web.accounts import create_user

    secret = _password(password, prompt)
    try:
        with runtime().session() as session:
            user = create_user(
                session,
                username=username,
                role=role,
                password=secret,
                actor=ACTOR,
                unit=unit,
                province=province,
                full_name=full_name,
            )
            console.print(f"Pengguna [bold]{user.username}[/bold] ({user.role}) dibuat.")
    except PantauError as exc:
        err_console.print(f"[red]Gagal:[/red] {exc}")
        raise typer.Exit(1) from None


@users_app.command("list", help="Daftar pengguna.")
def users_list() -> None:
    from pantau.web.accounts import list_users

    table = Table("Pengguna", "Peran", "Unit", "Provinsi", "Aktif")
    with runtime().session() as session:
        for user in list_users(session):
            table.add_row(
                user.username,
                user.role,
                str(user.unit_id or ""),
                user.province or "",
                "ya" if user.active else "tidak",
            )
    console.print(table)


@users_app.command("set-role", help="Ubah peran (dan cakupan) pengguna.")
def users_set_role(
    username: str,
    role: Annotated[str, typer.Option(help="admin, pusat, kanwil, upt atau pimpinan.")],
    unit: Annotated[str | None, typer.Option(help="Nama atau id unit (untuk upt).")] = None,
    province: Annotated[str | None, typer.Option(help="Provinsi (untuk kanwil).")] = None,
) -> None:
    from pantau.web.accounts import set_role

    try:
        with runtime().session() as session:
            user = set_role(
                session, username=username, role=role, actor=ACTOR, unit=unit, province=province
            )
            console.print(f"Peran [bold]{user.username}[/bold] kini {user.role}.")
    except PantauError as exc:
        err_console.print(f"[red]Gagal:[/red] {exc}")
        raise typer.Exit(1) from None


@bench_app.command("web", help="Ukur latensi dasbor (ringkasan, daftar, pencarian).")
def bench_web(
    items: Annotated[int, typer.Option(help="Jumlah berita sintetis.")] = 100_000,
    clients: Annotated[int, typer.Option(help="Klien bersamaan.")] = 20,
    seconds: Annotated[float, typer.Option(help="Lama uji per endpoint (detik).")] = 15.0,
    workers: Annotated[int, typer.Option(help="Proses uvicorn.")] = 2,
    db: Annotated[Path | None, typer.Option(help="Berkas SQLite (dipakai ulang).")] = None,
) -> None:
    from pantau.web import bench

    settings = runtime().settings
    path = db or settings.data_dir / f"bench-web-{items}.db"
    with progress() as bar:
        task = bar.add_task("Membuat berita sintetis", total=items)
        url = bench.prepare(path, items=items, progress=lambda n: bar.advance(task, n))
    proc, base = bench.start_server(url, settings.data_dir, workers=workers)
    try:
        results = bench.run(base, clients=clients, seconds=seconds)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    table = Table(
        "Endpoint",
        "Permintaan",
        "Galat",
        "p50 (ms)",
        "p95 (ms)",
        "maks (ms)",
        title=f"pantau bench web: {items:,} berita, {clients} klien",
    )
    for r in results:
        table.add_row(
            r.name,
            str(len(r.latencies)),
            str(r.errors),
            f"{r.p50:.0f}",
            f"{r.pct(0.95):.0f}",
            f"{r.pct(1.0):.0f}",
        )
    console.print(table)
