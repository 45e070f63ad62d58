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
    # "ujarnya" / "kata dia": the last speaker, else the last official named before.
    best: tuple[int, dict[str, Any]] | None = None
    for person in officials:
        for token in person["name"].split():
            if len(token) < 3:
                continue
            position = body.rfind(token, 0, before)
            if position >= 0 and (best is None or position > best[0]):
                best = (position, person)
    if last and (best is None or last == best[1]["name"]):
        match = next((p for p in officials if p["name"] == last), None)
        return last, match.get("role") if match else None
    if best:
        return best[1]["name"], best[1].get("role")
    return last, None


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
            speaker, role = named or _resolve(who, match.start(), body, people, last)
        elif before:
            who = None if before.group("nya") else (before.group("who") or before.group("who2"))
            speaker, role = _resolve(who, match.start(), body, people, last)
        if speaker:
            last = speaker
        if len(text.split()) >= 3:
            quotes.append(QuoteFound(text, speaker, role, match.start()))
    return quotes
