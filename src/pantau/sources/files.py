"""Saved files: HTML pages, plain-text pages, and bulk JSONL/JSON/CSV/XLSX exports.

Pages are read whole (after a size check); bulk exports are streamed row by row, so
one bad row becomes one rejection and the rest of the file still comes through.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pantau.errors import RejectedInput
from pantau.ingest.metadata import now_utc
from pantau.items import Provenance, RawItem
from pantau.settings import IngestSettings
from pantau.sources.base import SourceError, SourceResult

BULK_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
                 ".xlsx": "xlsx"}  # fmt: skip
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True, slots=True)
class FileSource:
    """One file to read and roughly how many items it holds (for the progress bar)."""

    path: Path
    kind: str  # "page", "jsonl", "json", "csv", "xlsx"
    estimate: int


def expand(path: Path) -> list[Path]:
    """A file, or every non-hidden file under a folder, in a stable order."""
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )  # fmt: skip
    return [path]


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def plan_file(path: Path) -> FileSource:
    kind = BULK_SUFFIXES.get(path.suffix.lower(), "page")
    estimate = 1
    try:
        if kind in ("jsonl", "csv"):
            estimate = max(1, _count_lines(path) - (1 if kind == "csv" else 0))
    except OSError:
        estimate = 1
    return FileSource(path, kind, estimate)


def read_file(source: FileSource, *, settings: IngestSettings) -> Iterator[SourceResult]:
    """Yield the RawItems of one file, or SourceErrors for what cannot be read."""
    path = source.path
    provenance = Provenance(_page_kind(path) if source.kind == "page" else source.kind, str(path),
                            fetched_at=now_utc())  # fmt: skip
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield SourceError(
            provenance, RejectedInput("unreadable", f"Berkas tidak bisa dibaca: {exc}")
        )
        return
    limit = settings.max_bulk_bytes if source.kind != "page" else settings.max_bytes
    if size > limit:
        message = f"Berkas terlalu besar ({size:,} byte, batas {limit:,}): {path}"
        yield SourceError(provenance, RejectedInput("too_large", message))
        return
    readers = {"page": _read_page, "jsonl": _read_jsonl, "json": _read_json, "csv": _read_csv,
               "xlsx": _read_xlsx}  # fmt: skip
    try:
        yield from readers[source.kind](path, settings)
    except (OSError, ValueError, KeyError, csv.Error, RejectedInput) as exc:
        error = (
            exc
            if isinstance(exc, RejectedInput)
            else RejectedInput(
                "unreadable", f"Berkas tidak bisa dibaca ({type(exc).__name__}): {path}"
            )
        )
        yield SourceError(provenance, error)


def _page_kind(path: Path) -> str:
    return "html_file" if path.suffix.lower() in HTML_SUFFIXES else "text_file"


def _read_page(path: Path, _settings: IngestSettings) -> Iterator[SourceResult]:
    kind = _page_kind(path)
    content_type = "html" if kind == "html_file" else ""
    yield RawItem(Provenance(kind, str(path), fetched_at=now_utc()), path.read_bytes(),
                  content_type)  # fmt: skip


def _record(path: Path, row: int, kind: str, record: Any) -> SourceResult:
    provenance = Provenance(kind, f"{path}#{row}", fetched_at=now_utc())
    if not isinstance(record, dict):
        message = f"Baris {row} bukan objek/record: {path}"
        return SourceError(provenance, RejectedInput("bad_record", message), str(record)[:500])
    return RawItem(provenance, content_type="record", record=record)


def _read_jsonl(path: Path, settings: IngestSettings) -> Iterator[SourceResult]:
    with path.open("rb") as handle:
        for row, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            provenance = Provenance("jsonl", f"{path}#{row}", fetched_at=now_utc())
            if len(line) > settings.max_bytes:
                message = f"Baris {row} terlalu besar ({len(line):,} byte): {path}"
                yield SourceError(provenance, RejectedInput("too_large", message), line[:500])
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                message = f"Baris {row} bukan JSON yang sah ({exc}): {path}"
                yield SourceError(provenance, RejectedInput("bad_record", message), line[:500])
                continue
            yield _record(path, row, "jsonl", record)


def _read_json(path: Path, _settings: IngestSettings) -> Iterator[SourceResult]:
    try:
        data = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RejectedInput("bad_file", f"Berkas JSON tidak sah ({exc}): {path}") from exc
    rows = (
        data
        if isinstance(data, list)
        else data.get("items", [data])
        if isinstance(data, dict)
        else [data]
    )
    for row, record in enumerate(rows, start=1):
        yield _record(path, row, "json", record)


def _text_stream(path: Path) -> io.TextIOWrapper:
    with path.open("rb") as raw:
        probe = raw.read(65536)
    try:
        probe.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the probe's end is still UTF-8
        encoding = "utf-8-sig" if exc.start > len(probe) - 4 else "cp1252"
    return open(path, encoding=encoding, errors="replace", newline="")


def _read_csv(path: Path, settings: IngestSettings) -> Iterator[SourceResult]:
    csv.field_size_limit(max(settings.max_bytes, 131072))
    with _text_stream(path) as handle:
        sample = handle.read(4096)
        handle.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(handle, dialect=dialect)
        row = 1  # the header
        while True:
            row += 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # one broken row (an oversize field, ...) only
                provenance = Provenance("csv", f"{path}#{row}", fetched_at=now_utc())
                message = f"Baris {row} CSV rusak ({exc}): {path}"
                yield SourceError(provenance, RejectedInput("bad_record", message))
                continue
            yield _record(path, row, "csv", {k: v for k, v in record.items() if k is not None})


def _read_xlsx(path: Path, _settings: IngestSettings) -> Iterator[SourceResult]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors
        raise RejectedInput("bad_file", f"Berkas XLSX tidak bisa dibuka: {path}") from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
        for row, values in enumerate(rows, start=2):
            if all(value in (None, "") for value in values):
                continue
            record = {h: v for h, v in zip(header, values, strict=False) if h}
            yield _record(path, row, "xlsx", record)
    finally:
        workbook.close()


def iter_paths(paths: list[Path], *, settings: IngestSettings) -> Iterator[SourceResult]:
    """Every input under ``paths`` (files or folders)."""
    for path in paths:
        if not path.exists():
            provenance = Provenance("file", str(path), fetched_at=now_utc())
            yield SourceError(provenance, RejectedInput("not_found", f"Berkas tidak ada: {path}"))
            continue
        for file in expand(path):
            yield from read_file(plan_file(file), settings=settings)
