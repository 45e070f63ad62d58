"""The case workflow as an explicit transition table.

::

    open ──> handling ──> monitoring ──> closed
      │         ^              │           │
      │         └──────────────┘           │   monitoring -> handling: the story flares up
      └──> closed (false alarm)            │
                ^                          │
    handling <──┴──────── reopen ──────────┘   closed -> handling: it comes back

A case cannot be closed straight from ``handling``: after the response the team watches
coverage (``monitoring``) before closing, so the evaluation has an "after" to show.
Reopening lands in ``handling``, not ``open``: the team and owner already exist.
Every other edge (including a state to itself) raises :class:`InvalidTransition`.
"""

from __future__ import annotations

from enum import StrEnum

from pantau.errors import InvalidTransition


class CaseState(StrEnum):
    OPEN = "open"
    HANDLING = "handling"
    MONITORING = "monitoring"
    CLOSED = "closed"


STATE_LABELS_ID: dict[str, str] = {
    "open": "Baru dibuka",
    "handling": "Ditangani",
    "monitoring": "Dipantau",
    "closed": "Ditutup",
}

# (from, to) -> what the move means, in Indonesian, for the timeline.
TRANSITIONS: dict[tuple[CaseState, CaseState], str] = {
    (CaseState.OPEN, CaseState.HANDLING): "Mulai ditangani",
    (CaseState.OPEN, CaseState.CLOSED): "Ditutup tanpa penanganan (bukan krisis)",
    (CaseState.HANDLING, CaseState.MONITORING): "Tanggapan selesai, pemberitaan dipantau",
    (CaseState.MONITORING, CaseState.HANDLING): "Pemberitaan memanas lagi, kembali ditangani",
    (CaseState.MONITORING, CaseState.CLOSED): "Kasus ditutup",
    (CaseState.CLOSED, CaseState.HANDLING): "Kasus dibuka kembali",
}


def allowed(from_state: str) -> list[CaseState]:
    """States reachable in one move from ``from_state``."""
    return [to for (frm, to) in TRANSITIONS if frm == from_state]


def check(from_state: str, to_state: str) -> str:
    """The meaning of a legal move; raises InvalidTransition for an illegal one."""
    try:
        key = (CaseState(from_state), CaseState(to_state))
    except ValueError as exc:
        raise InvalidTransition(f"Status tidak dikenal: {from_state} -> {to_state}.") from exc
    if key not in TRANSITIONS:
        options = ", ".join(STATE_LABELS_ID[s] for s in allowed(from_state)) or "tidak ada"
        raise InvalidTransition(
            f"Kasus berstatus {STATE_LABELS_ID[key[0]]} tidak bisa dipindah ke "
            f"{STATE_LABELS_ID[key[1]]}. Pilihan: {options}."
        )
    return TRANSITIONS[key]
