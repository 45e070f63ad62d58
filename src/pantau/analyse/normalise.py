"""Tokens with affix-aware roots, sentences, and zones that weigh the parts of an item.

Indonesian builds words from roots with prefixes (di-, ter-, ke-, me-/mem-/men-/meng-/meny-,
pe-/pem-/pen-/peng-/peny-, ber-, se-), suffixes (-kan, -an, -i) and clitics (-nya, -lah).
Instead of one stem per word (which a rule-based stemmer often gets wrong), every token
carries the *set* of plausible roots; a lexicon entry written as a root matches any token
whose set contains it. "menyelundupkan", "penyelundupan" and "diselundupkan" all carry
"selundup"; "kebakaran" carries "bakar"; "ditangkap" and "tertangkap" carry "tangkap".

The view also guards against page noise that extraction leaves behind: tickers of other
headlines, breadcrumbs, "BACA JUGA" lines and related-article lists get zone weight 0, the
title and the first paragraphs weigh more than the tail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pantau.analyse.doc import Doc

_WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])|\n+")
_PARTICLES = ("nya", "lah", "kah", "pun")
_SUFFIXES = ("kan", "an", "i")
# prefix -> letters that the nasal may have replaced ("" keeps the remainder as it is)
_PREFIXES: dict[str, tuple[str, ...]] = {
    "meny": ("s",),
    "peny": ("s",),
    "meng": ("", "k"),
    "peng": ("", "k"),
    "mem": ("", "p"),
    "pem": ("", "p"),
    "men": ("", "t"),
    "pen": ("", "t"),
    "ber": ("",),
    "ter": ("",),
    "per": ("",),
    "me": ("",),
    "pe": ("",),
    "di": ("",),
    "ke": ("",),
    "se": ("",),
    "be": ("",),
}
_MIN_ROOT = 3

_LINE = re.compile(r"[^\n]+")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
# Institution words that social posts glue to a place in hashtags (#lapaskendari).
HASHTAG_HEADS = (
    "pemasyarakatan",
    "ditjenpas",
    "lapas",
    "rutan",
    "lpka",
    "bapas",
    "napi",
    "wbp",
    "lp",
)

TITLE_WEIGHT = 2.5
LEAD_WEIGHT = 1.5
BODY_WEIGHT = 1.0
TAIL_WEIGHT = 0.7
LEAD_PARAGRAPHS = 2

_NOISE_LINE = re.compile(
    r"^\s*(baca\s+(juga|lainnya|selengkapnya)|artikel\s+terkait|berita\s+terkait|lihat\s+juga|"
    r"simak\s+juga|tonton\s+juga|editor\s*:|penulis\s*:|reporter\s*:|sumber\s*:|tag\s*:|tags\s*:|"
    r"copyright|©|home\s*/|beranda\s*/|share\b|bagikan\b|ikuti\s+kami|follow\s+us)",
    re.IGNORECASE,
)
_TICKER_GAP = re.compile(r"\s{3,}|\s\|\s|\s•\s")
_DATE_LINE = re.compile(
    r"^\s*(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\s*,?\s*\d{1,2}\s+\w+\s+\d{4}",
    re.IGNORECASE,
)


@lru_cache(maxsize=200_000)
def roots(word: str) -> frozenset[str]:
    """Every plausible root of ``word`` (lower case), the word itself included."""
    word = word.lower()
    found = {word}
    if "-" in word:  # reduplication: "obat-obatan", "napi-napi"
        head = word.split("-", 1)[0]
        found.add(head)
        word = head
    bases = {word}
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= _MIN_ROOT:
            bases.add(word[: -len(particle)])
    for base in list(bases):
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= _MIN_ROOT:
                bases.add(base[: -len(suffix)])
    found |= bases
    for base in bases:
        found |= _strip_prefixes(base, depth=2)
    return frozenset(r for r in found if len(r) >= _MIN_ROOT or r == word)


def _strip_prefixes(word: str, *, depth: int) -> set[str]:
    out: set[str] = set()
    if depth == 0:
        return out
    for prefix, restores in _PREFIXES.items():
        if not word.startswith(prefix) or len(word) - len(prefix) < _MIN_ROOT - 1:
            continue
        rest = word[len(prefix) :]
        for letter in restores:
            candidate = letter + rest
            if len(candidate) >= _MIN_ROOT:
                out.add(candidate)
                out |= _strip_prefixes(candidate, depth=depth - 1)
    return out


# Words that change how a sentence's other words read. Each sentence records which kinds
# it holds (Sentence.marks), so the lexicons skip the context checks in the many sentences
# with none of them.
NEGATORS = frozenset({"tidak", "tak", "bukan", "belum", "tanpa", "nihil", "zero", "anti"})
DENIAL_ROOTS = frozenset({"bantah", "tepis", "sangkal", "klarifikasi", "hoaks", "hoax"})
CONTRAST_AFTER = frozenset({"namun", "tetapi", "tapi", "sedangkan", "sementara"})
CONCESSIVE = frozenset({"meski", "meskipun", "walaupun", "walau", "kendati", "sekalipun"})
MARK_NEGATION = 1  # a negator, or "ada" (for "tidak ada ... yang")
MARK_CONTRAST = 2  # "namun"-type or "meski"-type
MARK_DENIAL = 4


def marks_of(lower: str, word_roots: frozenset[str]) -> int:
    marks = 0
    if lower in NEGATORS or lower == "ada":
        marks |= MARK_NEGATION
    if lower in CONTRAST_AFTER or lower in CONCESSIVE:
        marks |= MARK_CONTRAST
    if not word_roots.isdisjoint(DENIAL_ROOTS):
        marks |= MARK_DENIAL
    return marks


# word as written -> (lower case, roots, marks): one lookup per token, not three calls.
_WORD_INFO: dict[str, tuple[str, frozenset[str], int]] = {}
WORD_INFO_LIMIT = 200_000


def word_info(word: str) -> tuple[str, frozenset[str], int]:
    """Lower-case form, roots and marks of a word as written, remembered for next time."""
    info = _WORD_INFO.get(word)
    if info is None:
        lower = word.lower()
        word_roots = roots(lower)
        info = (lower, word_roots, marks_of(lower, word_roots))
        if len(_WORD_INFO) < WORD_INFO_LIMIT:
            _WORD_INFO[word] = info
    return info


@dataclass(slots=True)  # not frozen: a frozen init costs ~1 µs per token
class Token:
    text: str
    lower: str
    start: int  # offset in Doc.full_text
    end: int
    roots: frozenset[str]
    sentence: int  # index into TextView.sentences
    zone: float  # weight of the paragraph it sits in (0 for page noise)
    in_title: bool


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    first_token: int
    last_token: int  # exclusive
    marks: int = 0  # MARK_* kinds of context words it holds


@dataclass(slots=True)
class TextView:
    """The normalised view of a Doc that every rule-based analyser reads."""

    full_text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    title_end: int = 0  # offset where the body starts in full_text
    _contrast: dict[int, tuple[int, int]] = field(default_factory=dict)  # per sentence

    def model_text(self, limit: int = 2500) -> str:
        """Title plus the non-noise body text, for the statistical model."""
        kept: list[str] = []
        size = 0
        for sentence in self.sentences:
            tokens = self.tokens[sentence.first_token : sentence.last_token]
            if not tokens or tokens[0].zone == 0.0:
                continue
            piece = self.full_text[sentence.start : sentence.end]
            kept.append(piece)
            size += len(piece)
            if size >= limit:
                break
        return "\n".join(kept)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.full_text[sentence.start : sentence.end]


def _hashtag_words(tag: str) -> list[tuple[int, str]]:
    """Words inside a hashtag: #RutanMedaeng -> Rutan, Medaeng; #lapaskendari -> lapas, kendari."""
    parts = [(m.start(), m.group()) for m in _CAMEL.finditer(tag)]
    if len(parts) > 1:
        return parts
    lower = tag.lower()
    for head in HASHTAG_HEADS:
        if lower.startswith(head) and len(lower) > len(head) + 2:
            return [(0, tag[: len(head)]), (len(head), tag[len(head) :])]
    return [(0, tag)]


def _is_noise(paragraph: str) -> bool:
    text = paragraph.strip()
    if not text:
        return True
    if _NOISE_LINE.match(text) or _DATE_LINE.match(text):
        return True
    # A ticker: several headline-like runs separated by wide gaps, no sentence punctuation.
    if _TICKER_GAP.search(text):  # most paragraphs have no such gap: skip the split
        runs = [r for r in _TICKER_GAP.split(text) if r.strip()]
        if len(runs) >= 3 and text.count(". ") < 2:
            return True
    # Breadcrumbs and one-line menus.
    return len(text) < 60 and " / " in text


def _paragraphs(text: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        if match.group().strip():
            spans.append((offset + match.start(), offset + match.end()))
    return spans


def view_of(doc: Doc) -> TextView:
    """Tokenise title and body into one view with zones and sentences."""
    full = doc.full_text
    view = TextView(full_text=full, title_end=len(doc.title))
    spans: list[tuple[int, int, float, bool]] = [(0, len(doc.title), TITLE_WEIGHT, True)]
    body_paragraphs = _paragraphs(doc.body, len(doc.title) + 2)
    title_key = doc.title.strip().casefold()
    real = 0
    for index, (start, end) in enumerate(body_paragraphs):
        text = full[start:end]
        if _is_noise(text) or (title_key and text.strip().casefold() == title_key):
            weight = 0.0
        elif real < LEAD_PARAGRAPHS:
            weight, real = LEAD_WEIGHT, real + 1
        elif index >= max(4, int(len(body_paragraphs) * 0.75)):
            weight, real = TAIL_WEIGHT, real + 1
        else:
            weight, real = BODY_WEIGHT, real + 1
        spans.append((start, end, weight, False))
    for start, end, weight, in_title in spans:
        _add_sentences(view, start, end, weight, in_title)
    return view


def _add_sentences(view: TextView, start: int, end: int, weight: float, in_title: bool) -> None:
    text = view.full_text[start:end]
    cursor = 0
    pieces: list[tuple[int, int]] = []
    for match in _SENTENCE_END.finditer(text):
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, len(text)))
    tokens = view.tokens
    append = tokens.append
    known = _WORD_INFO.get
    hashtags = "#" in text
    for a, b in pieces:
        if b <= a:
            continue
        index = len(view.sentences)
        first = len(tokens)
        if weight == 0.0:  # page noise: kept as a span, never read, so not tokenised
            view.sentences.append(Sentence(start + a, start + b, first, first))
            continue
        marks = 0
        # The hot loop of the whole analysis (every word of every item): locals only.
        for match in _WORD.finditer(text, a, b):
            at = match.start()
            if hashtags and at and text[at - 1] == "#":  # rare: split "#RutanMedaeng"
                marks |= _add_hashtag(tokens, match.group(), start + at, index, weight, in_title)
                continue
            word = match.group()
            info = known(word) or word_info(word)
            marks |= info[2]
            begin = start + at
            append(Token(word, info[0], begin, begin + len(word), info[1], index, weight, in_title))
        view.sentences.append(Sentence(start + a, start + b, first, len(tokens), marks))


def _add_hashtag(
    tokens: list[Token], tag: str, begin: int, sentence: int, weight: float, in_title: bool
) -> int:
    """Tokens for the words inside a hashtag; returns their marks."""
    marks = 0
    for offset, part in _hashtag_words(tag):
        lower, word_roots, word_marks = word_info(part)
        marks |= word_marks
        at = begin + offset
        tokens.append(
            Token(part, lower, at, at + len(part), word_roots, sentence, weight, in_title)
        )
    return marks
