"""Split an item's text into paragraphs of plain and highlighted segments.

Evidence offsets (``Analysis.explanation``: {label: [{rule, weight, phrase, start, end}]})
point into ``title + "\\n\\n" + body``. Templates escape every segment; nothing here
produces markup, so content can never become HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    label: str | None = None  # which label the phrase supports (tone, crisis_category, ...)
    rule: str = ""
    weight: float = 0.0

    @property
    def direction(self) -> str:
        """'pos' / 'neg' / 'info': how the phrase pushes its label, for colouring."""
        if self.weight > 0 and self.label == "tone":
            return "pos"
        if self.weight < 0 or self.label == "crisis_category":
            return "neg"
        return "info"


def spans(explanation: dict[str, Any], length: int) -> list[tuple[int, int, str, str, float]]:
    """Valid, non-overlapping evidence spans sorted by start (first one wins an overlap)."""
    found = []
    for label, evidence in (explanation or {}).items():
        if not isinstance(evidence, list):
            continue
        for ev in evidence:
            if not isinstance(ev, dict):
                continue
            start, end = ev.get("start", -1), ev.get("end", -1)
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length:
                found.append(
                    (
                        start,
                        end,
                        str(label),
                        str(ev.get("rule", "")),
                        float(ev.get("weight", 0.0) or 0.0),
                    )
                )
    found.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str, str, float]] = []
    for span in found:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def segments(text: str, explanation: dict[str, Any]) -> list[Segment]:
    out: list[Segment] = []
    cursor = 0
    for start, end, label, rule, weight in spans(explanation, len(text)):
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], label, rule, weight))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return out


def paragraphs(
    title: str, body: str, explanation: dict[str, Any]
) -> tuple[list[Segment], list[list[Segment]]]:
    """(title segments, body paragraphs of segments), split on blank lines."""
    full = f"{title}\n\n{body}"
    title_part: list[Segment] = []
    paras: list[list[Segment]] = [[]]
    cursor = 0
    for seg in segments(full, explanation):
        pieces = _split_keep(seg, cursor, len(title))
        for in_title, piece in pieces:
            if in_title:
                title_part.append(piece)
            else:
                _append_body(paras, piece)
        cursor += len(seg.text)
    return title_part, [p for p in paras if any(s.text.strip() for s in p)]


def _split_keep(seg: Segment, offset: int, title_len: int) -> list[tuple[bool, Segment]]:
    """Cut a segment at the title/body border (the two newlines belong to neither)."""
    body_start = title_len + 2
    end = offset + len(seg.text)
    out: list[tuple[bool, Segment]] = []
    if offset < title_len:
        cut = min(end, title_len) - offset
        out.append((True, Segment(seg.text[:cut], seg.label, seg.rule, seg.weight)))
    if end > body_start:
        cut = max(body_start - offset, 0)
        out.append((False, Segment(seg.text[cut:], seg.label, seg.rule, seg.weight)))
    return out


def _append_body(paras: list[list[Segment]], seg: Segment) -> None:
    parts = seg.text.split("\n\n")
    for i, part in enumerate(parts):
        if i:
            paras.append([])
        if part:
            paras[-1].append(Segment(part, seg.label, seg.rule, seg.weight))
