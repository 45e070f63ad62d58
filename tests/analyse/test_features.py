"""The cached TF-IDF transform gives scikit-learn's matrix, item for item."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from pantau.analyse.features import compile_union
from pantau.analyse.model import MODEL_TEXT_CHARS, TextModels, model_text
from pantau.analyse.trainset import bundled_examples, read_jsonl

EVALS = Path(__file__).resolve().parents[2] / "evals"

AWKWARD = [
    "",
    "   \n\t  ",
    "a",
    "Lapas",
    "napi-napi kabur, ditangkap lagi!!! Lapas   Kelas IIA\t\tKendari",
    "ß İ Ǆ ﬁ — “kutip” ‘lagi’ …",
    "zzzqqq xxyyzz 12345 ###",
    '<script>alert(1)</script> =HYPERLINK("x") ' * 40,
    "sabu " * 500,
]


def _texts() -> list[str]:
    held_out = list(read_jsonl(EVALS / "heldout_c.jsonl"))
    texts = [model_text(str(r.get("title") or ""), str(r.get("text") or "")) for r in held_out]
    return texts + AWKWARD + [t[:MODEL_TEXT_CHARS] for t in texts[:5]]


def test_compiled_transform_equals_sklearn_on_unseen_and_awkward_text(models: TextModels) -> None:
    texts = _texts()
    expected = models.vectorizer.transform(texts).toarray()
    assert models.features is not None
    got = models.features.transform(texts).toarray()
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)
    assert np.count_nonzero(got) > 1000  # not trivially equal (both empty)


def test_rows_keep_their_order_when_empty_rows_sit_at_the_ends(models: TextModels) -> None:
    texts = ["", "lapas napi kabur", "", "petugas menggagalkan penyelundupan sabu", ""]
    assert models.features is not None
    got = models.features.transform(texts).toarray()
    expected = models.vectorizer.transform(texts).toarray()
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)
    assert not got[0].any() and not got[4].any() and got[1].any()
    assert np.isclose(np.linalg.norm(got[3]), np.sqrt(2))  # two unit-length blocks


def test_predictions_do_not_change_with_the_fast_transform(models: TextModels) -> None:
    texts = _texts()[:60]
    fast = models.predict(texts)
    features, models.features = models.features, None
    try:
        slow = models.predict(texts)
    finally:
        models.features = features
    for a, b in zip(fast, slow, strict=True):
        for task in a:
            assert a[task].keys() == b[task].keys()
            for label in a[task]:
                assert a[task][label] == pytest.approx(b[task][label], abs=1e-9)


def test_a_fresh_fit_with_other_ngram_ranges_is_reproduced() -> None:
    texts = [model_text(e.title, e.text) for e in bundled_examples()[:200]]
    union = FeatureUnion(
        [
            ("w", TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True, max_features=5000)),
            ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            (
                "cased",
                TfidfVectorizer(analyzer="char_wb", lowercase=False, sublinear_tf=True),
            ),
        ]
    )
    union.fit(texts)
    probe = texts[:50] + AWKWARD
    np.testing.assert_allclose(
        compile_union(union).transform(probe).toarray(),
        union.transform(probe).toarray(),
        rtol=1e-9,
        atol=1e-12,
    )


@pytest.mark.parametrize(
    "vectorizer",
    [
        TfidfVectorizer(analyzer="char", sublinear_tf=True),
        TfidfVectorizer(sublinear_tf=False),
        TfidfVectorizer(sublinear_tf=True, stop_words=["dan"]),
        TfidfVectorizer(sublinear_tf=True, binary=True),
    ],
)
def test_settings_it_cannot_reproduce_are_refused(vectorizer: TfidfVectorizer) -> None:
    union = FeatureUnion([("x", vectorizer)])
    union.fit(["lapas kendari", "rutan medaeng dan lapas"])
    with pytest.raises(ValueError, match="cannot reproduce"):
        compile_union(union)


def test_a_saved_model_does_not_carry_the_word_cache(models: TextModels) -> None:
    assert models.features is not None
    models.features.transform(["Warga binaan Lapas Kendari mengikuti pelatihan las"])
    char_part = models.features.parts[1]
    assert getattr(char_part, "cache", None)
    copy = pickle.loads(pickle.dumps(models))
    assert copy.features is not None and getattr(copy.features.parts[1], "cache", None) == {}
    text = ["Napi Lapas Kendari kabur"]
    np.testing.assert_allclose(
        copy.features.transform(text).toarray(), models.features.transform(text).toarray()
    )
