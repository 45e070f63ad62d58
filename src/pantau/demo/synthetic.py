"""Fast bulk generator of synthetic, already-analysed items for tests and benchmarks.

Writes units, outlets, key messages, stories, items, analyses, unit links and quotes with
Core ``executemany`` in batches (a million items in SQLite in a few minutes). The texts are
made of short phrases written for this module; the numbers are random but seeded, so the
same call always gives the same database.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select

from pantau.store.tables import (
    Analysis,
    Item,
    ItemKeyMessage,
    ItemUnit,
    KeyMessage,
    Outlet,
    Quote,
    Story,
    Unit,
)

PLACES = (
    ("Banda Aceh", "Aceh"), ("Medan", "Sumatera Utara"), ("Pematangsiantar", "Sumatera Utara"),
    ("Padang", "Sumatera Barat"), ("Pekanbaru", "Riau"), ("Jambi", "Jambi"),
    ("Palembang", "Sumatera Selatan"), ("Bengkulu", "Bengkulu"), ("Bandar Lampung", "Lampung"),
    ("Pangkalpinang", "Kepulauan Bangka Belitung"), ("Batam", "Kepulauan Riau"),
    ("Cipinang", "DKI Jakarta"), ("Salemba", "DKI Jakarta"), ("Bandung", "Jawa Barat"),
    ("Cirebon", "Jawa Barat"), ("Semarang", "Jawa Tengah"), ("Nusakambangan", "Jawa Tengah"),
    ("Yogyakarta", "DI Yogyakarta"), ("Surabaya", "Jawa Timur"), ("Malang", "Jawa Timur"),
    ("Serang", "Banten"), ("Tangerang", "Banten"), ("Denpasar", "Bali"),
    ("Mataram", "Nusa Tenggara Barat"), ("Kupang", "Nusa Tenggara Timur"),
    ("Pontianak", "Kalimantan Barat"), ("Palangka Raya", "Kalimantan Tengah"),
    ("Banjarmasin", "Kalimantan Selatan"), ("Samarinda", "Kalimantan Timur"),
    ("Tarakan", "Kalimantan Utara"), ("Manado", "Sulawesi Utara"), ("Palu", "Sulawesi Tengah"),
    ("Makassar", "Sulawesi Selatan"), ("Kendari", "Sulawesi Tenggara"),
    ("Gorontalo", "Gorontalo"), ("Mamuju", "Sulawesi Barat"), ("Ambon", "Maluku"),
    ("Ternate", "Maluku Utara"), ("Jayapura", "Papua"), ("Manokwari", "Papua Barat"),
)  # fmt: skip
KINDS = (("Lapas", "IIA"), ("Rutan", "IIB"), ("Lapas", "IIB"), ("LPKA", "II"), ("Bapas", "II"),
         ("Lapas Narkotika", "IIA"), ("Lapas Perempuan", "III"), ("Rutan", "I"))  # fmt: skip
SUBJECTS = ("Warga binaan", "Petugas", "Kalapas", "Karutan", "Tim gabungan", "Kakanwil")
POSITIVE = (
    ("panen sayur hasil pembinaan kemandirian", "pembinaan", "panen"),
    ("menerima remisi Hari Kemerdekaan", "remisi_parole", "remisi"),
    ("meraih predikat WBK zona integritas", "integrity_award", "predikat WBK"),
    ("mengikuti pesantren kilat di masjid", "religion", "pesantren kilat"),
    ("membuka layanan kunjungan daring bagi keluarga", "public_service", "layanan kunjungan"),
)
NEUTRAL = (
    ("menggelar rapat koordinasi keamanan", "security_enforcement", ""),
    ("menerima kunjungan anggota dewan", "cooperation", ""),
    ("mendata ulang jumlah penghuni", "policy_statistics", ""),
)
NEGATIVE = (
    ("diduga kabur melalui tembok belakang", "incident", "escape", "kabur"),
    ("tertangkap menyelundupkan sabu ke blok hunian", "incident", "drugs", "sabu"),
    ("kedapatan menyimpan telepon genggam", "security_enforcement", "contraband_phone",
     "telepon genggam"),
    ("dilaporkan memungut biaya kunjungan", "incident", "extortion_corruption", "memungut biaya"),
    ("terlibat keributan antarpenghuni", "incident", "violence_riot", "keributan"),
    ("meninggal dunia di ruang perawatan", "health", "death_health", "meninggal dunia"),
    ("dikeluhkan karena kamar hunian penuh sesak", "infrastructure", "overcrowding",
     "penuh sesak"),
    ("mendapat sorotan warga setempat", "other", "none", "sorotan"),
)  # fmt: skip
SPEAKERS = (
    "Budi Santoso",
    "Siti Rahmawati",
    "Agus Wibowo",
    "Dewi Lestari",
    "Hendra Gunawan",
    "Rina Marlina",
    "Joko Susilo",
    "Yusuf Hidayat",
    "Maria Ulfa",
    "Andi Pratama",
)
KEY_MESSAGES = (("pasti", "PASTI Berdampak", ["pasti berdampak"]),
                ("halinar", "Zero HALINAR", ["zero halinar"]),
                ("wbk", "Zona Integritas WBK/WBBM", ["zona integritas"]),
                ("humas", "Setiap petugas adalah Humas", ["petugas adalah humas"]))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Summary:
    items: int
    units: int
    outlets: int
    stories: int
    first_item_id: int
    start: datetime
    end: datetime


def _next_id(engine: Engine, column: Any) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.max(column))) or 0) + 1


def _units(rng: random.Random, n: int, pilot_share: float) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        place, province = PLACES[i % len(PLACES)]
        kind, klass = KINDS[(i // len(PLACES)) % len(KINDS)]
        suffix = f" {i // (len(PLACES) * len(KINDS)) + 1}" if i >= len(PLACES) * len(KINDS) else ""
        rows.append(
            {
                "name": f"{kind} Kelas {klass} {place}{suffix}",
                "type": kind,
                "klass": klass,
                "place": place,
                "city": place,
                "province": province,
                "kanwil": f"Kanwil Ditjenpas {province}",
                "aliases": [],
                "active": True,
                "pilot": rng.random() < pilot_share,
            }
        )
    return rows


def generate(
    engine: Engine,
    *,
    items: int,
    seed: int = 7,
    units: int = 120,
    outlets: int = 60,
    end: datetime | None = None,
    days: int = 730,
    batch: int = 10_000,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Add ``items`` analysed items spread over ``days`` days before ``end`` (default: now)."""
    rng = random.Random(seed)
    end = end or datetime.now(UTC).replace(microsecond=0)
    start = end - timedelta(days=days)
    unit_rows, outlet_ids, km_ids = _reference_rows(engine, rng, units, outlets, seed)
    first = _next_id(engine, Item.id)
    story_id = _next_id(engine, Story.id)
    stories = 0
    span = int((end - start).total_seconds())
    for lo in range(0, items, batch):
        rows = _Batch()
        for i in range(lo, min(items, lo + batch)):
            made = _one(
                rng,
                rows,
                first + i,
                seed,
                _moment(rng, start, span, i, items),
                unit_rows,
                outlet_ids,
                km_ids,
                story_id + stories,
            )
            stories += made
        rows.write(engine)
        if progress is not None:
            progress(min(items, lo + batch) - lo)
    with engine.begin() as conn:  # fresh statistics so the planner drives from the period
        conn.exec_driver_sql("ANALYZE")
    return Summary(items, len(unit_rows), len(outlet_ids), stories, first, start, end)


def _moment(rng: random.Random, start: datetime, span: int, i: int, n: int) -> datetime:
    """Items arrive roughly in publication order (as a morning's feeds do), within an hour."""
    base = span * i // max(n, 1)
    return start + timedelta(seconds=max(0, min(span - 1, base + rng.randrange(-3600, 3600))))


def _reference_rows(
    engine: Engine, rng: random.Random, units: int, outlets: int, seed: int
) -> tuple[list[dict[str, Any]], list[int], list[int]]:
    """Units, outlets and key messages: reuse what exists, add what is missing."""
    with engine.begin() as conn:
        # Add only what is missing, so a database with a few real records can be padded.
        names = set(conn.scalars(select(Unit.name)))
        fresh = [u for u in _units(rng, units, 0.1) if u["name"] not in names]
        if len(names) < units and fresh:
            conn.execute(insert(Unit), fresh[: units - len(names)])
        outlet_names = set(conn.scalars(select(Outlet.name)))
        new_outlets = [
            {
                "name": f"Warta Sintetis {i + 1:02d}",
                "domain": f"warta{i + 1:02d}.example",
                "kind": "social" if i % 10 == 9 else "news",
                "tier": 1 + i % 4,
            }
            for i in range(outlets)
        ]
        new_outlets = [o for o in new_outlets if o["name"] not in outlet_names]
        if len(outlet_names) < outlets and new_outlets:
            conn.execute(insert(Outlet), new_outlets[: outlets - len(outlet_names)])
        codes = set(conn.scalars(select(KeyMessage.code)))
        missing = [
            {"code": c, "name": n, "phrases": p, "active": True}
            for c, n, p in KEY_MESSAGES
            if c not in codes
        ]
        if missing:
            conn.execute(insert(KeyMessage), missing)
        unit_rows = [
            dict(r._mapping) for r in conn.execute(select(Unit.id, Unit.name, Unit.province))
        ]
        outlet_ids = list(conn.scalars(select(Outlet.id)))
        km_ids = list(conn.scalars(select(KeyMessage.id)))
    return unit_rows, outlet_ids, km_ids


class _Batch:
    def __init__(self) -> None:
        self.stories: list[dict[str, Any]] = []
        self.items: list[dict[str, Any]] = []
        self.analyses: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.quotes: list[dict[str, Any]] = []
        self.kms: list[dict[str, Any]] = []
        self.open_story: tuple[int, int, dict[str, Any]] | None = None  # id, copies left, template

    def write(self, engine: Engine) -> None:
        with engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                # Bulk load: a big page cache keeps the indexes' pages in memory.
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
            for table, rows in (
                (Story, self.stories),
                (Item, self.items),
                (Analysis, self.analyses),
                (ItemUnit, self.links),
                (Quote, self.quotes),
                (ItemKeyMessage, self.kms),
            ):
                if rows:
                    conn.execute(insert(table), rows)


def _one(
    rng: random.Random,
    rows: _Batch,
    item_id: int,
    seed: int,
    when: datetime,
    units: list[dict[str, Any]],
    outlets: list[int],
    kms: list[int],
    next_story: int,
) -> int:
    """Append one item (maybe a copy in an open story); return 1 when it opened a story."""
    opened = 0
    if rows.open_story is not None and rows.open_story[1] > 0:
        sid, left, template = rows.open_story
        rows.open_story = (sid, left - 1, template)
        unit, title, tone, crisis, topic, phrase = template["spec"]
        story: int | None = sid
    else:
        unit = units[int(rng.paretovariate(1.2)) % len(units)]
        title, tone, crisis, topic, phrase = _headline(rng, unit)
        story = None
        if rng.random() < 0.15:
            story = next_story
            opened = 1
            copies = rng.randint(1, 5)
            spec = (unit, title, tone, crisis, topic, phrase)
            rows.open_story = (story, copies, {"spec": spec})
            rows.stories.append(
                {
                    "id": story,
                    "key": f"syn-{seed}-{story}",
                    "title": title,
                    "first_item_id": item_id,
                    "first_seen": when,
                    "last_seen": when,
                    "item_count": copies + 1,
                    "outlet_count": copies + 1,
                    "provinces": [unit["province"]],
                }
            )
    body = (
        f"{title}. Peristiwa ini terjadi di {unit['name']}, {unit['province']}. "
        f"Pihak unit menyampaikan keterangan resmi kepada wartawan. "
        f"{'Zero HALINAR terus ditegakkan. ' if rng.random() < 0.1 else ''}"
        f"Berita sintetis nomor {item_id}."
    )
    rows.items.append(
        {
            "id": item_id,
            "channel": "social" if rng.random() < 0.1 else "news",
            "url": f"https://warta.example/{seed}/{item_id}",
            "canonical_url": f"https://warta.example/{seed}/{item_id}",
            "title": title,
            "body": body,
            "lead": body[:160],
            "published_at": when,
            "fetched_at": when,
            "outlet_id": rng.choice(outlets),
            "language": "id",
            "content_hash": f"syn-{seed}-{item_id}",
            "source_kind": "synthetic",
            "source_locator": f"synthetic:{seed}",
            "story_id": story,
        }
    )
    start = title.find(phrase) if phrase else -1
    explanation = (
        {
            ("crisis_category" if crisis != "none" else "tone"): [
                {
                    "rule": f"synthetic.{topic}",
                    "weight": 1.0 if tone == "positive" else -1.0,
                    "phrase": phrase,
                    "start": start,
                    "end": start + len(phrase),
                }
            ]
        }
        if start >= 0
        else {}
    )
    mismatch = rng.random() < 0.02
    rows.analyses.append(
        {
            "item_id": item_id,
            "relevant": rng.random() > 0.03,
            "tone": tone,
            "headline_tone": "negative" if mismatch and tone != "negative" else tone,
            "headline_mismatch": mismatch,
            "crisis_category": crisis,
            "severity": 2.0 if crisis != "none" else 0.0,
            "topic": topic,
            "province": unit["province"],
            "city": None,
            "confidence": round(rng.uniform(0.4, 0.99), 2),
            "needs_review": rng.random() < 0.05,
            "explanation": explanation,
            "versions": {"synthetic": "1"},
            "locked": [],
            "analysed_at": when,
        }
    )
    rows.links.append(
        {
            "item_id": item_id,
            "unit_id": unit["id"],
            "mention": unit["name"],
            "score": 1.0,
            "main": True,
        }
    )
    if rng.random() < 0.2:
        rows.quotes.append(
            {
                "item_id": item_id,
                "speaker": rng.choice(SPEAKERS),
                "role": "Kalapas",
                "text": "Kami terus berbenah dan terbuka terhadap masukan masyarakat.",
            }
        )
    if rng.random() < 0.1:
        rows.kms.append({"item_id": item_id, "key_message_id": rng.choice(kms)})
    return opened


def _headline(rng: random.Random, unit: dict[str, Any]) -> tuple[str, str, str, str, str]:
    """(title, tone, crisis category, topic, evidence phrase) with a realistic tone mix."""
    subject = rng.choice(SUBJECTS)
    roll = rng.random()
    if roll < 0.62:
        text, topic, phrase = rng.choice(POSITIVE)
        return f"{subject} {unit['name']} {text}", "positive", "none", topic, phrase
    if roll < 0.9:
        text, topic, phrase = rng.choice(NEUTRAL)
        return f"{subject} {unit['name']} {text}", "neutral", "none", topic, phrase
    text, topic, crisis, phrase = rng.choice(NEGATIVE)
    return f"{subject} {unit['name']} {text}", "negative", crisis, topic, phrase


def ensure_database(
    path: Path, *, items: int, progress: Callable[[int], None] | None = None
) -> str:
    """A migrated SQLite file holding at least ``items`` synthetic items (benchmarks reuse it)."""
    from pantau.store.db import make_engine
    from pantau.store.migrate import upgrade

    url = f"sqlite:///{path.as_posix()}"
    engine = make_engine(url)
    upgrade(engine)
    with engine.connect() as conn:
        have = int(conn.scalar(select(func.count(Item.id))) or 0)
    if have < items:
        generate(engine, items=items - have, progress=progress)
    engine.dispose()
    return url
