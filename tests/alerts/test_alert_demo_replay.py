"""Replaying the demo corpus (gold labels standing in for the analysers) fires the volume
detector inside each listed burst and nowhere else."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alerts_world import add_item
from sqlalchemy.orm import Session

from pantau.alerts.detect import VolumeConfig
from pantau.alerts.signals import load_facts, volume_signals
from pantau.settings import Settings
from pantau.store.tables import Outlet, Unit

CORPUS = Path(__file__).resolve().parents[2] / "src" / "pantau" / "demo" / "corpus"


def _load() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    files = sorted(CORPUS.glob("*.jsonl"))
    if not files or not (CORPUS / "bursts.json").is_file():
        pytest.skip("demo corpus (src/pantau/demo/corpus) not merged yet")
    rows = [json.loads(line) for f in files for line in f.read_text("utf-8").splitlines() if line]
    bursts = json.loads((CORPUS / "bursts.json").read_text("utf-8"))
    names = {f.name for f in files}
    return rows, [b for b in bursts if Path(b["file"]).name in names]


def _store(session: Session, rows: list[dict[str, Any]]) -> None:
    units: dict[str, Unit] = {}
    outlets: dict[str, Outlet] = {}
    for row in rows:
        labels = row["labels"]
        if not labels.get("relevant"):
            continue
        names = labels.get("units") or []
        for name in names:
            if name not in units:
                units[name] = Unit(
                    name=name,
                    type=name.split()[0],
                    place=name.split()[-1],
                    province=labels.get("province") or "?",
                    kanwil="?",
                )
                session.add(units[name])
        outlet = row.get("outlet") or "?"
        if outlet not in outlets:
            outlets[outlet] = Outlet(name=outlet)
            session.add(outlets[outlet])
        session.flush()
        add_item(
            session,
            title=row.get("title") or row["text"][:80],
            body=row["text"],
            published_at=datetime.fromisoformat(row["published_at"]),
            unit=units[names[0]] if names else None,
            tone=labels.get("tone") or "neutral",
            category=labels.get("crisis_category") or "none",
            outlet=outlets[outlet],
            province=labels.get("province"),
        )


@pytest.mark.slow
def test_demo_corpus_fires_its_bursts_and_nothing_else(
    session: Session, settings: Settings
) -> None:
    rows, bursts = _load()
    _store(session, rows)
    configs = VolumeConfig.all_from_settings(settings.alerts)
    slack = max(c.window for c in configs)
    times = [datetime.fromisoformat(r["published_at"]).astimezone(UTC) for r in rows]
    start = min(times).replace(minute=0, second=0, microsecond=0)
    facts = load_facts(
        session, start, max(times) + timedelta(hours=1), negative_only=True, with_text=False
    )
    spans = {
        b["id"]: (datetime.fromisoformat(b["start"]), datetime.fromisoformat(b["end"]) + slack)
        for b in bursts
    }
    detected: set[str] = set()
    false: list[tuple[datetime, str]] = []
    # Only hours with a negative item in the longest window can fire (min_count >= 1).
    negative = sorted(f.published_at for f in facts)
    hours = sorted(
        {
            (t + timedelta(hours=h)).replace(minute=0, second=0, microsecond=0)
            for t in negative
            for h in range(1, int(slack / timedelta(hours=1)) + 2)
        }
    )
    for now in hours:
        for key, signal in volume_signals(facts, now=now, configs=configs).items():
            hits = [b for b, (a, z) in spans.items() if a <= now <= z]
            detected.update(hits)
            if not hits:
                false.append((now, key + " " + signal.title))
    print(f"bursts {sorted(spans)} detected {sorted(detected)}; false volume alerts {len(false)}")
    assert detected == set(spans)
    assert false == []
