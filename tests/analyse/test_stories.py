"""Story clustering on a set written for it: copies versus distinct but similar stories."""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path

import numpy as np

from pantau.analyse.doc import Doc
from pantau.analyse.entities import UnitsComponent
from pantau.analyse.stories import Signature, StoryIndex

FIXTURES = Path(__file__).parents[1] / "fixtures" / "entities"


def _rows() -> list[dict[str, str]]:
    lines = (FIXTURES / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines), key=lambda r: r["published_at"])


def _cluster(rows: list[dict[str, str]], *, with_units: bool) -> dict[str, str]:
    units = UnitsComponent()
    index = StoryIndex()
    out = {}
    for row in rows:
        doc = Doc(title=row["title"], body=row["text"])
        units(doc)
        out[row["id"]] = index.add(
            row["id"],
            row["text"],
            title=row["title"],
            published_at=datetime.fromisoformat(row["published_at"]),
            units=doc.labels["units"] if with_units else (),
        )
    return out


def _pairwise(rows: list[dict[str, str]], predicted: dict[str, str]) -> tuple[float, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(rows, 2):
        same_gold = a["story"] == b["story"]
        same_pred = predicted[a["id"]] == predicted[b["id"]]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def test_copies_cluster_and_similar_stories_stay_apart() -> None:
    rows = _rows()
    assert len({r["story"] for r in rows}) == 10 and len(rows) == 50
    for with_units in (True, False):
        precision, recall = _pairwise(rows, _cluster(rows, with_units=with_units))
        assert precision >= 0.95, (with_units, precision)
        assert recall >= 0.90, (with_units, recall)


def test_two_escapes_in_one_week_and_two_remisi_on_one_day_do_not_merge() -> None:
    rows = _rows()
    predicted = _cluster(rows, with_units=False)
    for a, b in (("kabur_sorong", "kabur_kupang"), ("remisi_kendari", "remisi_palu")):
        assert predicted[f"{a}-0"] != predicted[f"{b}-0"]


def test_story_key_is_the_first_items_key_and_adding_is_incremental() -> None:
    rows = [r for r in _rows() if r["story"] == "razia_medan"]
    index = StoryIndex()
    keys = [index.add(r["id"], r["text"], title=r["title"]) for r in rows]
    assert set(keys) == {rows[0]["id"]}
    assert len(index) == len(rows)


def test_date_window_keeps_a_copy_a_month_later_apart() -> None:
    row = _rows()[0]
    index = StoryIndex()
    first = index.add("a", row["text"], published_at=datetime(2023, 1, 1))
    assert index.add("b", row["text"], published_at=datetime(2023, 1, 3)) == first
    assert index.add("c", row["text"], published_at=datetime(2023, 3, 1)) == "c"


def test_signature_bytes_round_trip() -> None:
    index = StoryIndex()
    signature = index.signer.sign(_rows()[0]["text"])
    back = Signature.from_bytes(signature.to_bytes(), signature.size)
    assert np.array_equal(back.values, signature.values) and back.size == signature.size


def test_band_table_grows_without_losing_items() -> None:
    index = StoryIndex(capacity=4)
    rows = _rows()
    first = [index.add(r["id"], r["text"]) for r in rows]
    again = StoryIndex(capacity=4096)
    second = [again.add(r["id"], r["text"]) for r in rows]
    assert first == second
