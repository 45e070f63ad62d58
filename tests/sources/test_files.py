"""Bulk exports (CSV, XLSX, JSON, JSONL) and saved pages: rows in, bad rows named."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pantau.ingest.run import ingest_paths
from pantau.items import RawItem
from pantau.settings import Settings
from pantau.sources.base import SourceError
from pantau.sources.files import iter_paths
from pantau.store.tables import Item

ROWS = [
    {
        "judul": "Rutan Masohi Gelar Senam Pagi",
        "isi": "MASOHI – Rutan Masohi menggelar senam pagi bersama, Jumat (5/5). Kegiatan diikuti "
        "seluruh petugas.\n\nSenam ditutup dengan sarapan bersama.",
        "tanggal": "5 Mei 2023 07:30 WIT",
        "media": "Kabar Seram",
        "link": "https://kabarseram.example/1",
    },
    {
        "judul": "Bapas Ambon Bimbing Klien Baru",
        "isi": "AMBON – Bapas Ambon memberikan bimbingan kepada 12 klien baru, Senin (8/5).",
        "tanggal": "2023-05-08",
        "media": "Kabar Seram",
        "link": "https://kabarseram.example/2",
    },
]


def _sources(path: Path, settings: Settings) -> list[RawItem | SourceError]:
    return list(iter_paths([path], settings=settings.ingest))


def test_csv_export_with_indonesian_headers(
    settings: Settings, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    export = tmp_path / "ekspor.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROWS[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(ROWS)
    report = ingest_paths(sessions=sessions, settings=settings, paths=[str(export)])
    assert report.counts == {"added": 2}
    with sessions() as session:
        items = session.scalars(select(Item).order_by(Item.id)).all()
    assert [i.title for i in items] == [r["judul"] for r in ROWS]
    assert items[0].dateline == "Masohi"
    assert items[0].published_at is not None
    assert items[0].source_locator.endswith("ekspor.csv#2")


def test_windows_1252_csv_is_read(settings: Settings, tmp_path: Path) -> None:
    export = tmp_path / "lama.csv"
    rows = [{"title": "Café Lapas", "text": "AMBON – Café “Harapan” dibuka."}]
    with export.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["title", "text"])
        writer.writeheader()
        writer.writerows(rows)
    (raw,) = _sources(export, settings)
    assert isinstance(raw, RawItem)
    assert raw.record["text"] == "AMBON – Café “Harapan” dibuka."


def test_xlsx_export(settings: Settings, sessions: sessionmaker[Session], tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(ROWS[0]))
    for row in ROWS:
        sheet.append(list(row.values()))
    sheet.append([None] * len(ROWS[0]))  # blank row: skipped
    sheet.append(["Tanpa isi", None, None, None, None])
    export = tmp_path / "ekspor.xlsx"
    workbook.save(export)
    report = ingest_paths(sessions=sessions, settings=settings, paths=[str(export)])
    assert report.counts == {"added": 2, "quarantined": 1}
    assert report.reasons() == {"no_text": 1}


def test_broken_xlsx_is_one_clear_rejection(settings: Settings, tmp_path: Path) -> None:
    export = tmp_path / "rusak.xlsx"
    export.write_bytes(b"PK\x03\x04 bukan workbook")
    (result,) = _sources(export, settings)
    assert isinstance(result, SourceError)
    assert result.error.reason == "bad_file"


def test_json_list_and_bad_jsonl_rows(settings: Settings, tmp_path: Path) -> None:
    tmp_path = tmp_path / "masukan"
    tmp_path.mkdir()
    (tmp_path / "daftar.json").write_text(json.dumps([ROWS[0], "bukan objek"]), encoding="utf-8")
    (tmp_path / "baris.jsonl").write_text(json.dumps(ROWS[1]) + "\n\n{rusak\n", encoding="utf-8")
    results = _sources(tmp_path, settings)
    kinds = [(type(r).__name__, r.provenance.locator.rsplit("/", 1)[1]) for r in results]
    assert kinds == [
        ("RawItem", "baris.jsonl#1"),
        ("SourceError", "baris.jsonl#3"),
        ("RawItem", "daftar.json#1"),
        ("SourceError", "daftar.json#2"),
    ]


def test_hidden_files_in_folders_are_skipped(settings: Settings, tmp_path: Path) -> None:
    tmp_path = tmp_path / "masukan"
    tmp_path.mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text("abaikan", encoding="utf-8")
    (tmp_path / "berita.txt").write_text("AMBON – Isi berita.", encoding="utf-8")
    assert [r.provenance.locator for r in _sources(tmp_path, settings)] == [
        str(tmp_path / "berita.txt")
    ]


def test_a_broken_csv_row_does_not_hide_the_rows_after_it(
    settings: Settings, tmp_path: Path
) -> None:
    settings.ingest.max_bytes = 1000  # the CSV field limit follows it (at least 128 KiB)
    export = tmp_path / "rusak.csv"
    huge = "x" * 200_000
    export.write_text(
        f"title,text\nSatu,AMBON - isi satu.\nDua,{huge}\nTiga,AMBON - isi tiga.\n",
        encoding="utf-8",
    )
    results = _sources(export, settings)
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["RawItem", "SourceError", "RawItem"]
    last = results[-1]
    assert isinstance(last, RawItem) and last.record["title"] == "Tiga"
    assert results[1].provenance.locator.endswith("rusak.csv#3")
