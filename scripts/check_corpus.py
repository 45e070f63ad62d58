"""Validate Pantau's hand-written demo corpus files (part A and its held-out set).

Checks keys, label values against pantau.vocab, unit names against the demo unit list,
provinces, date range and time zones, unique ids, and that no item appears in both the
training file and the held-out file. Run from the worktree root:

    PYTHONPATH=src /work/venv/bin/python scripts/check_corpus.py [--units /path/demo-units.txt]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from pantau.vocab import Channel, CrisisCategory, Tone, Topic

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "part_a": ROOT / "src/pantau/demo/corpus/part_a.jsonl",
    "heldout_a": ROOT / "evals/heldout_a.jsonl",
}
KEYS = [
    "id",
    "channel",
    "platform",
    "outlet",
    "url",
    "published_at",
    "title",
    "text",
    "labels",
    "note",
]
LABEL_KEYS = ["relevant", "tone", "crisis_category", "topic", "units", "province"]
PLATFORMS = {None, "x", "instagram", "facebook", "tiktok", "youtube"}
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
PROVINCES = (
    WITA
    | WIT
    | {
        "Aceh",
        "Sumatera Utara",
        "Sumatera Barat",
        "Riau",
        "Kepulauan Riau",
        "Jambi",
        "Bengkulu",
        "Sumatera Selatan",
        "Kepulauan Bangka Belitung",
        "Lampung",
        "Banten",
        "DKI Jakarta",
        "Jawa Barat",
        "Jawa Tengah",
        "DI Yogyakarta",
        "Jawa Timur",
        "Kalimantan Barat",
        "Kalimantan Tengah",
    }
)
START = datetime.fromisoformat("2025-12-01T00:00:00+07:00")
END = datetime.fromisoformat("2026-11-25T23:59:59+09:00")


def load_units(path: Path) -> dict[str, str]:
    units = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "|" not in line:
            continue
        name, province, _ = (part.strip() for part in line.split("|"))
        units[name] = province
    return units


def check_labels(lab: dict[str, Any], when: datetime, units: dict[str, str]) -> list[str]:
    errs: list[str] = []
    CrisisCategory(lab["crisis_category"])
    if not lab["relevant"]:
        if (lab["tone"], lab["crisis_category"], lab["topic"], lab["units"], lab["province"]) != (
            None,
            "none",
            None,
            [],
            None,
        ):
            errs.append("irrelevant item must carry null/none/null/[]/null labels")
        return errs
    Tone(lab["tone"])
    Topic(lab["topic"])
    if lab["tone"] == "negative" or lab["crisis_category"] != "none":
        errs.append("part A holds no negative items")
    errs += [f"unknown unit {unit!r}" for unit in lab["units"] if unit not in units]
    prov = lab["province"]
    if prov is not None and prov not in PROVINCES:
        errs.append(f"bad province {prov!r}")
    if prov is not None and lab["units"] and prov not in {units.get(u) for u in lab["units"]}:
        errs.append(f"province {prov} matches none of the units")
    offset = when.utcoffset()
    hours = offset.total_seconds() / 3600 if offset else 0
    want = 8 if prov in WITA else 9 if prov in WIT else 7
    if prov is not None and hours != want:
        errs.append(f"time zone +{hours:g} but {prov} wants +{want}")
    return errs


def check_item(item: dict[str, Any], units: dict[str, str]) -> list[str]:
    errs: list[str] = []
    if list(item) != KEYS or list(item["labels"]) != LABEL_KEYS:
        return [f"keys {list(item)} / {list(item.get('labels', {}))}"]
    Channel(item["channel"])
    if item["platform"] not in PLATFORMS or (item["channel"] == "social") == (
        item["platform"] is None
    ):
        errs.append("platform/channel mismatch")
    if (item["channel"] == "news") != bool(item["title"]):
        errs.append("news items carry a title, social posts none")
    if (
        not item["url"].startswith("https://")
        or ".example/" not in item["url"]
        or " " in item["url"]
    ):
        errs.append("url not an invented .example address")
    when = datetime.fromisoformat(item["published_at"])
    if when.tzinfo is None or not START <= when <= END:
        errs.append(f"date {item['published_at']} out of range")
    errs += check_labels(item["labels"], when, units)
    words = len(item["text"].split())
    if item["channel"] == "news" and not 120 <= words <= 450:
        errs.append(f"news length {words} words")
    return errs


def summarise(name: str, items: list[dict[str, Any]]) -> None:
    counts: Counter[str] = Counter()
    provinces: Counter[str] = Counter()
    used_units: Counter[str] = Counter()
    for item in items:
        lab = item["labels"]
        counts[str(lab["tone"]) if lab["relevant"] else "irrelevant"] += 1
        counts[f"{item['channel']}:{item['platform'] or '-'}"] += 1
        if lab["relevant"]:
            counts[f"topic:{lab['topic']}"] += 1
        if lab["province"]:
            provinces[lab["province"]] += 1
        used_units.update(lab["units"])
    print(f"{name}: {len(items)} items")
    print("  " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    print(f"  {len(provinces)} provinces: " + ", ".join(sorted(provinces)))
    print(f"  {len(used_units)} units")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=Path, default=Path("/work/wt/demo-units.txt"))
    args = parser.parse_args()
    units = load_units(args.units)
    seen_ids: set[str] = set()
    owner: dict[str, str] = {}
    failed = False
    for name, path in FILES.items():
        items = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        for item in items:
            errs = check_item(item, units)
            if item["id"] in seen_ids:
                errs.append("duplicate id")
            seen_ids.add(item["id"])
            for key in (item["text"][:300], str(item["title"]) + item["url"]):
                if owner.setdefault(key, name) != name:
                    errs.append(f"also in {owner[key]}")
            for err in errs:
                failed = True
                print(f"{name} {item['id']}: {err}")
        summarise(name, items)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
