"""What flows through the analysis pipeline, and the evidence behind each label."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason behind a label: a matched phrase or a rule, with its weight."""

    rule: str  # stable rule name, e.g. "tone.recapture_is_escape"
    weight: float  # signed contribution toward the label
    phrase: str = ""  # the text that matched, as written in the item
    start: int = -1  # offset in Doc.full_text, -1 when not a text span
    end: int = -1
    supports: str = ""  # the label value this evidence argues for ("negative", "escape"...)

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "rule": self.rule,
            "weight": round(self.weight, 3),
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
        }
        if self.supports:
            found["supports"] = self.supports
        return found


@dataclass(slots=True)
class Doc:
    """An item as the analysers see it. Components fill ``labels`` and ``explanation``."""

    title: str
    body: str
    published_at: datetime | None = None
    outlet: str | None = None
    dateline: str | None = None
    channel: str = "news"
    labels: dict[str, Any] = field(default_factory=dict)
    explanation: dict[str, list[Evidence]] = field(default_factory=dict)

    @property
    def full_text(self) -> str:
        """Title, a blank line, then the body: the text evidence offsets refer to."""
        return f"{self.title}\n\n{self.body}"

    def explain(self, label: str, evidence: Evidence) -> None:
        self.explanation.setdefault(label, []).append(evidence)


class Component(Protocol):
    """A declared analyser: it reads ``requires`` labels and writes only ``assigns``."""

    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> None: ...
