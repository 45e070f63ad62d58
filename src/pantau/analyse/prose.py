"""Which parts of an item are the article's own prose, and where its dateline is.

Extracted pages keep tickers of unrelated headlines, "Baca juga" links and share bars,
which name other places and other units. The entity linkers read only the title and the
prose paragraphs this module returns, with offsets into :attr:`Doc.full_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RELATED_MARKERS = re.compile(
    r"^\s*(?:baca\s+(?:juga|lainnya|selengkapnya)|simak\s+(?:juga|video)|lihat\s+juga|"
    r"berita\s+(?:terkait|lainnya|terpopuler|terkini)|artikel\s+terkait|tonton\s+juga|"
    r"advertisement|iklan|share\s*:?|bagikan|tags?\s*:|topik\s*:|editor\s*:|penulis\s*:|"
    r"copyright|hak\s+cipta|\(?[a-z]{2,4}/[a-z]{2,4}\)?\s*$)",
    re.IGNORECASE,
)
# A heading after which only links and other outlets' headlines follow.
_TAIL_HEADINGS = re.compile(
    r"^\s*(?:baca\s+juga|berita\s+terkait|berita\s+lainnya|artikel\s+terkait|share\s*:?|"
    r"terpopuler|rekomendasi)\s*:?\s*$",
    re.IGNORECASE,
)
_TICKER_GAP = re.compile(r"\S {2,}\S")
_BULLETS = {"-", "•", "*", "·", "–", "»", "›"}
_SENTENCE_END = re.compile(r"[.!?\"”)]\s*$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    start: int  # offset in Doc.full_text
    is_title: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _paragraphs(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            out.append(Paragraph(stripped, offset + line.index(stripped)))
        offset += len(line) + 1
    return out


def is_noise(paragraph: str) -> bool:
    """A line that is page furniture: related links, a ticker, a menu or a caption."""
    if _is_furniture(paragraph):
        return True
    if paragraph[:1] in _BULLETS and not _SENTENCE_END.search(paragraph):
        return True  # a list of links
    words = paragraph.split()
    # Short lines without a sentence end are headlines of other stories, menus or captions.
    return len(words) < 9 and not _SENTENCE_END.search(paragraph)


def prose_paragraphs(title: str, body: str, *, channel: str = "news") -> list[Paragraph]:
    """The title (offset 0) and the body's prose paragraphs, noise removed.

    Social posts are short and have no page around them: all their lines count.
    """
    out = [Paragraph(title.strip(), 0, is_title=True)] if title.strip() else []
    base = len(title) + 2
    body_paragraphs = _paragraphs(body)
    if channel == "social":
        return out + [Paragraph(p.text, base + p.start) for p in body_paragraphs]
    stop = len(body_paragraphs)
    for index, paragraph in enumerate(body_paragraphs):
        if index > len(body_paragraphs) // 3 and _TAIL_HEADINGS.match(paragraph.text):
            stop = index
            break
    candidates = [p for p in body_paragraphs[:stop] if p.text != title.strip()]
    kept = [p for p in candidates if not is_noise(p.text)]
    if not kept:
        # A body of short lines only ("Napi Lapas Cipinang kabur"): with no prose beside
        # them they are the item itself, not furniture around it.
        kept = [p for p in candidates if not _is_furniture(p.text)]
    return out + [Paragraph(p.text, base + p.start) for p in kept]


def _is_furniture(paragraph: str) -> bool:
    """Lines that are never the article: related links, tickers, credits."""
    return bool(_RELATED_MARKERS.match(paragraph)) or len(_TICKER_GAP.findall(paragraph)) >= 2


_DATELINE = re.compile(r"^(?P<head>[^\n.!?]{2,70}?)\s+[–—-]{1,2}\s+\S")


def dateline_parts(paragraphs: list[Paragraph]) -> list[str]:
    """Pieces of the first prose paragraph's dateline ("KAHAYAN POS, PALANGKA RAYA – ...")."""
    for paragraph in paragraphs:
        if paragraph.is_title:
            continue
        match = _DATELINE.match(paragraph.text)
        if not match:
            return []
        head = re.sub(r"\(.*?\)", "", match.group("head"))
        return [part.strip() for part in head.split(",") if part.strip()]
    return []
