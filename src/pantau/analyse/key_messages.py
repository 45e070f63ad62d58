"""Key messages: the institution's slogans and the phrases that carry them.

The list ships as ``gazetteer/key_messages.json`` and is seeded into the database by
``pantau.store.units.seed_key_messages``; Humas may add phrases there. Phrases are
regular expressions matched on word boundaries, case-insensitive unless the message says
otherwise ("PASTI" must be capitals: "pasti" is an everyday word).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pantau.analyse.gazetteer import KEY_MESSAGES_JSON


@dataclass(frozen=True, slots=True)
class KeyMessageSpec:
    code: str
    name: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]


def compile_message(
    code: str, name: str, phrases: list[str], *, case_sensitive: bool = False
) -> KeyMessageSpec:
    """One key message with its phrases joined into one word-bounded pattern."""
    joined = "|".join(f"(?:{p})" for p in phrases)
    flags = 0 if case_sensitive else re.IGNORECASE
    return KeyMessageSpec(
        code, name, tuple(phrases), re.compile(rf"(?<!\w)(?:{joined})(?!\w)", flags)
    )


def load_key_messages(path: Path = KEY_MESSAGES_JSON) -> list[KeyMessageSpec]:
    """The shipped (or a given) key-message list."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        compile_message(
            row["code"], row["name"], row["phrases"], case_sensitive=bool(row.get("case_sensitive"))
        )
        for row in rows
    ]


def find_key_messages(text: str, messages: list[KeyMessageSpec]) -> list[tuple[str, re.Match[str]]]:
    """(code, first match) for each message the text carries, in list order."""
    found: list[tuple[str, re.Match[str]]] = []
    for message in messages:
        match = message.pattern.search(text)
        if match:
            found.append((message.code, match))
    return found
