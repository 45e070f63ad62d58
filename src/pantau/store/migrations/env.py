"""Alembic environment: runs against the engine handed over by pantau.store.migrate."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Engine

# Every table module, so that autogenerate and the drift test see the whole schema.
import pantau.alerts.tables
import pantau.cases.tables
import pantau.reports.tables
import pantau.store.tables
import pantau.surveys.tables  # noqa: F401
from pantau.store.base import Base, UTCDateTime
from pantau.store.migrate import is_modelled

target_metadata = Base.metadata


def render_item(kind: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Migrations name plain SQLAlchemy types, never Pantau's own decorators."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_online() -> None:
    engine: Engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=render_item,
            include_name=is_modelled,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
