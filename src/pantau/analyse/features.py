"""TF-IDF features for prediction, computed with per-word caches instead of per-n-gram work.

The model is *fitted* with scikit-learn's ``TfidfVectorizer`` (word 1-2-grams and
``char_wb`` n-grams). Its ``transform`` is exact but spends most of the model's time in
Python: every character n-gram of every word of every item is sliced, hashed and looked up,
although the n-grams of a ``char_wb`` word depend on the word alone and news reuses the
same few thousand words all day. :class:`CompiledTfidf` keeps, per distinct word, the
columns its n-grams hit, and does the weighting (sublinear tf, idf, L2 norm) for a whole
batch in NumPy. It reads the fitted vectorisers' own vocabulary and idf, so its matrix
equals scikit-learn's (``tests/analyse/test_features.py`` checks that on the corpora);
measured 0.37 -> about 0.1 ms per item.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

WORD_CACHE_LIMIT = 200_000  # distinct words remembered; past it, words are computed each time
_WHITE_SPACES = re.compile(r"\s\s+")


_COLUMN = struct.Struct("=i")  # a column number as 4 native bytes (numpy's int32)


def _packed(column: int) -> bytes:
    return _COLUMN.pack(column)


@dataclass
class _WordPart:
    """Word 1..n-grams: the vectoriser's own token pattern, vocabulary and idf.

    The vocabulary maps each term to its column already packed as bytes, so a row's
    columns are one ``b"".join`` of dictionary hits, with no Python int in between.
    """

    pattern: re.Pattern[str]
    ngram_max: int
    packed: dict[str, bytes]
    idf: np.ndarray

    def columns(self, text: str) -> bytes:
        words = self.pattern.findall(text.lower())
        grams = list(words)
        for n in range(2, self.ngram_max + 1):
            grams.extend(map(" ".join, zip(*(words[i:] for i in range(n)), strict=False)))
        return b"".join(filter(None, map(self.packed.get, grams)))


@dataclass
class _CharPart:
    """``char_wb`` n-grams: columns per whitespace-separated word, cached by the word."""

    preprocess: Callable[[str], str]
    ngram_range: tuple[int, int]
    packed: dict[str, bytes]
    idf: np.ndarray
    cache: dict[str, bytes] = field(default_factory=dict)

    def columns(self, text: str) -> bytes:
        words = _WHITE_SPACES.sub(" ", self.preprocess(text)).split()
        found = list(map(self.cache.get, words))
        if None in found:  # words not seen before (b"" is a word with no known n-gram)
            found = [
                self._remember(w) if f is None else f for w, f in zip(words, found, strict=True)
            ]
        return b"".join(found)  # type: ignore[arg-type]

    def __getstate__(self) -> dict[str, Any]:
        # The cache is rebuilt as words come; a saved model should not carry it.
        return {**self.__dict__, "cache": {}}

    def _remember(self, word: str) -> bytes:
        columns = self._word_columns(word)
        if len(self.cache) < WORD_CACHE_LIMIT:
            self.cache[word] = columns
        return columns

    def _word_columns(self, word: str) -> bytes:
        # The n-grams scikit-learn's _char_wb_ngrams makes of one word, in its order.
        padded = f" {word} "
        low, high = self.ngram_range
        grams: list[str] = []
        for n in range(low, high + 1):
            grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
            if len(padded) <= n:  # a short word is counted once, at its shortest n
                break
        return b"".join(filter(None, map(self.packed.get, grams)))


@dataclass
class CompiledTfidf:
    """A fitted word + char TF-IDF union, transforming with cached per-word columns."""

    parts: list[_WordPart | _CharPart]
    widths: list[int]

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        blocks = [
            _tfidf(part, texts, width) for part, width in zip(self.parts, self.widths, strict=True)
        ]
        return sp.hstack(blocks, format="csr")


def _tfidf(part: _WordPart | _CharPart, texts: Sequence[str], width: int) -> sp.csr_matrix:
    """Counts -> 1 + log(count) -> x idf -> unit length, for every row at once."""
    rows = [part.columns(text) for text in texts]
    # bytearray: a writable buffer, so scipy can sort the indices in place.
    indices = np.frombuffer(bytearray(b"".join(rows)), dtype=np.int32)
    indptr = np.zeros(len(rows) + 1, dtype=np.int32)
    np.cumsum([len(row) // _COLUMN.size for row in rows], out=indptr[1:])
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(texts), width))
    matrix.sum_duplicates()  # repeated columns in a row become that term's count
    matrix.data = (np.log(matrix.data) + 1.0) * part.idf[matrix.indices]
    row_of = np.repeat(np.arange(len(texts)), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(row_of, weights=matrix.data**2, minlength=len(texts)))
    norms[norms == 0.0] = 1.0  # an empty row stays empty
    matrix.data /= norms[row_of]
    return matrix


def compile_union(union: FeatureUnion) -> CompiledTfidf:
    """The fast transform of a fitted union of word and ``char_wb`` TF-IDF vectorisers."""
    parts: list[_WordPart | _CharPart] = []
    widths: list[int] = []
    for _, vectorizer in union.transformer_list:
        parts.append(_compile(vectorizer))
        widths.append(len(vectorizer.vocabulary_))
    return CompiledTfidf(parts, widths)


def _compile(vectorizer: TfidfVectorizer) -> _WordPart | _CharPart:
    _check_supported(vectorizer)
    packed = {str(k): _packed(int(v)) for k, v in vectorizer.vocabulary_.items()}
    idf = np.asarray(vectorizer.idf_, dtype=np.float64)
    if vectorizer.analyzer == "word":
        pattern = re.compile(vectorizer.token_pattern)
        return _WordPart(pattern, int(vectorizer.ngram_range[1]), packed, idf)
    low, high = (int(n) for n in vectorizer.ngram_range)
    preprocess: Callable[[str], str] = vectorizer.preprocessor or (
        str.lower if vectorizer.lowercase else str
    )
    return _CharPart(preprocess, (low, high), packed, idf)


def _check_supported(vectorizer: Any) -> None:
    """Refuse settings this transform does not reproduce, rather than drift silently."""
    problems = []
    if vectorizer.analyzer not in ("word", "char_wb"):
        problems.append(f"analyzer={vectorizer.analyzer}")
    if vectorizer.analyzer == "word" and (
        vectorizer.ngram_range[0] != 1 or not vectorizer.lowercase or vectorizer.preprocessor
    ):
        problems.append("word n-grams must start at 1, lower-cased, default preprocessor")
    if vectorizer.stop_words or vectorizer.strip_accents or vectorizer.tokenizer:
        problems.append("stop words, accent stripping and custom tokenisers")
    if not (vectorizer.sublinear_tf and vectorizer.use_idf and vectorizer.norm == "l2"):
        problems.append("needs sublinear_tf, use_idf and l2 norm")
    if vectorizer.binary:
        problems.append("binary")
    if problems:
        raise ValueError(f"CompiledTfidf cannot reproduce: {', '.join(problems)}")
