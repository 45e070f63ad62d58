"""Commands of the ingest stage: feeds, ingest, extract, quarantine, bench ingest."""

from __future__ import annotations

import json
import time
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import select

from pantau.cli.bench import bench_app
from pantau.cli.runtime import console, err_console, progress, runtime
from pantau.errors import PantauError, RejectedInput
from pantau.ingest.extract import article_to_dict, extract, extract_source
from pantau.ingest.run import IngestReport, ingest_paths
from pantau.items import Provenance, RawItem
from pantau.sources import catalog
from pantau.store.tables import Quarantine

feeds_app = typer.Typer(help="Kelola feed RSS/Atom: tambah, daftar, hapus, ambil.",
                        no_args_is_help=True)  # fmt: skip
quarantine_app = typer.Typer(help="Masukan yang ditolak (karantina) beserta alasannya.",
                             no_args_is_help=True)  # fmt: skip

OUTCOME_ID = {"added": "Ditambahkan", "duplicate": "Sudah ada (duplikat)",
              "updated": "Diperbarui", "quarantined": "Dikarantina"}  # fmt: skip


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else "-"


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="Alamat feed RSS/Atom.")],
    name: Annotated[str | None, typer.Option("--name", help="Nama feed.")] = None,
) -> None:
    """Tambahkan feed RSS/Atom."""
    with runtime().session() as session:
        try:
            feed = catalog.add_feed(session=session, url=url, name=name)
        except PantauError as exc:
            err_console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc
        console.print(f"Feed #{feed.id} terdaftar: {feed.url}")


@feeds_app.command("list")
def feeds_list() -> None:
    """Daftar feed dengan kesehatannya (terakhir berhasil, berita per hari, peringatan)."""
    rt = runtime()
    with rt.session() as session:
        rows = catalog.list_feeds(session=session, settings=rt.settings)
    table = Table("ID", "Feed", "Terakhir berhasil", "Berita/hari", "Total", "Peringatan")
    for h in rows:
        table.add_row(str(h.id), h.name or h.url, _when(h.last_success_at),
                      f"{h.items_per_day:.1f}", str(h.items_total),
                      f"[yellow]{h.warning}[/yellow]" if h.warning else "")  # fmt: skip
    console.print(table if rows else "Belum ada feed. Tambahkan dengan: pantau feeds add URL")


@feeds_app.command("remove")
def feeds_remove(feed: Annotated[str, typer.Argument(help="ID atau alamat feed.")]) -> None:
    """Hapus feed (berita yang sudah tersimpan tetap ada)."""
    with runtime().session() as session:
        try:
            catalog.remove_feed(session=session, feed=int(feed) if feed.isdigit() else feed)
        except PantauError as exc:
            err_console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc
    console.print(f"Feed {feed} dihapus.")


@feeds_app.command("poll")
def feeds_poll() -> None:
    """Ambil semua feed aktif sekarang (hanya berita baru yang ditambahkan)."""
    rt = runtime()
    with progress() as bar:
        task = bar.add_task("Mengambil feed", total=None)
        report = catalog.poll_feeds(
            sessions=rt.sessions,
            settings=rt.settings,
            progress=lambda d, t: bar.update(task, completed=d, total=t),
        )
    table = Table("Feed", "Status", "Baru", "Duplikat", "Karantina", "Galat")
    for r in report.results:
        table.add_row(r.url, r.status, str(r.added), str(r.duplicate), str(r.quarantined),
                      r.error or "")  # fmt: skip
    console.print(table)


def _print_report(report: IngestReport) -> None:
    table = Table("Hasil", "Jumlah", title=f"Ingest #{report.run_id}")
    for key, label in OUTCOME_ID.items():
        if report.counts.get(key):
            table.add_row(label, str(report.counts[key]))
    console.print(table)
    if report.rejections:
        reasons = Table("Alasan", "Jumlah", "Contoh", title="Dikarantina")
        for reason, count in sorted(report.reasons().items()):
            example = next(r for r in report.rejections if r.reason == reason)
            reasons.add_row(reason, str(count), example.message[:120])
        console.print(reasons)


@quarantine_app.command("list")
def quarantine_list(
    limit: Annotated[int, typer.Option("--limit", help="Jumlah baris.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Cetak sebagai JSON.")] = False,
) -> None:
    """Tampilkan masukan yang dikarantina dan alasannya."""
    with runtime().session() as session:
        rows = list(session.scalars(select(Quarantine).order_by(Quarantine.id.desc()).limit(limit)))
    if as_json:
        records = [
            {"id": q.id, "created_at": q.created_at.isoformat(), "source_kind": q.source_kind,
             "locator": q.locator, "reason": q.reason, "message": q.message}
            for q in rows
        ]  # fmt: skip
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table("ID", "Waktu", "Jenis", "Sumber", "Alasan", "Pesan")
    for q in rows:
        table.add_row(str(q.id), _when(q.created_at), q.source_kind, q.locator[-60:],
                      q.reason, q.message[:100])  # fmt: skip
    console.print(table)


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the root app."""
    app.add_typer(feeds_app, name="feeds")
    app.add_typer(quarantine_app, name="quarantine")

    @app.command("ingest")
    def ingest_command(
        paths: Annotated[list[str], typer.Argument(help="Berkas, folder atau URL.")],
    ) -> None:
        """Masukkan berita dari berkas (HTML, teks, JSONL/CSV/XLSX), folder atau URL."""
        rt = runtime()
        with progress() as bar:
            task = bar.add_task("Memasukkan berita", total=None)
            report = ingest_paths(
                sessions=rt.sessions, settings=rt.settings, paths=paths,
                progress=lambda d, t: bar.update(task, completed=d, total=t),
            )  # fmt: skip
        _print_report(report)

    @app.command("extract")
    def extract_command(
        source: Annotated[str, typer.Argument(help="Berkas atau URL satu halaman berita.")],
        as_json: Annotated[bool, typer.Option("--json", help="Cetak sebagai JSON.")] = False,
    ) -> None:
        """Tampilkan apa yang dibaca Pantau dari satu halaman (tidak disimpan)."""
        try:
            article = extract_source(source, settings=runtime().settings)
        except (RejectedInput, OSError) as exc:
            err_console.print(f"[red]Tidak bisa diekstrak: {exc}[/red]")
            raise typer.Exit(1) from exc
        record = article_to_dict(article)
        if as_json:
            typer.echo(json.dumps(record, ensure_ascii=False, indent=2))
            return
        for key, value in record.items():
            console.print(f"[bold]{key}[/bold]: {value}", markup=False)


@bench_app.command("ingest")
def bench_ingest(
    items: Annotated[int, typer.Option("--items", help="Jumlah halaman per jenis.")] = 200,
) -> None:
    """Ukur kecepatan ekstraksi + pembersihan (halaman HTML dan halaman teks)."""
    from pantau.ingest.bench import html_pages, text_pages

    for label, pages in (("HTML", html_pages(items)), ("teks", text_pages(items))):
        start = time.perf_counter()
        for index, (content, kind) in enumerate(pages):
            extract(RawItem(Provenance("bench", str(index)), content, kind))
        elapsed = time.perf_counter() - start
        console.print(f"{label}: {items} halaman dalam {elapsed:.2f} s = "
                      f"{items / elapsed:.1f} item/s")  # fmt: skip
