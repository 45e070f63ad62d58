"""Commands of the alerts and cases stage: ``pantau alerts ...`` and ``pantau cases ...``."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import typer
from rich.table import Table

from pantau.alerts.service import acknowledge, list_alerts, run_alerts
from pantau.alerts.severity import LEVEL_LABELS_ID
from pantau.alerts.tables import Alert, Contact, WatchKeyword
from pantau.cases.evaluation import evaluate_case
from pantau.cases.service import (
    ACTION_LABELS_ID,
    add_action,
    add_member,
    check_slas,
    get_case,
    list_cases,
    move_case,
    open_case,
    state_label,
    timeline,
)
from pantau.cases.templates import KINDS, draft
from pantau.cli.bench import bench_app
from pantau.cli.runtime import console, err_console, runtime
from pantau.errors import PantauError
from pantau.store.scope import NATIONAL

alerts_app = typer.Typer(help="Peringatan dini: jalankan, lihat, akui.", no_args_is_help=True)
cases_app = typer.Typer(
    help="Kasus krisis: buka, tindak, pindah status, evaluasi.", no_args_is_help=True
)


def _fail(exc: PantauError) -> typer.Exit:
    err_console.print(f"[red]Gagal:[/red] {exc}")
    return typer.Exit(code=1)


def _now() -> datetime:
    return datetime.now(UTC)


@alerts_app.command("run")
def alerts_run(
    at: str = typer.Option("", help="Waktu pemeriksaan (ISO 8601); kosong = sekarang."),
    every: int = typer.Option(
        0, min=0, help="Ulangi setiap N detik (0 = sekali). Hentikan dengan Ctrl+C."
    ),
) -> None:
    """Periksa aturan, lonjakan volume dan sebaran; kirim notifikasi; eskalasi; cek SLA."""
    rt = runtime()
    while True:
        now = datetime.fromisoformat(at) if at else _now()
        with rt.session() as session:
            report = run_alerts(session=session, settings=rt.settings, now=now)
            breaches = check_slas(session=session, settings=rt.settings, now=now)
        console.print(
            f"{now:%Y-%m-%d %H:%M} Baru: {len(report.new)} · diperbarui: {len(report.updated)} · "
            f"dikirim: {report.deliveries} · eskalasi: {len(report.escalated)} · dilepas "
            f"setelah jam tenang: {report.released} · pelanggaran SLA kasus: {len(breaches)}"
        )
        if every <= 0 or at:
            return
        time.sleep(every)


@alerts_app.command("list")
def alerts_list(
    status: str = typer.Option("", help="open, acknowledged (kosong = semua)."),
    limit: int = typer.Option(50, help="Jumlah maksimum."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    """Daftar peringatan terbaru."""
    rt = runtime()
    with rt.session() as session:
        alerts = list_alerts(session=session, scope=NATIONAL, status=status or None, limit=limit)
        rows = [_alert_row(a) for a in alerts]
    if as_json:
        console.print_json(json.dumps(rows, default=str))
        return
    table = Table("ID", "Level", "Status", "Judul", "Alasan", "Berita")
    for r in rows:
        table.add_row(
            str(r["id"]),
            LEVEL_LABELS_ID[r["level"]],
            r["status"],
            r["title"],
            r["reason"],
            str(r["items"]),
        )
    console.print(table)


def _alert_row(a: Alert) -> dict[str, Any]:
    return {
        "id": a.id,
        "key": a.key,
        "kind": a.kind,
        "level": a.level,
        "status": a.status,
        "title": a.title,
        "reason": a.reason,
        "reasons": a.reasons,
        "items": len(a.items),
        "first_fired_at": a.first_fired_at,
        "last_fired_at": a.last_fired_at,
    }


@alerts_app.command("ack")
def alerts_ack(
    alert_id: int = typer.Argument(..., help="ID peringatan."),
    actor: str = typer.Option("cli", help="Siapa yang mengakui."),
) -> None:
    """Akui peringatan: eskalasi berhenti."""
    rt = runtime()
    try:
        with rt.session() as session:
            alert = acknowledge(session=session, alert_id=alert_id, actor=actor, now=_now())
            console.print(f"Peringatan #{alert.id} diakui oleh {alert.acknowledged_by}.")
    except PantauError as exc:
        raise _fail(exc) from exc


@alerts_app.command("keyword")
def alerts_keyword(
    phrase: str = typer.Argument(..., help="Kata atau frasa yang dipantau."),
    level: int = typer.Option(1, min=1, max=3, help="Level minimum peringatannya."),
    remove: bool = typer.Option(False, "--hapus", help="Nonaktifkan kata kunci ini."),
) -> None:
    """Tambah (atau nonaktifkan) kata kunci pantauan."""
    rt = runtime()
    with rt.session() as session:
        row = session.query(WatchKeyword).filter_by(phrase=phrase.strip()).one_or_none()
        if row is None:
            row = WatchKeyword(phrase=phrase.strip(), level=level, created_by="cli")
            session.add(row)
        row.active, row.level = not remove, level
    console.print(f"Kata kunci \u201c{phrase.strip()}\u201d {'nonaktif' if remove else 'aktif'}.")


@alerts_app.command("contact")
def alerts_contact(
    name: str = typer.Argument(..., help="Nama kontak."),
    channel: str = typer.Option(..., help="email, webhook, telegram, whatsapp."),
    address: str = typer.Option(..., help="Alamat email, URL, chat_id atau nomor."),
    tier: str = typer.Option(..., help="upt, kanwil atau pusat."),
    unit_id: int | None = typer.Option(None, help="UPT (untuk tier upt)."),
    province: str | None = typer.Option(None, help="Provinsi (untuk tier kanwil)."),
    min_level: int = typer.Option(1, min=1, max=3, help="Level minimum yang diterima."),
) -> None:
    """Tambah kontak penerima notifikasi."""
    if channel not in ("email", "webhook", "telegram", "whatsapp") or tier not in (
        "upt",
        "kanwil",
        "pusat",
    ):
        err_console.print("[red]Saluran atau tier tidak dikenal.[/red]")
        raise typer.Exit(code=2)
    rt = runtime()
    with rt.session() as session:
        contact = Contact(
            name=name,
            channel=channel,
            address=address,
            tier=tier,
            unit_id=unit_id,
            province=province,
            min_level=min_level,
        )
        session.add(contact)
        session.flush()
        console.print(f"Kontak #{contact.id} ditambahkan.")


@cases_app.command("open")
def cases_open(
    unit_id: int | None = typer.Option(None, help="ID UPT."),
    category: str = typer.Option(..., help="Kategori krisis (mis. escape)."),
    level: int = typer.Option(1, min=1, max=3, help="Level 1-3."),
    owner: str = typer.Option(..., help="Pemilik kasus (username)."),
    alert_id: int | None = typer.Option(None, help="Buka dari peringatan ini."),
    title: str = typer.Option("", help="Judul kasus."),
) -> None:
    """Buka kasus krisis (manual atau dari peringatan)."""
    rt = runtime()
    try:
        with rt.session() as session:
            alert = session.get(Alert, alert_id) if alert_id else None
            if alert_id and alert is None:
                raise _fail(PantauError(f"Peringatan #{alert_id} tidak ditemukan."))
            case = open_case(
                session=session,
                alert=alert,
                unit_id=unit_id or (alert.unit_id if alert else None),
                category=category,
                level=level,
                owner=owner,
                actor=owner,
                title=title or None,
                now=_now(),
            )
            console.print(f"Kasus #{case.id} dibuka: {case.title}")
    except PantauError as exc:
        raise _fail(exc) from exc


@cases_app.command("list")
def cases_list(state: str = typer.Option("", help="open, handling, monitoring, closed.")) -> None:
    """Daftar kasus."""
    rt = runtime()
    table = Table("ID", "Status", "Level", "Kategori", "Pemilik", "Judul", "Dibuka")
    with rt.session() as session:
        for c in list_cases(session=session, scope=NATIONAL, state=state or None):
            table.add_row(
                str(c.id),
                state_label(c.state),
                str(c.level),
                c.category,
                c.owner,
                c.title,
                c.opened_at.isoformat(timespec="minutes"),
            )
    console.print(table)


@cases_app.command("show")
def cases_show(case_id: int = typer.Argument(..., help="ID kasus.")) -> None:
    """Rincian kasus dan lini masanya."""
    rt = runtime()
    try:
        with rt.session() as session:
            case = get_case(session=session, case_id=case_id, scope=NATIONAL)
            console.print(
                f"[bold]Kasus #{case.id}[/bold] {case.title} — {state_label(case.state)}, "
                f"level {case.level}, pemilik {case.owner}"
            )
            for e in timeline(case):
                what = ACTION_LABELS_ID.get(e.action or "", "") if e.kind == "action" else e.kind
                console.print(f"{e.created_at:%Y-%m-%d %H:%M} {e.actor}: {what} {e.text}")
    except PantauError as exc:
        raise _fail(exc) from exc


@cases_app.command("act")
def cases_act(
    case_id: int = typer.Argument(..., help="ID kasus."),
    action: str = typer.Option(..., help=", ".join(ACTION_LABELS_ID)),
    text: str = typer.Option("", help="Isi tindakan."),
    template: str = typer.Option("", help="Isi dari templat: " + ", ".join(KINDS)),
    actor: str = typer.Option("cli", help="Siapa yang bertindak."),
) -> None:
    """Catat tindakan (pernyataan awal, siaran pers, klarifikasi, hak jawab, koordinasi)."""
    rt = runtime()
    try:
        with rt.session() as session:
            case = get_case(session=session, case_id=case_id, scope=NATIONAL)
            if template:
                text = text or draft(
                    session=session, case=case, kind=template, settings=rt.settings
                )
            add_action(
                session=session, case=case, action=action, text=text, actor=actor, now=_now()
            )
            console.print(f"Tindakan dicatat; status kasus: {state_label(case.state)}.")
    except (PantauError, ValueError) as exc:
        raise _fail(PantauError(str(exc))) from exc


@cases_app.command("move")
def cases_move(
    case_id: int = typer.Argument(..., help="ID kasus."),
    to: str = typer.Option(..., help="handling, monitoring, closed."),
    note: str = typer.Option("", help="Catatan/alasan."),
    actor: str = typer.Option("cli", help="Siapa yang memindahkan."),
) -> None:
    """Pindahkan status kasus menurut tabel transisi."""
    rt = runtime()
    try:
        with rt.session() as session:
            case = get_case(session=session, case_id=case_id, scope=NATIONAL)
            move_case(session=session, case=case, to_state=to, actor=actor, note=note, now=_now())
            console.print(f"Kasus #{case.id} kini {state_label(case.state)}.")
    except PantauError as exc:
        raise _fail(exc) from exc


@cases_app.command("member")
def cases_member(
    case_id: int = typer.Argument(..., help="ID kasus."),
    username: str = typer.Option(..., help="Nama pengguna anggota tim."),
    role: str = typer.Option("member", help="spokesperson atau member."),
    actor: str = typer.Option("cli", help="Siapa yang menambahkan."),
) -> None:
    """Tambah anggota tim krisis (juru bicara atau anggota)."""
    rt = runtime()
    try:
        with rt.session() as session:
            case = get_case(session=session, case_id=case_id, scope=NATIONAL)
            add_member(session=session, case=case, username=username, role=role, actor=actor)
            console.print(f"{username} kini {role} di kasus #{case.id}.")
    except PantauError as exc:
        raise _fail(exc) from exc


@cases_app.command("close")
def cases_close(
    case_id: int = typer.Argument(..., help="ID kasus."),
    note: str = typer.Option("", help="Catatan/alasan penutupan."),
    actor: str = typer.Option("cli", help="Siapa yang menutup."),
) -> None:
    """Tutup kasus."""
    cases_move(case_id=case_id, to="closed", note=note, actor=actor)


@cases_app.command("evaluate")
def cases_evaluate(
    case_id: int = typer.Argument(..., help="ID kasus."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    """Evaluasi pascakrisis: volume dan nada sebelum/sesudah tanggapan pertama."""
    rt = runtime()
    try:
        with rt.session() as session:
            case = get_case(session=session, case_id=case_id, scope=NATIONAL)
            ev = evaluate_case(session=session, case=case, settings=rt.settings)
    except PantauError as exc:
        raise _fail(exc) from exc
    if as_json:
        console.print_json(json.dumps(ev.as_dict()))
        return
    table = Table("Tanggal", "Berita", "Negatif", "% negatif")
    for p in ev.curve:
        table.add_row(p.day.isoformat(), str(p.items), str(p.negative), f"{p.negative_share:.0%}")
    console.print(table)
    for name, s in (("Sebelum", ev.before), ("Sesudah", ev.after)):
        console.print(f"{name}: {s.items_per_day:.1f} berita/hari, {s.negative_share:.0%} negatif")


@bench_app.command("alerts")
def bench_alerts(
    runs: int = typer.Option(10, help="Jumlah pengulangan."),
    items: int = typer.Option(1000, help="Berita latar di basis data sementara."),
) -> None:
    """Latensi: berita pemicu tersimpan -> notifikasi diterima (webhook + SMTP loopback)."""
    from pantau.alerts.bench import measure
    from pantau.cli.runtime import progress

    with progress() as bar:
        task = bar.add_task("Mengukur latensi peringatan", total=runs)
        result = measure(
            runs=runs, background=items, progress=lambda n: bar.update(task, completed=n)
        )
    channels = "webhook + email" if result.smtp else "webhook"
    console.print(
        f"{result.runs} kali, {result.background} berita latar, {channels}: median "
        f"{result.median * 1000:.0f} ms, p95 {result.p95 * 1000:.0f} ms, terlama "
        f"{result.worst * 1000:.0f} ms (target < 5000 ms)"
    )


def register(app: typer.Typer) -> None:
    """Attach this module's commands to the root app."""
    app.add_typer(alerts_app, name="alerts")
    app.add_typer(cases_app, name="cases")
