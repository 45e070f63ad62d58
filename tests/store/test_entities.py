"""Saving entity labels, units seeding/import/export and stories, on a real database."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from pantau.analyse.doc import Doc
from pantau.analyse.entities import entity_components
from pantau.cli.main import app
from pantau.errors import RejectedInput
from pantau.settings import Settings
from pantau.store.entities import save_entities
from pantau.store.stories import assign_stories
from pantau.store.tables import (
    Analysis,
    Item,
    ItemKeyMessage,
    ItemUnit,
    KeyMessage,
    Outlet,
    PersonMention,
    Quote,
    Story,
    StorySignature,
    Unit,
    UnitCandidate,
)
from pantau.store.units import export_units_csv, import_units_csv, seed_units

FIXTURES = Path(__file__).parents[1] / "fixtures" / "entities"
WIB = timezone(timedelta(hours=7))


def _item(
    session: Session, title: str, body: str, *, outlet: str = "", when: datetime | None = None
) -> Item:
    outlet_row = None
    if outlet:
        outlet_row = session.scalar(select(Outlet).where(Outlet.name == outlet)) or Outlet(
            name=outlet
        )
    item = Item(
        title=title,
        body=body,
        content_hash=hashlib.sha256(f"{title}{body}{outlet}{when}".encode()).hexdigest(),
        source_kind="text_file",
        source_locator="test",
        outlet=outlet_row,
        published_at=when,
    )
    session.add(item)
    session.flush()
    return item


def _doc(title: str, body: str) -> Doc:
    doc = Doc(title=title, body=body)
    for component in entity_components():
        component(doc)
    return doc


def test_seed_units_is_idempotent(session: Session) -> None:
    first = seed_units(session)
    second = seed_units(session)
    assert first.added > 500 and second.added == 0 and second.updated == 0
    assert session.scalar(select(func.count(Unit.id))) == first.added
    assert session.scalar(select(func.count(Unit.id)).where(Unit.pilot)) == 50


def test_save_entities_writes_and_replaces_rows(session: Session) -> None:
    body = (FIXTURES / "seed_000.txt").read_text(encoding="utf-8")
    item = _item(session, "Dirjenpas Luncurkan Grand Strategy", body)
    doc = _doc("Dirjenpas Luncurkan Grand Strategy", body)
    doc.labels["unit_candidates"].append({"mention": "Lapas Kelas IIB Antah", "context": "x"})
    save_entities(session, item.id, doc)
    save_entities(session, item.id, doc)  # again: replaced, not doubled
    links = session.execute(
        select(Unit.name, ItemUnit.main).join(ItemUnit).where(ItemUnit.item_id == item.id)
    ).all()
    assert links == [("Lapas Perempuan Kelas IIB Jambi", True)]
    speakers = set(session.scalars(select(Quote.speaker).where(Quote.item_id == item.id)))
    assert speakers == {"Reynhard Silitonga"}
    assert session.scalar(select(func.count(Quote.id))) == 4
    roles = dict(session.execute(select(PersonMention.name, PersonMention.role)).all())
    assert roles["Reynhard Silitonga"] == "Dirjenpas"
    codes = set(
        session.scalars(
            select(KeyMessage.code).join(ItemKeyMessage).where(ItemKeyMessage.item_id == item.id)
        )
    )
    assert codes == {"humas_semua_petugas"}
    assert session.scalar(select(func.count(UnitCandidate.id))) == 1


def test_a_settled_candidate_is_not_reopened(session: Session) -> None:
    item = _item(session, "t", "b")
    doc = Doc(title="t", body="b")
    doc.labels.update(units=[], unit_candidates=[{"mention": "Lapas Antah", "context": "c"}])
    save_entities(session, item.id, doc)
    candidate = session.scalar(select(UnitCandidate))
    assert candidate is not None
    candidate.status = "dismissed"
    save_entities(session, item.id, doc)
    rows = session.scalars(select(UnitCandidate)).all()
    assert [(c.mention, c.status) for c in rows] == [("Lapas Antah", "dismissed")]


def test_export_then_import_round_trip_and_bad_rows_change_nothing(
    session: Session, settings: Settings, tmp_path: Path
) -> None:
    seed_units(session)
    exported = tmp_path / "units.csv"
    count = export_units_csv(session, path=exported)
    rows = list(csv.DictReader(exported.open(encoding="utf-8")))
    assert len(rows) == count
    for row in rows:
        if row["name"] == "Lapas Kelas IIB Sorong":
            row["aliases"] += "; Lapas Klamono"
            row["pilot"] = "1"
    with exported.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = import_units_csv(session, path=exported, data_dir=settings.data_dir)
    assert report.updated == 1 and report.added == 0
    sorong = session.scalar(select(Unit).where(Unit.name == "Lapas Kelas IIB Sorong"))
    assert sorong is not None and "Lapas Klamono" in sorong.aliases and sorong.pilot
    assert (settings.data_dir / "gazetteer" / "units.csv").is_file()
    rows[0]["province"] = "Provinsi Khayalan"
    with exported.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(RejectedInput) as raised:
        import_units_csv(session, path=exported, data_dir=settings.data_dir)
    assert "Baris 2" in raised.value.message and "bukan nama resmi" in raised.value.message


def test_export_neutralises_formulas(session: Session, tmp_path: Path) -> None:
    seed_units(session)
    unit = session.scalar(select(Unit).where(Unit.name == "Lapas Kelas IIA Jambi"))
    assert unit is not None
    unit.aliases = ['=HYPERLINK("http://x")']
    export_units_csv(session, path=tmp_path / "u.csv")
    text = (tmp_path / "u.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text


def _story_rows() -> list[dict[str, str]]:
    lines = (FIXTURES / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines), key=lambda r: r["published_at"])


def test_assign_stories_incrementally_with_spread(session: Session) -> None:
    rows = [r for r in _story_rows() if r["story"] in {"remisi_kendari", "remisi_palu"}]
    items = {}
    for n, row in enumerate(rows):
        item = _item(
            session,
            row["title"],
            row["text"],
            outlet=f"Outlet {n % 3}",
            when=datetime.fromisoformat(row["published_at"]),
        )
        doc = _doc(row["title"], row["text"])
        save_entities(session, item.id, doc)
        session.add(Analysis(item_id=item.id, relevant=True, province=doc.labels["province"]))
        items[row["id"]] = item
    first_half = [items[r["id"]].id for r in rows[: len(rows) // 2]]
    second_half = [items[r["id"]].id for r in rows[len(rows) // 2 :]]
    keys = assign_stories(session, first_half)
    keys.update(assign_stories(session, second_half))  # new items join stored stories
    by_story: dict[str, set[str]] = {}
    for row in rows:
        by_story.setdefault(row["story"], set()).add(keys[items[row["id"]].id])
    assert all(len(v) == 1 for v in by_story.values())
    assert by_story["remisi_kendari"] != by_story["remisi_palu"]
    stories = session.scalars(select(Story).order_by(Story.id)).all()
    assert len(stories) == 2
    for story in stories:
        assert story.item_count == 5
        assert story.outlet_count == 3
        assert len(story.provinces) == 1
        assert story.first_seen is not None and story.last_seen is not None
        assert story.first_seen <= story.last_seen
        first = session.get(Item, story.first_item_id)
        assert first is not None and story.first_outlet == first.outlet.name  # type: ignore[union-attr]
    assert session.scalar(select(func.count()).select_from(StorySignature)) == 10
    # Re-assigning an item keeps its story and does not duplicate its signature.
    again = assign_stories(session, [second_half[0]])
    assert again[second_half[0]] == keys[second_half[0]]
    assert session.scalar(select(func.count()).select_from(StorySignature)) == 10


def test_cli_units_list_export_and_keymessages(settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["units", "list", "--pilot"])
    assert result.exit_code == 0 and "50 unit." in result.output
    result = runner.invoke(app, ["units", "export", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()) > 500
    result = runner.invoke(app, ["keymessages", "list"])
    assert result.exit_code == 0 and "zero_halinar" in result.output
    result = runner.invoke(app, ["units", "candidates"])
    assert result.exit_code == 0 and "0 kandidat terbuka" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\nPenjara Antah,Penjara\n", encoding="utf-8")
    result = runner.invoke(app, ["units", "import", str(bad)])
    assert result.exit_code == 1


def test_provisional_unit_is_filed_as_one_candidate(session: Session) -> None:
    body = "GORONTALO - Petugas Lapas Kelas III Sukamaju menggelar pelatihan menjahit."
    item = _item(session, "Pelatihan", body)
    doc = _doc("Pelatihan", body)
    assert doc.labels["units"] == ["Lapas Kelas III Sukamaju"]
    save_entities(session, item.id, doc)
    assert session.scalar(select(func.count()).select_from(ItemUnit)) == 0
    mentions = session.scalars(select(UnitCandidate.mention)).all()
    assert mentions == ["Lapas Kelas III Sukamaju"]
