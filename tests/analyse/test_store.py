"""The analysis runner, corrections and retraining on a real database (SQLite or PostgreSQL)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from pantau.analyse.model import data_version, load_models, save_models
from pantau.analyse.trainset import bundled_examples
from pantau.cli.main import app
from pantau.settings import Settings
from pantau.store.tables import Analysis, AuditLog, Correction, Item

ITEMS = [
    (
        "Napi Lapas Kelas IIB Ketapang Kabur Saat Jam Besuk",
        "Seorang napi Lapas Kelas IIB Ketapang kabur dengan menyamar sebagai pengunjung saat jam "
        "besuk. Petugas baru menyadari setelah penghitungan sore. Kalapas membentuk tim pencarian.",
    ),
    (
        "Warga Binaan Lapas Kelas IIA Sungguminasa Ikuti Pelatihan Barista",
        "Dua puluh warga binaan Lapas Kelas IIA Sungguminasa mengikuti pelatihan barista bersama "
        "sebuah kedai kopi lokal. Hasil pelatihan akan dipakai di kafe sarana asimilasi lapas.",
    ),
    (
        "Petani Cabai di Enrekang Panen Raya",
        "Petani cabai di Enrekang memanen hasil kebun mereka. Harga di tingkat petani masih stabil "
        "dan pedagang dari Makassar mulai berdatangan.",
    ),
]


def _add_items(sessions: sessionmaker[Session]) -> list[int]:
    with sessions() as session:
        rows = []
        for index, (title, body) in enumerate(ITEMS):
            rows.append(
                Item(
                    title=title,
                    body=body,
                    content_hash=hashlib.sha256(body.encode()).hexdigest(),
                    source_kind="jsonl",
                    source_locator=f"test.jsonl#{index}",
                )
            )
        session.add_all(rows)
        session.commit()
        return [row.id for row in rows]


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_analyse_labels_items_with_versions_and_evidence(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    ids = _add_items(sessions)
    _run("analyse")
    with sessions() as session:
        escape = session.get(Analysis, ids[0])
        training = session.get(Analysis, ids[1])
        farm = session.get(Analysis, ids[2])
        assert escape is not None and training is not None and farm is not None
        assert (escape.relevant, escape.tone, escape.crisis_category) == (
            True,
            "negative",
            "escape",
        )
        assert escape.topic == "incident" and escape.severity > 0.5
        assert (training.relevant, training.tone, training.crisis_category) == (
            True,
            "positive",
            "none",
        )
        assert farm.relevant is False and farm.tone is None
        assert set(escape.versions) >= {"relevance", "tone", "crisis", "topic", "textmodel"}
        assert any(e["phrase"].lower() == "kabur" for e in escape.explanation["tone"])
        assert 0.0 < escape.confidence <= 1.0


def test_outdated_reanalyses_only_changed_versions(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    ids = _add_items(sessions)
    _run("analyse")
    with sessions() as session:
        analysis = session.get(Analysis, ids[1])
        assert analysis is not None
        analysis.versions = {**analysis.versions, "tone": "0.old"}
        session.commit()
    output = _run("analyse", "--outdated")
    assert "1 item dianalisis" in output
    with sessions() as session:
        analysis = session.get(Analysis, ids[1])
        assert analysis is not None and analysis.versions["tone"] != "0.old"


def test_correction_survives_reanalysis_and_changes_the_next_model(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    ids = _add_items(sessions)
    _run("analyse")
    before = load_models(settings.model_path)
    assert before is not None  # trained on first use from the bundled data
    output = _run(
        "correct", str(ids[1]), "tone", "neutral",
        "--reason", "hanya pengumuman kegiatan", "--actor", "analis.pusat",
    )  # fmt: skip
    assert "positive → neutral" in output
    _run("analyse", "--all")
    with sessions() as session:
        analysis = session.get(Analysis, ids[1])
        assert analysis is not None
        assert analysis.tone == "neutral" and analysis.locked == ["tone"]
        assert analysis.needs_review is False
        fix = session.scalars(select(Correction).where(Correction.item_id == ids[1])).one()
        assert (fix.old_value, fix.new_value, fix.actor) == ("positive", "neutral", "analis.pusat")
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "label.correct")).one()
        assert audit.detail["reason"] == "hanya pengumuman kegiatan"
    train_output = _run("train")
    assert "sebelum" in train_output and "sesudah" in train_output
    after = load_models(settings.model_path)
    assert after is not None and after.version != before.version
    text = ITEMS[1][0] + "\n" + ITEMS[1][1]
    p_before = before.predict([text])[0]["tone"]["neutral"]
    p_after = after.predict([text])[0]["tone"]["neutral"]
    assert p_after > p_before
    with sessions() as session:
        runs = session.scalars(select(AuditLog).where(AuditLog.action == "model.train")).all()
        assert len(runs) == 1 and runs[0].detail["corrections"] == 1


def test_correction_rejects_values_outside_the_codebook(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    ids = _add_items(sessions)
    _run("analyse")
    result = CliRunner().invoke(
        app, ["correct", str(ids[0]), "tone", "sangat buruk", "--actor", "analis"]
    )
    assert result.exit_code == 1
    assert "tidak ada di codebook" in result.output
    with sessions() as session:
        assert session.scalars(select(Correction)).all() == []


def test_locked_relevance_keeps_dependent_labels_consistent(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    ids = _add_items(sessions)
    _run("analyse")
    _run("correct", str(ids[0]), "relevant", "false", "--actor", "analis", "--reason", "uji")
    _run("analyse", "--all")
    with sessions() as session:
        analysis = session.get(Analysis, ids[0])
        assert analysis is not None
        assert analysis.relevant is False
        assert (analysis.tone, analysis.topic, analysis.crisis_category) == (None, None, "none")


def test_review_queue_lists_low_confidence_items(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    ids = _add_items(sessions)
    _run("analyse")
    with sessions() as session:
        analysis = session.get(Analysis, ids[2])
        assert analysis is not None
        analysis.needs_review, analysis.confidence = True, 0.41
        session.commit()
    output = _run("review")
    assert "Petani Cabai" in output and "0.41" in output
    assert "Ketapang" not in output


def test_classify_prints_one_json_line_per_item(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    records = [{"id": f"x{i}", "title": t, "text": b} for i, (t, b) in enumerate(ITEMS)]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    lines = [json.loads(line) for line in _run("classify", str(path)).splitlines() if line]
    assert [line["id"] for line in lines] == ["x0", "x1", "x2"]
    for line in lines:
        assert {"relevant", "tone", "headline_tone", "headline_mismatch", "crisis_category",
                "topic", "confidence", "explanation"} <= set(line)  # fmt: skip
    assert lines[0]["crisis_category"] == "escape" and lines[2]["relevant"] is False
    assert [line["story_key"] for line in lines] == ["x0", "x1", "x2"]  # three distinct stories


def test_eval_json_has_the_stable_keys(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    gold = [
        {"relevant": True, "tone": "negative", "crisis_category": "escape", "topic": "incident"},
        {"relevant": True, "tone": "positive", "crisis_category": "none", "topic": "pembinaan"},
        {"relevant": False, "tone": None, "crisis_category": "none", "topic": None},
    ]
    records = [
        {"id": i, "title": t, "text": b, "labels": {**g, "units": [], "province": None}}
        for i, ((t, b), g) in enumerate(zip(ITEMS, gold, strict=True))
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    scores = json.loads(_run("eval", str(path), "--json"))
    for key in ("relevance.f1", "tone.accuracy", "tone.macro_f1", "crisis_category.accuracy",
                "topic.accuracy", "units.f1", "province.accuracy"):  # fmt: skip
        assert key in scores
    assert scores["relevance.f1"] == 1.0 and scores["crisis_category.accuracy"] == 1.0


def test_a_model_behind_new_bundled_data_is_retrained_keeping_corrections(
    settings: Settings, sessions: sessionmaker[Session]
) -> None:
    ids = _add_items(sessions)
    _run("analyse")
    _run("correct", str(ids[1]), "tone", "neutral", "--actor", "analis.pusat")
    _run("train")
    trained = load_models(settings.model_path)
    assert trained is not None and trained.has_corrections
    # An upgrade ships other bundled labels: the saved model is now behind them.
    trained.bundled_version = "rilis-lama"
    save_models(trained, settings.model_path)
    _run("analyse")
    fresh = load_models(settings.model_path)
    assert fresh is not None
    assert fresh.bundled_version == data_version(bundled_examples())
    assert fresh.has_corrections  # the analyst's correction is still learned
    assert fresh.trained_on["tone"] == trained.trained_on["tone"]
    with sessions() as session:
        auto = session.scalars(select(AuditLog).where(AuditLog.action == "model.autotrain")).all()
        reasons = [a.detail["reason"] for a in auto]
        assert reasons == ["model missing", "bundled data changed"]
        assert auto[-1].detail["corrections"] == 1
    _run("analyse")  # up to date now: no third training
    with sessions() as session:
        count = len(
            session.scalars(select(AuditLog).where(AuditLog.action == "model.autotrain")).all()
        )
        assert count == 2
