"""Validate part B of the demo corpus (part_b.jsonl, heldout_b.jsonl, bursts.json).

Run from the worktree root:

    PYTHONPATH=src /work/venv/bin/python scripts/check_corpus_b.py [--units /path/demo-units.txt]

Exit status 1 and one line per problem when anything is off; a summary otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from pantau.vocab import Channel, CrisisCategory, Tone, Topic

ROOT = Path(__file__).resolve().parents[1]
PART_B = ROOT / "src/pantau/demo/corpus/part_b.jsonl"
HELDOUT_B = ROOT / "evals/heldout_b.jsonl"
BURSTS = ROOT / "src/pantau/demo/corpus/bursts.json"
UNITS_FILE = Path("/work/wt/demo-units.txt")
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
PLATFORMS = {"x", "instagram", "facebook", "tiktok", "youtube"}
FIRST, LAST = (
    datetime.fromisoformat("2025-12-01T00:00:00+07:00"),
    datetime.fromisoformat("2026-11-26T00:00:00+07:00"),
)
WITA = {
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Selatan",
    "Sulawesi Utara",
    "Sulawesi Tengah",
    "Sulawesi Tenggara",
    "Gorontalo",
    "Sulawesi Barat",
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


def load_units(path: Path) -> dict[str, str]:
    units: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, province, _aliases = (part.strip() for part in line.split("|"))
            units[name] = province
    return units


DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
DAY_MENTION = re.compile(
    r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu),? \((\d{1,2})/(\d{1,2})(?:/(\d{4}))?\)"
)


def check_day_mentions(text: str, published: datetime, where: str) -> list[str]:
    """ "Senin (8/12)" in a text: the weekday must fit the date, which cannot follow publication."""
    errs: list[str] = []
    for day, dd, mm, yyyy in DAY_MENTION.findall(text):
        year = int(yyyy) if yyyy else published.year - (1 if int(mm) > published.month else 0)
        try:
            mentioned = date(year, int(mm), int(dd))
        except ValueError:
            errs.append(f"{where}: impossible date {day} ({dd}/{mm})")
            continue
        if DAYS[mentioned.weekday()] != day:
            errs.append(f"{where}: {day} ({dd}/{mm}/{year}) is a {DAYS[mentioned.weekday()]}")
        if not 0 <= (published.date() - mentioned).days <= 31:
            errs.append(f"{where}: mentions {mentioned} but published {published.date()}")
    return errs


def check_item(item: dict, units: dict[str, str], where: str) -> list[str]:
    errs: list[str] = []
    if list(item) != KEYS:
        return [f"{where}: keys {list(item)}"]
    lab = item["labels"]
    if list(lab) != LABEL_KEYS:
        errs.append(f"{where}: label keys {list(lab)}")
    if item["channel"] not in set(Channel):
        errs.append(f"{where}: channel {item['channel']}")
    if (item["channel"] == "news") != (item["platform"] is None):
        errs.append(f"{where}: platform {item['platform']} for {item['channel']}")
    if item["platform"] is not None and item["platform"] not in PLATFORMS:
        errs.append(f"{where}: platform {item['platform']}")
    if not item["url"].startswith("https://") or ".example/" not in item["url"]:
        errs.append(f"{where}: url {item['url']}")
    when = datetime.fromisoformat(item["published_at"])
    if when.tzinfo is None or not FIRST <= when < LAST:
        errs.append(f"{where}: published_at {item['published_at']}")
    errs.extend(check_day_mentions(item["text"], when, where))
    words = len(item["text"].split())
    if item["channel"] == "news" and not (120 <= words <= 450 + 120):  # page noise may add words
        errs.append(f"{where}: news text has {words} words")
    if item["channel"] == "news" and not item["title"]:
        errs.append(f"{where}: news without title")
    if not lab["relevant"]:
        if (
            lab["tone"] is not None
            or lab["topic"] is not None
            or lab["units"]
            or lab["province"] is not None
        ):
            errs.append(f"{where}: irrelevant item carries labels")
        return errs
    if (
        lab["tone"] not in set(Tone)
        or lab["crisis_category"] not in set(CrisisCategory)
        or lab["topic"] not in set(Topic)
    ):
        errs.append(f"{where}: label value {lab}")
    if (lab["tone"] == "negative") != (lab["crisis_category"] != "none"):
        errs.append(f"{where}: tone/crisis mismatch {lab['tone']}/{lab['crisis_category']}")
    if lab["tone"] == "negative" and lab["topic"] != "incident":
        errs.append(f"{where}: negative item with topic {lab['topic']}")
    for unit in lab["units"]:
        if unit not in units:
            errs.append(f"{where}: unknown unit {unit!r}")
    provinces = {units[u] for u in lab["units"] if u in units}
    if lab["province"] is not None and lab["province"] not in set(units.values()):
        errs.append(f"{where}: unknown province {lab['province']!r}")
    if lab["province"] is not None and provinces and lab["province"] not in provinces:
        errs.append(f"{where}: province {lab['province']} not among its units' {provinces}")
    if len(provinces) == 1 and lab["province"] is None:
        errs.append(f"{where}: single-province units but province null")
    offset = when.utcoffset().total_seconds() / 3600 if when.utcoffset() else 0
    expected = 8 if lab["province"] in WITA else 9 if lab["province"] in WIT else 7
    if offset != expected:
        errs.append(f"{where}: UTC offset {offset} for {lab['province']}")
    return errs


def load(path: Path, prefix: str, units: dict[str, str], errs: list[str]) -> list[dict]:
    items = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for n, item in enumerate(items, 1):
        errs.extend(check_item(item, units, f"{path.name}:{n}:{item.get('id')}"))
        if not str(item.get("id", "")).startswith(prefix):
            errs.append(f"{path.name}:{n}: id {item.get('id')} lacks prefix {prefix}")
    return items


def check_bursts(items: dict[str, dict], errs: list[str]) -> list[dict]:
    bursts = json.loads(BURSTS.read_text(encoding="utf-8"))
    for burst in bursts:
        members = [items.get(i) for i in burst["item_ids"]]
        if any(m is None for m in members):
            errs.append(f"bursts.json {burst['id']}: unknown item id")
            continue
        times = [datetime.fromisoformat(m["published_at"]) for m in members]  # type: ignore[index]
        if min(times) != datetime.fromisoformat(burst["start"]) or max(
            times
        ) != datetime.fromisoformat(burst["end"]):
            errs.append(f"bursts.json {burst['id']}: start/end do not match its items")
        for m in members:
            if m["labels"]["crisis_category"] != burst["category"]:  # type: ignore[index]
                errs.append(f"bursts.json {burst['id']}: {m['id']} has another category")  # type: ignore[index]
    return bursts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=Path, default=UNITS_FILE, help="demo unit list")
    units = load_units(parser.parse_args().units)
    errs: list[str] = []
    part = load(PART_B, "B", units, errs)
    held = load(HELDOUT_B, "HB", units, errs)
    every = part + held
    ids = Counter(i["id"] for i in every)
    errs += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    texts = Counter(" ".join(i["text"].lower().split()) for i in every)
    errs += [f"duplicate text: {t[:60]}" for t, n in texts.items() if n > 1]
    titles_part = {i["title"] for i in part if i["title"]}
    errs += [
        f"held-out title also in part B: {i['title']}" for i in held if i["title"] in titles_part
    ]
    bursts = check_bursts({i["id"]: i for i in every}, errs)
    for e in errs:
        print(e)
    for name, items in (("part_b", part), ("heldout_b", held)):
        lab = [i["labels"] for i in items]
        print(f"{name}: {len(items)} items, channels {dict(Counter(i['channel'] for i in items))}")
        print("  tone", dict(Counter(str(x["tone"]) for x in lab)))
        print(
            "  crisis", dict(Counter(x["crisis_category"] for x in lab if x["tone"] == "negative"))
        )
        print(
            "  topic (non-negative)",
            dict(Counter(str(x["topic"]) for x in lab if x["tone"] != "negative")),
        )
        provinces = {x["province"] for x in lab if x["province"]}
        unit_names = {u for x in lab for u in x["units"]}
        notes = sum(1 for i in items if i["note"])
        print(f"  provinces {len(provinces)}, units {len(unit_names)}, notes {notes}")
    print(f"bursts: {[(b['id'], len(b['item_ids'])) for b in bursts]}")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
