"""Commands of the reports stage: ``pantau report`` and ``pantau jadwal-laporan``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.table import Table
from sqlalchemy import select

from pantau.cli.bench import bench_app
from pantau.cli.runtime import console, err_console, progress, runtime
from pantau.errors import PantauError
from pantau.reports.context import today_in
from pantau.reports.params import ReportParams
from pantau.reports.period import PeriodKind, parse_anchor
from pantau.reports.schedule import run_due_schedules
from pantau.reports.service import ReportFormat, generate_report
from pantau.reports.tables import ReportSchedule

schedules_app = typer.Typer(
    help="Laporan terjadwal yang dikirim lewat email.", no_args_is_help=True
)

WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")


def report(
    scope: str = typer.Option("nasional", help="nasional, kanwil:<Provinsi> atau upt:<nama unit>"),
    period: PeriodKind = typer.Option(PeriodKind.MONTHLY, help="daily, weekly, monthly, annual"),
    date: str = typer.Option("", "--date", help="Tanggal acuan: 2026-11-27, 2026-11 atau 2026"),
    fmt: ReportFormat = typer.Option(ReportFormat.PDF, "--format", help="pdf, xlsx, csv, json"),
    output: Path = typer.Option(..., "--output", "-o", help="Berkas hasil"),
) -> None:
    """Buat laporan analisis media untuk satu cakupan dan periode."""
    rt = runtime()
    try:
        anchor = parse_anchor(date, today_in(rt.settings.reports.timezone))
        with rt.session() as session, console.status("Menyusun laporan…"):
            params = ReportParams(scope=scope, period=period, anchor=anchor)
            result = generate_report(session=session, settings=rt.settings, params=params, fmt=fmt)
    except PantauError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    output.write_bytes(result.content)
    head = result.context.headline
    console.print(
        f"[bold]{result.context.scope_label}[/bold] · {result.context.period_title}: "
        f"{head.items} berita relevan, {head.positive} positif, {head.neutral} netral, "
        f"{head.negative} negatif, krisis {head.crisis_share:.1%}. "
        f"Sidik jari {result.context.fingerprint} → {output}"
    )


@schedules_app.command("add")
def schedule_add(
    name: str = typer.Argument(..., help="Nama laporan, mis. 'Laporan mingguan Kanwil Jambi'"),
    recipients: list[str] = typer.Option(
        ..., "--to", help="Alamat email penerima (boleh berulang)"
    ),
    scope: str = typer.Option("nasional", help="nasional, kanwil:<Provinsi> atau upt:<nama unit>"),
    period: PeriodKind = typer.Option(PeriodKind.WEEKLY, help="daily, weekly, monthly, annual"),
    fmt: ReportFormat = typer.Option(ReportFormat.PDF, "--format"),
    weekday: str = typer.Option("senin", help="Hari kirim untuk laporan mingguan"),
    day_of_month: int = typer.Option(1, help="Tanggal kirim untuk laporan bulanan/tahunan"),
    at: str = typer.Option("07:00", help="Jam kirim (zona waktu laporan)"),
) -> None:
    """Tambah laporan terjadwal (mis. setiap Senin 07.00 WIB)."""
    rt = runtime()
    hour, _, minute = at.partition(":")
    schedule = ReportSchedule(
        name=name,
        scope=scope,
        period=period.value,
        format=fmt.value,
        weekday=WEEKDAYS.index(weekday.lower()) if period is PeriodKind.WEEKLY else None,
        day_of_month=day_of_month if period in (PeriodKind.MONTHLY, PeriodKind.ANNUAL) else None,
        hour=int(hour),
        minute=int(minute or 0),
        timezone=rt.settings.reports.timezone,
        recipients=list(recipients),
    )
    with rt.session() as session:
        session.add(schedule)
        session.flush()
        console.print(f"Jadwal #{schedule.id} dibuat: {name}")


@schedules_app.command("list")
def schedule_list() -> None:
    """Daftar laporan terjadwal dan pengiriman terakhirnya."""
    table = Table("ID", "Nama", "Cakupan", "Periode", "Kapan", "Penerima", "Terakhir", "Galat")
    with runtime().session() as session:
        for s in session.scalars(select(ReportSchedule).order_by(ReportSchedule.id)):
            when = WEEKDAYS[s.weekday] if s.weekday is not None else f"tgl {s.day_of_month or '-'}"
            table.add_row(
                str(s.id),
                s.name,
                s.scope,
                s.period,
                f"{when} {s.hour:02d}:{s.minute:02d}",
                ", ".join(s.recipients),
                str(s.last_sent_at or "-"),
                s.last_error or "",
            )
    console.print(table)


@schedules_app.command("run")
def schedule_run() -> None:
    """Kirim semua laporan yang jatuh tempo sekarang (panggil dari cron setiap beberapa menit)."""
    with runtime().session() as session:
        deliveries = run_due_schedules(
            session=session, settings=runtime().settings, now=datetime.now(UTC)
        )
    for d in deliveries:
        colour = "green" if d.ok else "red"
        console.print(f"[{colour}]Jadwal #{d.schedule_id}: {d.detail}[/{colour}]")
    if not deliveries:
        console.print("Tidak ada laporan yang jatuh tempo.")


@bench_app.command("reports")
def bench_reports(
    items: int = typer.Option(1_000_000, help="Jumlah berita sintetis dalam basis data uji."),
    db: Path | None = typer.Option(None, help="Berkas SQLite uji (dipakai ulang bila ada)."),
    scope: str = typer.Option("nasional", help="Cakupan laporan."),
    period: PeriodKind = typer.Option(PeriodKind.MONTHLY, help="Periode laporan."),
    fmt: ReportFormat = typer.Option(ReportFormat.PDF, "--format", help="Format laporan."),
) -> None:
    """Ukur waktu membuat satu laporan di atas basis data sintetis yang besar."""
    from pantau.demo.synthetic import ensure_database
    from pantau.reports import bench

    settings = runtime().settings
    path = db or settings.data_dir / f"bench-reports-{items}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    with progress() as bar:
        task = bar.add_task("Membuat berita sintetis", total=items)
        url = ensure_database(path, items=items, progress=lambda n: bar.advance(task, n))
    timing = bench.time_report(url, settings=settings, scope=scope, period=period, fmt=fmt)
    console.print(
        f"{fmt.value.upper()} {scope} {timing.period_title}: "
        f"{timing.items_in_period:,} berita dari {timing.items_in_database:,}; "
        f"angka {timing.context_seconds:.2f} s + render {timing.render_seconds:.2f} s = "
        f"[bold]{timing.total_seconds:.2f} s[/bold]; {timing.output_bytes / 1024:.0f} KB; "
        f"memori puncak {timing.peak_rss_mb:.0f} MB"
    )


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the root app."""
    app.command("report")(report)
    app.add_typer(schedules_app, name="report-schedules")
