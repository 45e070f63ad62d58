"""RSS/Atom feeds: parse safely, turn entries into RawItems.

Feeds are XML from strangers. Before feedparser sees a byte, defusedxml parses it with
entity declarations forbidden, which refuses "billion laughs" and external-entity
attacks; a document that declares entities is rejected whatever else it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pantau.errors import RejectedInput
from pantau.ingest.metadata import now_utc
from pantau.items import Provenance, RawItem

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_BLOCK_END = re.compile(r"(?i)</(?:p|div|li|h[1-6]|blockquote)>|<br\s*/?>")


@dataclass(slots=True)
class FeedEntry:
    title: str
    link: str | None
    text: str
    published_at: datetime | None
    author: str | None
    guid: str | None


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def _check_xml(content: bytes, url: str) -> None:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    if _ENTITY_DECL.search(content[:65536]):
        raise RejectedInput("unsafe_xml", f"Feed memuat deklarasi entitas XML (ditolak): {url}")
    try:
        SafeET.fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise RejectedInput("unsafe_xml", f"Feed XML tidak aman ({exc}): {url}") from exc
    except SafeET.ParseError as exc:
        raise RejectedInput(
            "malformed_feed", f"Feed rusak, bukan XML yang sah ({exc}): {url}"
        ) from exc


def html_to_text(fragment: str) -> str:
    """Paragraph text of an HTML fragment (feed summaries and content)."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", fragment)
    try:
        return str(lxml.html.fromstring(f"<div>{marked}</div>").text_content()).strip()
    except Exception:  # lxml raises several types on broken markup
        return re.sub(r"<[^>]+>", " ", fragment).strip()


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            year, month, day, hour, minute, second = value[:6]
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    return None


def _entry(entry: Any) -> FeedEntry:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "")
    text = html_to_text(html if len(html) > len(summary) else summary)
    return FeedEntry(
        title=" ".join(str(entry.get("title", "")).split()),
        link=entry.get("link"),
        text=text,
        published_at=_entry_time(entry),
        author=entry.get("author"),
        guid=entry.get("id"),
    )


def parse_feed(content: bytes, *, url: str) -> ParsedFeed:
    """Parse feed bytes; raises RejectedInput("unsafe_xml" | "malformed_feed")."""
    import feedparser

    if not content.strip():
        raise RejectedInput("empty", f"Feed kosong: {url}")
    _check_xml(content, url)
    parsed = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=True)
    if parsed.get("bozo") and not parsed.entries:
        raise RejectedInput("malformed_feed", f"Feed tidak bisa dibaca: {url}")
    channel = parsed.get("feed", {})
    return ParsedFeed(
        title=channel.get("title"),
        link=channel.get("link"),
        entries=[_entry(e) for e in parsed.entries],
    )


def entry_to_raw(entry: FeedEntry, *, feed_url: str, outlet: str | None) -> RawItem:
    """A feed entry as a record RawItem (the page may be fetched later for the full text)."""
    record: dict[str, Any] = {
        "title": entry.title,
        "text": entry.text,
        "url": entry.link,
        "published_at": entry.published_at,
        "outlet": outlet,
        "author": entry.author,
        "id": entry.guid,
    }
    locator = entry.link or f"{feed_url}#{entry.guid or entry.title}"
    return RawItem(Provenance("feed", locator, fetched_at=now_utc()), content_type="record",
                   url=entry.link, record=record)  # fmt: skip
