"""Commands for the units gazetteer, key messages and the story benchmark."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pantau.analyse.gazetteer import load_gazetteer
from pantau.cli.bench import bench_app
from pantau.cli.runtime import console, err_console, progress, runtime
from pantau.errors import RejectedInput
from pantau.store.units import (
    ensure_seeded,
    export_units_csv,
    import_units_csv,
    list_key_messages,
    open_candidates,
    seed_units,
)

units_app = typer.Typer(help="Daftar unit (UPT) Pemasyarakatan: impor, ekspor, tinjau.")
keymessages_app = typer.Typer(help="Pesan kunci (key messages) Pemasyarakatan.")


@units_app.command("import")
def units_import(
    file: Annotated[Path, typer.Argument(help="Berkas CSV hasil ekspor yang sudah dikoreksi.")],
) -> None:
    """Impor daftar unit dari CSV (semua baris atau tidak sama sekali)."""
    rt = runtime()
    try:
        with rt.session() as session:
            report = import_units_csv(session, path=file, data_dir=rt.settings.data_dir)
    except RejectedInput as exc:
        err_console.print(f"[red]Impor dibatalkan.[/red]\n{exc.message}")
        raise typer.Exit(1) from exc
    console.print(
        f"Unit ditambah: {report.added}, diperbarui: {report.updated}, tetap: {report.unchanged}."
    )


@units_app.command("export")
def units_export(file: Annotated[Path, typer.Argument(help="Berkas CSV tujuan.")]) -> None:
    """Ekspor daftar unit ke CSV untuk dikoreksi Humas."""
    rt = runtime()
    with rt.session() as session:
        ensure_seeded(session)
        count = export_units_csv(session, path=file)
    console.print(f"{count} unit ditulis ke {file}.")


@units_app.command("seed")
def units_seed() -> None:
    """Muat daftar unit bawaan Pantau ke basis data (aman diulang)."""
    with runtime().session() as session:
        report = seed_units(session)
    console.print(f"Unit ditambah: {report.added}, diperbarui: {report.updated}.")


@units_app.command("list")
def units_list(
    province: str = typer.Option("", help="Hanya provinsi ini."),
    pilot: bool = typer.Option(False, "--pilot", help="Hanya unit percontohan."),
) -> None:
    """Tampilkan unit per provinsi, dengan kelas dan kanwil."""
    gaz = load_gazetteer()
    table = Table("Nama resmi", "Kab/Kota", "Provinsi", "Kanwil", "Pilot")
    shown = 0
    for unit in gaz.units:
        if (province and unit.province != province) or (pilot and not unit.pilot):
            continue
        table.add_row(unit.name, unit.city, unit.province, unit.kanwil, "ya" if unit.pilot else "")
        shown += 1
    console.print(table)
    console.print(f"{shown} unit.")


@units_app.command("candidates")
def units_candidates(limit: int = typer.Option(50, help="Jumlah paling banyak.")) -> None:
    """Sebutan mirip unit yang belum dikenali, menunggu ditinjau."""
    with runtime().session() as session:
        rows = open_candidates(session, limit=limit)
        table = Table("Id", "Sebutan", "Berita", "Konteks")
        for candidate, title in rows:
            table.add_row(str(candidate.id), candidate.mention, title[:60], candidate.context[:80])
    console.print(table)
    console.print(f"{len(rows)} kandidat terbuka.")


@keymessages_app.command("list")
def keymessages_list() -> None:
    """Tampilkan pesan kunci dan frasa penandanya."""
    table = Table("Kode", "Pesan kunci", "Frasa")
    with runtime().session() as session:
        for message in list_key_messages(session):
            table.add_row(message.code, message.name, "; ".join(message.phrases))
    console.print(table)


@bench_app.command("stories")
def bench_stories(
    items: int = typer.Option(100_000, "--items", help="Jumlah berita sintetis."),
) -> None:
    """Ukur pengelompokan cerita (near-duplicate): waktu, memori, presisi, recall."""
    # datasketch brings numpy and scipy: load them only for this benchmark.
    from pantau.analyse.story_bench import run_story_bench

    units = [u.name for u in load_gazetteer().units]
    with progress() as bar:
        task = bar.add_task("Mengelompokkan", total=items)
        result = run_story_bench(items, units=units, progress=lambda n: bar.advance(task, n))
    console.print(
        f"{result.items} berita dalam {result.seconds:.1f} dtk "
        f"(CPU {result.cpu_seconds:.1f} dtk) "
        f"({result.items_per_second:.0f} berita/dtk); tambah satu berita: "
        f"{result.add_one_ms:.2f} md; memori puncak {result.peak_mb:.0f} MB; "
        f"{result.stories} cerita; presisi pasangan {result.precision:.3f}, "
        f"recall {result.recall:.3f}."
    )


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the root app."""
    app.add_typer(units_app, name="units")
    app.add_typer(keymessages_app, name="keymessages")
