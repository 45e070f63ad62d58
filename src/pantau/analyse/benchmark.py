"""``pantau bench analyse``: throughput of relevance + tone + crisis + topic on one core.

Compared with trafilatura extracting the same items rendered as HTML, since extraction is
the other per-item cost of the pipeline. Two renderings: a portal page
(:mod:`pantau.demo.news_page`: menus, ad slots, "Baca juga" boxes, related and most-read
lists, as crawled pages come) is the comparison the target is about; a bare ``<article>``
page is reported beside it as the floor of extraction's cost. Times are CPU time of this
process (``time.process_time``): on a shared server wall time measures the neighbours, CPU
time measures the work on one core. Peak memory is the process's maximum resident set
size of the analysing process (it includes Python, the imported libraries and the model;
extraction runs in a worker process of its own).
"""

from __future__ import annotations

import html
import multiprocessing
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import cycle, islice
from typing import Any

from pantau.analyse.doc import Doc
from pantau.analyse.model import TextModels, one_blas_thread
from pantau.analyse.pipeline import Pipeline, label_components, make_doc
from pantau.analyse.trainset import Example, bundled_examples
from pantau.demo.news_page import render_news_page


@dataclass
class BenchResult:
    items: int
    analyse_seconds: float
    extract_items: int
    extract_seconds: float
    bare_extract_seconds: float
    page_kb: float
    peak_rss_mb: float

    @property
    def items_per_second(self) -> float:
        return self.items / self.analyse_seconds if self.analyse_seconds else 0.0

    @property
    def extract_per_item(self) -> float:
        return self.extract_seconds / self.extract_items if self.extract_items else 0.0

    @property
    def analyse_per_item(self) -> float:
        return self.analyse_seconds / self.items if self.items else 0.0

    @property
    def bare_extract_per_item(self) -> float:
        return self.bare_extract_seconds / self.extract_items if self.extract_items else 0.0

    @property
    def ratio(self) -> float:
        """How many times cheaper analysis is than extracting a portal page, per item."""
        per_item = self.analyse_per_item
        return self.extract_per_item / per_item if per_item else 0.0

    @property
    def bare_ratio(self) -> float:
        per_item = self.analyse_per_item
        return self.bare_extract_per_item / per_item if per_item else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "items_per_second": round(self.items_per_second, 1),
            "analyse_ms_per_item": round(1000 * self.analyse_per_item, 3),
            "extract_ms_per_item": round(1000 * self.extract_per_item, 3),
            "extraction_to_analysis_ratio": round(self.ratio, 1),
            "portal_page_kb": round(self.page_kb, 1),
            "bare_extract_ms_per_item": round(1000 * self.bare_extract_per_item, 3),
            "bare_extraction_to_analysis_ratio": round(self.bare_ratio, 1),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }


def render_bare_html(example: Example) -> str:
    """The item as the barest news page: a header, the article, a footer."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in example.text.split("\n") if p.strip())
    title = html.escape(example.title)
    return (
        f"<html><head><title>{title}</title></head><body><header><nav>Beranda</nav></header>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Hak cipta</footer></body></html>"
    )


def run_bench(
    *, models: TextModels | None, items: int, extract_items: int = 300, rounds: int = 10
) -> BenchResult:
    """Analyse ``items`` items (the bundled corpus repeated) and extract a sample as pages.

    The work runs in ``rounds``, each analysing its share of the items and then extracting
    its share of the pages, so both sides of the ratio see the same machine: on a shared
    server a neighbour's burst would otherwise land on one side only.
    """
    examples = bundled_examples()
    if not examples:
        raise ValueError("tidak ada korpus bawaan untuk benchmark")
    sample = list(islice(cycle(examples), items))
    pipeline = Pipeline(label_components(models, review_below=0.6))
    # Items reach analysis already cleaned by ingest; cleaning is not analysis's cost.
    cleaned = {e.id: make_doc(e.title, e.text).body for e in examples}
    portal, bare = _pages(sample[: min(extract_items, len(sample))], examples)
    times = {"analyse": 0.0, "portal": 0.0, "bare": 0.0}
    # Extraction runs in a worker process: its CPU time is measured there, and its memory
    # stays out of this process's peak, which is the analysis's own.
    spawn = multiprocessing.get_context("spawn")
    with one_blas_thread(), ProcessPoolExecutor(1, mp_context=spawn) as extractor:
        # Start it and pay trafilatura's one-time set-up outside the timing: a short bare
        # page takes its fallback path, which loads more on first use (~0.2 s).
        extractor.submit(_extract, [portal[0], bare[0], min(bare, key=len)]).result()
        pipeline(make_doc(sample[0].title, sample[0].text))  # warm caches once
        for share in range(rounds):
            chunk = sample[share * items // rounds : (share + 1) * items // rounds]
            started = time.process_time()
            for _ in pipeline.pipe(Doc(title=e.title, body=cleaned[e.id]) for e in chunk):
                pass
            times["analyse"] += time.process_time() - started
            pages = slice(share * len(portal) // rounds, (share + 1) * len(portal) // rounds)
            times["portal"] += extractor.submit(_extract, portal[pages]).result()
            times["bare"] += extractor.submit(_extract, bare[pages]).result()
    return BenchResult(
        items=items,
        analyse_seconds=times["analyse"],
        extract_items=len(portal),
        extract_seconds=times["portal"],
        bare_extract_seconds=times["bare"],
        page_kb=sum(len(p.encode("utf-8")) for p in portal) / max(len(portal), 1) / 1024,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    )


def _pages(sample: list[Example], examples: list[Example]) -> tuple[list[str], list[str]]:
    """The sample as portal pages (other items' titles in the lists) and as bare pages."""
    headlines = [e.title for e in examples]
    portal = [
        render_news_page(e.title, e.text, headlines=headlines, seed=n) for n, e in enumerate(sample)
    ]
    return portal, [render_bare_html(e) for e in sample]


def _extract(pages: list[str]) -> float:
    import trafilatura

    started = time.process_time()
    for page in pages:
        trafilatura.extract(page)
    return time.process_time() - started
