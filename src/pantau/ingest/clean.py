"""Indonesian news cleaner: remove what extraction leaves around an article.

Works on paragraphs (non-empty lines). Three zones are treated differently:
the head (ticker of unrelated headlines, breadcrumbs, a bare date line, the title
repeated), the body (inline "Baca Juga" / "BACA LAINNYA" lines, advertisement and
video prompts, share buttons, editor initials) and the tail (a related-article list
after a marker such as "Baca Juga" or "Berita Terkait"). A press release's contact
block ("Narahubung") is article text and stays.

``clean_body`` repeats its pass until nothing changes, so it is idempotent.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u200b\ufeff]+")
_TICKER_SPLIT = re.compile(r"\s{2,}|\s+(?:\||•|·|●|■|//)\s+")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+[A-Z“\"]")
_MONTHS = (
    "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
    "|jan|feb|mar|apr|jun|jul|agu|agt|agust|ags|sep|sept|okt|nov|des"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad),?\s*)?"
    rf"\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}"
    r"(?:\s*[-,|/–]?\s*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:\s*(?:wib|wita|wit))?)?"
    r"(?:\s*(?:wib|wita|wit))?\s*$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(
    r"^(?:home|beranda|index|indeks)\s*(?:[/>»›|]\s*[\w .&-]{1,40}){1,4}$", re.IGNORECASE
)
_TICKER_LEAD = re.compile(
    r"^(?:terpopuler|terkini|breaking news|berita terkini|trending|populer|headline)\s*:",
    re.IGNORECASE,
)
# Whole lines that are never article text.
_NOISE_LINE = re.compile(
    r"^(?:"
    r"baca\s+(?:juga|lainnya|selengkapnya|berita\s+lainnya)\b.*"
    r"|advertisement|advertisment|iklan|ads|scroll\s+(?:to|untuk)\s+(?:continue|melanjutkan).*"
    r"|simak\s+(?:juga\s+)?video\b.*"
    r"|saksikan\s+(?:juga\s+)?video\b.*"
    r"|tonton\s+(?:juga\s+)?video\b.*"
    r"|(?:share|bagikan|bagikan\s+berita|share\s+this)\s*(?::.{0,60})?"
    r"|(?:facebook|twitter|whatsapp|telegram|line|linkedin|email|copy\s+link|salin\s+tautan|x)"
    r"(?:[\s,|/]+(?:facebook|twitter|whatsapp|telegram|line|linkedin|email|copy\s+link"
    r"|salin\s+tautan|x))*"
    r")\s*$",
    re.IGNORECASE,
)
_SHARE_LINE = re.compile(r"^(?:share|bagikan|share\s+this)\b", re.IGNORECASE)
# A marker after which sites list other articles.
_TAIL_MARKER = re.compile(
    r"^(?:baca\s+juga|berita\s+terkait|artikel\s+terkait|berita\s+lainnya|baca\s+berita\s+lainnya"
    r"|berita\s+populer|terpopuler|rekomendasi(?:\s+berita)?|pilihan\s+redaksi|related(?:\s+news)?"
    r"|tags?|topik\s+terkait|lihat\s+juga)\s*:?\s*$",
    re.IGNORECASE,
)
_EDITOR_INITIALS = re.compile(r"\s*\(\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})*\s*\)\s*\.?\s*$")
# A press release's contact block is short lines too, but it is article text.
_CONTACT = re.compile(r"narahubung|contact person|kontak media|\d{9,}", re.IGNORECASE)
_MAX_HEADLINE = 200
_HEAD_WINDOW = 12
_DATELINE_START = re.compile(r"^[A-Z][A-Za-z .,()]{1,60}\s[–—-]\s")


def _normalise(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def _headline_like(line: str) -> bool:
    """Short, one sentence at most: a headline or a category name, not article prose."""
    return len(line) <= _MAX_HEADLINE and not _SENTENCE_BREAK.search(line)


def _is_ticker(raw_line: str) -> bool:
    if _TICKER_LEAD.match(raw_line):
        return True
    segments = [s.strip() for s in _TICKER_SPLIT.split(raw_line.strip()) if s.strip()]
    if len(segments) < 2 or _DATELINE_START.match(segments[0]):
        return False
    # Headlines run together (sometimes with one space) and rarely end with a full stop;
    # prose split by a double space is sentences that do.
    if any(len(s) > 2 * _MAX_HEADLINE or _SENTENCE_BREAK.search(s) for s in segments):
        return False
    ended = sum(1 for s in segments if s[-1] in '.!?"”')
    return ended * 2 <= len(segments)


def _same_text(a: str, b: str) -> bool:
    def squash(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return bool(a) and squash(a) == squash(b)


def is_head_noise(raw_line: str, line: str, title: str | None) -> bool:
    return (
        _is_ticker(raw_line)
        or bool(_BREADCRUMB.match(line))
        or bool(_DATE_LINE.match(line))
        or bool(_NOISE_LINE.match(line))
        or (title is not None and _same_text(line, title))
    )


def _headline_line(line: str) -> bool:
    """A headline on its own line: short, one sentence, no closing full stop."""
    return _headline_like(line) and not line.endswith((".", "!", "?", ":", '"', "”"))


def head_marker_index(raw_lines: list[str], lines: list[str]) -> int:
    """Index of the last breadcrumb or date line at the top of a page when only headlines
    (a ticker spread over several lines, the title) come before it; -1 when there is none.
    Everything up to it is page furniture, whatever its layout."""
    last = -1
    for index, line in enumerate(lines[:_HEAD_WINDOW]):
        if _BREADCRUMB.match(line) or _DATE_LINE.match(line):
            last = index
        elif _DATELINE_START.match(line) or not (
            _is_ticker(raw_lines[index]) or _headline_line(line)
        ):
            break
    return last


def _drop_head(raw_lines: list[str], lines: list[str], title: str | None) -> list[str]:
    start = head_marker_index(raw_lines, lines) + 1
    while start < len(lines) and is_head_noise(raw_lines[start], lines[start], title):
        start += 1
    return lines[start:]


def _cut_tail(lines: list[str]) -> list[str]:
    """Cut a related-article list: a marker line followed only by headline-like lines."""
    for index, line in enumerate(lines):
        if index == 0 or not (_TAIL_MARKER.match(line) or _SHARE_LINE.match(line)):
            continue
        rest = lines[index + 1 :]
        if all(_headline_like(item) for item in rest) and not any(
            _CONTACT.search(item) for item in rest
        ):
            return lines[:index]
    return lines


# Credits, tags and copyright lines that close a page; the author is read before cleaning.
_TAIL_META = re.compile(
    r"^(?:(?:editor|penulis|reporter|pewarta|wartawan|penyunting|redaktur|sumber|foto|tags?"
    r"|topik|kata\s+kunci)\s*:.{0,200}|(?:copyright|hak\s+cipta)\b.{0,200}|©.{0,200})$",
    re.IGNORECASE,
)


def _drop_tail_meta(lines: list[str]) -> list[str]:
    end = len(lines)
    while end > 1 and _TAIL_META.match(lines[end - 1]):
        end -= 1
    return lines[:end]


def _drop_inline(lines: list[str]) -> list[str]:
    kept: list[str] = []
    skip_next = False
    for line in lines:
        if skip_next and _headline_like(line):
            skip_next = False
            continue
        skip_next = False
        if _TAIL_MARKER.match(line) and line.lower().startswith("baca"):
            skip_next = True  # "Baca juga:" alone on its line: the headline follows
            continue
        if _NOISE_LINE.match(line):
            continue
        kept.append(line)
    return kept


def _strip_initials(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        stripped = _EDITOR_INITIALS.sub("", line)
        if stripped != line and stripped and stripped[-1].isalnum():
            stripped += "."  # "... pelaporan (dz)" keeps a full stop
        if stripped:
            out.append(stripped)
    return out


def _clean_once(text: str, title: str | None) -> str:
    raw_lines = [line for line in text.replace("\r", "\n").split("\n") if _normalise(line)]
    lines = [_normalise(line)[0] for line in raw_lines]
    lines = _drop_head(raw_lines, lines, title)
    lines = _cut_tail(lines)
    lines = _drop_tail_meta(lines)
    lines = _drop_inline(lines)
    lines = _strip_initials(lines)
    return "\n\n".join(lines)


def clean_body(text: str, *, title: str | None = None) -> str:
    """Remove what extraction leaves around an article; idempotent.

    Paragraphs come back separated by one blank line, spaces collapsed.
    """
    current = _clean_once(text, title)
    for _ in range(50):
        cleaned = _clean_once(current, title)
        if cleaned == current:
            break
        current = cleaned
    return current
