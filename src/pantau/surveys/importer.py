"""Responses from CSV/XLSX exports (a Google Forms sheet, an e-survey download).

Three steps: read the header, map columns to the instrument's fields (suggested by header
similarity, overridable), then convert row by row. A bad row is reported with its row
number and reason and never stops the good rows. Each row gets a fingerprint from its
mapped content (plus how many identical rows came before it in the file), so importing the
same file again, or a longer export of the same sheet, adds only rows not yet stored.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process
from sqlalchemy.orm import Session

from pantau.errors import RejectedInput
from pantau.store.base import utcnow
from pantau.surveys.instrument import Instrument
from pantau.surveys.service import (
    Submission,
    get_survey,
    instrument_of,
    store_responses,
)
from pantau.surveys.tables import SurveyImportRun, SurveyInstrument

IGNORE = "-"
SUBMITTED_AT = "waktu"
SUGGESTION = "saran"
MATCH_THRESHOLD = 60
CHUNK = 1000
WIB = ZoneInfo("Asia/Jakarta")
_DATE_FORMATS = (
    "%d/%m/%Y %H:%M:%S",  # Google Forms, Indonesian locale
    "%d/%m/%Y %H.%M.%S",
    "%m/%d/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d",
)


@dataclass(frozen=True, slots=True)
class Target:
    """A field a column can map to, with words its header is likely to contain."""

    code: str
    label: str
    hints: str


def targets(instrument: Instrument) -> list[Target]:
    out = [Target(e.code, e.label, f"{e.label} {e.question}") for e in instrument.elements]
    out += [
        Target(f.code, f.label, f"{f.label} {f.code.replace('_', ' ')}") for f in instrument.profile
    ]
    out.append(Target(SUGGESTION, "Saran dan masukan", "saran masukan kritik komentar usulan"))
    out.append(Target(SUBMITTED_AT, "Waktu pengisian", "timestamp waktu tanggal stempel"))
    return out


def suggest_mapping(headers: Sequence[str], instrument: Instrument) -> dict[str, str]:
    """Header -> field code by similarity; each field taken at most once, best match first."""
    fields = targets(instrument)
    # (similarity, closeness, column, field): a short header like "Saran" is contained in
    # several labels; closeness (plain ratio to the label) prefers the label it nearly equals.
    scored: list[tuple[float, float, int, str]] = []
    for i, header in enumerate(headers):
        h = header.strip().lower()
        if not h:
            continue
        for target in fields:
            label = target.label.lower()
            exact = h in {target.code.lower(), label}
            similarity = (
                100.0
                if exact
                else max(
                    fuzz.token_set_ratio(h, label),
                    fuzz.partial_ratio(label, h) * 0.95,
                    fuzz.token_set_ratio(h, target.hints.lower()) * 0.9,
                )
            )
            scored.append((similarity, fuzz.ratio(h, label), i, target.code))
    scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for similarity, _, i, code in scored:
        header = headers[i]
        if similarity < MATCH_THRESHOLD or header in mapping or code in taken:
            continue
        mapping[header] = code
        taken.add(code)
    return mapping


def apply_overrides(
    mapping: dict[str, str],
    overrides: Mapping[str, str],
    headers: Sequence[str],
    instrument: Instrument,
) -> dict[str, str]:
    """``{"Kolom": "u3"}`` or ``{"Kolom": "-"}`` (ignore); headers matched leniently."""
    known = {t.code for t in targets(instrument)}
    result = dict(mapping)
    for column, code in overrides.items():
        header = column if column in headers else _closest(column, headers)
        if code != IGNORE and code not in known:
            raise RejectedInput(
                "pemetaan_tidak_valid",
                f"Kolom tujuan '{code}' tidak dikenal. Pilihan: {', '.join(sorted(known))}.",
            )
        for other, mapped in list(result.items()):
            if mapped == code and other != header:
                del result[other]  # a field comes from one column only
        if code == IGNORE:
            result.pop(header, None)
        else:
            result[header] = code
    return result


def _closest(column: str, headers: Sequence[str]) -> str:
    found = process.extractOne(column, list(headers), scorer=fuzz.ratio, score_cutoff=85)
    if found is None:
        raise RejectedInput(
            "kolom_tidak_ada",
            f"Kolom '{column}' tidak ada di berkas. Kolom yang ada: " + "; ".join(headers[:30]),
        )
    return str(found[0])


# --- reading ---------------------------------------------------------------------------


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (spreadsheet row number, cells)
    total: int | None


def read_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path)
    if suffix in {".csv", ".txt"}:
        return _read_csv(path)
    raise RejectedInput("format_tidak_didukung", "Gunakan berkas .csv atau .xlsx.")


def _read_xlsx(path: Path) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise RejectedInput("berkas_rusak", f"Berkas XLSX tidak bisa dibuka: {exc}") from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise RejectedInput("berkas_kosong", "Lembar pertama berkas XLSX kosong.")
    total = (sheet.max_row - 1) if sheet.max_row else None

    def body() -> Iterator[tuple[int, list[Any]]]:
        for number, row in enumerate(rows, start=2):
            yield number, list(row)
        book.close()

    return Table([str(h or "").strip() for h in header], body(), total)


def _read_csv(path: Path) -> Table:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(), dialect)
    header = next(reader, None)
    if header is None:
        raise RejectedInput("berkas_kosong", "Berkas CSV kosong.")
    lines = list(reader)
    return Table(
        [h.strip() for h in header],
        ((n, list(r)) for n, r in enumerate(lines, start=2)),
        len(lines),
    )


# --- converting ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    reason: str
    message: str


_LEADING_DIGIT = re.compile(r"^\s*([0-9]+(?:[.,]0+)?)\b")


def parse_answer(value: Any, labels: Mapping[str, int]) -> int | None:
    """1..4 from a number, "4", "4 - Sangat baik" or a label; None if empty.

    Raises ``ValueError`` with the reason code for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("nilai_tidak_dikenal")
    if isinstance(value, int | float):
        if float(value) != int(value):
            raise ValueError("nilai_tidak_dikenal")
        number = int(value)
    else:
        text = str(value).strip()
        by_label = labels.get(text.casefold())
        if by_label is not None:
            return by_label
        match = _LEADING_DIGIT.match(text)
        if not match:
            raise ValueError("nilai_tidak_dikenal")
        number = int(float(match.group(1).replace(",", ".")))
    if not 1 <= number <= 4:
        raise ValueError("nilai_di_luar_skala")
    return number


def parse_when(value: Any) -> datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=WIB)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=WIB)
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError("tanggal_tidak_valid") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)


_MESSAGES = {
    "nilai_tidak_dikenal": "jawaban '{value}' pada kolom '{column}' bukan nilai 1–4",
    "nilai_di_luar_skala": "jawaban '{value}' pada kolom '{column}' di luar skala 1–4",
    "tanggal_tidak_valid": "tanggal '{value}' pada kolom '{column}' tidak bisa dibaca",
    "tanpa_jawaban": "tidak ada satu pun unsur yang dijawab",
}


def _labels_by_element(instrument: Instrument) -> dict[str, dict[str, int]]:
    return {e.code: {c.label.casefold(): c.value for c in e.choices} for e in instrument.elements}


def convert_row(
    number: int,
    cells: Sequence[Any],
    columns: Sequence[tuple[int, str, str]],
    instrument: Instrument,
    labels: Mapping[str, Mapping[str, int]],
) -> Submission | RowError | None:
    """One spreadsheet row -> a submission, a row error, or None for a blank row."""
    if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
        return None
    answers: dict[str, int] = {}
    profile: dict[str, str] = {}
    suggestion, when = "", None
    elements = set(instrument.element_codes)
    for index, header, code in columns:
        value = cells[index] if index < len(cells) else None
        try:
            if code in elements:
                parsed = parse_answer(value, labels[code])
                if parsed is not None:
                    answers[code] = parsed
            elif code == SUBMITTED_AT:
                when = parse_when(value)
            elif code == SUGGESTION:
                suggestion = "" if value is None else str(value).strip()[:2000]
            elif value is not None and str(value).strip():
                profile[code] = str(value).strip()[:200]
        except ValueError as exc:
            reason = str(exc)
            shown = str(value)[:60]
            message = _MESSAGES[reason].format(value=shown, column=header)
            return RowError(number, reason, f"Baris {number}: {message}.")
    if not answers:
        return RowError(number, "tanpa_jawaban", f"Baris {number}: {_MESSAGES['tanpa_jawaban']}.")
    return Submission(answers, profile, suggestion, when, number)


def fingerprint(survey_id: int, submission: Submission, occurrence: int) -> str:
    """Content of the mapped row (not its position) plus its occurrence among equal rows."""
    content = {
        "a": dict(sorted(submission.answers.items())),
        "p": dict(sorted(submission.profile.items())),
        "s": submission.suggestion,
        "t": submission.submitted_at.isoformat() if submission.submitted_at else None,
        "k": occurrence,
        "v": survey_id,
    }
    raw = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass
class ImportReport:
    run_id: int
    rows: int = 0
    stored: int = 0
    duplicates: int = 0
    blank: int = 0
    errors: list[RowError] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)

    @property
    def bad(self) -> int:
        return len(self.errors)

    def counts(self) -> dict[str, int]:
        reasons = Counter(e.reason for e in self.errors)
        return {
            "rows": self.rows,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "blank": self.blank,
            "bad": self.bad,
            **{f"bad_{k}": v for k, v in reasons.items()},
        }


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def preview_mapping(
    *, session: Session, survey_id: int, path: Path, overrides: Mapping[str, str] | None = None
) -> tuple[list[str], dict[str, str]]:
    """The headers of a file and the mapping that an import would use."""
    survey = get_survey(session=session, survey_id=survey_id)
    instrument = instrument_of(session.get_one(SurveyInstrument, survey.instrument_id))
    table = read_table(path)
    mapping = suggest_mapping(table.headers, instrument)
    return table.headers, apply_overrides(mapping, overrides or {}, table.headers, instrument)


def import_responses(
    *,
    session: Session,
    survey_id: int,
    path: Path,
    overrides: Mapping[str, str] | None = None,
    mapping: Mapping[str, str] | None = None,
    actor: str = "system",
    max_rows: int = 200_000,
    on_progress: Callable[[int, int | None], None] | None = None,
) -> ImportReport:
    """Import a response file into a survey; returns the report (also kept in the run row).

    ``mapping`` (header -> field) replaces the suggested one; ``overrides`` adjust either.
    """
    survey = get_survey(session=session, survey_id=survey_id)
    instrument = instrument_of(session.get_one(SurveyInstrument, survey.instrument_id))
    table = read_table(path)
    if mapping is None:
        mapping = suggest_mapping(table.headers, instrument)
    else:  # a full mapping chosen on the web page: checked, not re-suggested
        mapping = {h: c for h, c in mapping.items() if h in table.headers and c != IGNORE}
    mapping = apply_overrides(dict(mapping), overrides or {}, table.headers, instrument)
    known = {t.code for t in targets(instrument)}
    if unknown := sorted(set(mapping.values()) - known):
        raise RejectedInput("pemetaan_tidak_valid", f"Kolom tujuan tidak dikenal: {unknown}.")
    if len(set(mapping.values())) != len(mapping):
        raise RejectedInput(
            "pemetaan_ganda", "Satu isian hanya boleh diambil dari satu kolom berkas."
        )
    if not set(mapping.values()) & set(instrument.element_codes):
        raise RejectedInput(
            "tanpa_kolom_unsur",
            "Tidak ada kolom yang cocok dengan unsur survei. Petakan kolom dengan --map.",
        )
    run = SurveyImportRun(
        survey_id=survey.id,
        filename=path.name[:500],
        file_hash=file_hash(path),
        mapping=mapping,
        actor=actor,
    )
    session.add(run)
    session.flush()
    report = ImportReport(run.id, mapping=mapping)
    report.unmapped = [h for h in table.headers if h and h not in mapping]
    columns = [(i, h, mapping[h]) for i, h in enumerate(table.headers) if h in mapping]
    labels = _labels_by_element(instrument)
    seen: Counter[str] = Counter()
    batch: list[tuple[str, Submission]] = []
    for number, cells in table.rows:
        if report.rows >= max_rows:
            raise RejectedInput("berkas_terlalu_besar", f"Berkas lebih dari {max_rows} baris.")
        report.rows += 1
        converted = convert_row(number, cells, columns, instrument, labels)
        if converted is None:
            report.blank += 1
        elif isinstance(converted, RowError):
            report.errors.append(converted)
        else:
            base = fingerprint(survey.id, converted, 0)
            seen[base] += 1
            batch.append((fingerprint(survey.id, converted, seen[base] - 1), converted))
        if len(batch) >= CHUNK:
            _flush(session, survey.id, run.id, batch, report)
            if on_progress:
                on_progress(report.rows, table.total)
    _flush(session, survey.id, run.id, batch, report)
    if on_progress:
        on_progress(report.rows, table.total)
    run.counts = report.counts()
    run.errors = [{"row": e.row, "reason": e.reason, "message": e.message} for e in report.errors]
    run.finished_at = utcnow()
    session.flush()
    return report


def _flush(
    session: Session,
    survey_id: int,
    run_id: int,
    batch: list[tuple[str, Submission]],
    report: ImportReport,
) -> None:
    if not batch:
        return
    stored = store_responses(
        session=session, survey_id=survey_id, rows=batch, channel="import", import_run_id=run_id
    )
    report.stored += stored
    report.duplicates += len(batch) - stored
    batch.clear()
