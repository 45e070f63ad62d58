"""``pantau bench analyse``'s measurement: what it compares is what it says it compares."""

from __future__ import annotations

from pantau.analyse.benchmark import run_bench
from pantau.analyse.model import TextModels


def test_bench_counts_its_work_and_portal_pages_cost_more_than_bare_ones(
    models: TextModels,
) -> None:
    result = run_bench(models=models, items=120, extract_items=12, rounds=3)
    report = result.as_dict()
    assert report["items"] == 120 and result.extract_items == 12
    assert result.analyse_seconds > 0 and result.extract_seconds > 0
    # A portal page carries menus and lists around the article: more to take apart.
    assert result.extract_per_item > result.bare_extract_per_item
    assert report["portal_page_kb"] > 10
    assert report["extraction_to_analysis_ratio"] > report["bare_extraction_to_analysis_ratio"]
