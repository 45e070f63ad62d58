"""Alembic migrations and the table models describe the same schema, on both engines."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

import pantau.alerts.tables
import pantau.cases.tables
import pantau.reports.tables
import pantau.surveys.tables  # noqa: F401
from pantau.store.base import Base
from pantau.store.migrate import downgrade, is_modelled, upgrade


def test_migrations_match_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": is_modelled}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_downgrade_to_nothing_and_back(engine: Engine) -> None:
    downgrade(engine, "base")
    assert "items" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert "items" in inspect(engine).get_table_names()
