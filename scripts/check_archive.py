"""Validate the hand-written training archive (src/pantau/analyse/training/archive.jsonl).

The archive widens the classifier's training data to 2018-2025 news in the vocabulary of
its time. This script checks keys and their order, label values against pantau.vocab, the
codebook's label logic (negative <=> crisis category, negative => topic incident), unit
names in canonical ``<Type> [Kelas <class>] <Place>`` form, provinces and their time zone,
era vocabulary (no Kemenimipas before October 2024), unique ids, urls and texts, and that
no item repeats a demo-corpus item. Run from the worktree root:

    PYTHONPATH=src /work/venv/bin/python scripts/check_archive.py [--quiet]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from pantau.analyse.units import unit_key
from pantau.vocab import Channel, CrisisCategory, Tone, Topic, UnitType

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "src/pantau/analyse/training/archive.jsonl"
DEMO = sorted((ROOT / "src/pantau/demo/corpus").glob("*.jsonl"))
KEYS = ["id", "channel", "platform", "outlet", "url", "published_at", "title", "text"]
KEYS += ["labels", "note"]
LABEL_KEYS = ["relevant", "tone", "crisis_category", "topic", "units", "province"]
PLATFORMS = {"x", "instagram", "facebook", "tiktok", "youtube"}
WIB = {
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi",
    "Bengkulu", "Sumatera Selatan", "Kepulauan Bangka Belitung", "Lampung", "Banten",
    "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur",
    "Kalimantan Barat", "Kalimantan Tengah",
}  # fmt: skip
WITA = {
    "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Selatan",
    "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Sulawesi Tengah",
    "Sulawesi Selatan", "Sulawesi Tenggara", "Sulawesi Barat", "Gorontalo",
}  # fmt: skip
WIT = {
    "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya", "Papua Selatan",
    "Papua Tengah", "Papua Pegunungan",
}  # fmt: skip
OFFSET = {**dict.fromkeys(WIB, 7), **dict.fromkeys(WITA, 8), **dict.fromkeys(WIT, 9)}
START = datetime.fromisoformat("2018-01-01T00:00:00+07:00")
END = datetime.fromisoformat("2025-12-31T23:59:59+09:00")
# The ministry became Kemenimipas in October 2024; older news cannot use the new name.
NEW_MINISTRY = datetime.fromisoformat("2024-10-21T00:00:00+07:00")
NEW_WORDS = re.compile(r"Kemenimipas|Kementerian Imigrasi dan Pemasyarakatan|Kanwil Ditjenpas")
_TYPES = "|".join(sorted((re.escape(t.value) for t in UnitType), key=len, reverse=True))
UNIT = re.compile(
    rf"^(?:{_TYPES})(?: Kelas (?:I|II|IIA|IIB|III))? [A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*)*$"
)


def check_labels(lab: dict[str, Any], when: datetime) -> list[str]:
    errs: list[str] = []
    if list(lab) != LABEL_KEYS:
        return [f"label keys {list(lab)}"]
    cat = CrisisCategory(lab["crisis_category"])
    if not lab["relevant"]:
        if (lab["tone"], cat, lab["topic"], lab["units"], lab["province"]) != (
            None, "none", None, [], None,
        ):  # fmt: skip
            errs.append("irrelevant item must carry null/none/null/[]/null labels")
        return errs
    tone, topic = Tone(lab["tone"]), Topic(lab["topic"])
    if (tone == Tone.NEGATIVE) != (cat != CrisisCategory.NONE):
        errs.append("crisis category must be set exactly for negative items")
    if (tone == Tone.NEGATIVE) != (topic == Topic.INCIDENT):
        errs.append("negative items take topic incident, others never")
    errs += [f"unit not canonical: {u!r}" for u in lab["units"] if not UNIT.match(u)]
    if len(set(lab["units"])) != len(lab["units"]):
        errs.append("unit listed twice")
    prov = lab["province"]
    if prov is not None and prov not in OFFSET:
        errs.append(f"unknown province {prov!r}")
    if lab["units"] and prov is None:
        errs.append("units named but no province")
    offset = when.utcoffset()
    hours = offset.total_seconds() / 3600 if offset else 0.0
    if prov in OFFSET and hours != OFFSET[prov]:
        errs.append(f"time zone +{hours:g} but {prov} wants +{OFFSET[prov]}")
    return errs


def check_item(item: dict[str, Any]) -> list[str]:
    if list(item) != KEYS:
        return [f"keys {list(item)}"]
    errs: list[str] = []
    if not re.fullmatch(r"C\d{4}", item["id"]):
        errs.append("id must look like C0001")
    social = Channel(item["channel"]) == Channel.SOCIAL
    if social != (item["platform"] in PLATFORMS) or (not social and item["platform"]):
        errs.append("platform/channel mismatch")
    if social == bool(item["title"]):
        errs.append("news items carry a title, social posts none")
    url = item["url"]
    if not url.startswith("https://") or ".example/" not in url or " " in url:
        errs.append("url not an invented https .example address")
    when = datetime.fromisoformat(item["published_at"])
    offset = when.utcoffset()
    if offset is None:
        return [*errs, "published_at has no time zone"]
    if not START <= when <= END:
        errs.append(f"date {item['published_at']} out of 2018-2025")
    if offset.total_seconds() / 3600 not in (7, 8, 9):
        errs.append("offset is not WIB/WITA/WIT")
    if when < NEW_MINISTRY and NEW_WORDS.search(item["text"] + str(item["title"])):
        errs.append("uses Kemenimipas-era words before October 2024")
    words = len(item["text"].split())
    # Page noise (tickers, related links) adds words on top of a 60-450 word article.
    if not social and not 60 <= words <= 520:
        errs.append(f"news length {words} words")
    if social and words > 160:
        errs.append(f"social post of {words} words")
    return errs + check_labels(item["labels"], when)


def summarise(items: list[dict[str, Any]]) -> None:
    groups: dict[str, Counter[str]] = {k: Counter() for k in ("label", "crisis", "topic")}
    groups |= {k: Counter() for k in ("year", "channel", "province")}
    units: Counter[str] = Counter()
    for item in items:
        lab = item["labels"]
        groups["label"][lab["tone"] if lab["relevant"] else "irrelevant"] += 1
        groups["crisis"][lab["crisis_category"]] += lab["tone"] == "negative"
        if lab["relevant"]:
            groups["topic"][lab["topic"]] += 1
            groups["province"][lab["province"] or "(national)"] += 1
        groups["year"][item["published_at"][:4]] += 1
        groups["channel"][item["platform"] or item["channel"]] += 1
        units.update(lab["units"])
    print(
        f"{len(items)} items, {len(units)} distinct units, noisy pages approx "
        f"{sum('Share' in i['text'] or 'Baca' in i['text'] or 'BACA' in i['text'] for i in items)}"
    )
    for name, counter in groups.items():
        cells = ", ".join(f"{k}={v}" for k, v in sorted(counter.items()) if v)
        print(f"  {name} ({len(+counter)}): {cells}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=ARCHIVE)
    parser.add_argument("--quiet", action="store_true", help="errors only, no summary")
    args = parser.parse_args()
    demo_keys = set()
    # One spelling per unit across archive and demo corpus (class included), so that
    # the two training sources never teach different canonical names for one unit.
    spelling: dict[str, str] = {}
    for path in DEMO:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                demo = json.loads(line)
                demo_keys |= {demo["text"][:200], str(demo["title"])}
                for unit in demo["labels"]["units"]:
                    spelling.setdefault(unit_key(unit), unit)
    items = []
    seen: dict[str, str] = {}
    failed = False
    for n, line in enumerate(args.file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        items.append(item)
        errs = check_item(item)
        for key in (item["id"], item["url"], item["text"][:200], str(item["title"])):
            if key != "None" and seen.setdefault(key, item["id"]) != item["id"]:
                errs.append(f"repeats {seen[key]}: {key[:60]!r}")
        for unit in item["labels"]["units"]:
            if spelling.setdefault(unit_key(unit), unit) != unit:
                errs.append(f"unit {unit!r} also spelled {spelling[unit_key(unit)]!r}")
        if item["text"][:200] in demo_keys or (item["title"] and item["title"] in demo_keys):
            errs.append("repeats a demo-corpus item")
        for err in errs:
            failed = True
            print(f"line {n} {item.get('id')}: {err}")
    if not args.quiet:
        summarise(items)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
