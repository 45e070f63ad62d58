"""Stories: syndicated copies and republished releases of one piece of news.

Pure and incremental. Each item gets a MinHash signature (datasketch's permutation
scheme, computed with numpy) over word 3-shingles of the opening of its prose, where
copies agree even when one outlet truncates the text or swaps the boilerplate. LSH bands
(rows per band ``rows``) find candidate earlier items in constant time; a candidate joins
only after a verification step, because precision matters more than recall here: two
escapes in one week or two remisi ceremonies on one day are different stories.

Verification: estimated Jaccard and containment over the signatures, a date window, and
(when both items name units) at least one unit in common.

Memory: the band table is an open-addressing hash table in numpy arrays (one int64 key
and one int32 item per slot) instead of Python dicts of sets, so a million items fit in
well under a gigabyte.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from datasketch import MinHash

from pantau.analyse.prose import prose_paragraphs

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_WORD = re.compile(r"[0-9a-z]+")
_EMPTY = np.int64(0)


@dataclass(frozen=True, slots=True)
class StoryParams:
    """Tuning of the clustering; the defaults are measured on tests/fixtures/entities."""

    num_perm: int = 48
    rows: int = 3  # 16 bands of 3 rows: candidate probability 0.92 at Jaccard 0.53
    shingle: int = 3
    lead_words: int = 150  # copies agree on the opening even when truncated
    min_jaccard: float = 0.30
    min_containment: float = 0.70
    window_days: float = 7.0
    seed: int = 20221109

    @property
    def bands(self) -> int:
        return self.num_perm // self.rows


def story_words(text: str, *, title: str = "", lead_words: int = 150) -> list[str]:
    """The words clustering reads: the prose of the body (page noise dropped), lower case."""
    paragraphs = prose_paragraphs("", text)
    words: list[str] = []
    for paragraph in paragraphs:
        words.extend(_WORD.findall(paragraph.text.casefold()))
        if len(words) >= lead_words:
            break
    if len(words) < 20:  # a short post: use everything, title included
        words = _WORD.findall(f"{title}\n{text}".casefold())
    return words[:lead_words]


class _WordHasher:
    """crc32 of each word, cached (vocabulary is small compared with the items)."""

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}

    def __call__(self, words: list[str]) -> np.ndarray:
        cache = self._cache
        if len(cache) > 2_000_000:
            cache.clear()
        out = np.empty(len(words), dtype=np.uint64)
        for index, word in enumerate(words):
            value = cache.get(word)
            if value is None:
                value = cache[word] = zlib.crc32(word.encode())
            out[index] = value
        return out


def _shingle_hashes(word_hashes: np.ndarray, k: int) -> np.ndarray:
    """32-bit hashes of consecutive k-word shingles, computed without Python loops."""
    if len(word_hashes) < k:
        k = max(1, len(word_hashes))
    acc = np.zeros(len(word_hashes) - k + 1, dtype=np.uint64)
    for offset in range(k):
        part = word_hashes[offset : len(word_hashes) - k + 1 + offset]
        acc = (acc * np.uint64(0x9E3779B1) + part) & _MAX_HASH
    return np.unique(acc)


@dataclass
class Signature:
    values: np.ndarray  # uint32[num_perm]
    size: int  # distinct shingles

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), size)


class Signer:
    """MinHash signatures with datasketch's permutations, vectorised over shingles."""

    def __init__(self, params: StoryParams) -> None:
        self.params = params
        perms = MinHash(num_perm=params.num_perm, seed=params.seed).permutations
        self._a = perms[0].astype(np.uint64)[:, None]
        self._b = perms[1].astype(np.uint64)[:, None]
        self._hash_words = _WordHasher()

    def sign(self, text: str, *, title: str = "") -> Signature:
        words = story_words(text, title=title, lead_words=self.params.lead_words)
        if not words:
            return Signature(np.full(self.params.num_perm, 0xFFFFFFFF, dtype=np.uint32), 0)
        shingles = _shingle_hashes(self._hash_words(words), self.params.shingle)
        permuted = (self._a * shingles[None, :] + self._b) % _MERSENNE & _MAX_HASH
        return Signature(permuted.min(axis=1).astype(np.uint32), len(shingles))


class _BandTable:
    """Open-addressing table: band key (int64, never 0) -> latest item index."""

    def __init__(self, capacity: int) -> None:
        size = 1 << max(10, (capacity * 2 - 1).bit_length())
        self.keys = np.zeros(size, dtype=np.int64)
        self.items = np.zeros(size, dtype=np.int32)
        self.used = 0

    def _slot(self, key: int) -> int:
        mask = len(self.keys) - 1
        slot = key & mask
        keys = self.keys
        while True:
            current = int(keys[slot])
            if current == key or current == 0:
                return slot
            slot = (slot + 1) & mask

    def get(self, key: int) -> int | None:
        slot = self._slot(key)
        return int(self.items[slot]) if self.keys[slot] != _EMPTY else None

    def put(self, key: int, item: int) -> None:
        if (self.used + 1) * 2 > len(self.keys):
            self._grow()
        slot = self._slot(key)
        if self.keys[slot] == _EMPTY:
            self.used += 1
            self.keys[slot] = key
        self.items[slot] = item

    def _grow(self) -> None:
        keys, items = self.keys, self.items
        self.keys = np.zeros(len(keys) * 2, dtype=np.int64)
        self.items = np.zeros(len(keys) * 2, dtype=np.int32)
        self.used = 0
        for index in np.flatnonzero(keys):
            self.put(int(keys[index]), int(items[index]))


@dataclass
class StoryIndex:
    """Incremental near-duplicate clustering: ``add`` one item, get its story key."""

    params: StoryParams = field(default_factory=StoryParams)
    capacity: int = 1024
    keys: list[str] = field(default_factory=list)
    story_keys: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.signer = Signer(self.params)
        self._sigs = np.zeros((self.capacity, self.params.num_perm), dtype=np.uint32)
        self._sizes = np.zeros(self.capacity, dtype=np.int32)
        self._times = np.full(self.capacity, np.nan)
        self._story = np.zeros(self.capacity, dtype=np.int32)
        self._units: dict[int, frozenset[str]] = {}
        self._story_lookup: dict[str, int] = {}
        self._table = _BandTable(self.capacity * self.params.bands)
        self._band_salt = np.arange(self.params.bands, dtype=np.uint64) * np.uint64(
            0x9E3779B97F4A7C15
        )

    def __len__(self) -> int:
        return len(self.keys)

    def add(
        self,
        key: str,
        text: str,
        *,
        title: str = "",
        published_at: datetime | None = None,
        units: Iterable[str] = (),
    ) -> str:
        """Cluster one item and return its story key (the first item's key)."""
        return self.add_signature(
            key,
            self.signer.sign(text, title=title),
            published_at=published_at,
            units=units,
        )

    def add_signature(
        self,
        key: str,
        signature: Signature,
        *,
        published_at: datetime | None = None,
        units: Iterable[str] = (),
        story_key: str | None = None,
    ) -> str:
        """Cluster an item whose signature is known (``story_key`` forces a stored story)."""
        index = len(self.keys)
        self._ensure(index + 1)
        self._sigs[index] = signature.values
        self._sizes[index] = signature.size
        self._times[index] = published_at.timestamp() if published_at else np.nan
        unit_set = frozenset(units)
        if unit_set:
            self._units[index] = unit_set
        band_keys = self._band_keys(signature.values)
        if story_key is None:
            match = self._best_match(index, band_keys)
            story_key = self.story_keys[self._story[match]] if match is not None else key
        self.keys.append(key)
        story_index = self._story_index(story_key)
        self._story[index] = story_index
        for band_key in band_keys:
            self._table.put(band_key, index)
        return story_key

    def _story_index(self, story_key: str) -> int:
        found = self._story_lookup.get(story_key)
        if found is None:
            self.story_keys.append(story_key)
            found = self._story_lookup[story_key] = len(self.story_keys) - 1
        return found

    def _band_keys(self, values: np.ndarray) -> list[int]:
        rows = self.params.rows
        bands = values[: self.params.bands * rows].astype(np.uint64).reshape(-1, rows)
        acc = self._band_salt.copy()
        for column in range(rows):
            acc = (acc ^ bands[:, column]) * np.uint64(0x100000001B3)
        keys = (acc >> np.uint64(1)).astype(np.int64)
        keys[keys == 0] = 1
        return [int(k) for k in keys]

    def _best_match(self, index: int, band_keys: list[int]) -> int | None:
        seen: set[int] = set()
        best: tuple[float, int] | None = None
        for band_key in band_keys:
            other = self._table.get(band_key)
            if other is None or other in seen:
                continue
            seen.add(other)
            score = self._verify(index, other)
            if score is not None and (best is None or score > best[0]):
                best = (score, other)
        return best[1] if best else None

    def _verify(self, a: int, b: int) -> float | None:
        """Estimated Jaccard when a and b pass every check, else None."""
        params = self.params
        gap = abs(self._times[a] - self._times[b])  # nan when a date is unknown
        if gap > params.window_days * 86400:
            return None
        units_a, units_b = self._units.get(a), self._units.get(b)
        if units_a and units_b and not units_a & units_b:
            return None
        jaccard = float(np.mean(self._sigs[a] == self._sigs[b]))
        size_a, size_b = int(self._sizes[a]), int(self._sizes[b])
        if min(size_a, size_b) == 0:
            return None
        containment = jaccard * (size_a + size_b) / ((1 + jaccard) * min(size_a, size_b))
        if jaccard >= params.min_jaccard and containment >= params.min_containment:
            return jaccard
        return None

    def _ensure(self, size: int) -> None:
        if size <= len(self._sizes):
            return
        grow = max(size, len(self._sizes) * 2)
        self._sigs = np.resize(self._sigs, (grow, self.params.num_perm))
        self._sizes = np.resize(self._sizes, grow)
        times = np.full(grow, np.nan)
        times[: len(self._times)] = self._times
        self._times = times
        self._story = np.resize(self._story, grow)
