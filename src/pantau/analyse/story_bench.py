"""Synthetic news for ``pantau bench stories``: base stories and their copies.

Stories are made by recombining sentence templates (written for this benchmark) with
random units, numbers, names and days; about a third of the items are copies of a recent
story with another headline, boilerplate, truncation or light edits. Ground truth is
known, so pairwise precision and recall are reported next to time and memory.
"""

from __future__ import annotations

import random
import resource
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pantau.analyse.stories import StoryIndex

_SENTENCES = (
    "Sebanyak {n} warga binaan {unit} menerima remisi pada {day}.",
    "Petugas {unit} menggagalkan penyelundupan {n} gram sabu yang disembunyikan dalam {thing}.",
    "Dua narapidana {unit} melarikan diri dengan menjebol {thing} pada {day} dini hari.",
    "Kepala {unit}, {name}, mengatakan pihaknya sudah berkoordinasi dengan kepolisian setempat.",
    "Razia kamar hunian di {unit} menemukan {n} telepon genggam dan kabel pengisi daya.",
    "Kegiatan itu diikuti {n} warga binaan dan disaksikan keluarga mereka.",
    "Warga binaan {unit} memproduksi {thing} yang dipasarkan ke toko-toko di kota.",
    "Tes urine terhadap {n} petugas dan warga binaan menunjukkan hasil negatif.",
    "Kebakaran di dapur {unit} berhasil dipadamkan setelah {n} menit.",
    "{name} berharap program ini membantu warga binaan kembali ke masyarakat.",
    "Pemindahan {n} narapidana berisiko tinggi ke Nusakambangan dilakukan pada {day}.",
    "Layanan kunjungan di {unit} dibuka kembali dengan pendaftaran daring sejak {day}.",
    "Kanwil setempat menurunkan tim untuk memeriksa {n} petugas yang berjaga.",
    "Pelatihan {thing} bagi warga binaan digelar bersama balai latihan kerja.",
    "Menurut {name}, kapasitas hunian hanya {n} orang tetapi kini dihuni jauh lebih banyak.",
    "Penyerahan surat keputusan dilakukan seusai upacara di lapangan {unit}.",
    "Barang sitaan dimusnahkan di hadapan warga binaan keesokan harinya.",
    "Polisi masih memburu {n} orang yang diduga membantu pelarian itu.",
    "Program ketahanan pangan di {unit} menghasilkan {n} kilogram sayuran setiap bulan.",
    "{name} menegaskan tidak ada toleransi bagi petugas yang terlibat pelanggaran.",
)
_THINGS = (
    "plafon kamar mandi",
    "bungkus mi instan",
    "kursi rotan",
    "roti",
    "teralis jendela",
    "tas kain",
    "sepatu",
    "batik tulis",
    "kerajinan bambu",
    "pakan ternak",
    "las listrik",
)
_NAMES = ("Yudi", "Hendra", "Arif", "Marten", "Santoso", "Saiful", "Robianto", "Erwedi", "Dewi")
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_EDITS = (("warga binaan", "WBP"), ("narapidana", "napi"), ("mengatakan", "menyatakan"))


@dataclass
class SyntheticItem:
    key: str
    story: int
    text: str
    published_at: datetime


_SYLLABLES = ("ba", "ri", "tu", "ka", "mo", "le", "san", "dar", "pu", "ng", "se", "wi", "ro", "ha")


def _noise_word(rng: random.Random) -> str:
    """A made-up word: each story carries its own, as real stories carry their own names."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def _fill(template: str, rng: random.Random, unit: str) -> str:
    words = template.split(" ")
    for _ in range(3):
        words.insert(rng.randrange(len(words) + 1), _noise_word(rng))
    template = " ".join(words)
    return template.format(
        n=rng.randint(2, 900),
        unit=unit,
        day=rng.choice(_DAYS),
        thing=rng.choice(_THINGS),
        name=rng.choice(_NAMES),
    )


def synthetic_items(count: int, *, units: list[str], seed: int = 1) -> Iterator[SyntheticItem]:
    """``count`` items over about two years; roughly one in three is a copy."""
    rng = random.Random(seed)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    recent: list[tuple[int, str, datetime]] = []
    stories = 0
    for n in range(count):
        when = start + timedelta(seconds=n * 60)
        if recent and rng.random() < 0.35:
            story, text, _first = rng.choice(recent)
            yield SyntheticItem(f"i{n}", story, _copy(text, rng), when)
            continue
        unit = rng.choice(units)
        sentences = [_fill(t, rng, unit) for t in rng.sample(_SENTENCES, rng.randint(7, 12))]
        text = "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))
        recent.append((stories, text, when))
        if len(recent) > 200:
            recent.pop(0)
        yield SyntheticItem(f"i{n}", stories, text, when)
        stories += 1


def _copy(text: str, rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return "BERITA DAERAH - " + text + "\n\nEditor: Redaksi\n\nBaca juga: Harga beras turun"
    if kind == 1:
        words = text.split(" ")
        return " ".join(words[: max(40, int(len(words) * 0.6))])
    old, new = rng.choice(_EDITS)
    return text.replace(old, new)


@dataclass
class BenchResult:
    items: int
    seconds: float
    cpu_seconds: float
    items_per_second: float
    add_one_ms: float
    peak_mb: float
    precision: float
    recall: float
    stories: int


def _pairs(counts: Counter[object]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def run_story_bench(count: int, *, units: list[str], progress: object = None) -> BenchResult:
    """Cluster ``count`` synthetic items in batches of 1,000 (as a bulk import would), timing
    only the clustering; then time 200 single adds, as live ingestion makes them."""
    index = StoryIndex(capacity=count + 256)
    gold: Counter[object] = Counter()
    pred: Counter[object] = Counter()
    both: Counter[object] = Counter()
    spent = 0.0
    cpu = 0.0
    batch: list[SyntheticItem] = []
    for item in synthetic_items(count, units=units):
        batch.append(item)
        if len(batch) < 1000 and len(index) + len(batch) < count:
            continue
        began, began_cpu = time.perf_counter(), time.process_time()
        keys = index.add_many([(i.key, "", i.text, i.published_at) for i in batch])
        spent += time.perf_counter() - began
        cpu += time.process_time() - began_cpu
        for done, key in zip(batch, keys, strict=True):
            gold[done.story] += 1
            pred[key] += 1
            both[(done.story, key)] += 1
        if progress is not None:
            progress(len(batch))  # type: ignore[operator]
        batch = []
    extra = list(synthetic_items(200, units=units, seed=2))
    began = time.perf_counter()
    for item in extra:
        index.add("x" + item.key, item.text, published_at=item.published_at)
    add_one = (time.perf_counter() - began) / len(extra) * 1000
    true_pairs = _pairs(both)
    return BenchResult(
        items=count,
        seconds=spent,
        cpu_seconds=cpu,
        items_per_second=count / spent if spent else 0.0,
        add_one_ms=add_one,
        peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        precision=true_pairs / max(1, _pairs(pred)),
        recall=true_pairs / max(1, _pairs(gold)),
        stories=len(pred),
    )
