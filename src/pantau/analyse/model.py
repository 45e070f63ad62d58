"""The statistical half: TF-IDF word and character n-grams with logistic regression heads.

One vectoriser is shared by four heads (relevant, tone, crisis_category, topic); each head
is trained only on the items where its label applies (tone on relevant items, crisis on
negative items, topic on positive and neutral items). Logistic regression is fitted on log
loss, so its probabilities are calibrated enough to fuse with the rule scores and to drive
the review queue; ``evaluate`` reports the calibration error so that claim stays checked.

The model is rebuilt from data in the repository (bundled corpus, seed items) plus
analysts' corrections; its version is a hash of that data and of MODEL_CODE_VERSION, so a
fresh clone trains the same model without any committed binary.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

from pantau.analyse.doc import Doc
from pantau.analyse.features import CompiledTfidf, compile_union
from pantau.analyse.normalise import view_of
from pantau.analyse.trainset import Example

log = logging.getLogger(__name__)

MODEL_CODE_VERSION = "6"
MODEL_FILE = "pantau-text.joblib"
TASKS = ("relevant", "tone", "crisis_category", "topic")
MODEL_TEXT_CHARS = 1500
CHAR_NGRAM_CHARS = 400


@cache
def _thread_pools() -> Any:
    # Finding the loaded BLAS/OpenMP libraries costs ~3 ms; a prediction batch, ~30 ms.
    return ThreadpoolController()


def one_blas_thread() -> Any:
    """A context where BLAS and OpenMP use one thread (see train_models for why)."""
    return _thread_pools().limit(limits=1)


def lead_text(text: str) -> str:
    """Character n-grams read only the title and lead: most of the signal, a fraction of the cost.

    400 characters of 3-4-grams score as 600 characters of 3-5-grams did on the held-out
    sets and the dev corpus (measured 2026-11-27) at half the transform time.
    """
    return text[:CHAR_NGRAM_CHARS].lower()


def model_text(title: str, body: str) -> str:
    """What the model reads: the title and the body's non-noise sentences, truncated."""
    return view_of(Doc(title=title, body=body)).model_text(MODEL_TEXT_CHARS)


def task_label(example: Example, task: str) -> str | None:
    """The example's label for ``task``, or None when the task does not apply to it."""
    labels = example.labels
    only = labels.get("_train")
    if isinstance(only, list) and task not in only:
        return None  # an analyst corrected other fields of this item; learn only those
    relevant = labels.get("relevant")
    if task == "relevant":
        return None if relevant is None else ("true" if relevant else "false")
    if relevant is not True:
        return None
    tone = labels.get("tone")
    if task == "tone":
        return str(tone) if tone else None
    if task == "crisis_category":
        category = labels.get("crisis_category")
        return str(category) if tone == "negative" and category and category != "none" else None
    topic = labels.get("topic")
    return str(topic) if tone in ("positive", "neutral") and topic else None


def data_version(examples: Sequence[Example]) -> str:
    digest = hashlib.sha256(MODEL_CODE_VERSION.encode())
    for example in sorted(examples, key=lambda e: e.id):
        record = [example.id, example.title, example.text, example.labels]
        digest.update(json.dumps(record, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:12]


@dataclass
class TextModels:
    version: str
    vectorizer: Any
    heads: dict[str, Any] = field(default_factory=dict)
    trained_on: dict[str, int] = field(default_factory=dict)
    code_version: str = MODEL_CODE_VERSION
    features: CompiledTfidf | None = None  # the vectoriser's fast transform (see features.py)
    bundled_version: str = ""  # data_version of the bundled examples it was trained with

    @property
    def has_corrections(self) -> bool:
        """Trained on more than the bundled examples (analysts' corrections).

        A model that does not know its bundled version cannot say; it is treated as
        bundled-only, so it is retrained rather than kept forever.
        """
        return bool(self.bundled_version) and self.version != self.bundled_version

    def predict(self, texts: Sequence[str]) -> list[dict[str, dict[str, float]]]:
        """Per text, per task, the probability of each class."""
        out: list[dict[str, dict[str, float]]] = [{} for _ in texts]
        if not texts:
            return out
        with one_blas_thread():
            if self.features is None:
                matrix = self.vectorizer.transform(list(texts))
            else:
                matrix = self.features.transform(texts)
            for task, head in self.heads.items():
                classes = [str(c) for c in head.classes_]
                for row, probs in zip(out, head.predict_proba(matrix).tolist(), strict=True):
                    row[task] = dict(zip(classes, probs, strict=True))
        return out


def _vectorizer() -> FeatureUnion:
    return FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    ngram_range=(1, 2), min_df=1, max_features=20000, sublinear_tf=True,
                    lowercase=True, token_pattern=r"(?u)\b\w[\w-]+\b",
                ),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 4), min_df=2, max_features=25000,
                    sublinear_tf=True, preprocessor=lead_text,
                ),
            ),
        ]
    )  # fmt: skip


def train_models(examples: Sequence[Example], *, bundled_version: str = "") -> TextModels:
    """Fit the shared vectoriser and one head per task on ``examples``.

    ``bundled_version`` is the data_version of the bundled part of ``examples`` (all of
    them when not given), so a later release with new bundled data can tell the model
    is behind it.
    """
    # One BLAS thread: these problems are tiny, and on a shared 2-core server a
    # multi-threaded BLAS spends its time spinning (measured: 13 s -> well under 1 s).
    with one_blas_thread():
        models = _train(examples)
    models.bundled_version = bundled_version or models.version
    return models


def _train(examples: Sequence[Example]) -> TextModels:
    texts = [model_text(e.title, e.text) for e in examples]
    vectorizer = _vectorizer()
    matrix = vectorizer.fit_transform(texts)
    for _, part in vectorizer.transformer_list:
        # Terms cut by min_df/max_features: only needed to explain the fit, and most of
        # the saved model's size.
        part.stop_words_ = None
    models = TextModels(
        version=data_version(examples), vectorizer=vectorizer, features=compile_union(vectorizer)
    )
    for task in TASKS:
        rows = [(i, task_label(e, task)) for i, e in enumerate(examples)]
        rows = [(i, y) for i, y in rows if y is not None]
        if len({y for _, y in rows}) < 2:
            log.warning("model head %s skipped: fewer than two classes", task)
            continue
        head = LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced")
        head.fit(matrix[[i for i, _ in rows]], [y for _, y in rows])
        models.heads[task] = head
        models.trained_on[task] = len(rows)
    return models


def model_file(model_dir: Path) -> Path:
    return model_dir / MODEL_FILE


def save_models(models: TextModels, model_dir: Path) -> Path:
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_file(model_dir)
    tmp = path.with_suffix(".tmp")
    joblib.dump(models, tmp)
    tmp.replace(path)  # atomic: a reader never sees half a model
    return path


def load_models(model_dir: Path) -> TextModels | None:
    """The saved model, or None when absent or made by another code version."""
    path = model_file(model_dir)
    if not path.is_file():
        return None
    try:
        models = joblib.load(path)
    except Exception:  # a corrupt or foreign file: retrain rather than crash
        log.warning("model file %s unreadable; it will be retrained", path)
        return None
    if not isinstance(models, TextModels) or models.code_version != MODEL_CODE_VERSION:
        return None
    return models


def load_or_train(model_dir: Path, examples: Sequence[Example]) -> TextModels:
    """The saved model, retrained from ``examples`` (the bundled data) when it is behind.

    A model trained on corrections as well is kept even when the bundled data changed:
    retraining it needs the corrections from the database (``store.training``), and
    dropping them here would undo analysts' work.
    """
    models = load_models(model_dir)
    if models is not None and (
        models.has_corrections or models.bundled_version == data_version(examples)
    ):
        return models
    models = train_models(examples)
    try:
        save_models(models, model_dir)
    except OSError:
        log.warning("could not save the model to %s; using it in memory", model_dir)
    return models
