"""The bundled labelled corpora (demo, training archive, held-out sets) are well-formed.

They train and test the analysers, so a malformed label would silently teach the wrong
thing: every value must be a codebook value, every unit known to the gazetteer, every
time zone the one of its province, and no item may sit in two corpora.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pantau.analyse.gazetteer import load_gazetteer
from pantau.analyse.units import unit_key
from pantau.vocab import CrisisCategory, Tone, Topic

ROOT = Path(__file__).resolve().parents[2]
CORPORA = {
    "demo": sorted((ROOT / "src/pantau/demo/corpus").glob("*.jsonl")),
    "training": sorted((ROOT / "src/pantau/analyse/training").glob("*.jsonl")),
    "heldout": sorted((ROOT / "evals").glob("heldout_*.jsonl")),
}
ALL_FILES = [path for paths in CORPORA.values() for path in paths]
WITA = {
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Sulawesi Tengah",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Sulawesi Barat",
    "Gorontalo",
}
WIT = {
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Selatan",
    "Papua Tengah",
    "Papua Pegunungan",
}


def _items(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _problems(item: dict[str, Any], units: set[str], provinces: set[str]) -> list[str]:
    labels = item["labels"]
    found = []
    if not labels["relevant"]:
        if (labels["tone"], labels["crisis_category"], labels["units"], labels["province"]) != (
            None,
            "none",
            [],
            None,
        ):
            found.append("irrelevant item carries labels")
        return found
    if labels["tone"] not in set(Tone):
        found.append(f"tone {labels['tone']!r}")
    if labels["crisis_category"] not in set(CrisisCategory):
        found.append(f"crisis {labels['crisis_category']!r}")
    if (labels["tone"] == "negative") != (labels["crisis_category"] != "none"):
        found.append("crisis category must go with negative tone, and only with it")
    if labels["topic"] not in set(Topic) or (labels["tone"] == "negative") != (
        labels["topic"] == "incident"
    ):
        found.append(f"topic {labels['topic']!r}")
    if labels["province"] is not None and labels["province"] not in provinces:
        found.append(f"province {labels['province']!r}")
    found += [f"unit {u!r} not in gazetteer" for u in labels["units"] if unit_key(u) not in units]
    return found


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_labels_are_codebook_values_and_units_are_known(path: Path) -> None:
    gaz = load_gazetteer()
    units = {unit_key(u.name) for u in gaz.units}
    provinces = {p.name for p in gaz.provinces}
    bad = {}
    for item in _items(path):
        problems = _problems(item, units, provinces)
        if problems:
            bad[item["id"]] = problems
    assert not bad, f"{len(bad)} items with problems, e.g. {list(bad.items())[:5]}"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_time_zone_matches_the_province(path: Path) -> None:
    wrong = []
    for item in _items(path):
        province = item["labels"]["province"]
        offset = datetime.fromisoformat(item["published_at"]).utcoffset()
        hours = offset.total_seconds() / 3600 if offset is not None else None
        expected = 9 if province in WIT else 8 if province in WITA else 7
        if province is not None and hours != expected:
            wrong.append((item["id"], province, hours))
    assert not wrong, f"time zone off for {wrong[:5]}"


def test_ids_texts_and_urls_are_unique_across_corpora() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for path in ALL_FILES:
        for item in _items(path):
            for key in (item["id"], item["url"], item["text"][:400]):
                if key in seen and seen[key] != path.name + item["id"]:
                    clashes.append((item["id"], path.name))
                seen[key] = path.name + item["id"]
    assert not clashes, f"items repeated across corpora: {clashes[:5]}"


def test_demo_corpus_is_big_and_broad_enough() -> None:
    items = [item for path in CORPORA["demo"] for item in _items(path)]
    relevant = [i for i in items if i["labels"]["relevant"]]
    provinces = {i["labels"]["province"] for i in relevant} - {None}
    units = {u for i in relevant for u in i["labels"]["units"]}
    months = {i["published_at"][:7] for i in items}
    assert len(items) >= 400 and len(provinces) >= 25 and len(units) >= 55
    assert len(months) >= 12
    assert {i["channel"] for i in items} == {"news", "social"}


def test_planted_bursts_point_at_their_items() -> None:
    bursts = json.loads((ROOT / "src/pantau/demo/corpus/bursts.json").read_text(encoding="utf-8"))
    by_id = {i["id"]: i for path in ALL_FILES for i in _items(path)}
    assert len(bursts) >= 4
    for burst in bursts:
        items = [by_id[item_id] for item_id in burst["item_ids"]]
        assert all(i["labels"]["crisis_category"] == burst["category"] for i in items), burst["id"]
        times = [datetime.fromisoformat(i["published_at"]) for i in items]
        start, end = datetime.fromisoformat(burst["start"]), datetime.fromisoformat(burst["end"])
        assert all(start <= t <= end for t in times), burst["id"]
