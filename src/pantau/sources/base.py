"""What every source yields: a RawItem to extract, or an input refused before extraction."""

from __future__ import annotations

from dataclasses import dataclass

from pantau.errors import RejectedInput
from pantau.items import Provenance, RawItem


@dataclass(slots=True)
class SourceError:
    """An input that failed before it could be extracted (unreadable file, bad row, ...)."""

    provenance: Provenance
    error: RejectedInput
    sample: bytes | str | None = None


SourceResult = RawItem | SourceError
