"""Entity analysers: places, units, people, quotes, key messages (Analysis II fills it in)."""

from __future__ import annotations

from pantau.analyse.doc import Component


def entity_components() -> list[Component]:
    """The entity components, in pipeline order, appended after the label components."""
    return []
