"""``pantau survey``: perception surveys (SKM/IKM, Zona Integritas)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pantau.cli.bench import bench_app
from pantau.cli.runtime import Runtime, console, err_console, progress, runtime
from pantau.errors import PantauError
from pantau.surveys import export as survey_export
from pantau.surveys import importer, service
from pantau.surveys.instrument import parse_csv, parse_json

survey_app = typer.Typer(help="Survei persepsi: SKM/IKM dan Zona Integritas.", no_args_is_help=True)


def _fail(exc: PantauError) -> typer.Exit:
    err_console.print(f"[red]Gagal:[/red] {exc}")
    return typer.Exit(1)


def _parse_map(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        if not sep or not column:
            raise typer.BadParameter(
                f"'{pair}' harus berbentuk kolom=kode (mis. 'Usia=kelompok_usia')."
            )
        out[column.strip()] = field.strip()
    return out


@survey_app.command("instruments")
def instruments() -> None:
    """Daftar instrumen survei yang tersedia."""
    rt = runtime()
    with rt.session() as session:
        table = Table("Kode", "Nama", "Unsur", "Dasar", "Bawaan")
        for row, inst in service.list_instruments(session=session):
            table.add_row(
                row.code,
                inst.name,
                str(len(inst.elements)),
                inst.regulation,
                "ya" if row.builtin else "tidak",
            )
    console.print(table)


@survey_app.command("add-instrument")
def add_instrument(
    file: Annotated[Path, typer.Argument(help="Definisi instrumen (.json atau .csv).")],
    actor: Annotated[str, typer.Option(help="Nama admin yang menambahkan.")] = "admin",
) -> None:
    """Tambah instrumen baru dari berkas JSON atau CSV, tanpa mengubah kode program."""
    text = file.read_text(encoding="utf-8-sig")
    rt = runtime()
    try:
        definition = parse_csv(text) if file.suffix.lower() == ".csv" else parse_json(text)
        with rt.session() as session:
            row = service.add_instrument(session=session, definition=definition, actor=actor)
            console.print(f"Instrumen [bold]{row.code}[/bold] ditambahkan: {row.name}")
    except PantauError as exc:
        raise _fail(exc) from exc


@survey_app.command("create")
def create(
    unit: Annotated[str, typer.Option(help="Id atau nama lengkap UPT.")],
    period: Annotated[str, typer.Option(help="Periode: 2026, 2026-S1, 2026-Q3 atau 2026-05.")],
    instrument: Annotated[str, typer.Option(help="Kode instrumen (lihat 'instruments').")] = "skm",
    population: Annotated[
        int | None, typer.Option(help="Jumlah pengguna layanan pada periode (untuk sampel).")
    ] = None,
) -> None:
    """Buat survei untuk satu UPT, periode dan instrumen."""
    rt = runtime()
    try:
        with rt.session() as session:
            found = service.resolve_unit(session=session, ref=unit)
            survey = service.create_survey(
                session=session,
                unit_id=found.id,
                period=period,
                instrument=instrument,
                population=population,
                actor="cli",
            )
            console.print(
                f"Survei #{survey.id} dibuat untuk {found.name}, periode {survey.period_code}. "
                f"Tautan publik: /s/{survey.token}"
            )
    except PantauError as exc:
        raise _fail(exc) from exc


@survey_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="Berkas jawaban (.csv atau .xlsx).")],
    survey: Annotated[int, typer.Option("--survey", help="Id survei tujuan.")],
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="Pemetaan kolom manual, kolom=kode; '-' untuk abaikan."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Tampilkan pemetaan kolom saja, tanpa menyimpan.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option(help="Tulis daftar baris bermasalah ke berkas CSV ini.")
    ] = None,
) -> None:
    """Impor jawaban dari ekspor CSV/XLSX (mis. Google Forms) dengan pemetaan kolom."""
    rt = runtime()
    overrides = _parse_map(map_ or [])
    try:
        with rt.session() as session:
            headers, mapping = importer.preview_mapping(
                session=session, survey_id=survey, path=file, overrides=overrides
            )
            _show_mapping(headers, mapping)
            if dry_run:
                return
            with progress() as bar:
                task = bar.add_task("Mengimpor jawaban", total=None)
                result = importer.import_responses(
                    session=session,
                    survey_id=survey,
                    path=file,
                    overrides=overrides,
                    actor="cli",
                    max_rows=rt.settings.surveys.import_max_rows,
                    on_progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
    except PantauError as exc:
        raise _fail(exc) from exc
    console.print(
        f"Baris: {result.rows}; tersimpan: {result.stored}; sudah ada: {result.duplicates}; "
        f"kosong: {result.blank}; bermasalah: {result.bad} (impor #{result.run_id})."
    )
    for error in result.errors[:20]:
        console.print(f"  [yellow]{error.message}[/yellow]")
    if result.bad > 20:
        console.print(f"  … dan {result.bad - 20} baris lain.")
    if report is not None:
        import csv

        with report.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(["baris", "alasan", "pesan"])
            writer.writerows([(e.row, e.reason, e.message) for e in result.errors])


def _show_mapping(headers: list[str], mapping: dict[str, str]) -> None:
    table = Table("Kolom di berkas", "Dipetakan ke")
    for header in headers:
        table.add_row(header[:70], mapping.get(header, "[dim](diabaikan)[/dim]"))
    console.print(table)


@survey_app.command("score")
def score_(survey: Annotated[int, typer.Argument(help="Id survei.")]) -> None:
    """Hitung NRR per unsur, IKM, nilai konversi dan mutu pelayanan."""
    rt = runtime()
    try:
        with rt.session() as session:
            results = service.survey_results(session=session, survey_id=survey)
    except PantauError as exc:
        raise _fail(exc) from exc
    r, inst = results.result, results.instrument
    table = Table("Unsur", "Responden", "NRR", "Nilai (×25)")
    for e in r.elements:
        mark = " [red]▼[/red]" if e.code in r.weakest else ""
        table.add_row(
            inst.element(e.code).label + mark,
            str(e.n),
            str(e.nrr_display or "-"),
            str(e.converted or "-"),
        )
    console.print(
        f"[bold]{results.unit.name}[/bold] — {inst.name}, periode {results.survey.period_code}"
    )
    console.print(table)
    if r.score is None or r.band is None:
        console.print("Belum ada jawaban.")
    else:
        console.print(
            f"IKM {r.ikm_display} · nilai {r.score} · mutu {r.band.code} ({r.band.label}) · "
            f"{r.respondents} responden"
        )
    console.print(results.adequacy.message())


@survey_app.command("export")
def export(
    survey: Annotated[int, typer.Argument(help="Id survei.")],
    format_: Annotated[str, typer.Option("--format", help="csv, xlsx atau json.")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Berkas tujuan.")] = None,
) -> None:
    """Ekspor jawaban dan nilai survei (formula di teks dinetralkan)."""
    rt = runtime()
    path = output or Path(f"survei-{survey}.{format_}")
    try:
        with rt.session() as session:
            count = survey_export.export_survey(
                session=session, survey_id=survey, fmt=format_, path=path
            )
    except PantauError as exc:
        raise _fail(exc) from exc
    console.print(f"{count} jawaban ditulis ke {path}")


@survey_app.command("rekap")
def rekap(
    period: Annotated[str, typer.Option(help="Periode: 2026, 2026-S1, 2026-Q3 atau 2026-05.")],
    province: Annotated[str | None, typer.Option(help="Batasi ke satu provinsi (Kanwil).")] = None,
    instrument: Annotated[str, typer.Option(help="Kode instrumen.")] = "skm",
) -> None:
    """Rekap nilai per UPT dan per Kanwil (responden digabung) untuk satu periode."""
    from pantau.store.scope import Scope
    from pantau.surveys.pages import rollup_context

    rt = runtime()
    try:
        with rt.session() as session:
            data = rollup_context(
                session=session,
                scope=Scope(province=province),
                period_code=period,
                instrument=instrument,
            )
    except PantauError as exc:
        raise _fail(exc) from exc
    table = Table("UPT", "Responden", "Nilai", "Mutu", "Sampel", "Berita (+/−)")
    for u in data["units"]:
        sample = (
            "-"
            if u["sample_required"] is None
            else (f"kurang (min. {u['sample_required']})" if u["sample_short"] else "cukup")
        )
        media = u["media"]
        table.add_row(
            u["unit"],
            str(u["respondents"]),
            str(u["score"] or "-"),
            u["band"] or "-",
            sample,
            f"{media['items']} ({media['positive']}/{media['negative']})",
        )
    console.print(table)
    for k in data["kanwil"]:
        console.print(
            f"Kanwil {k['province']}: {k['units']} UPT, {k['respondents']} responden, "
            f"nilai {k['score'] if k['score'] is not None else '-'} ({k['band'] or '-'})"
        )


@bench_app.command("survey-import")
def bench_import(
    items: Annotated[int, typer.Option(help="Jumlah baris jawaban.")] = 2000,
) -> None:
    """Ukur kecepatan impor jawaban survei dari XLSX (basis data SQLite sementara)."""
    import tempfile
    import time

    from pantau.settings import load_settings
    from pantau.store.tables import Unit
    from pantau.surveys.synthetic import write_sheet

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = load_settings(data_dir=folder, database_url=f"sqlite:///{folder / 'b.db'}")
        rt = Runtime(settings)
        with rt.session() as session:
            unit = Unit(name="Lapas Uji", type="lapas", place="Uji", province="Uji", kanwil="Uji")
            session.add(unit)
            session.flush()
            survey = service.create_survey(session=session, unit_id=unit.id, period="2026")
            instrument = service.instrument_of(service.get_instrument(session=session, code="skm"))
            survey_id = survey.id
        path = folder / "jawaban.xlsx"
        bad = write_sheet(path, instrument, items)
        for label in ("pertama", "ulang"):
            began = time.perf_counter()
            with rt.session() as session:
                report = importer.import_responses(session=session, survey_id=survey_id, path=path)
            spent = time.perf_counter() - began
            console.print(
                f"Impor {label}: {report.rows} baris dalam {spent:.2f} s "
                f"({report.rows / spent:,.0f} baris/s); tersimpan {report.stored}, "
                f"sudah ada {report.duplicates}, bermasalah {report.bad} (diharapkan {bad})."
            )


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the root app."""
    app.add_typer(survey_app, name="survey")
