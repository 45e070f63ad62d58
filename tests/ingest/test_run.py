"""Ingestion runs: every input gets one outcome, nothing is lost, nothing is stored twice."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pantau.ingest.run import ingest_articles, ingest_paths
from pantau.items import Article, Provenance
from pantau.settings import Settings
from pantau.store.tables import IngestRun, Item, Outlet, Quarantine

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _record(n: int, **extra: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": f"t{n:04d}",
        "channel": "news",
        "platform": None,
        "outlet": "Warta Uji",
        "url": f"https://wartauji.example/berita/{n}?utm_source=tes",
        "published_at": "2023-05-02T10:00:00+07:00",
        "title": f"Lapas Uji Gelar Pelatihan Menjahit Angkatan {n}",
        "text": (
            f"PALU – Lapas Kelas IIA Palu membuka pelatihan menjahit angkatan {n} bagi warga "
            "binaan, Selasa (2/5). Pelatihan berlangsung dua pekan.\n\nPeserta akan menerima "
            "sertifikat yang bisa dipakai untuk melamar kerja setelah bebas."
        ),
        "labels": {"relevant": True, "tone": "positive"},
        "note": "",
    }
    record.update(extra)
    return record


def _write_jsonl(
    path: Path, records: list[dict[str, object]], extra_lines: Sequence[str] = ()
) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "masukan"
    folder.mkdir()
    shutil.copy(FIXTURES / "seed_bidik_grand_strategy.txt", folder / "seed.txt")
    shutil.copy(FIXTURES / "page_lapas_kendari.html", folder / "kendari.html")
    (folder / "kosong.txt").write_bytes(b"")
    (folder / "gambar.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "latin.html").write_bytes(
        "<html><head><meta charset='iso-8859-1'><title>Café Lapas Ambon</title></head><body>"
        "<article><p>AMBON – Warga binaan membuka café di depan lapas, Senin (6/3). Menu "
        "andalannya kopi tubruk dan kue bagéa.</p><p>Kepala lapas berharap café menjadi tempat "
        "belajar usaha.</p></article></body></html>".encode("cp1252")
    )
    _write_jsonl(
        folder / "ekspor.jsonl",
        [_record(1), _record(2), {"id": "t0003", "title": "Tanpa isi", "text": ""}],
        ["{ini bukan json", "[1, 2, 3]"],
    )
    return folder


def test_mixed_folder_every_input_gets_one_outcome(
    settings: Settings, sessions: sessionmaker[Session], mixed_folder: Path
) -> None:
    seen: list[tuple[int, int]] = []
    report = ingest_paths(sessions=sessions, settings=settings, paths=[str(mixed_folder)],
                          progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    assert report.counts == {"added": 5, "quarantined": 5}
    assert report.reasons() == {"empty": 1, "binary": 1, "no_text": 1, "bad_record": 2}
    assert seen[-1][0] == 10 and seen[-1][1] >= 10
    with sessions() as session:
        assert _count(session, Item) == 5
        reasons = sorted(session.scalars(select(Quarantine.reason)))
        assert reasons == ["bad_record", "bad_record", "binary", "empty", "no_text"]
        run = session.get(IngestRun, report.run_id)
        assert run is not None and run.status == "done"
        assert run.counts == {"added": 5, "quarantined": 5}
        latin = session.scalars(select(Item).where(Item.title.like("Caf%"))).one()
        assert "bagéa" in latin.body
        jsonl_item = session.scalars(select(Item).where(Item.external_id == "t0001")).one()
        assert jsonl_item.gold_labels == {"relevant": True, "tone": "positive"}
        assert jsonl_item.canonical_url == "https://wartauji.example/berita/1"


def test_second_run_stores_nothing_twice(
    settings: Settings, sessions: sessionmaker[Session], mixed_folder: Path
) -> None:
    ingest_paths(sessions=sessions, settings=settings, paths=[str(mixed_folder)])
    again = ingest_paths(sessions=sessions, settings=settings, paths=[str(mixed_folder)])
    assert again.counts == {"duplicate": 5, "quarantined": 5}
    with sessions() as session:
        assert _count(session, Item) == 5
        assert _count(session, Quarantine) == 5  # the same rejection is kept once


def _article(url: str | None, body: str, outlet: str = "Warta Uji", **extra: object) -> Article:
    article = Article(title="Rutan Uji Terima Kunjungan", body=body, url=url, outlet=outlet,
                      provenance=Provenance("test", url or "tanpa-url"))  # fmt: skip
    if url:
        from pantau.ingest.urls import canonical_url

        article.canonical_url = canonical_url(url)
    for key, value in extra.items():
        setattr(article, key, value)
    return article


def test_same_url_with_tracking_parameters_is_stored_once(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    articles = [
        _article("https://wartauji.example/a", "Isi pertama."),
        _article("https://www.wartauji.example/a/?utm_source=wa&fbclid=x#atas", "Isi diperbarui."),
    ]
    report = ingest_articles(sessions=sessions, settings=settings, articles=articles)
    assert report.counts == {"added": 1, "duplicate": 1}


def test_same_content_without_url_is_stored_once(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    articles = [_article(None, "Isi yang sama."), _article(None, "Isi  yang   SAMA.")]
    report = ingest_articles(sessions=sessions, settings=settings, articles=articles)
    assert report.counts == {"added": 1, "duplicate": 1}


def test_outlets_are_found_or_created_with_their_tier(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    articles = [
        _article("https://wartauji.example/1", "Satu."),
        _article("https://wartauji.example/2", "Dua.", outlet="warta uji"),
        _article(
            "https://lapaspalu.kemenkumham.go.id/b",
            "Tiga.",
            outlet="Lapas Palu",
            outlet_domain="lapaspalu.kemenkumham.go.id",
        ),
        _article(None, "Empat.", outlet="@warga_palu", channel="social", platform="x"),
    ]
    ingest_articles(sessions=sessions, settings=settings, articles=articles)
    with sessions() as session:
        tiers = {o.name: (o.kind, o.tier) for o in session.scalars(select(Outlet))}
    assert tiers == {
        "Warta Uji": ("news", 2),
        "Lapas Palu": ("official", 3),
        "@warga_palu": ("social", 4),
    }


def test_an_interrupted_run_keeps_what_it_stored_and_a_rerun_completes_it(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    articles = [_article(f"https://wartauji.example/{n}", f"Isi {n}.") for n in range(10)]

    def stopped_after_four() -> Iterator[Article]:
        yield from articles[:4]
        raise KeyboardInterrupt  # the operator pressed Ctrl+C

    with pytest.raises(KeyboardInterrupt):
        ingest_articles(sessions=sessions, settings=settings, articles=stopped_after_four())
    with sessions() as session:
        assert _count(session, Item) == 4
        assert session.scalars(select(IngestRun.status)).one() == "failed"
    report = ingest_articles(sessions=sessions, settings=settings, articles=articles)
    assert report.counts == {"duplicate": 4, "added": 6}


@pytest.mark.slow
def test_a_killed_process_loses_and_duplicates_nothing(
    settings: Settings, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    export = _write_jsonl(tmp_path / "besar.jsonl", [_record(n) for n in range(400)])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    process = subprocess.Popen([sys.executable, "-m", "pantau", "ingest", str(export)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        with sessions() as session:
            stored = _count(session, Item)
        if stored >= 30:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < stored < 400, "the run should be killed mid-way"
    report = ingest_paths(sessions=sessions, settings=settings, paths=[str(export)])
    with sessions() as session:
        assert _count(session, Item) == 400
        distinct = session.scalar(select(func.count(func.distinct(Item.external_id))))
        assert distinct == 400
    assert report.counts.get("added", 0) + report.counts.get("duplicate", 0) == 400


def test_a_50_megabyte_file_is_refused_without_reading_it(
    settings: Settings, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    page = tmp_path / "besar.html"
    with page.open("wb") as handle:
        handle.write(b"<html><body>" + b"<p>Lapas.</p>" * 1000)
        handle.truncate(50 * 1024 * 1024)
    huge_row = tmp_path / "baris.jsonl"
    with huge_row.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(_record(1)) + "\n")
        handle.write(json.dumps(_record(2, text="Lapas. " * (50 * 1024 * 1024 // 7))) + "\n")
        handle.write(json.dumps(_record(3)) + "\n")
    report = ingest_paths(sessions=sessions, settings=settings, paths=[str(page), str(huge_row)])
    assert report.counts == {"added": 2, "quarantined": 2}
    assert report.reasons() == {"too_large": 2}
    assert all("terlalu besar" in r.message for r in report.rejections)


def test_missing_paths_and_private_urls_are_reported_not_raised(
    settings: Settings, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    settings.ingest.allow_private_addresses = False
    paths = [str(tmp_path / "tidak-ada.txt"), "http://127.0.0.1:9/berita",
             "http://169.254.169.254/latest/meta-data/"]  # fmt: skip
    report = ingest_paths(sessions=sessions, settings=settings, paths=paths)
    assert report.reasons() == {"not_found": 1, "private_address": 2}


def test_title_with_script_tag_is_stored_as_text(
    settings: Settings, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    record = _record(7, title="Napi Kabur <script>alert('x')</script> dari Lapas")
    export = _write_jsonl(tmp_path / "skrip.jsonl", [record])
    ingest_paths(sessions=sessions, settings=settings, paths=[str(export)])
    with sessions() as session:
        title = session.scalars(select(Item.title)).one()
    assert title == "Napi Kabur <script>alert('x')</script> dari Lapas"


def test_every_shared_corpus_item_ingests(
    settings: Settings, sessions: sessionmaker[Session], shared_dir: Path
) -> None:
    files = sorted((shared_dir / "corpus").glob("*.jsonl"))
    if not files:
        pytest.skip("../shared/corpus is not present")
    lines = sum(1 for f in files for line in f.read_text(encoding="utf-8").splitlines() if line)
    report = ingest_paths(sessions=sessions, settings=settings, paths=[str(f) for f in files])
    assert report.rejections == []
    assert report.counts == {"added": lines}
    with sessions() as session:
        assert _count(session, Item) == lines
        undated = session.scalar(select(func.count()).where(Item.published_at.is_(None)))
        assert undated == 0


def test_labels_that_cannot_be_stored_are_quarantined_and_the_batch_goes_on(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    unstorable = _article(None, "Label tidak bisa disimpan.", gold_labels={"units": {"Lapas"}})
    fine = _article(None, "Isi yang baik.")
    report = ingest_articles(sessions=sessions, settings=settings, articles=[unstorable, fine])
    assert report.counts == {"quarantined": 1, "added": 1}
    assert report.reasons() == {"bad_record": 1}
    assert "JSON" in report.rejections[0].message
