"""Replaying the demo corpus fires the volume detector inside each listed burst and
nowhere else: once on gold labels (the detector alone), once through ingest and analysis."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alerts_world import add_item
from sqlalchemy.orm import Session, sessionmaker

from pantau.alerts.detect import VolumeConfig
from pantau.alerts.signals import load_facts, volume_signals
from pantau.analyse.pipeline import default_pipeline
from pantau.ingest.run import ingest_paths
from pantau.settings import Settings
from pantau.store.analysed import analyse_items
from pantau.store.tables import Outlet, Unit
from pantau.store.units import seed_units

CORPUS = Path(__file__).resolve().parents[2] / "src" / "pantau" / "demo" / "corpus"
EARLY, LATE = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)


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


def _replay(
    facts: list[Any], bursts: list[dict[str, Any]], configs: list[VolumeConfig]
) -> tuple[set[str], list[tuple[datetime, str]]]:
    """Test every hour at which a firing is possible; sort firings into bursts and false."""
    slack = max(c.window for c in configs)
    spans = {
        b["id"]: (datetime.fromisoformat(b["start"]), datetime.fromisoformat(b["end"]) + slack)
        for b in bursts
    }
    # Only hours with a negative item in the longest window can fire (min_count >= 1).
    hours = sorted(
        {
            (f.published_at + timedelta(hours=h)).replace(minute=0, second=0, microsecond=0)
            for f in facts
            for h in range(1, int(slack / timedelta(hours=1)) + 2)
        }
    )
    detected: set[str] = set()
    false: list[tuple[datetime, str]] = []
    for now in hours:
        for key, signal in volume_signals(facts, now=now, configs=configs).items():
            hits = [b for b, (a, z) in spans.items() if a <= now <= z]
            detected.update(hits)
            if not hits:
                false.append((now, key + " " + signal.title))
    return detected, false


@pytest.mark.slow
def test_demo_corpus_fires_its_bursts_and_nothing_else(
    session: Session, settings: Settings
) -> None:
    """Gold labels stand in for the analysers: this measures the detector alone."""
    rows, bursts = _load()
    _store(session, rows)
    configs = VolumeConfig.all_from_settings(settings.alerts)
    facts = load_facts(session, EARLY, LATE, negative_only=True, with_text=False)
    detected, false = _replay(facts, bursts, configs)
    print(f"bursts {[b['id'] for b in bursts]} detected {sorted(detected)}; false {len(false)}")
    assert detected == {b["id"] for b in bursts}
    assert false == []


@pytest.mark.slow
def test_demo_corpus_through_ingest_and_analysis(
    sessions: sessionmaker[Session], settings: Settings
) -> None:
    """The whole chain: the corpus files ingested, analysed by the default pipeline on the
    shipped gazetteer, then replayed: the same bursts fire, nothing else does."""
    _, bursts = _load()
    with sessions() as session:
        seed_units(session)
        session.commit()
    report = ingest_paths(
        sessions=sessions, settings=settings, paths=[str(p) for p in sorted(CORPUS.glob("*.jsonl"))]
    )
    with sessions() as session:
        analyse_items(session, pipeline=default_pipeline(settings), item_ids=report.item_ids)
        session.commit()
        facts = load_facts(session, EARLY, LATE, negative_only=True, with_text=False)
    detected, false = _replay(facts, bursts, VolumeConfig.all_from_settings(settings.alerts))
    assert detected == {b["id"] for b in bursts}
    assert false == []
