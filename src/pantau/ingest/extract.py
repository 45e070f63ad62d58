"""RawItem -> Article: decode, extract (trafilatura for HTML), clean, read metadata.

HTML pages go through trafilatura, then the Indonesian cleaner; plain-text pages (like
a page copied from a browser) and structured records (JSONL/CSV/XLSX rows) go straight
to the cleaner. Every failure is a :class:`RejectedInput` with a short reason code.
"""

from __future__ import annotations

import codecs
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from pantau.errors import RejectedInput
from pantau.ingest.clean import clean_body, head_marker_index, is_head_noise
from pantau.ingest.metadata import (
    find_author,
    parse_dateline,
    parse_datetime_value,
    parse_long_date,
    parse_numeric_date,
)
from pantau.ingest.urls import canonical_url, domain_of
from pantau.items import Article, Provenance, RawItem
from pantau.settings import Settings
from pantau.vocab import Channel

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# WHATWG: pages labelled Latin-1 are decoded as Windows-1252 by every browser.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                    "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}  # fmt: skip
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"GIF8": "GIF",
    b"\xff\xd8\xff": "JPEG",
    b"PK\x03\x04": "ZIP/Office",
}
_HTML_HINT = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p|div)[\s>]", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"])")
_LEAD_CHARS = 600


def check_bytes(data: bytes, *, locator: str) -> None:
    """Refuse empty and binary inputs with a clear message."""
    if not data.strip():
        raise RejectedInput("empty", f"Berkas/halaman kosong: {locator}")
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            raise RejectedInput("binary", f"Berkas biner ({name}), bukan teks berita: {locator}")
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) * 0.05:
        raise RejectedInput("binary", f"Berkas biner, bukan teks berita: {locator}")


def _known_codec(name: str) -> str | None:
    name = _CHARSET_ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, content_type: str = "") -> str:
    """Text from bytes: BOM, then the HTTP header, then ``<meta charset>``, then UTF-8,
    then Windows-1252 (which never fails and reads Latin-1 pages correctly)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):  # fmt: skip
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    declared: list[str] = []
    header = _HEADER_CHARSET.search(content_type)
    if header:
        declared.append(header.group(1))
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii", "ignore"))
    for name in declared:
        known = _known_codec(name)
        if known is None:
            continue
        try:
            return data.decode(known)
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def looks_like_html(data: bytes | str) -> bool:
    head = data[:2048] if isinstance(data, bytes) else data[:2048].encode("utf-8", "ignore")
    return bool(_HTML_HINT.search(head))


def first_sentence(text: str, limit: int = 160) -> str:
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def lead_of(body: str) -> str:
    """The first paragraph, capped at a sentence boundary near 600 characters."""
    first = body.split("\n\n", 1)[0].strip()
    if len(first) <= _LEAD_CHARS:
        return first
    sentences = _SENTENCE_END.split(first)
    lead = ""
    for sentence in sentences:
        if lead and len(lead) + len(sentence) > _LEAD_CHARS:
            break
        lead = f"{lead} {sentence}".strip()
    return lead[: _LEAD_CHARS * 2]


# -- plain-text pages ------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r", "").split("\n") if p.strip(" \t\u00a0")]


def _title_like(raw: str, line: str) -> bool:
    return not (
        is_head_noise(raw, line, None)
        or parse_dateline(line).length
        or len(line) > 250
        or line.endswith((".", ":"))
    )


def _guess_title(text: str) -> str | None:
    """The title of a copied page: the short line next to the page's date line or
    breadcrumb, else the first short head line that is not the article's dateline."""
    raws = _paragraphs(text)
    lines = [" ".join(raw.split()) for raw in raws]
    if len(lines) < 2:
        return None  # the only text is the article itself
    marker = head_marker_index(raws, lines)
    if marker >= 0:
        after = [i for i in range(marker + 1, min(len(lines) - 1, marker + 4))
                 if not is_head_noise(raws[i], lines[i], None)]  # fmt: skip
        if after and _title_like(raws[after[0]], lines[after[0]]):
            return lines[after[0]]
        before = marker - 1
        if before >= 0 and _title_like(raws[before], lines[before]):
            return lines[before]
        return None
    for index, (raw, line) in enumerate(zip(raws[:8], lines[:8], strict=False)):
        if index == len(lines) - 1:
            return None
        if is_head_noise(raw, line, None):
            continue
        return line if _title_like(raw, line) else None
    return None


def _date_from_text(text: str, default_tz: str) -> datetime | None:
    head = text[:1500]
    return parse_long_date(head, default_tz=default_tz) or parse_numeric_date(
        head, default_tz=default_tz
    )


def extract_text(
    text: str,
    *,
    provenance: Provenance,
    title: str | None = None,
    default_tz: str = "Asia/Jakarta",
    known_outlet: str | None = None,
    url: str | None = None,
    guess_title: bool = True,
) -> Article:
    """An Article from a plain-text page such as the seed."""
    if title:
        title = " ".join(title.split())
    elif guess_title:
        title = _guess_title(text)
    body = clean_body(text, title=title)
    if not body:
        raise RejectedInput("no_text", f"Tidak ada teks artikel: {provenance.locator}")
    dateline = parse_dateline(body, known_outlet=known_outlet)
    return Article(
        title=title or first_sentence(body),
        body=body,
        provenance=provenance,
        url=url,
        canonical_url=canonical_url(url) if url else None,
        lead=lead_of(body),
        published_at=_date_from_text(text, default_tz),
        outlet=known_outlet or dateline.outlet,
        outlet_domain=domain_of(url),
        dateline=dateline.city,
        author=find_author(text),
    )


# -- HTML pages ------------------------------------------------------------------------


def _meta_values(html: str) -> dict[str, str]:
    """A few <meta> values trafilatura does not return with their time of day."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on broken markup
        return {}
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        value = meta.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    for time_tag in tree.iter("time"):
        if time_tag.get("datetime"):
            found.setdefault("time", time_tag.get("datetime", ""))
            break
    return found


def _html_published(meta: dict[str, str], text: str, fallback: Any, tz: str) -> datetime | None:
    for key in ("article:published_time", "og:published_time", "datepublished",
                "pubdate", "publishdate", "date", "time"):  # fmt: skip
        if key in meta:
            parsed = parse_datetime_value(meta[key], default_tz=tz)
            if parsed is not None:
                return parsed
    return _date_from_text(text, tz) or parse_datetime_value(fallback, default_tz=tz)


def extract_html(
    html: str,
    *,
    provenance: Provenance,
    url: str | None = None,
    default_tz: str = "Asia/Jakarta",
    known_outlet: str | None = None,
) -> Article:
    """An Article from an HTML page: trafilatura for the text, then the cleaner."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    data: dict[str, Any] = {}
    if isinstance(doc, dict):
        data = doc
    elif doc is not None:
        data = doc.as_dict()
    meta = _meta_values(html)
    raw_text = str(data.get("text") or "")
    title = meta.get("og:title") or data.get("title") or None
    article = extract_text(
        raw_text, provenance=provenance, title=title, default_tz=default_tz,
        known_outlet=known_outlet or meta.get("og:site_name") or data.get("sitename"), url=url,
    )  # fmt: skip
    article.published_at = _html_published(meta, raw_text, data.get("date"), default_tz)
    article.author = data.get("author") or meta.get("author") or article.author
    return article


# -- structured records ----------------------------------------------------------------

_FIELDS = {
    "title": ("title", "judul", "headline"),
    "text": ("text", "body", "content", "isi", "konten", "teks", "message", "caption"),
    "url": ("url", "link", "tautan", "permalink"),
    "published_at": ("published_at", "published", "date", "tanggal", "waktu", "created_at"),
    "outlet": ("outlet", "media", "source", "sumber", "account", "akun", "site"),
    "channel": ("channel", "kanal"),
    "platform": ("platform",),
    "author": ("author", "penulis", "wartawan"),
    "id": ("id", "external_id", "item_id"),
    "labels": ("labels", "label"),
}


def _field(record: dict[str, Any], name: str) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in record.items()}
    for key in _FIELDS[name]:
        value = lowered.get(key)
        if value not in (None, ""):
            return value
    return None


def _text_field(record: dict[str, Any], name: str) -> str | None:
    value = _field(record, name)
    return str(value).strip() if value is not None else None


def article_from_record(
    record: dict[str, Any], *, provenance: Provenance, default_tz: str = "Asia/Jakarta"
) -> Article:
    """An Article from a row of a bulk export (the shared-corpus JSONL format included)."""
    text = _text_field(record, "text")
    if not text:
        raise RejectedInput("no_text", f"Baris tanpa teks artikel: {provenance.locator}")
    url = _text_field(record, "url")
    outlet = _text_field(record, "outlet")
    title = _text_field(record, "title")
    channel = (_text_field(record, "channel") or Channel.NEWS).lower()
    if channel not in (Channel.NEWS, Channel.SOCIAL):
        raise RejectedInput("bad_record", f"Kanal tidak dikenal '{channel}': {provenance.locator}")
    if looks_like_html(text):
        article = extract_html(text, provenance=provenance, url=url, known_outlet=outlet,
                               default_tz=default_tz)  # fmt: skip
        article.title = title or article.title
    else:
        article = extract_text(text, provenance=provenance, title=title, url=url,
                               known_outlet=outlet, default_tz=default_tz,
                               guess_title=channel != Channel.SOCIAL)  # fmt: skip
    published = parse_datetime_value(_field(record, "published_at"), default_tz=default_tz)
    article.published_at = published or article.published_at
    article.channel = channel
    article.platform = _text_field(record, "platform")
    article.author = _text_field(record, "author") or article.author
    article.external_id = _text_field(record, "id")
    labels = _field(record, "labels")
    article.gold_labels = labels if isinstance(labels, dict) else None
    if channel == Channel.SOCIAL and not title:
        article.title = ""  # a post has no headline; analysers read the body
    return article


# -- the entry point -------------------------------------------------------------------


def extract(raw: RawItem, *, default_tz: str = "Asia/Jakarta") -> Article:
    """Turn one RawItem into an Article, or raise :class:`RejectedInput` with a reason."""
    if raw.content_type == "record":
        return article_from_record(raw.record, provenance=raw.provenance, default_tz=default_tz)
    content = raw.content
    if content is None:
        raise RejectedInput("empty", f"Tidak ada isi: {raw.provenance.locator}")
    if isinstance(content, bytes):
        check_bytes(content, locator=raw.provenance.locator)
        text = decode_bytes(content, content_type=str(raw.record.get("content_type", "")))
    else:
        text = content
        if not text.strip():
            raise RejectedInput("empty", f"Berkas/halaman kosong: {raw.provenance.locator}")
    if raw.content_type == "html" or (raw.content_type != "text" and looks_like_html(text)):
        return extract_html(text, provenance=raw.provenance, url=raw.url, default_tz=default_tz)
    return extract_text(text, provenance=raw.provenance, url=raw.url, default_tz=default_tz)


def extract_source(source: str, *, settings: Settings) -> Article:
    """Extract one file path or URL (what ``pantau extract`` shows); nothing is stored."""
    if source.lower().startswith(("http://", "https://")):
        from pantau.sources.web import fetch_page  # the network seam, only when asked

        raw = fetch_page(source, settings=settings.ingest)
    else:
        path = Path(source)
        if not path.is_file():
            raise RejectedInput("not_found", f"Berkas tidak ada: {source}")
        size = path.stat().st_size
        if size > settings.ingest.max_bytes:
            raise RejectedInput("too_large", f"Berkas terlalu besar ({size:,} byte): {source}")
        kind = "html" if path.suffix.lower() in (".html", ".htm", ".xhtml") else ""
        raw = RawItem(Provenance("file", str(path)), path.read_bytes(), kind)
    return extract(raw, default_tz=settings.timezone)


def article_to_dict(article: Article) -> dict[str, Any]:
    """The record ``pantau extract --json`` prints."""
    return {
        "title": article.title,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "outlet": article.outlet,
        "dateline": article.dateline,
        "author": article.author,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "channel": article.channel,
        "platform": article.platform,
        "lead": article.lead,
        "body": article.body,
    }
