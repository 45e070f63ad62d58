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

from pantau.analyse.prose import is_noise

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_WORD = re.compile(r"[0-9a-z]+")


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
    """The words clustering reads: the prose of the body (page noise dropped), lower case.

    Same rules as :func:`pantau.analyse.prose.prose_paragraphs`, checked cheaply line by
    line because this runs for every item of a million-item archive.
    """
    words: list[str] = []
    for line in text.split("\n"):
        line_words = _WORD.findall(line.casefold())
        if not line_words:
            continue
        if len(line_words) < 30 and is_noise(line.strip()):
            continue
        if "  " in line and is_noise(line.strip()):
            continue
        words.extend(line_words)
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
        get = cache.get
        values = [get(word) for word in words]
        if None in values:
            for index, word in enumerate(words):
                if values[index] is None:
                    values[index] = cache[word] = zlib.crc32(word.encode())
        return np.array(values, dtype=np.uint64)


def _shingle_hashes(word_hashes: np.ndarray, k: int) -> np.ndarray:
    """32-bit hashes of consecutive k-word shingles, computed without Python loops."""
    if len(word_hashes) < k:
        k = max(1, len(word_hashes))
    acc = np.zeros(len(word_hashes) - k + 1, dtype=np.uint64)
    for offset in range(k):
        part = word_hashes[offset : len(word_hashes) - k + 1 + offset]
        acc = (acc * np.uint64(0x9E3779B1) + part) & _MAX_HASH
    return acc  # repeats do not change a minimum; sizes are estimates anyway


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


def _sign_batch(signer: Signer, texts: list[tuple[str, str]]) -> list[Signature]:
    """Signatures of many (text, title) pairs with one matrix product for all shingles."""
    params = signer.params
    word_lists = [story_words(t, title=title, lead_words=params.lead_words) for t, title in texts]
    out: list[Signature | None] = [None] * len(texts)
    hashes: list[np.ndarray] = []
    owners: list[int] = []
    for position, words in enumerate(word_lists):
        if len(words) < params.shingle:
            out[position] = signer.sign(texts[position][0], title=texts[position][1])
            continue
        hashes.append(_shingle_hashes(signer._hash_words(words), params.shingle))
        owners.append(position)
    if hashes:
        flat = np.concatenate(hashes)
        starts = np.cumsum([0] + [len(h) for h in hashes[:-1]])
        permuted = (signer._a * flat[None, :] + signer._b) % _MERSENNE & _MAX_HASH
        minima = np.minimum.reduceat(permuted, starts, axis=1).astype(np.uint32)
        for column, position in enumerate(owners):
            out[position] = Signature(minima[:, column].copy(), len(hashes[column]))
    return [signature for signature in out if signature is not None]


class _BandTable:
    """Open-addressing table: band key (int64, never 0) -> latest item index.

    Lookups and stores take all of an item's band keys at once; only slots taken by
    another key (rare at load <= 1/2) are probed one by one.
    """

    def __init__(self, capacity: int) -> None:
        size = 1 << max(10, (capacity * 2 - 1).bit_length())
        self.keys = np.zeros(size, dtype=np.int64)
        self.items = np.zeros(size, dtype=np.int32)
        self.used = 0

    def _probe(self, key: int) -> int:
        mask = len(self.keys) - 1
        slot = key & mask
        while True:
            current = int(self.keys[slot])
            if current == key or current == 0:
                return slot
            slot = (slot + 1) & mask

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        slots = keys & np.int64(len(self.keys) - 1)
        current = self.keys[slots]
        clash = (current != keys) & (current != 0)
        for position in np.flatnonzero(clash):
            slots[position] = self._probe(int(keys[position]))
        return slots

    def get_many(self, keys: np.ndarray) -> list[int]:
        """Items stored under ``keys`` (absent keys left out), without repeats."""
        slots = self._slots(keys)
        found = self.keys[slots] == keys
        return list(dict.fromkeys(self.items[slots[found]].tolist()))

    def put_many(self, keys: np.ndarray, item: int) -> None:
        if (self.used + len(keys)) * 2 > len(self.keys):
            self._grow()
        slots = self._slots(keys)
        if len(np.unique(slots)) < len(slots):  # two bands landed on one slot: go slowly
            for key in keys.tolist():
                self._put_one(key, item)
            return
        self.used += int(np.count_nonzero(self.keys[slots] == 0))
        self.keys[slots] = keys
        self.items[slots] = item

    def _put_one(self, key: int, item: int) -> None:
        slot = self._probe(key)
        if self.keys[slot] == 0:
            self.used += 1
            self.keys[slot] = key
        self.items[slot] = item

    def _grow(self) -> None:
        keys, items = self.keys, self.items
        self.keys = np.zeros(len(keys) * 2, dtype=np.int64)
        self.items = np.zeros(len(keys) * 2, dtype=np.int32)
        self.used = 0
        for index in np.flatnonzero(keys).tolist():
            self._put_one(int(keys[index]), int(items[index]))


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

    def add_many(self, items: list[tuple[str, str, str, datetime | None]]) -> list[str]:
        """Cluster (key, title, text, published_at) items in order; signs them in one batch."""
        signatures = _sign_batch(self.signer, [(text, title) for _, title, text, _ in items])
        return [
            self.add_signature(key, signature, published_at=published)
            for (key, _, _, published), signature in zip(items, signatures, strict=True)
        ]

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
        self._table.put_many(band_keys, index)
        return story_key

    def _story_index(self, story_key: str) -> int:
        found = self._story_lookup.get(story_key)
        if found is None:
            self.story_keys.append(story_key)
            found = self._story_lookup[story_key] = len(self.story_keys) - 1
        return found

    def _band_keys(self, values: np.ndarray) -> np.ndarray:
        rows = self.params.rows
        bands = values[: self.params.bands * rows].astype(np.uint64).reshape(-1, rows)
        acc = self._band_salt.copy()
        for column in range(rows):
            acc = (acc ^ bands[:, column]) * np.uint64(0x100000001B3)
        keys = (acc >> np.uint64(1)).astype(np.int64)
        keys[keys == 0] = 1
        return keys

    def _best_match(self, index: int, band_keys: np.ndarray) -> int | None:
        best: tuple[float, int] | None = None
        for other in self._table.get_many(band_keys):
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
