"""Direct quotes and who said them: spokesperson tracking.

Forms handled: ``“...,” ujar Reynhard`` and ``"...," kata dia`` (verb after the quote,
curly or straight quotes), ``"...," ujarnya`` / ``tuturnya`` (the last person named
before the quote), ``Reynhard mengatakan, "..."`` and ``Menurut Reynhard, "..."`` (speaker
before the quote), and ``Menurutnya, "..."``. A short name is resolved to the full name
introduced earlier ("Direktur Jenderal Pemasyarakatan, Reynhard Silitonga") and its role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pantau.analyse.people import NAME, NOT_NAME_WORDS, ROLES

_QUOTE = re.compile(r"“(?P<c>[^”]{12,2000})”|\"(?P<s>[^\"\n]{12,2000})\"")
_VERBS = (
    r"kata|ujar|tutur|ungkap|jelas|tegas|tambah|imbuh|sebut|terang|papar|ucap|pungkas|"
    r"lanjut|ucap|tandas|timpal|beber|urai|paparnya|katanya"
)
_AFTER = re.compile(
    rf"^\s*[,.]?\s*(?P<verb>(?:{_VERBS})(?P<nya>nya)?)\b\s*(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}|dia|ia|beliau)?"
)
_BEFORE_VERBS = (
    r"mengatakan|menegaskan|menjelaskan|menyampaikan|mengungkapkan|menambahkan|berujar|"
    r"berpesan|menuturkan|menyebutkan|menerangkan|memaparkan|mengingatkan|menyatakan"
)
_BEFORE = re.compile(
    rf"(?:(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,3}}|Ia|Dia|ia|dia|Beliau)\s+"
    rf"(?:juga\s+|pun\s+|kembali\s+)?(?:{_BEFORE_VERBS})(?:\s+bahwa)?|"
    rf"Menurut\s+(?P<who2>[^,“\"\n]{{2,90}})|(?P<nya>Menurutnya|Katanya))"
    rf"\s*[,:]?\s*$"
)
_PRONOUNS = {"dia", "ia", "beliau"}


@dataclass(frozen=True, slots=True)
class QuoteFound:
    text: str
    speaker: str | None
    role: str | None
    start: int

    def as_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "role": self.role, "text": self.text, "start": self.start}


def _resolve(
    who: str | None, before: int, body: str, people: list[dict[str, Any]], last: str | None
) -> tuple[str | None, str | None]:
    """(full name, role) for a written speaker, a pronoun, or the last person named."""
    officials = [p for p in people if not p.get("is_inmate")]
    who = who.strip(".,;:'’") if who else who
    if who and who.casefold() not in _PRONOUNS:
        tokens = {t.casefold() for t in who.split()}
        for person in officials:
            if tokens & {t.casefold() for t in person["name"].split()}:
                return person["name"], person.get("role")
        return (who, None) if len(tokens) <= 4 and who[:1].isupper() else (None, None)
    # "ujarnya" / "kata dia": whoever was named or introduced last before the quote.
    found: tuple[int, str, str | None] | None = None
    for person in officials:
        for token in person["name"].split():
            position = body.rfind(token, 0, before) if len(token) >= 3 else -1
            if position >= 0 and (found is None or position > found[0]):
                found = (position, person["name"], person.get("role"))
    for intro in introductions(body[:before], people):
        if found is None or intro[0] > found[0]:
            found = intro
    if found:
        return found[1], found[2]
    return last, None


_INTRO_VERBS = (
    r"(?:juga\s+|pun\s+)?(?:mengatakan|menyebut(?:kan)?|menjelaskan|menyampaikan|"
    r"mengungkapkan|menambahkan|menegaskan|menuturkan|berujar|berkata|mengaku|menilai|"
    r"memastikan|membenarkan|mengimbau|meminta|berharap|menerangkan|memaparkan)\b"
)
_NAME_INTRO = re.compile(
    rf"(?P<name>{NAME})(?:\s*\(\d{{1,3}}\))?(?:,[^,.\n\"“”]{{1,80}},)?\s+{_INTRO_VERBS}"
)
_ROLE_INTRO = [
    (role, re.compile(rf"(?P<title>(?:{pattern})[^,.;\n\"“”]{{0,60}}?)\s+{_INTRO_VERBS}"))
    for role, pattern, _direct in ROLES
    if role
]


def introductions(text: str, people: list[dict[str, Any]]) -> list[tuple[int, str, str | None]]:
    """Who is set up to speak: "<Name> (45), pedagang, mengatakan", "Kapolsek X mengatakan"."""
    found: list[tuple[int, str, str | None]] = []
    for role, regex in _ROLE_INTRO:
        for match in regex.finditer(text):
            found.append((match.start(), " ".join(match.group("title").split()), role))
    taken = {position for position, _, _ in found}
    roles = {p["name"]: p.get("role") for p in people if not p.get("is_inmate")}
    for match in _NAME_INTRO.finditer(text):
        name = match.group("name")
        if name.split()[0] in NOT_NAME_WORDS or match.start() in taken:
            continue
        known = next((full for full in roles if set(name.split()) & set(full.split())), None)
        found.append((match.start(), known or name, roles.get(known) if known else None))
    return found


def _named_in(tail: str, people: list[dict[str, Any]]) -> tuple[str, str | None] | None:
    """A known person written out after the verb: ',” ujar Kepala Lapas X, Full Name.'"""
    sentence = tail.split(".")[0] if ". " in tail else tail
    for person in people:
        if not person.get("is_inmate") and person["name"] in sentence:
            return person["name"], person.get("role")
    return None


def find_quotes(body: str, *, people: list[dict[str, Any]]) -> list[QuoteFound]:
    """Every direct quote in the body with its speaker (None when nobody can be named)."""
    quotes: list[QuoteFound] = []
    last: str | None = None
    for match in _QUOTE.finditer(body):
        raw = match.group("c") or match.group("s") or ""
        text = raw.strip().rstrip(",").strip()
        line_end = body.find("\n", match.end())
        after = _AFTER.match(body[match.end() : line_end if line_end >= 0 else None])
        line_start = body.rfind("\n", 0, match.start()) + 1
        before = _BEFORE.search(body[line_start : match.start()])
        speaker: str | None = None
        role: str | None = None
        if after:
            who = None if after.group("nya") else after.group("who")
            tail = body[match.end() : match.end() + 160].split("\n")[0]
            named = None if after.group("nya") else _named_in(tail, people)
            anonymous = not after.group("nya") and who is None  # "kata seorang pedagang"
            if named:
                speaker, role = named
            elif not anonymous:
                speaker, role = _resolve(who, match.start(), body, people, last)
        elif before:
            who = None if before.group("nya") else (before.group("who") or before.group("who2"))
            speaker, role = _resolve(who, match.start(), body, people, last)
        if speaker:
            last = speaker
        if len(text.split()) >= 3:
            quotes.append(QuoteFound(text, speaker, role, match.start()))
    return quotes
