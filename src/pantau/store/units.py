"""The units gazetteer and key messages in the database, and CSV import/export for Humas.

Seeding is idempotent (upsert by canonical name or code). An import validates every row
first and changes nothing when one row is wrong, with the row number and the reason in
Indonesian. After an import the corrected list is also written to
``<data_dir>/gazetteer/units.csv``, which the analysers read from then on.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantau.analyse.gazetteer import (
    UNIT_FIELDS,
    UNITS_CSV,
    UnitRecord,
    load_gazetteer,
    read_units_csv,
    split_unit_name,
)
from pantau.analyse.key_messages import load_key_messages
from pantau.errors import RejectedInput
from pantau.store.tables import Item, KeyMessage, Unit, UnitCandidate
from pantau.vocab import UnitType

CSV_COLUMNS = (*UNIT_FIELDS, "aliases", "pilot")
_KLASSES = {"", "I", "II", "IIA", "IIB", "III"}


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _apply(unit: Unit, record: UnitRecord) -> bool:
    """Copy ``record`` onto ``unit``; True when something changed."""
    values = {
        "type": record.type,
        "klass": record.klass or None,
        "place": record.place,
        "city": record.city or None,
        "province": record.province,
        "kanwil": record.kanwil,
        "kanwil_old": record.kanwil_old or None,
        "aliases": list(record.aliases),
        "pilot": record.pilot,
    }
    changed = False
    for key, value in values.items():
        if getattr(unit, key) != value:
            setattr(unit, key, value)
            changed = True
    return changed


def upsert_units(session: Session, records: Sequence[UnitRecord]) -> ImportReport:
    """Insert or update units by canonical name; units not listed are left alone."""
    report = ImportReport()
    existing = {u.name: u for u in session.scalars(select(Unit))}
    for record in records:
        unit = existing.get(record.name)
        if unit is None:
            unit = Unit(name=record.name)
            _apply(unit, record)
            session.add(unit)
            existing[record.name] = unit
            report.added += 1
        elif _apply(unit, record):
            report.updated += 1
        else:
            report.unchanged += 1
    session.flush()
    return report


def seed_units(session: Session) -> ImportReport:
    """Load the shipped gazetteer (with the shipped pilot list); safe to run again."""
    return upsert_units(session, load_gazetteer().units)


def ensure_seeded(session: Session) -> None:
    """Seed units and key messages when the tables are still empty."""
    if session.scalar(select(Unit.id).limit(1)) is None:
        seed_units(session)
    if session.scalar(select(KeyMessage.id).limit(1)) is None:
        seed_key_messages(session)


def validate_records(records: Sequence[UnitRecord]) -> list[str]:
    """Problems with an import, one Indonesian sentence each (row 2 is the first data row)."""
    provinces = {p.name for p in load_gazetteer().provinces}
    types = {t.value for t in UnitType}
    errors: list[str] = []
    seen: set[str] = set()
    for row, record in enumerate(records, start=2):
        if record.type not in types:
            errors.append(f"Baris {row}: jenis unit '{record.type}' tidak dikenal.")
        if record.klass not in _KLASSES:
            errors.append(
                f"Baris {row}: kelas '{record.klass}' harus I, II, IIA, IIB, III atau kosong."
            )
        if record.province not in provinces:
            errors.append(f"Baris {row}: provinsi '{record.province}' bukan nama resmi.")
        if not record.place or not record.kanwil:
            errors.append(f"Baris {row}: kolom place dan kanwil wajib diisi.")
        if split_unit_name(record.name)[0] != record.type:
            errors.append(f"Baris {row}: nama '{record.name}' tidak diawali jenisnya.")
        if record.name in seen:
            errors.append(f"Baris {row}: nama '{record.name}' ganda.")
        seen.add(record.name)
    return errors


def import_units_csv(session: Session, *, path: Path, data_dir: Path) -> ImportReport:
    """Import a corrected units CSV; all or nothing. Raises RejectedInput on bad rows."""
    try:
        records = read_units_csv(path)
    except (OSError, UnicodeDecodeError, csv.Error, TypeError) as exc:
        raise RejectedInput("unreadable_csv", f"Berkas CSV tidak dapat dibaca: {exc}") from exc
    if not records:
        raise RejectedInput("empty_csv", "Berkas CSV tidak berisi satu unit pun.")
    errors = validate_records(records)
    if errors:
        raise RejectedInput("invalid_units", "\n".join(errors[:50]))
    report = upsert_units(session, records)
    target = data_dir / "gazetteer" / "units.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    export_units_csv(session, path=target)
    load_gazetteer.cache_clear()
    return report


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell may not start with = + - @."""
    return "'" + value if value[:1] in {"=", "+", "-", "@"} else value


def export_units_csv(session: Session, *, path: Path) -> int:
    """Write every unit to ``path`` in the import format; returns the number of rows."""
    units = session.scalars(select(Unit).order_by(Unit.province, Unit.name)).all()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for unit in units:
            row = [
                unit.name,
                unit.type,
                unit.klass or "",
                unit.place,
                unit.city or "",
                unit.province,
                unit.kanwil,
                unit.kanwil_old or "",
                "; ".join(unit.aliases or []),
                "1" if unit.pilot else "0",
            ]
            writer.writerow([_safe(value) for value in row])
    return len(units)


def shipped_units_csv(target: Path) -> Path:
    """Copy the shipped gazetteer somewhere Humas can edit it."""
    shutil.copyfile(UNITS_CSV, target)
    return target


def seed_key_messages(session: Session) -> int:
    """Upsert the shipped key messages by code; returns how many were added."""
    existing = {k.code: k for k in session.scalars(select(KeyMessage))}
    added = 0
    for spec in load_key_messages():
        message = existing.get(spec.code)
        if message is None:
            session.add(KeyMessage(code=spec.code, name=spec.name, phrases=list(spec.phrases)))
            added += 1
        else:
            message.name = spec.name
            message.phrases = list(spec.phrases)
    session.flush()
    return added


def open_candidates(session: Session, *, limit: int = 200) -> list[tuple[UnitCandidate, str]]:
    """Unit-like mentions waiting for review, newest first, with their item's title."""
    rows = session.execute(
        select(UnitCandidate, Item.title)
        .join(Item, Item.id == UnitCandidate.item_id)
        .where(UnitCandidate.status == "open")
        .order_by(UnitCandidate.id.desc())
        .limit(limit)
    ).all()
    return [(candidate, title) for candidate, title in rows]


def list_key_messages(session: Session) -> list[KeyMessage]:
    """Key messages in the database (seeded on first use), in their list order."""
    ensure_seeded(session)
    return list(session.scalars(select(KeyMessage).order_by(KeyMessage.id)))
