"""The issue's acceptance test: ``pantau extract --json`` on a copy of the seed article."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pantau.cli.main import app
from pantau.settings import Settings

SEED = Path(__file__).parents[1] / "fixtures" / "ingest" / "seed_bidik_grand_strategy.txt"
TITLE = (
    "Perkuat Humas, Dirjenpas Luncurkan Grand Strategy Komunikasi Humas Pemasyarakatan "
    "dan 50 UPT Percontohan"
)


def _extract_json(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(app, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_seed_extracts_title_date_outlet_dateline(settings: Settings) -> None:
    data = _extract_json(SEED)
    assert data["title"] == TITLE
    assert data["published_at"] == "2022-11-10T20:35:00+07:00"
    assert data["outlet"] == "Bidik Indonesia News"
    assert data["dateline"] == "Jakarta"


def test_seed_body_starts_at_dateline_and_keeps_the_press_contact(settings: Settings) -> None:
    body = str(_extract_json(SEED)["body"])
    assert body.startswith("Bidik Indonesia News, Jakarta – Direktur Jenderal")
    assert "Narahubung:" in body
    assert body.rstrip().endswith("Rika Aprianti – 081213726370")
    # the article's own sentences survive, including the one between two BACA LAINNYA lines
    assert "terdapat 51.815 berita positif pemasyarakatan" in body
    assert "sehingg terjadi sharing knowledge" in body


def test_seed_body_has_no_page_furniture(settings: Settings) -> None:
    data = _extract_json(SEED)
    body = str(data["body"])
    for noise in ("BACA LAINNYA", "Share :", "Baca Juga", "Home / Nasional", "Tongkang Tabrak",
                  "Kamis, 10 November 2022", "Hoegeng Award", "(dz)"):  # fmt: skip
        assert noise not in body, noise
    assert TITLE not in body  # the title is a field, not the first line of the body
    assert str(data["lead"]).startswith("Bidik Indonesia News, Jakarta – Direktur Jenderal")
