"""One web page by URL, fetched through the one network seam."""

from __future__ import annotations

from pantau.ingest.http import fetch
from pantau.ingest.metadata import now_utc
from pantau.items import Provenance, RawItem
from pantau.settings import IngestSettings


def fetch_page(url: str, *, settings: IngestSettings) -> RawItem:
    """GET ``url`` (refusing private addresses, oversize pages, endless redirects)."""
    result = fetch(url, settings=settings)
    content_type = result.content_type.lower()
    kind = "text" if content_type.startswith("text/plain") else "html"
    return RawItem(
        provenance=Provenance("url", url, fetched_at=now_utc()),
        content=result.content,
        content_type=kind,
        url=result.final_url,
        record={"content_type": result.content_type},
    )
