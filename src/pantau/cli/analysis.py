"""Commands of the analysis stage: analyse, correct, train, classify, eval, review, bench."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pantau.analyse.evaluate import Report, TaskScore
from pantau.cli.bench import bench_app
from pantau.cli.runtime import console, err_console, progress, runtime
from pantau.errors import PantauError


def _fail(error: Exception) -> typer.Exit:
    err_console.print(f"[bold red]Gagal:[/] {error}")
    return typer.Exit(code=1)


def analyse(
    all_items: bool = typer.Option(False, "--all", help="Analisis ulang semua item."),
    outdated: bool = typer.Option(
        False, "--outdated", help="Hanya item yang dianalisis oleh versi analiser lama."
    ),
) -> None:
    """Beri label relevansi, tone, kategori krisis dan topik pada item di basis data."""
    from pantau.analyse.pipeline import default_pipeline
    from pantau.store.analysed import analyse_items, items_to_analyse
    from pantau.store.training import current_models

    rt = runtime()
    mode = "all" if all_items else "outdated" if outdated else "new"
    with rt.session() as session:
        models = current_models(session, settings=rt.settings)
        pipeline = default_pipeline(rt.settings, models=models)
        ids = items_to_analyse(session, mode=mode, versions=pipeline.versions)
        with progress() as bar:
            task = bar.add_task("Menganalisis", total=len(ids))
            result = analyse_items(
                session,
                pipeline=pipeline,
                item_ids=ids,
                on_progress=lambda n: bar.advance(task, n),
            )
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(result.counts.items())) or "-"
    console.print(
        f"{result.analysed} item dianalisis ({counts}); {result.needs_review} perlu ditinjau."
    )


def correct(
    item_id: int = typer.Argument(..., help="Nomor item."),
    field: str = typer.Argument(..., help="Kolom: relevant, tone, crisis_category, topic ..."),
    value: str = typer.Argument(..., help="Nilai baru sesuai codebook."),
    reason: str = typer.Option("", "--reason", help="Alasan koreksi."),
    actor: str = typer.Option(..., "--actor", help="Nama analis yang mengoreksi."),
) -> None:
    """Koreksi satu label; kolom itu dikunci dan tidak ditimpa analisis ulang."""
    from pantau.store.analysed import correct_label

    rt = runtime()
    try:
        with rt.session() as session:
            fix = correct_label(
                session, item_id=item_id, field=field, new_value=value, actor=actor, reason=reason
            )
            old, new = fix.old_value, fix.new_value
    except PantauError as error:
        raise _fail(error) from None
    console.print(f"Item {item_id}: {field} {old} → {new} (dikunci, oleh {actor}).")


def train() -> None:
    """Latih ulang model dari label bawaan dan koreksi analis; tampilkan evaluasi."""
    from pantau.store.training import train as train_service

    rt = runtime()
    with rt.session() as session, console.status("Melatih model ..."):
        result = train_service(session, settings=rt.settings, actor="cli")
    console.print(
        f"Model {result.previous_version or '(belum ada)'} → [bold]{result.version}[/] "
        f"dari {result.examples} contoh ({result.corrections} koreksi); disimpan di {result.path}"
    )
    console.print(f"Contoh per tugas: {result.trained_on}")
    for name in result.after:
        _print_compare(name, result.before[name], result.after[name])


def _print_compare(name: str, before: Report, after: Report) -> None:
    table = Table(title=f"Evaluasi {name}: sebelum → sesudah")
    table.add_column("metrik")
    table.add_column("sebelum", justify="right")
    table.add_column("sesudah", justify="right")
    old, new = before.flat(), after.flat()
    for key, value in new.items():
        table.add_row(key, _fmt(old.get(key)), _fmt(value))
    console.print(table)


def _fmt(value: object) -> str:
    return "-" if value is None else f"{value:.4f}" if isinstance(value, float) else str(value)


def classify(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Beri label item dari berkas JSONL ({"id","title","text"}); satu baris JSON per item."""
    from pantau.analyse.files import classify_file
    from pantau.analyse.pipeline import default_pipeline

    pipeline = default_pipeline(runtime().settings)
    try:
        for result in classify_file(pipeline, file):
            typer.echo(json.dumps(result, ensure_ascii=False, default=str))
    except PantauError as error:
        raise _fail(error) from None


def evaluate(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    as_json: bool = typer.Option(False, "--json", help="Cetak angka utama sebagai JSON."),
) -> None:
    """Nilai analiser terhadap label codebook dalam berkas JSONL."""
    from pantau.analyse.files import evaluate_file
    from pantau.analyse.pipeline import default_pipeline

    pipeline = default_pipeline(runtime().settings)
    try:
        report = evaluate_file(pipeline, file)
    except PantauError as error:
        raise _fail(error) from None
    if as_json:
        typer.echo(json.dumps(report.flat(), indent=2))
        return
    console.print(f"[bold]{file}[/]: {report.n_items} item")
    for task in report.tasks.values():
        _print_task(task)
    extra = report.flat()
    units, province = _fmt(extra["units.f1"]), _fmt(extra["province.accuracy"])
    console.print(f"units.f1: {units}   province.accuracy: {province}")
    console.print_json(json.dumps(report.flat()))


def _print_task(task: TaskScore) -> None:
    table = Table(
        title=f"{task.name}: n={task.n}, akurasi {task.accuracy:.4f}, macro-F1 {task.macro_f1:.4f}"
    )
    for column in ("kelas", "presisi", "recall", "F1", "dukungan"):
        table.add_column(column, justify="left" if column == "kelas" else "right")
    for label, m in task.per_class.items():
        table.add_row(
            label,
            f"{m['precision']:.3f}",
            f"{m['recall']:.3f}",
            f"{m['f1']:.3f}",
            str(int(m["support"])),
        )
    console.print(table)
    matrix = Table(title=f"{task.name}: matriks kebingungan (baris = label, kolom = prediksi)")
    matrix.add_column("")
    for label in task.labels:
        matrix.add_column(label[:10], justify="right")
    for gold in task.labels:
        matrix.add_row(gold, *[str(task.confusion[gold][p]) for p in task.labels])
    console.print(matrix)


def review(limit: int = typer.Option(50, help="Jumlah item maksimum.")) -> None:
    """Daftar item yang perlu ditinjau (keyakinan rendah)."""
    from pantau.store.analysed import review_queue

    rt = runtime()
    with rt.session() as session:
        rows = review_queue(session, limit=limit)
        table = Table(title=f"Antrean tinjauan ({len(rows)} item)")
        for column in ("id", "judul", "relevan", "tone", "krisis", "topik", "keyakinan"):
            table.add_column(column)
        for item, a in rows:
            table.add_row(
                str(item.id), item.title[:70], "ya" if a.relevant else "tidak", a.tone or "-",
                a.crisis_category, a.topic or "-", f"{a.confidence:.2f}",
            )  # fmt: skip
    console.print(table)


def bench_analyse(
    items: int = typer.Option(5000, "--items", help="Jumlah item yang dianalisis."),
    as_json: bool = typer.Option(False, "--json", help="Cetak hasil sebagai JSON."),
) -> None:
    """Kecepatan analisis (relevansi+tone+krisis+topik) pada satu inti dibanding ekstraksi."""
    from pantau.analyse.benchmark import run_bench
    from pantau.analyse.model import load_or_train
    from pantau.analyse.trainset import bundled_examples

    settings = runtime().settings
    with console.status(f"Mengukur analisis {items} item dan ekstraksi halaman ..."):
        models = load_or_train(settings.model_path, bundled_examples())
        result = run_bench(models=models, items=items)
    if as_json:
        typer.echo(json.dumps(result.as_dict()))
        return
    for key, value in result.as_dict().items():
        console.print(f"{key}: {value}")


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the root app."""
    app.command("analyse")(analyse)
    app.command("correct")(correct)
    app.command("train")(train)
    app.command("classify")(classify)
    app.command("eval")(evaluate)
    app.command("review")(review)
    bench_app.command("analyse")(bench_analyse)
