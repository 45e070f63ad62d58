"""Full-text search over item titles and bodies: SQLite FTS5, PostgreSQL tsvector + GIN.

Users type free text; it is turned into a safe query of quoted words (all must occur,
the last one as a prefix), so no input can raise a syntax error or reach the SQL text.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.orm import Session

from pantau.store.tables import Item

MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)
# Must match the GIN index of migration 0005 exactly.
PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, coalesce(items.title, '') || ' ' || coalesce(items.body, ''))"
)


def terms(query: str) -> list[str]:
    """The words of a query, lower-cased, at most :data:`MAX_TERMS`."""
    return [w.lower() for w in _WORD.findall(query)][:MAX_TERMS]


def fts5_query(query: str) -> str | None:
    """``napi kab`` -> ``"napi" "kab"*``; None when there is nothing to search for."""
    words = terms(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if query.rstrip()[-1:].isalnum():
        quoted[-1] += "*"
    return " ".join(quoted)


def pg_query(query: str) -> str | None:
    """``napi kab`` -> ``napi & kab:*`` for to_tsquery('simple', ...)."""
    words = terms(query)
    if not words:
        return None
    parts = list(words)
    if query.rstrip()[-1:].isalnum():
        parts[-1] += ":*"
    return " & ".join(parts)


def matches(
    session: Session, query: str, *, id_range: tuple[int, int] | None = None
) -> ColumnElement[bool] | None:
    """A condition on ``Item`` true for items containing every word of ``query``.

    ``id_range`` (the ids of the period's items) lets FTS5 skip matches outside it: items
    are stored roughly in publication order, so a period is a narrow band of ids.
    """
    if session.get_bind().dialect.name == "postgresql":
        q = pg_query(query)
        if q is None:
            return None
        tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), q)
        return literal_column(PG_DOCUMENT).op("@@")(tsquery)
    q = fts5_query(query)
    if q is None:
        return None
    hits: Any = (
        select(literal_column("rowid"))
        .select_from(text("items_fts"))
        .where(text("items_fts MATCH :fts_q").bindparams(fts_q=q))
    )
    if id_range is not None:
        hits = hits.where(
            text("rowid BETWEEN :fts_lo AND :fts_hi").bindparams(
                fts_lo=id_range[0], fts_hi=id_range[1]
            )
        )
    return Item.id.in_(hits)


def rebuild(session: Session) -> None:
    """Rebuild the SQLite index after bulk loads that bypassed the triggers."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO items_fts(items_fts) VALUES ('rebuild')"))
