"""``pantau bench analyse``: throughput of relevance + tone + crisis + topic on one core.

Compared with trafilatura extracting the same items rendered as simple HTML pages, since
extraction is the other per-item cost of the pipeline. Times are CPU time of this
process (``time.process_time``): on a shared server wall time measures the neighbours, CPU
time measures the work on one core. Peak memory is the process's maximum resident set
size (it includes Python, scikit-learn and the model).
"""

from __future__ import annotations

import html
import resource
import time
from dataclasses import dataclass
from itertools import cycle, islice
from typing import Any

from pantau.analyse.doc import Doc
from pantau.analyse.model import TextModels
from pantau.analyse.pipeline import Pipeline, label_components, make_doc
from pantau.analyse.trainset import Example, bundled_examples


@dataclass
class BenchResult:
    items: int
    analyse_seconds: float
    extract_items: int
    extract_seconds: float
    peak_rss_mb: float

    @property
    def items_per_second(self) -> float:
        return self.items / self.analyse_seconds if self.analyse_seconds else 0.0

    @property
    def extract_per_item(self) -> float:
        return self.extract_seconds / self.extract_items if self.extract_items else 0.0

    @property
    def ratio(self) -> float:
        """How many times cheaper analysis is than extraction, per item."""
        per_item = self.analyse_seconds / self.items if self.items else 0.0
        return self.extract_per_item / per_item if per_item else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "items_per_second": round(self.items_per_second, 1),
            "analyse_ms_per_item": round(1000 * self.analyse_seconds / max(self.items, 1), 3),
            "extract_ms_per_item": round(1000 * self.extract_per_item, 3),
            "extraction_to_analysis_ratio": round(self.ratio, 1),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }


def render_html(example: Example) -> str:
    """The item as a plain news page: a header, the article, a footer."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in example.text.split("\n") if p.strip())
    title = html.escape(example.title)
    return (
        f"<html><head><title>{title}</title></head><body><header><nav>Beranda</nav></header>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Hak cipta</footer></body></html>"
    )


def run_bench(*, models: TextModels | None, items: int, extract_items: int = 300) -> BenchResult:
    """Analyse ``items`` items (the bundled corpus repeated) and extract a sample."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    examples = bundled_examples()
    if not examples:
        raise ValueError("tidak ada korpus bawaan untuk benchmark")
    sample = list(islice(cycle(examples), items))
    pipeline = Pipeline(label_components(models, review_below=0.6))
    # Items reach analysis already cleaned by ingest; cleaning is not analysis's cost.
    cleaned = {e.id: make_doc(e.title, e.text).body for e in examples}
    with threadpool_limits(limits=1):
        pipeline(make_doc(sample[0].title, sample[0].text))  # warm caches once
        started = time.process_time()
        for _ in pipeline.pipe(Doc(title=e.title, body=cleaned[e.id]) for e in sample):
            pass
        analyse_seconds = time.process_time() - started
    extract_seconds, extracted = _extract(sample[: min(extract_items, len(sample))])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return BenchResult(items, analyse_seconds, extracted, extract_seconds, peak)


def _extract(sample: list[Example]) -> tuple[float, int]:
    import trafilatura

    pages = [render_html(e) for e in sample]
    started = time.process_time()
    for page in pages:
        trafilatura.extract(page)
    return time.process_time() - started, len(pages)
