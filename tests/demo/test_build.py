"""The demo job builds a complete, analysed database from the bundled corpus."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantau.cases.tables import Case
from pantau.demo.build import DemoReport, build_demo, corpus_files
from pantau.settings import load_settings
from pantau.store.db import make_engine, make_sessionmaker
from pantau.store.tables import Analysis, Item, ItemUnit, Story, User


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoReport, Session]]:
    data_dir = tmp_path_factory.mktemp("demo")
    report = build_demo(settings=load_settings(data_dir=data_dir, database_url=""))
    engine = make_engine(report.database_url)
    with make_sessionmaker(engine)() as session:
        yield report, session
    engine.dispose()


def _corpus_size() -> int:
    return sum(1 for path in corpus_files() for line in path.open(encoding="utf-8") if line.strip())


def test_every_corpus_item_is_stored_and_analysed(demo: tuple[DemoReport, Session]) -> None:
    report, session = demo
    assert report.ingest is not None and report.ingest.counts.get("added") == _corpus_size()
    assert session.scalar(select(func.count(Item.id))) == _corpus_size()
    assert session.scalar(select(func.count(Analysis.item_id))) == _corpus_size()
    assert report.database_url.endswith("demo.db")


def test_labels_agree_with_the_corpus_gold_labels(demo: tuple[DemoReport, Session]) -> None:
    _, session = demo
    rows = session.execute(select(Item.gold_labels, Analysis.tone).join(Analysis)).all()
    agree = sum(1 for gold, tone in rows if gold and gold.get("tone") == tone)
    # The model trains on this corpus: it must reproduce nearly all of it.
    assert agree / len(rows) > 0.95


def test_units_stories_and_accounts_are_in_place(demo: tuple[DemoReport, Session]) -> None:
    report, session = demo
    linked_units = session.scalar(select(func.count(func.distinct(ItemUnit.unit_id))))
    assert linked_units is not None and linked_units >= 55
    # Press releases republished by several outlets group into stories of their copies.
    copies = session.scalar(select(func.count(Story.id)).where(Story.item_count >= 3))
    assert copies is not None and copies >= 4
    # The year is replayed through early warning, and one case runs to its close.
    assert report.alerts > 0 and report.cases == 1
    # The worked case is the Sorong escape burst, filed under its real category.
    assert session.scalar(select(Case.category)) == "escape"
    roles = {role for _, _, role, _ in report.accounts}
    assert roles == {"admin", "pusat", "pimpinan", "kanwil", "upt"}
    assert session.scalar(select(func.count(User.id))) == 5


def test_a_second_build_starts_fresh(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, database_url="")
    first = build_demo(settings=settings)
    second = build_demo(settings=settings)
    assert first.ingest is not None and second.ingest is not None
    assert second.ingest.counts.get("added") == first.ingest.counts.get("added")
    assert second.ingest.counts.get("duplicate", 0) == 0
    assert json.dumps(sorted(second.ingest.counts)) == json.dumps(sorted(first.ingest.counts))
