"""Plain dataclasses that flow between stages: RawItem -> Article -> (Analysis in analyse/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an input came from, kept with every item and every rejection."""

    source_kind: str  # "feed", "url", "html_file", "text_file", "jsonl", "csv", "xlsx"
    locator: str  # URL or file path (with row number for bulk files)
    fetched_at: datetime | None = None


@dataclass(slots=True)
class RawItem:
    """An input before extraction: HTML or text as received, or a structured record."""

    provenance: Provenance
    content: bytes | str | None = None
    content_type: str = ""  # "html", "text", "record"
    url: str | None = None
    record: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Article:
    """A clean, dated, attributed news item or social post, ready to store and analyse."""

    title: str
    body: str
    provenance: Provenance
    channel: str = "news"
    platform: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    lead: str = ""
    published_at: datetime | None = None
    outlet: str | None = None
    outlet_domain: str | None = None
    author: str | None = None
    dateline: str | None = None
    language: str = "id"
    external_id: str | None = None
    gold_labels: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        """Title and body together, as the analysers read them."""
        return f"{self.title}\n\n{self.body}" if self.title else self.body
