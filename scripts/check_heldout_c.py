"""Validate evals/heldout_c.jsonl (held-out set C, written blind to the classifier).

Run from the worktree root:

    PYTHONPATH=src /work/venv/bin/python scripts/check_heldout_c.py [path]

Prints one line per problem and exits 1, or prints a summary of the label mix.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

from pantau.vocab import Channel, CrisisCategory, Tone, Topic, UnitType

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "evals/heldout_c.jsonl"
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
WIB = {
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi",
    "Sumatera Selatan", "Kepulauan Bangka Belitung", "Bengkulu", "Lampung", "DKI Jakarta",
    "Banten", "Jawa Barat", "Jawa Tengah", "Daerah Istimewa Yogyakarta", "Jawa Timur",
    "Kalimantan Barat", "Kalimantan Tengah",
}  # fmt: skip
WITA = {
    "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Selatan",
    "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Selatan", "Sulawesi Utara",
    "Sulawesi Tengah", "Sulawesi Tenggara", "Gorontalo", "Sulawesi Barat",
}  # fmt: skip
WIT = {
    "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya", "Papua Selatan",
    "Papua Tengah", "Papua Pegunungan",
}  # fmt: skip
OFFSET = {
    **dict.fromkeys(WIB, "+07:00"),
    **dict.fromkeys(WITA, "+08:00"),
    **dict.fromkeys(WIT, "+09:00"),
}
CLASS = r"(?: Kelas (?:I|IIA|IIB|II|III))?"
TYPES = "|".join(sorted((t.value for t in UnitType), key=len, reverse=True))
UNIT_RE = re.compile(rf"^(?:{TYPES}){CLASS} [A-Z][\w .'-]+$")
URL_RE = re.compile(r"^https://[a-z0-9.-]+\.example/\S+$")


def label_problems(where: str, labels: dict[str, object]) -> list[str]:
    """Problems in one item's labels: values from pantau.vocab and the codebook's rules."""
    out: list[str] = []
    if list(labels) != LABEL_KEYS:
        return [f"{where}: label keys {list(labels)}"]
    tone, cat, topic = labels["tone"], labels["crisis_category"], labels["topic"]
    units, province = labels["units"], labels["province"]
    if cat not in {c.value for c in CrisisCategory}:
        out.append(f"{where}: crisis_category {cat!r}")
    if not labels["relevant"]:
        if (tone, cat, topic, units, province) != (None, "none", None, [], None):
            out.append(f"{where}: irrelevant item must carry null/none/[] labels")
        return out
    if tone not in {t.value for t in Tone}:
        out.append(f"{where}: tone {tone!r}")
    if topic not in {t.value for t in Topic}:
        out.append(f"{where}: topic {topic!r}")
    if (tone == "negative") != (cat != "none"):
        out.append(f"{where}: negative tone and crisis category disagree")
    if (tone == "negative") != (topic == "incident"):
        out.append(f"{where}: negative items (only) take topic incident")
    if not isinstance(units, list) or any(not UNIT_RE.match(str(u)) for u in units):
        out.append(f"{where}: unit not canonical: {units}")
    if province is not None and province not in OFFSET:
        out.append(f"{where}: province {province!r}")
    return out


def item_problems(line_no: int, item: dict[str, object], seen: set[str]) -> list[str]:
    where = f"line {line_no} ({item.get('id')})"
    if list(item) != KEYS:
        return [f"{where}: keys {list(item)}"]
    out: list[str] = []
    if not re.fullmatch(r"HC\d{3}", str(item["id"])) or item["id"] in seen:
        out.append(f"{where}: bad or duplicate id")
    seen.add(str(item["id"]))
    if item["channel"] not in {c.value for c in Channel}:
        out.append(f"{where}: channel {item['channel']!r}")
    news = item["channel"] == "news"
    if (news and item["platform"] is not None) or (not news and item["platform"] not in PLATFORMS):
        out.append(f"{where}: platform {item['platform']!r} for channel {item['channel']}")
    if not URL_RE.match(str(item["url"])):
        out.append(f"{where}: url {item['url']!r}")
    if not str(item["text"]).strip() or (news and not str(item["title"]).strip()):
        out.append(f"{where}: empty text or news title")
    try:
        when = datetime.fromisoformat(str(item["published_at"]))
    except ValueError:
        return [*out, f"{where}: published_at {item['published_at']!r}"]
    stamp = str(item["published_at"])[-6:]
    if when.tzinfo is None or stamp not in {"+07:00", "+08:00", "+09:00"}:
        out.append(f"{where}: published_at needs +07/+08/+09")
    if not 2019 <= when.year <= 2025:
        out.append(f"{where}: year {when.year} outside 2019-2025")
    labels = item["labels"]
    assert isinstance(labels, dict)
    out += label_problems(where, labels)
    province = labels.get("province")
    if province in OFFSET and OFFSET[str(province)] != stamp:
        out.append(f"{where}: offset {stamp} does not match {province}")
    return out


def summary(items: list[dict[str, object]]) -> None:
    def count(key: str) -> Counter[str]:
        return Counter(str(i["labels"][key]) for i in items)  # type: ignore[index]

    rel = [i for i in items if i["labels"]["relevant"]]  # type: ignore[index]
    print(f"{len(items)} items, {len(rel)} relevant")
    for key in ("tone", "crisis_category", "topic", "province"):
        print(f"{key}: {dict(count(key).most_common())}")
    print("channel:", dict(Counter(str(i["channel"]) for i in items)))
    print("years:", dict(sorted(Counter(str(i["published_at"])[:4] for i in items).items())))
    words = sorted(len(str(i["text"]).split()) for i in items)
    print(f"words: min {words[0]}, median {words[len(words) // 2]}, max {words[-1]}")


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    items, problems, seen = [], [], set[str]()
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        item = json.loads(line)
        items.append(item)
        problems += item_problems(no, item, seen)
    for p in problems:
        print(p)
    if problems:
        return 1
    summary(items)
    return 0


if __name__ == "__main__":
    sys.exit(main())
