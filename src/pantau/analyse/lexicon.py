"""Lexicons as data: phrases with weights per class, matched affix-aware on a TextView.

A lexicon file (``lexicons/<name>.toml``) has one table per class, mapping a phrase to a
weight, and optional ``[[frame]]`` entries (two phrase sets within a token window):

    [negative]
    "lari diri" = 3.0        # roots: matches "melarikan diri", "berlari diri"...
    "=kabur" = 3.0           # "=" means the exact word, no affixes
    "narkot*" = 1.0          # "*" means the word starts with it
    "kabur|lolos" = 2.0      # "|" separates alternatives for one word

Every match is modified by its context: the zone it sits in (title, lead, body, noise),
negation just before it (tidak, bukan, belum, tanpa ...), a denial in its sentence
(membantah, menepis: the allegation stays the news) and contrast (namun, tetapi: what
follows counts more; meski: the conceded clause counts less).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from pantau.analyse.doc import Evidence
from pantau.analyse.normalise import (
    CONCESSIVE,
    CONTRAST_AFTER,
    MARK_CONTRAST,
    MARK_DENIAL,
    MARK_NEGATION,
    NEGATORS,
    TextView,
    Token,
)

LEXICON_DIR = Path(__file__).parent / "lexicons"

NEGATION_WINDOW = 3
EXISTENTIAL_WINDOW = 5  # "tidak ada napi yang kabur"


class Term:
    """One word of a phrase: exact words, roots and prefixes, checked with set lookups."""

    __slots__ = ("alternatives", "exact", "prefixes", "roots")

    def __init__(self, alternatives: tuple[str, ...]) -> None:
        self.alternatives = alternatives
        self.exact = frozenset(a[1:] for a in alternatives if a.startswith("="))
        self.prefixes = tuple(a[:-1] for a in alternatives if a.endswith("*"))
        self.roots = frozenset(
            a for a in alternatives if not a.startswith("=") and not a.endswith("*")
        )

    def matches(self, token: Token) -> bool:
        if token.lower in self.exact:
            return True
        if self.roots and not self.roots.isdisjoint(token.roots):
            return True
        return bool(self.prefixes) and token.lower.startswith(self.prefixes)


@dataclass(frozen=True, slots=True)
class Phrase:
    label: str
    source: str
    weight: float
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Frame:
    name: str
    label: str
    weight: float
    first: tuple[Phrase, ...]
    then: tuple[Phrase, ...]
    window: int
    same_sentence: bool
    # word -> the "then" phrases whose first word matches it; words repeat, so it stays small
    then_by_word: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, compare=False)


@dataclass(slots=True)
class Hit:
    """One matched phrase with its raw and context-modified weight."""

    label: str
    rule: str
    phrase: str  # as written in the text
    start: int
    end: int
    first_token: int
    last_token: int  # exclusive
    weight: float  # lexicon weight
    factor: float  # zone x contrast x negation
    negated: bool
    denied: bool
    in_title: bool

    @property
    def score(self) -> float:
        return self.weight * self.factor

    def evidence(self, prefix: str) -> Evidence:
        return Evidence(
            f"{prefix}.{self.rule}", self.score, self.phrase, self.start, self.end, self.label
        )


def _parse_phrase(label: str, source: str, weight: float) -> Phrase:
    terms = tuple(Term(tuple(word.split("|"))) for word in source.lower().split())
    return Phrase(label, source, float(weight), terms)


class Lexicon:
    """A compiled lexicon: phrases indexed by their first word, plus frames."""

    def __init__(self, name: str, data: dict[str, object], digest: str) -> None:
        self.name = name
        self.digest = digest
        self.phrases: list[Phrase] = []
        self.frames: list[Frame] = []
        for label, table in data.items():
            if label == "frame" and isinstance(table, list):
                self.frames.extend(_parse_frame(entry) for entry in table)
            elif isinstance(table, dict):
                for source, weight in table.items():
                    self.phrases.append(_parse_phrase(label, source, float(weight)))
        self._candidates: dict[str, tuple[Phrase, ...]] = {}
        self._by_key: dict[str, list[Phrase]] = {}
        self._prefixed: list[Phrase] = []
        for phrase in self.phrases:
            self._index(phrase)
        self._frame_of: dict[int, Frame] = {}
        for frame in self.frames:
            for phrase in frame.first:
                self._frame_of[id(phrase)] = frame
                self._index(phrase)

    def _candidates_for(self, token: Token) -> tuple[Phrase, ...]:
        """Phrases whose first word matches a word, cached by the word (its roots are fixed).

        The first word is checked here, once per distinct word, so matching a token only
        checks the rest of multi-word phrases; duplicates (two roots of one word indexing
        the same phrase) are dropped, keeping the first.
        """
        found = [p for key in token.roots for p in self._by_key.get(key, ())]
        found += self._prefixed
        unique = {id(p): p for p in found if p.terms[0].matches(token)}
        candidates = tuple(unique.values())
        if len(self._candidates) < 200_000:
            self._candidates[token.lower] = candidates
        return candidates

    def _index(self, phrase: Phrase) -> None:
        for alt in phrase.terms[0].alternatives:
            if alt.endswith("*"):
                self._prefixed.append(phrase)
            else:
                self._by_key.setdefault(alt.lstrip("="), []).append(phrase)

    def match(self, view: TextView) -> list[Hit]:
        """All phrase hits and frame hits in ``view``, each with its context factor."""
        hits: list[Hit] = []
        tokens = view.tokens
        cached = self._candidates.get
        # Page noise is never tokenised (zone 0 has no tokens), so every token is read.
        for index, token in enumerate(tokens):
            candidates = cached(token.lower)
            if candidates is None:
                candidates = self._candidates_for(token)
            for phrase in candidates:  # usually none: most words start no phrase
                if len(phrase.terms) > 1 and not _match_rest(phrase, tokens, index):
                    continue
                frame = self._frame_of.get(id(phrase))
                if frame is None:
                    hits.append(_hit(view, phrase, phrase.label, phrase.source, index))
                else:
                    hit = _frame_hit(view, frame, phrase, index)
                    if hit is not None:
                        hits.append(hit)
        return hits


def _match_rest(phrase: Phrase, tokens: list[Token], index: int) -> bool:
    """The words after the first (already matched at ``index``) in the same sentence."""
    terms = phrase.terms
    if index + len(terms) > len(tokens):
        return False
    sentence = tokens[index].sentence
    for offset in range(1, len(terms)):
        token = tokens[index + offset]
        if token.sentence != sentence or not terms[offset].matches(token):
            return False
    return True


def _hit(view: TextView, phrase: Phrase, label: str, rule: str, index: int) -> Hit:
    tokens = view.tokens
    last = index + len(phrase.terms)
    marks = view.sentences[tokens[index].sentence].marks
    negated = bool(marks & MARK_NEGATION) and _negated(tokens, index)
    denied = bool(marks & MARK_DENIAL)
    factor = tokens[index].zone * _contrast_factor(view, index)
    if negated and not denied:
        factor *= -0.3
    start, end = tokens[index].start, tokens[last - 1].end
    # Positional: a keyword call of a 12-field dataclass costs twice as much, per hit.
    return Hit(
        label, rule, view.full_text[start:end], start, end, index, last,
        phrase.weight, factor, negated, denied, tokens[index].in_title,
    )  # fmt: skip


def _negated(tokens: list[Token], index: int) -> bool:
    """A negator just before, or "tidak ada ... yang" a little further back."""
    sentence = tokens[index].sentence
    for back in range(1, EXISTENTIAL_WINDOW + 1):
        j = index - back
        if j < 0 or tokens[j].sentence != sentence:
            return False
        word = tokens[j].lower
        if back <= NEGATION_WINDOW and word in NEGATORS:
            return True
        if word == "ada" and j > 0 and tokens[j - 1].lower in NEGATORS:
            return True
    return False


def _contrast_markers(view: TextView, number: int) -> tuple[int, int]:
    """Token index of the last "namun"-type and the last "meski"-type marker (-1: none)."""
    cached = view._contrast.get(number)
    if cached is None:
        sentence = view.sentences[number]
        after = concede = -1
        for j in range(sentence.first_token, sentence.last_token):
            word = view.tokens[j].lower
            if word in CONTRAST_AFTER:
                after = j
            elif word in CONCESSIVE:
                concede = j
        cached = (after, concede)
        view._contrast[number] = cached
    return cached


def _contrast_factor(view: TextView, index: int) -> float:
    """Contrast inside a sentence: after "namun" x1.3, before it x0.8; "meski" clause x0.6."""
    number = view.tokens[index].sentence
    if not view.sentences[number].marks & MARK_CONTRAST:
        return 1.0  # no "namun" or "meski" type word in the sentence
    after, concede = _contrast_markers(view, number)
    factor = 1.0
    if after >= 0:
        factor = 1.3 if index > after else 0.8
    if 0 <= concede < index:
        sentence = view.sentences[number]
        clause_end = view.full_text.find(",", view.tokens[concede].end, sentence.end)
        if clause_end == -1 or view.tokens[index].start < clause_end:
            factor = 0.6
    first = view.sentences[number].first_token
    if first < len(view.tokens) and view.tokens[first].lower in ("namun", "tetapi"):
        factor = max(factor, 1.3)
    return factor


def _parse_frame(entry: object) -> Frame:
    if not isinstance(entry, dict):
        raise ValueError("frame entry must be a table")
    label = str(entry["label"])
    weight = float(entry["weight"])
    first = tuple(_parse_phrase(label, str(p), weight) for p in entry["first"])
    then = tuple(_parse_phrase(label, str(p), weight) for p in entry["then"])
    return Frame(
        name=str(entry["name"]),
        label=label,
        weight=weight,
        first=first,
        then=then,
        window=int(entry.get("window", 8)),
        same_sentence=bool(entry.get("same_sentence", True)),
    )


def _frame_hit(view: TextView, frame: Frame, first: Phrase, index: int) -> Hit | None:
    """The frame's second part within its window after ``first`` at ``index``, if any."""
    tokens = view.tokens
    after = index + len(first.terms)
    sentence = tokens[index].sentence if frame.same_sentence else -1
    for j in range(after, min(len(tokens), after + frame.window)):
        if sentence >= 0 and tokens[j].sentence != sentence:
            return None
        second = _then_at(frame, tokens, j)
        if second is None:
            continue
        if frame.label == "mask":
            # A mask covers a coordinated list too: "simulasi kerusuhan dan kebakaran".
            j, second = _last_match(
                frame, tokens, j, second, min(len(tokens), after + frame.window)
            )
        span = Phrase(frame.label, frame.name, frame.weight, first.terms)
        hit = _hit(view, span, frame.label, frame.name, index)
        end = tokens[j + len(second.terms) - 1].end
        return replace(
            hit, end=end, phrase=view.full_text[hit.start : end], last_token=j + len(second.terms)
        )
    return None


THEN_CACHE_LIMIT = 50_000  # distinct words remembered per frame


def _then_at(frame: Frame, tokens: list[Token], j: int) -> Phrase | None:
    """The first of the frame's "then" phrases that matches at ``j``."""
    token = tokens[j]
    candidates = frame.then_by_word.get(token.lower)
    if candidates is None:
        candidates = tuple(p for p in frame.then if p.terms[0].matches(token))
        if len(frame.then_by_word) < THEN_CACHE_LIMIT:
            frame.then_by_word[token.lower] = candidates
    for phrase in candidates:
        if len(phrase.terms) == 1 or _match_rest(phrase, tokens, j):
            return phrase
    return None


def _last_match(
    frame: Frame, tokens: list[Token], j: int, second: Phrase, limit: int
) -> tuple[int, Phrase]:
    for k in range(j + 1, limit):
        if tokens[k].sentence != tokens[j].sentence:
            break
        found = _then_at(frame, tokens, k)
        if found is not None:
            j, second = k, found
    return j, second


@cache
def load(name: str) -> Lexicon:
    """The lexicon ``lexicons/<name>.toml`` (cached; data changes need a restart)."""
    path = LEXICON_DIR / f"{name}.toml"
    raw = path.read_bytes()
    return Lexicon(name, tomllib.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest()[:8])


def totals(hits: list[Hit]) -> dict[str, float]:
    """Summed score per label."""
    out: dict[str, float] = {}
    for hit in hits:
        out[hit.label] = out.get(hit.label, 0.0) + hit.score
    return out
