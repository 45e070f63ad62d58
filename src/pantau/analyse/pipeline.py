"""The analysis pipeline: declared components run in a checked order.

Each component declares ``requires`` and ``assigns``; :class:`Pipeline` refuses an order in
which a component needs a label nobody assigned before it, and refuses two components
assigning the same label. Labels whose names start with "_" are working state (the token
view, the model's probabilities) and never leave the pipeline.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pantau.analyse.crisis import CrisisAnalyser
from pantau.analyse.doc import Component, Doc
from pantau.analyse.model import MODEL_TEXT_CHARS, TextModels, load_or_train
from pantau.analyse.normalise import view_of
from pantau.analyse.relevance import Relevance
from pantau.analyse.tone import ToneAnalyser
from pantau.analyse.topic import Confidence, TopicAnalyser
from pantau.analyse.trainset import bundled_examples
from pantau.errors import PantauError
from pantau.ingest.clean import clean_body
from pantau.settings import Settings

BATCH = 256


class PipelineError(PantauError):
    """Components declared in an order that cannot work."""


class Normaliser:
    name = "normalise"
    version = "1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("_view",)

    def __call__(self, doc: Doc) -> None:
        doc.labels["_view"] = view_of(doc)


class TextModelComponent:
    """Runs the statistical model; batched through :meth:`pipe` for speed."""

    name = "textmodel"
    requires: tuple[str, ...] = ("_view",)
    assigns: tuple[str, ...] = ("_model",)

    def __init__(self, models: TextModels | None) -> None:
        self.models = models
        self.version = models.version if models else "none"

    def __call__(self, doc: Doc) -> None:
        self.pipe([doc])

    def pipe(self, docs: Sequence[Doc]) -> None:
        if self.models is None:
            for doc in docs:
                doc.labels["_model"] = {}
            return
        texts = [doc.labels["_view"].model_text(MODEL_TEXT_CHARS) for doc in docs]
        for doc, prediction in zip(docs, self.models.predict(texts), strict=True):
            doc.labels["_model"] = prediction


class Pipeline:
    def __init__(self, components: Sequence[Component]) -> None:
        self.components = list(components)
        check_order(self.components)

    @property
    def versions(self) -> dict[str, str]:
        return {c.name: c.version for c in self.components}

    def __call__(self, doc: Doc) -> Doc:
        for component in self.components:
            component(doc)
        _drop_working_state(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch: int = BATCH) -> Iterable[Doc]:
        """Analyse many docs; components with a ``pipe`` method get whole batches."""
        chunk: list[Doc] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= batch:
                yield from self._run_batch(chunk)
                chunk = []
        if chunk:
            yield from self._run_batch(chunk)

    def _run_batch(self, docs: list[Doc]) -> list[Doc]:
        with cyclic_gc_paused():
            for component in self.components:
                batched = getattr(component, "pipe", None)
                if callable(batched):
                    batched(docs)
                else:
                    for doc in docs:
                        component(doc)
            for doc in docs:
                _drop_working_state(doc)
        return docs


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Keep Python's cycle collector out of a batch (reference counting still frees memory).

    A batch holds ~30,000 small token objects without cycles; each time the collector
    runs it walks them all again, which measured as half of tokenising's time. Threads
    share the switch, so it is counted: the last one out turns it back on.
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


def _drop_working_state(doc: Doc) -> None:
    """Working labels ("_view", "_model" ...) never leave the pipeline (and hold memory)."""
    for key in [k for k in doc.labels if k.startswith("_")]:
        del doc.labels[key]


def check_order(components: Sequence[Component]) -> None:
    """Every requirement assigned earlier; every label assigned once."""
    assigned: dict[str, str] = {}
    for component in components:
        missing = [r for r in component.requires if r not in assigned]
        if missing:
            raise PipelineError(
                f"komponen {component.name!r} membutuhkan {missing} yang belum diisi sebelumnya"
            )
        for label in component.assigns:
            if label in assigned:
                raise PipelineError(
                    f"label {label!r} diisi oleh {assigned[label]!r} dan {component.name!r}"
                )
            assigned[label] = component.name


def label_components(
    models: TextModels | None,
    *,
    review_below: float,
    model_weight: float = 1.0,
    rule_weight: float = 1.0,
) -> list[Component]:
    """Relevance, tone, crisis and topic, with the model they fuse with.

    ``model_weight`` and ``rule_weight`` exist to measure the combination (rules only,
    model only, both); the defaults are the measured best.
    """
    weights = {"model_weight": model_weight, "rule_weight": rule_weight}
    return [
        Normaliser(),
        TextModelComponent(models),
        Relevance(**weights),
        ToneAnalyser(**weights),
        CrisisAnalyser(**weights),
        TopicAnalyser(**weights),
        Confidence(review_below=review_below),
    ]


def default_pipeline(settings: Settings, *, models: TextModels | None = None) -> Pipeline:
    """Label components + the entity components; trains the model on first use."""
    from pantau.analyse.entities import entity_components

    if models is None:
        models = load_or_train(settings.model_path, bundled_examples())
    components = label_components(models, review_below=settings.analysis.review_confidence)
    return Pipeline([*components, *entity_components(settings)])


def make_doc(title: str, text: str, **extra: Any) -> Doc:
    """A Doc from raw title and text, with the page noise cleaned off the text."""
    return Doc(title=title or "", body=clean_body(text or "", title=title or None), **extra)


def public_labels(doc: Doc) -> dict[str, Any]:
    """The labels an item keeps: working state ("_" names) left out."""
    return {k: v for k, v in doc.labels.items() if not k.startswith("_")}


def explanation_json(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    return {label: [e.as_dict() for e in evidence] for label, evidence in doc.explanation.items()}
